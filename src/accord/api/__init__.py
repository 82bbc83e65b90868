"""The HTTP API: JSON routes under /api/ (``routes.router``), one error shape
(``errors``), the server's store handle (``db``), request guards (``security``).
``accord.server`` mounts it beside the web UI."""
