"""JSON routes under /_replica/forms/: the saves the pages make, and the test-only controls."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body
from starlette.requests import Request

from gofer.replicas.vpbank.config import FormsReplicaConfigPatch
from gofer.replicas.vpbank.payloads import ValuesBody, checked_values, form_spec
from gofer.replicas.vpbank.runtime import FormsReplica, vietnam_iso
from gofer.replicas.vpbank.session import parse_session_key
from gofer.replicas.vpbank.state import FormState

PREFIX = "/_replica/forms"


def _state_json(state: FormState) -> dict[str, Any]:
    return {
        "form": state.form,
        "session": state.session,
        "version": state.version,
        "updatedAt": vietnam_iso(state.updated_at),
        "values": state.values,
        "submissions": [{"at": vietnam_iso(s.at), "values": s.values} for s in state.submissions],
    }


def page_routes(replica: FormsReplica) -> APIRouter:
    """The two calls the pages themselves make; present even without test controls."""
    router = APIRouter(prefix=PREFIX, tags=["vpbank pages"])

    @router.put("/{form}/state")
    async def save_state(form: str, request: Request, body: ValuesBody = Body()) -> dict[str, Any]:
        spec = form_spec(form)
        session = parse_session_key(request.query_params.get("session"))
        state = await replica.store.save(spec.name, session, checked_values(spec, body.values))
        return {
            "form": state.form,
            "session": state.session,
            "version": state.version,
            "updatedAt": vietnam_iso(state.updated_at),
        }

    @router.post("/{form}/submissions", status_code=201)
    async def record_submission(
        form: str, request: Request, body: ValuesBody = Body()
    ) -> dict[str, Any]:
        spec = form_spec(form)
        session = parse_session_key(request.query_params.get("session"))
        submission = await replica.store.add_submission(
            spec.name, session, checked_values(spec, body.values)
        )
        return {"form": spec.name, "session": session, "at": vietnam_iso(submission.at)}

    return router


def test_control_routes(replica: FormsReplica) -> APIRouter:
    """Inspection and switches for tests; absent from the real pages."""
    router = APIRouter(prefix=PREFIX, tags=["vpbank test controls"])

    @router.get("/config")
    async def read_config() -> dict[str, Any]:
        return replica.config.model_dump()

    @router.patch("/config")
    async def change_config(patch: FormsReplicaConfigPatch = Body()) -> dict[str, Any]:
        changes = patch.model_dump(exclude_none=True)
        replica.config = replica.config.model_copy(update=changes)
        return replica.config.model_dump()

    @router.post("/reset")
    async def reset() -> dict[str, Any]:
        await replica.reset()
        return {"success": True, "config": replica.config.model_dump()}

    @router.get("/{form}/state")
    async def read_state(form: str, request: Request) -> dict[str, Any]:
        spec = form_spec(form)
        session = parse_session_key(request.query_params.get("session"))
        return _state_json(await replica.store.read(spec.name, session))

    @router.get("/{form}/sessions")
    async def list_sessions(form: str) -> dict[str, Any]:
        spec = form_spec(form)
        states = await replica.store.sessions(spec.name)
        return {
            "form": spec.name,
            "sessions": [
                {
                    "session": s.session,
                    "version": s.version,
                    "updatedAt": vietnam_iso(s.updated_at),
                    "submissions": len(s.submissions),
                }
                for s in states
            ],
        }

    return router
