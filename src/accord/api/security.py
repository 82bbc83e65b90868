"""Who may talk to the server, and how much: one ASGI middleware (``Guard``).

- ``Host`` must name this server: localhost, 127.0.0.1, [::1] or the address it is bound
  to (a DNS-rebinding page reaches 127.0.0.1 under its own name, and is refused). Bound to
  every interface (0.0.0.0, ::), any name is accepted.
- Writes (POST, PUT, PATCH, DELETE to a route that writes) are refused before a byte of the body is read when
  uploads are off; when on, an ``Origin`` header, if sent, must be this server's own (a
  page elsewhere cannot make the user's browser upload: CSRF), and when a token is set
  (``accord serve --token`` or ``ACCORD_TOKEN``; required when bound beyond loopback) the
  request must carry it (``Authorization: Bearer TOKEN`` or ``X-Accord-Token: TOKEN``).
- A request body is counted as it streams and cut at the limit (413), whether or not it
  announced its length (a chunked upload has none).
"""
from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import HTTPException
from starlette.responses import JSONResponse

from .errors import body as error_body

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
ANY_ADDRESS = frozenset({"0.0.0.0", "::", "[::]", ""})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_loopback(host: str) -> bool:
    return host.strip("[]").lower() in {"localhost", "127.0.0.1", "::1"} or host.startswith("127.")


def host_name(value: str) -> str:
    """The host of a Host header or netloc, without the port, lower case ('[::1]' kept bracketed)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_hosts(bound: str | None) -> frozenset[str] | None:
    """Host names accepted for a server bound to ``bound`` (None: any)."""
    if bound is None or bound.strip().lower() in ANY_ADDRESS:
        return None
    b = bound.strip().lower()
    names = set(LOOPBACK_NAMES) | {b}
    if ":" in b and not b.startswith("["):
        names.add(f"[{b}]")
    return frozenset(names)


class Guard:
    def __init__(self, app, *, bound_host: str | None = "127.0.0.1", allow_writes: bool = False,
                 token: str | None = None, max_body: int = 5 * 1024 * 1024 + 64 * 1024,
                 write_paths: tuple[str, ...] = ("/api/ingest",)):
        self.app = app
        self.write_paths = frozenset(p.rstrip("/") for p in write_paths)
        self.hosts = allowed_hosts(bound_host)
        self.allow_writes = allow_writes
        self.token = token or None
        self.max_body = max_body

    async def _refuse(self, scope, receive, send, status: int, message: str, headers: dict | None = None) -> None:
        await JSONResponse(error_body(status, message), status_code=status, headers=headers)(scope, receive, send)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.hosts is not None and host_name(host) not in self.hosts:
            shown = host[:100].encode("ascii", "replace").decode()
            return await self._refuse(scope, receive, send, 421,
                                      f"Host {shown!r} is not this server; use http://127.0.0.1 or the address it is bound to")
        if scope["method"] in WRITE_METHODS and scope.get("path", "").rstrip("/") in self.write_paths:
            if not self.allow_writes:
                return await self._refuse(scope, receive, send, 403,
                                          "uploads are disabled: start the server with `accord serve --allow-ingest`")
            origin = headers.get("origin")
            if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
                shown = origin[:100].encode("ascii", "replace").decode()
                return await self._refuse(scope, receive, send, 403,
                                          f"cross-origin write refused: Origin {shown!r} is not this server")
            if self.token:
                given = headers.get("x-accord-token") or ""
                auth = headers.get("authorization", "")
                if auth.lower().startswith("bearer "):
                    given = auth[7:].strip()
                if not hmac.compare_digest(given.encode(), self.token.encode()):
                    return await self._refuse(scope, receive, send, 401,
                                              "this server needs its token for writes: send 'Authorization: Bearer TOKEN'",
                                              headers={"WWW-Authenticate": "Bearer"})
            cl = headers.get("content-length")
            if cl and cl.isdigit() and int(cl) > self.max_body:
                return await self._refuse(scope, receive, send, 413,
                                          f"request body of {int(cl)} bytes is over the {self.max_body // (1024 * 1024)} MB limit")
        seen = 0
        limit = self.max_body

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"request body over the {limit // (1024 * 1024)} MB limit; reading stopped")
            return message

        return await self.app(scope, counted_receive, send)
