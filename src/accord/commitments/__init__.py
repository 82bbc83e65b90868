"""Commitments: a ledger of what governments promised, with deadlines, followed across
later documents (see ledger.py for the method and its cost)."""
from .ledger import BuildSummary, build, build_ledger, classify, follow_up
from .query import STATUSES, commitment, ledger_built, list_commitments, status_counts

__all__ = ["BuildSummary", "build", "build_ledger", "follow_up", "classify", "commitment", "list_commitments",
           "status_counts", "STATUSES", "ledger_built"]
