"""The VPBank forms replica as an ASGI app: the five pages, their assets and /_replica/forms/."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request

from gofer.replicas.vpbank.api import page_routes, test_control_routes
from gofer.replicas.vpbank.config import FormsReplicaConfig
from gofer.replicas.vpbank.errors import install_error_handlers
from gofer.replicas.vpbank.pages import ASSETS_DIR, FormPages, index_page
from gofer.replicas.vpbank.payloads import form_spec
from gofer.replicas.vpbank.runtime import FormsReplica
from gofer.replicas.vpbank.session import (
    SESSION_COOKIE,
    SESSION_COOKIE_MAX_AGE_S,
    is_session_key,
    new_session_key,
    parse_session_key,
)

NO_STORE = {"Cache-Control": "no-store"}


def _relative_redirect(target: str, request: Request) -> RedirectResponse:
    # Relative, so it stays right whatever prefix a parent server mounts this app under.
    query = request.url.query
    return RedirectResponse(f"{target}?{query}" if query else target, status_code=307)


def create_vpbank_app(
    config: FormsReplicaConfig | None = None, *, test_controls: bool = True
) -> FastAPI:
    """Serve `/vpbank/<form>/` pages, `/vpbank/assets/`, and `/_replica/forms/` JSON routes.

    With `test_controls=False` only the two calls the pages make remain under `/_replica/forms/`
    (saving the state and recording a submission).
    """
    replica = FormsReplica(initial_config=config or FormsReplicaConfig())
    pages = FormPages()
    app = FastAPI(title="VPBank forms replica", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.forms_replica = replica
    install_error_handlers(app)

    app.mount("/vpbank/assets", StaticFiles(directory=ASSETS_DIR), name="vpbank-assets")
    app.include_router(page_routes(replica))
    if test_controls:
        app.include_router(test_control_routes(replica))

    @app.get("/vpbank", include_in_schema=False)
    async def vpbank_root(request: Request) -> RedirectResponse:
        return _relative_redirect("vpbank/", request)

    @app.get("/vpbank/", include_in_schema=False)
    async def vpbank_index() -> HTMLResponse:
        return HTMLResponse(index_page(), headers=NO_STORE)

    @app.get("/vpbank/{form}", include_in_schema=False)
    async def form_without_slash(form: str, request: Request) -> RedirectResponse:
        spec = form_spec(form)
        return _relative_redirect(f"{spec.name}/", request)

    @app.get("/vpbank/{form}/", include_in_schema=False)
    async def form_page(form: str, request: Request) -> HTMLResponse:
        spec = form_spec(form)
        cookie = request.cookies.get(SESSION_COOKIE)
        cookie_ok = is_session_key(cookie)
        if "session" in request.query_params:
            session = parse_session_key(request.query_params["session"])
        elif cookie_ok and cookie is not None:
            session = cookie
        else:
            session = new_session_key()
        state = await replica.store.read(spec.name, session)
        html = pages.render(
            spec.name,
            session=session,
            saved=state.values if state.version else None,
            config=replica.config,
        )
        response = HTMLResponse(html, headers=NO_STORE)
        if not cookie_ok:
            response.set_cookie(
                SESSION_COOKIE,
                session if "session" not in request.query_params else new_session_key(),
                max_age=SESSION_COOKIE_MAX_AGE_S,
                path="/",
                httponly=True,
                samesite="lax",
            )
        return response

    return app
