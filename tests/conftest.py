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


_MODEL_CALLS = ("Digester(", "load_encoder(", "OnnxEncoder(", "Encoder(", "default_transliterator()", "Transliterator(")


def _sources(item) -> str:
    """The test function's source and that of every fixture it uses (directly or through others)."""
    import inspect

    funcs = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info else ()):
        funcs.extend(d.func for d in defs)
    out = []
    for f in funcs:
        try:
            out.append(inspect.getsource(f))
        except (TypeError, OSError):
            pass
    src = "\n".join(out)
    module = getattr(item, "module", None)  # one level of module helpers (def seed(): shared_path(...))
    for name, f in vars(module).items() if module else ():
        if inspect.isfunction(f) and f.__module__ == module.__name__ and f"{name}(" in src:
            try:
                src += "\n" + inspect.getsource(f)
            except (TypeError, OSError):
                pass
    return src


def pytest_collection_modifyitems(config, items):
    """The markers mean what pyproject.toml says: ``shared`` on every test that reads ../shared,
    ``model`` on every test that loads the shipped models (so ``-m "not model"`` is the quick suite)."""
    for item in items:
        src = _sources(item)
        if "shared_path(" in src or "SHARED" in src:
            item.add_marker(pytest.mark.shared)
        if "digester" in item.fixturenames or any(call in src for call in _MODEL_CALLS):
            item.add_marker(pytest.mark.model)
