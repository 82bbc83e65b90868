"""accord: structured, source-linked records from diplomatic documents and news."""

__version__ = "0.1.0"
# Bumped whenever a stage changes what it produces; stored with every processed document
# so reruns can skip documents already processed by the same pipeline.
PIPELINE_VERSION = "0.1.0"
