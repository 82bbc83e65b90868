"""The server: the HTTP API (``accord.api``) and the web UI (``accord.web``) mounted side
by side on one FastAPI application over one store. ``create_app(db_path)`` builds it;
``accord serve`` runs it with uvicorn on 127.0.0.1 by default. The API docs at /docs
load Swagger UI from the installed ``swagger_ui_bundle`` package, never from the network."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from . import __version__
from .api import errors
from .api.db import Database

SWAGGER_ASSETS = "/static/swagger-ui"

DESCRIPTION = """Read-only access to an accord store: documents with their sentences, repairs,
actor mentions and acts; acts filtered by actor, dyad, type and date; commitments; news
against official text; exports. Every error has one shape:
`{"error": {"status": 404, "code": "not_found", "message": "..."}}`."""


def create_app(db_path: str, allow_ingest: bool = False, host: str | None = "127.0.0.1",
               token: str | None = None) -> FastAPI:
    """``host``: the address the server is bound to (requests naming another Host are
    refused; None accepts any); ``token``: required on writes when set (api.security), and
    to allow uploads on an address beyond loopback."""
    from .api.routes import MAX_UPLOAD, router as api_router
    from .api.security import Guard, is_loopback
    from .errors import AccordError
    from .web import WEB_DIR, router as web_router, templates

    if allow_ingest and host is not None and not is_loopback(host) and not token:
        raise AccordError(f"uploads on {host} (beyond this machine) need a token: give the server one (ACCORD_TOKEN)")
    db = Database(db_path, writable=allow_ingest)

    @asynccontextmanager
    async def lifespan(app):
        yield
        db.close()

    app = FastAPI(title="accord", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.db = db
    app.state.allow_ingest = allow_ingest
    app.state.token_required = bool(token)
    app.state.templates = templates
    errors.install(app)
    # Host, Origin, token and body-size checks, before any route reads the request
    app.add_middleware(Guard, bound_host=host, allow_writes=allow_ingest, token=token, max_body=MAX_UPLOAD + 64 * 1024)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        resp = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith("/docs"):  # Swagger UI starts itself with an inline script
            resp.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        return resp

    app.include_router(api_router)
    app.include_router(web_router)
    _api_docs(app)
    app.mount("/static", StaticFiles(directory=str(Path(WEB_DIR) / "static")), name="static")
    return app


def _api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs, its script and style served from the installed package."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html

    app.mount(SWAGGER_ASSETS, StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="accord API",
                                   swagger_js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{SWAGGER_ASSETS}/favicon-32x32.png")
