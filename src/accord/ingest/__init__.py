"""Ingest stage: read files, folders and .tar.gz archives into Document objects."""
from .formats import parse_bytes, detect_format
from .reader import Rejected, Source, iter_sources, load_documents

__all__ = ["parse_bytes", "detect_format", "iter_sources", "load_documents", "Source", "Rejected"]
