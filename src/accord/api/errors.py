"""One error shape for every failure: {"error": {"status", "code", "message"}}.

API paths (and any client that does not ask for HTML) get JSON; a browser navigating
the web UI gets the same fields rendered as an HTML page with the same status."""
from __future__ import annotations

import logging

import duckdb

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import AccordError, BadRequest, InputError, NotFoundError, StoreError

log = logging.getLogger("accord.api")

CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 409: "conflict",
         413: "payload_too_large", 415: "unsupported_media_type", 422: "unprocessable", 500: "internal_error",
         503: "unavailable"}


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None):
        self.status, self.message, self.code = status, message, code or CODES.get(status, "error")
        super().__init__(message)


def body(status: int, message: str, code: str | None = None) -> dict:
    return {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message}}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path in ("/api", "/openapi.json"):
        return False
    return "text/html" in request.headers.get("accept", "")


def respond(request: Request, status: int, message: str, code: str | None = None, headers=None):
    b = body(status, message, code)
    if _wants_html(request):
        templates = getattr(request.app.state, "templates", None)
        if templates is not None:
            return templates.TemplateResponse(request, "error.html", {"error": b["error"]}, status_code=status,
                                              headers=headers)
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)
    return JSONResponse(b, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError):
        return respond(request, exc.status, exc.message, exc.code)

    @app.exception_handler(BadRequest)
    async def _bad(request: Request, exc: BadRequest):
        return respond(request, 400, str(exc))

    @app.exception_handler(NotFoundError)
    async def _nf(request: Request, exc: NotFoundError):
        return respond(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError):
        return respond(request, 400, exc.reason)

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        return respond(request, 503, str(exc))

    @app.exception_handler(AccordError)
    async def _accord(request: Request, exc: AccordError):
        return respond(request, 400, str(exc))

    @app.exception_handler(duckdb.Error)
    async def _duckdb(request: Request, exc: duckdb.Error):  # a corrupt block met by a read, a full disk
        import os

        from ..store.db import store_error

        log.exception("store error on %s", request.url.path)
        db = getattr(request.app.state, "db", None)
        return respond(request, 503, str(store_error(os.path.basename(db.path) if db else None, exc)))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return respond(request, 400, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"no such page or route: {request.url.path}"
        elif exc.status_code == 405:
            msg = f"method {request.method} not allowed on {request.url.path}"
        return respond(request, exc.status_code, msg, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _other(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, 500, f"internal error ({type(exc).__name__}); see the server log")
