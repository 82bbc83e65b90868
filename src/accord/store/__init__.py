"""Store stage: an embedded DuckDB file holding documents, sentences, actors and acts."""
from .db import SCHEMA_VERSION, Store

__all__ = ["Store", "SCHEMA_VERSION"]
