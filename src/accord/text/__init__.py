"""Text stage: repair scraped text, then segment it into sections and sentences."""
from .repair import repair
from .segment import segment


def prepare(doc):
    """Repair, then segment: the whole text stage over one Document (what
    ``accord.pipeline.prepare`` runs at ingest)."""
    return segment(repair(doc))


__all__ = ["prepare", "repair", "segment"]
