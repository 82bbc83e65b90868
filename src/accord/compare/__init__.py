"""Compare a news report with the official text it covers (issue 5).

``link_candidates`` finds the official document(s) a news document reports;
``compare`` aligns and labels every sentence; ``render``/``print_report`` show the
result; ``write_comparison`` stores it.
"""
from .align import NEWS_LABELS, SOURCE_LABELS, Comparison, Evidence, NewsItem, SourceItem, compare
from .link import Candidate, link_candidates, load_from_store
from .report import print_report, render, to_dict
from .store import ensure_tables, write_comparison

__all__ = ["compare", "Comparison", "NewsItem", "SourceItem", "Evidence", "NEWS_LABELS", "SOURCE_LABELS",
           "link_candidates", "Candidate", "load_from_store", "render", "print_report", "to_dict",
           "ensure_tables", "write_comparison"]
