"""Where the tests' files are: the checkout, its samples, and `../shared` (the reference folder
beside a developer's checkout; None in a user's clone, where the tests that need it skip)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "hangzhou-bulletin.txt"
SHARED: Path | None = ROOT.parent / "shared" if (ROOT.parent / "shared" / "spec").is_dir() else None
NO_SHARED = "../shared is not beside this checkout"
