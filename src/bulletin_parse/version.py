"""The one place the version is written; outputs record it so re-runs can tell stale files."""

__version__ = "0.3.0"
