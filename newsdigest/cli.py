"""The newsdigest command line. Each command is a thin wrapper over a tested function.

Exit codes: 0 success; 1 some inputs failed or a run-time error; 2 usage error, bad input
or a model that cannot be found. Errors are one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys

from . import __version__
from .errors import InputError, ModelNotFoundError, NewsdigestError


def _eval_ner(args) -> int:
    from pathlib import Path

    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be 1 or more (leave it out to evaluate the whole file)")
    if args.file == "-":  # stdin: kept in a temporary file, which the readers take like any other
        import tempfile

        data = sys.stdin.buffer.read()
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "stdin.jsonl").write_bytes(data)
            return _eval_ner_file(args, Path(tmp) / "stdin.jsonl", "-")
    path = Path(args.file)
    if not path.is_file():
        raise InputError(f"{args.file}: not a file; give a JSONL of token/tag or span records (or - for stdin)")
    return _eval_ner_file(args, path, args.file)


def _eval_ner_file(args, path, name: str) -> int:
    """``eval ner`` on the JSONL at ``path``; ``name`` is what messages and the result call it."""
    from .evaluation.ner import evaluate_file, evaluate_span_file
    from .entities.gold import is_span_record
    from .pipeline import Digester

    try:
        with open(path, encoding="utf-8") as fh:
            first = next((line for line in fh if line.strip()), "")
        spans = bool(first) and is_span_record(first)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: not UTF-8 JSONL ({exc})") from None
    if args.quantize and args.precision not in (None, "int8"):
        raise InputError(f"--quantize means --precision int8; it contradicts --precision {args.precision}")
    digester = Digester(ner_model=args.ner_model, precision=args.precision, quantize=args.quantize)
    limit = args.limit or 0
    try:
        res = (evaluate_span_file if spans else evaluate_file)(digester, path, limit=limit)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{name}: bad record ({exc})") from None
    res["file"] = name
    n = res["texts"] if spans else res["sentences"]
    if not n or not (res["per_type"] or spans):
        raise InputError(f"{name}: no labelled records (need 'tokens' + 'tags', or 'text' + 'entities')")
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
        return 0
    unit = "texts" if spans else "sentences"
    rows = [("digest", res["digest"]), ("ner", res["ner"])] if spans else [("", res)]
    print(f"{res['file']}: {n} {unit}")
    for name, r in rows:
        head = f"  {name + ' ' if name else ''}exact-span micro F1 {r['f1']:.4f} " \
               f"(P {r['precision']:.4f} R {r['recall']:.4f})"
        print(head)
        for t, x in r["per_type"].items():
            print(f"    {t}: F1 {x['f1']:.4f} P {x['precision']:.4f} R {x['recall']:.4f} support {x['support']}")
        if "names" in r:
            nm = r["names"]
            print(f"    English names right: {nm['right']}/{nm['of']} = {nm['accuracy']:.4f}")
    return 0


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line on stderr (exit 2), pointing at --help instead of printing the usage."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="newsdigest",
        description="Structured bilingual (Hindi/English) digests of news articles.")
    p.add_argument("--version", action="version", version=f"newsdigest {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    from .batch.cli import add_parser as add_summarize

    add_summarize(sub)
    from .translate import cli as tcli

    tcli.add_translate_arguments(sub.add_parser(
        "translate", help="translate an article between Hindi and English (needs a translation model)"))
    tcli.add_models_arguments(sub.add_parser("models", help="list, inspect or download models"))

    ev = sub.add_parser("eval", help="measure quality on a labelled file")
    evsub = ev.add_subparsers(dest="what", metavar="WHAT", required=True)
    ner = evsub.add_parser("ner", help="exact-span F1 of PER/ORG/LOC on tokens+tags or raw text+spans")
    ner.add_argument("file", help="JSONL (- for stdin) with 'tokens' and 'tags' (BIO or IO; PER/ORG/LOC, PERSON/..., NEP/...), "
                                  "or with 'text' and character-offset 'entities' (news-hi format: scored on "
                                  "raw text through the whole pipeline, English names included)")
    ner.add_argument("--limit", type=int, default=None, help="only the first N sentences or texts")
    ner.add_argument("--precision", choices=("auto", "bf16", "int8", "fp32"), default=None,
                     help="the encoder's precision (default: $NEWSDIGEST_PRECISION, else auto)")
    ner.add_argument("--quantize", action="store_true", help="deprecated: the same as --precision int8")
    ner.add_argument("--ner-model", default=None, metavar="DIR", help="an NER artifact folder (default: the shipped one)")
    ner.add_argument("--json", action="store_true", help="print the result as one JSON line")
    ner.set_defaults(func=_eval_ner)
    tcli.add_eval_translate_arguments(evsub.add_parser(
        "translate", help="chrF++ and BLEU of a translation model on a parallel JSONL file"))
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (ModelNotFoundError, InputError) as exc:
        print(f"newsdigest: error: {exc}", file=sys.stderr)
        return 2
    except NewsdigestError as exc:
        print(f"newsdigest: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsdigest: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# oneDNN's primitive cache for the command's processes (its default is 1024). A folder run's batches
# rarely repeat a shape, so the cache mostly holds kernels and buffers no later batch uses; 32 keeps every
# kernel one batch reuses across its 12 layers. With encode.encoder.TRIM_GROWTH_MB, 200 BBC Hindi articles
# peaked at 0.92-0.94 GB instead of 1.04-1.05 GB, 4-9% slower (README, "Memory of long folder runs").
PRIMITIVE_CACHE = "32"
# torch's own cache of oneDNN computations (ideep's, read from LRU_CACHE_CAPACITY; its default is 1,024),
# which grows with every new batch shape as well (pytorch/pytorch#27971): 8 entries hold what one batch
# reuses; 1,000 articles peaked at 0.99-1.02 GB instead of 1.08 GB, no slower (README).
COMPUTATION_CACHE = "8"


def run() -> None:
    """The ``newsdigest`` command: :func:`main`, then :func:`fast_exit` with its code.

    Sets ``ONEDNN_PRIMITIVE_CACHE_CAPACITY`` to :data:`PRIMITIVE_CACHE` and ``LRU_CACHE_CAPACITY`` to
    :data:`COMPUTATION_CACHE` unless they are set already; the worker processes of ``--jobs`` inherit
    them. Library callers keep the defaults."""
    import os

    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", PRIMITIVE_CACHE)
    os.environ.setdefault("LRU_CACHE_CAPACITY", COMPUTATION_CACHE)
    fast_exit(main())


def fast_exit(code: int) -> None:
    """Exit with ``code`` without tearing the interpreter down, when nothing needs the teardown.

    Freeing torch's modules and objects one by one takes about 0.3 s, a tenth of a one-file digest. The
    atexit handlers still run (logging, worker pools), the outputs are flushed, and with another
    non-daemon thread still running the normal exit runs instead. The ``os._exit`` that follows skips
    only the interpreter's own clean-up, which a finished command does not need.
    """
    import atexit
    import os
    import threading

    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None:  # not CPython: the usual exit
        sys.exit(code)
    run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(code)
