"""Which voice requests count against the offer limit."""

from __future__ import annotations

from gofer.ratelimit.limiter import LimitName, limit_for


def test_only_offers_count_against_the_offer_limit() -> None:
    assert limit_for("POST", "/offer") == LimitName.OFFER
    assert limit_for("POST", "/api/offer") == LimitName.OFFER
    # Trickle-ICE candidates of a call come in bursts; they take the default limit.
    assert limit_for("PATCH", "/api/offer") == LimitName.DEFAULT
