"""One-time live tokens: stored hashed, used once, refused when expired, unknown or reused."""

from __future__ import annotations

import pytest

from gofer.events.bus import MemoryEventBus
from gofer.events.model import utc_now
from gofer.jobs.store import JobStore
from gofer.live.tables import LiveTokenRow
from gofer.live.tokens import LiveTokens, TokenRefused, token_hash
from gofer.store.db import create_engine, create_tables, session_factory


@pytest.fixture
async def db(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 't.db'}")
    await create_tables(engine)
    yield session_factory(engine)
    await engine.dispose()


async def a_job(db) -> str:
    job = await JobStore(db, MemoryEventBus()).create(user_id="anna", workflow="w", params={})
    return job.job_id


async def test_a_token_is_stored_only_as_its_hash_and_opens_once(db):
    tokens = LiveTokens(db)
    job_id = await a_job(db)
    token, grant = await tokens.issue(job_id, "anna", interactive=True, ttl_s=60)

    async with db() as session:
        rows = (await session.execute(LiveTokenRow.__table__.select())).all()
    assert [r.token_hash for r in rows] == [token_hash(token)] and token not in str(rows)
    assert (await tokens.peek(token)).job_id == job_id  # looking does not use it
    redeemed = await tokens.redeem(token)
    assert redeemed == grant and redeemed.interactive
    with pytest.raises(TokenRefused) as again:
        await tokens.redeem(token)
    assert again.value.code == "used"
    with pytest.raises(TokenRefused):
        await tokens.peek(token)


async def test_expired_and_unknown_tokens_are_refused_with_their_reason(db):
    tokens = LiveTokens(db)
    token, _ = await tokens.issue(await a_job(db), "anna", interactive=False, ttl_s=-1)
    with pytest.raises(TokenRefused) as expired:
        await tokens.redeem(token)
    assert expired.value.code == "expired"
    with pytest.raises(TokenRefused) as unknown:
        await tokens.redeem("lv_nothing")
    assert unknown.value.code == "unknown"
    assert await tokens.prune(utc_now()) == 1
