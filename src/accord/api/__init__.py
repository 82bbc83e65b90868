"""HTTP API and web UI (FastAPI). ``create_app(db_path)`` builds the application;
``accord serve`` runs it with uvicorn on 127.0.0.1 by default."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import errors
from .db import Database

DESCRIPTION = """Read-only access to an accord store: documents with their sentences, repairs,
actor mentions and acts; acts filtered by actor, dyad, type and date; commitments; news
against official text; exports. Every error has one shape:
`{"error": {"status": 404, "code": "not_found", "message": "..."}}`."""


def create_app(db_path: str, allow_ingest: bool = False, host: str | None = "127.0.0.1",
               token: str | None = None) -> FastAPI:
    """``host``: the address the server is bound to (requests naming another Host are
    refused; None accepts any); ``token``: required on writes when set (api.security)."""
    from ..web import WEB_DIR, router as web_router, templates
    from .routes import MAX_UPLOAD
    from .security import Guard

    db = Database(db_path, writable=allow_ingest)

    @asynccontextmanager
    async def lifespan(app):
        yield
        db.close()

    app = FastAPI(title="accord", version=__version__, description=DESCRIPTION, lifespan=lifespan)
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
        if not request.url.path.startswith(("/docs", "/redoc")):  # Swagger UI and ReDoc load their own scripts
            resp.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        return resp

    from .routes import router as api_router

    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=str(Path(WEB_DIR) / "static")), name="static")

    return app
