import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSDIGEST_SHARED", REPO.parent / "shared"))


def shared_path(*parts) -> Path:
    """A file under ../shared, or skip the test cleanly when the folder is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available (../shared is absent)")
    return p


@pytest.fixture(scope="session")
def digester():
    """The real pipeline with the shipped models, loaded once for the whole session."""
    from newsdigest import Digester

    return Digester()
