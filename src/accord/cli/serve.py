"""`accord serve`: the HTTP API and web UI."""
from __future__ import annotations

import typer

from ._common import DbOpt, err


def serve(db: str = DbOpt,
          host: str = typer.Option("127.0.0.1", help="Address to bind (default: this machine only)."),
          port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on (1 to 65535)."),
          allow_ingest: bool = typer.Option(False, "--allow-ingest", help="Accept uploads at POST /api/ingest (opens the store read-write)."),
          token: str = typer.Option(None, "--token", envvar="ACCORD_TOKEN", show_default=False,
                                    help="Secret that uploads must send (Authorization: Bearer TOKEN); required with --allow-ingest beyond loopback."),
          log_level: str = typer.Option("warning", help="uvicorn log level.")):
    """Serve the HTTP API (/api/, docs at /docs) and the web UI (/) over a store."""
    import uvicorn

    from ..api.security import is_loopback
    from ..errors import AccordError
    from ..server import create_app

    if allow_ingest and not is_loopback(host) and not token:
        raise AccordError(f"--allow-ingest on {host} (beyond this machine) needs a token: give --token or set ACCORD_TOKEN")
    application = create_app(db, allow_ingest=allow_ingest, host=host, token=token)  # opens the store: errors show before binding
    shown = f"[{host}]" if ":" in host else host
    if not is_loopback(host):
        err.print(f"[yellow]warning:[/yellow] binding {host}: the UI and API can be read from other machines"
                  + (" (uploads need the token)" if allow_ingest else ""), soft_wrap=True)
    typer.echo(f"accord: serving {db} at http://{shown}:{port}/  (API http://{shown}:{port}/api/, docs http://{shown}:{port}/docs)"
               + ("; uploads allowed" if allow_ingest else ""))
    uvicorn.run(application, host=host, port=port, log_level=log_level)
