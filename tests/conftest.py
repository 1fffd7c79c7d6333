"""Shared test helpers: where the samples are, and `../shared` (absent in a user's clone)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED = SAMPLES / "hangzhou-bulletin.txt"


def require_shared() -> Path:
    """The shared reference folder, or a clean skip where it does not exist."""
    if not (SHARED / "spec").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
