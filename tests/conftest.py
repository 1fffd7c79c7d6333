"""Test set-up: the `shared` fixture (`../shared`, absent in a user's clone) and the hypothesis profiles.
Paths live in `paths.py`."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from paths import NO_SHARED, SHARED


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared reference folder (specs, corpus, gold, peers), or a clean skip where it does
    not exist: a user's clone has none."""
    if SHARED is None:
        pytest.skip(NO_SHARED)
    return SHARED


# Property tests run a bounded number of examples in CI; `HYPOTHESIS_PROFILE=long` is the soak run.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("long", max_examples=20_000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
