"""Acts stage: who did what to whom, per clause, coded in PLOVER and CAMEO."""
from .extract import extract_acts, get_nlp

__all__ = ["extract_acts", "get_nlp"]
