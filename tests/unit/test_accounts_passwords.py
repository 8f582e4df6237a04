"""The password policy and argon2 hashing."""

from __future__ import annotations

import pytest

from gofer.accounts.passwords import hash_password, password_problem, verify_password


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("short", "at least 10"),
        ("123456789", "at least 10"),
        ("1234567890", "too common"),
        ("PASSWORD123", "too common"),
        ("QwErTyUiOp", "too common"),
        ("x" * 257, "at most 256"),
        ("anna@example.com", "same as the email"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password, words):
    problem = password_problem(password, "anna@example.com")
    assert problem is not None and words in problem


@pytest.mark.parametrize("password", ["correct horse battery", "tio tecken!", "Ünïcødé-lösen"])
def test_good_passwords_pass(password):
    assert password_problem(password, "anna@example.com") is None


async def test_hash_is_argon2_and_verifies_only_the_right_password():
    hashed = await hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$") and "correct horse" not in hashed
    assert await verify_password("correct horse battery", hashed)
    assert not await verify_password("correct horse batterY", hashed)
    # Unknown users are checked against a dummy hash: the answer is simply no.
    assert not await verify_password("correct horse battery", None)
