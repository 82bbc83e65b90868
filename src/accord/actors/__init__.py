"""Actors stage: find actor mentions, resolve them to codes as of the document date,
and find the document's parties (who speaks)."""
from .gazetteer import Gazetteer, get_gazetteer
from .resolve import find_actors, lookup, resolve_name

__all__ = ["Gazetteer", "get_gazetteer", "find_actors", "lookup", "resolve_name"]
