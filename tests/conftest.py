"""Shared test helpers: where the samples are, and `../shared` (absent in a user's clone)."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED = SAMPLES / "hangzhou-bulletin.txt"


def require_shared() -> Path:
    """The shared reference folder, or a clean skip where it does not exist."""
    if not (SHARED / "spec").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


# Property tests run a bounded number of examples in CI; `HYPOTHESIS_PROFILE=long` is the soak run.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("long", max_examples=20_000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
