"""The replica answers through the strict wire models: a drifted answer fails loudly."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from gofer.replicas.trafikverket import api
from gofer.replicas.trafikverket.calls import ApiCall
from gofer.replicas.trafikverket.shapes import aspirant_json
from gofer.workflows.trafikverket.wire import ANSWERS
from tests.unit.replica_trafikverket_fixtures import open_replica


def aspirant_with_an_invented_field(call: ApiCall) -> dict[str, Any]:
    aspirant = aspirant_json(call.ssn, call.now)
    aspirant["isEmailVerified"] = True  # not a field of the real site
    return {"aspirant": aspirant}


async def test_an_answer_with_a_field_the_real_site_lacks_is_never_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(api.ENDPOINTS, "information", api.Endpoint(aspirant_with_an_invented_field))
    async with open_replica() as tv:
        me = await tv.login()
        with pytest.raises(ValidationError, match="isEmailVerified"):
            await me.call("information")


async def test_every_endpoint_the_replica_serves_has_a_wire_model() -> None:
    assert set(api.ENDPOINTS) == set(ANSWERS)
