"""Text stage: repair scraped text, then segment it into sections and sentences."""
from .repair import repair
from .segment import segment

__all__ = ["repair", "segment"]
