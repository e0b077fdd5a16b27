"""``newsdigest summarize``: one file to stdout, or files and folders into OUT with a manifest.

A thin wrapper over :func:`newsdigest.batch.run_folder`; importing it loads no model code.
Exit codes: 0 all ok (or skipped/ignored); 1 some article failed to digest (or another
run-time error); 2 a usage error, a missing model, or (for one FILE to stdout) an unreadable
input; 130 Ctrl-C. In a folder run an unreadable input is a failed article: 1, in the manifest.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import InputError, ModelNotFoundError, NewsdigestError
from .inputs import DEFAULT_MAX_CHARS, read_articles
from .chunks import Item, numbered
from .digesting import default_digester_factory, digest_chunk
from .errors import RunInterrupted, UsageError
from .runner import run_folder

__all__ = ["add_parser", "run_summarize", "main"]

PROG = "newsdigest"


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``summarize`` on an argparse subparsers object; its handler is ``run_summarize``."""
    p = subparsers.add_parser(
        "summarize", help="digest article files or folders",
        description="Digest .txt, .md, .html, .json and .jsonl articles. One FILE without --out "
                    "prints its digest to stdout; with --out OUT every input (folders are walked "
                    "recursively) gets one output under OUT and a line in OUT/manifest.jsonl.",
        epilog="exit codes: 0 all ok, skipped or ignored; 1 some input failed (see "
               "OUT/manifest.jsonl); 2 usage error, missing model, or an unreadable FILE without "
               "--out; 130 interrupted")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article file or folder; '-' reads one article "
                                                               "from standard input")
    p.add_argument("--out", metavar="OUT", help="folder for the outputs and manifest (with --dask: "
                                                 "any fsspec URL the workers can write)")
    p.add_argument("--format", choices=("json", "md"), default="json",
                   help="output format (default: json)")
    p.add_argument("--force", action="store_true",
                   help="redo inputs that are unchanged since the last run")
    p.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                   help="worker processes, each loading the model once (default: 1)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="digest on a Dask cluster: a scheduler address (tcp://host:8786), or "
                        "local:N for N local worker processes started for this run; needs "
                        "newsdigest[distributed]")
    p.add_argument("--max-chars", type=_positive_int, default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"refuse longer articles (default: {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--mt-model", metavar="ID_OR_DIR",
                   help="translation model for the other-language summary (hub id in the local cache, or a folder)")
    p.add_argument("--summary-model", metavar="ID_OR_DIR",
                   help="abstractive summarization model for the article's language (default: extractive)")
    p.add_argument("--translate", action="store_true",
                   help="add the full translated text to each digest (needs --mt-model)")
    p.add_argument("--precision", choices=("auto", "bf16", "int8", "fp32"), default=None,
                   help="the encoder's precision (default: $NEWSDIGEST_PRECISION, else auto: bf16 on CPUs with "
                        "native bfloat16, else fp32)")
    p.add_argument("--quantize", action="store_true", help="deprecated: the same as --precision int8")
    p.add_argument("--batch-size", type=_positive_int, default=32, metavar="N",
                   help="articles per digest_many call (default: 32)")
    p.add_argument("--config", metavar="FILE",
                   help="Digester settings as JSON (or .toml): the keys of newsdigest.Config (models, precision, "
                        "threads, disable, ...); the options above override it")
    p.add_argument("--disable", action="append", choices=("facts", "summary", "translation"), default=[],
                   metavar="STAGE",
                   help="leave a stage out of every digest: facts, summary or translation (repeatable)")
    p.set_defaults(func=run_summarize)
    return p


def run_summarize(args: argparse.Namespace, digester_factory=None) -> int:
    """Run ``summarize`` for parsed ``args``; return the exit code. Errors are one stderr line."""
    if digester_factory is None:
        import functools

        if getattr(args, "translate", False) and not getattr(args, "mt_model", None):
            print(f"{PROG}: error: --translate needs --mt-model ID_OR_DIR", file=sys.stderr)
            return 2
        if getattr(args, "quantize", False) and getattr(args, "precision", None) not in (None, "int8"):
            print(f"{PROG}: error: --quantize means --precision int8; it contradicts --precision {args.precision}",
                  file=sys.stderr)
            return 2
        options = {k: v for k, v in (("mt_model", getattr(args, "mt_model", None)),
                                     ("summary_model", getattr(args, "summary_model", None)),
                                     ("translate", getattr(args, "translate", False)),
                                     ("precision", getattr(args, "precision", None)),
                                     ("quantize", getattr(args, "quantize", False))) if v}
        if getattr(args, "disable", None):
            options["disable"] = tuple(args.disable)
        if getattr(args, "config", None):
            from ..config import Config

            try:
                cfg = Config.from_file(args.config)
                if options.pop("quantize", False):  # checked above: --precision is unset or int8
                    options["precision"] = "int8"
                if args.max_chars != DEFAULT_MAX_CHARS:
                    options["max_chars"] = args.max_chars
                cfg = cfg.replace(**options)
            except NewsdigestError as exc:
                print(f"{PROG}: error: {exc}", file=sys.stderr)
                return 2
            args.max_chars = cfg.max_chars  # the files are read under the same limit the digester applies
            options = {"config": cfg}
        digester_factory = functools.partial(default_digester_factory, **options)
    factory = digester_factory
    try:
        if args.inputs == ["-"]:
            if args.out is not None:
                raise UsageError("'-' (standard input) prints its digest to stdout; leave out --out")
            return _summarize_stdin(args, factory)
        if "-" in args.inputs:
            raise UsageError("'-' (standard input) cannot be mixed with files or folders")
        if args.out is None:
            if getattr(args, "dask", None):
                raise UsageError("--dask needs --out OUT (the workers write the outputs there)")
            if len(args.inputs) != 1 or Path(args.inputs[0]).is_dir():
                raise UsageError("a folder or several inputs need --out OUT "
                                 "(one output per article plus a manifest)")
            path = Path(args.inputs[0])
            if not path.is_file():
                raise UsageError(f"no such file: {path}")
            return _summarize_file(path, args, factory)
        if getattr(args, "dask", None):
            if args.jobs != 1:
                raise UsageError("--jobs and --dask do not mix; --dask local:N starts N workers")
            summary = _summarize_dask(args, factory)
        else:
            summary = run_folder([Path(p) for p in args.inputs], Path(args.out), fmt=args.format,
                                 force=args.force, jobs=args.jobs, max_chars=args.max_chars,
                                 digester_factory=factory, batch_size=args.batch_size)
    except RunInterrupted as e:
        print(f"{PROG}: {e.summary.line()}; manifest in {e.summary.out}", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except (UsageError, ModelNotFoundError) as e:
        print(f"{PROG}: error: {_line(e)}", file=sys.stderr)
        return 2
    except (NewsdigestError, OSError) as e:
        print(f"{PROG}: error: {_line(e)}", file=sys.stderr)
        return 1
    print(f"{PROG}: {summary.line()}", file=sys.stderr)
    return summary.exit_code


def _summarize_dask(args, factory):
    """A folder run on the cluster ``--dask`` names; a ``local:N`` cluster lives for this run."""
    import importlib

    try:
        importlib.import_module("distributed")  # only to say what to install
    except ImportError:
        raise UsageError('--dask needs dask and distributed: pip install "newsdigest[distributed]"'
                         ) from None
    from .distributed import local_client, run_folder_dask

    address = args.dask
    if address.startswith("local:"):
        try:
            n = int(address[len("local:"):])
        except ValueError:
            n = 0
        if n < 1:
            raise UsageError(f"--dask {address}: expected local:N with N a positive integer "
                             "(the number of worker processes)")
        client = local_client(n)
    else:
        from distributed import Client

        try:
            client = Client(address, timeout="30s")
        except (OSError, ValueError) as e:
            raise NewsdigestError(f"cannot reach the Dask scheduler at {address}: {_line(e)}"
                                  ) from None
    try:
        return run_folder_dask(args.inputs, args.out, client, fmt=args.format, force=args.force,
                               max_chars=args.max_chars, digester_factory=factory,
                               batch_size=args.batch_size)
    finally:
        cluster = client.cluster if address.startswith("local:") else None
        client.close()
        if cluster is not None:
            cluster.close()


def _summarize_stdin(args, factory) -> int:
    """``summarize -``: the article on standard input (any encoding a .txt file may have)."""
    import os
    import tempfile

    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    fd, tmp = tempfile.mkstemp(suffix=".txt")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return _summarize_file(Path(tmp), args, factory, name="-")
    finally:
        os.unlink(tmp)


def _summarize_file(path: Path, args, factory, name: str | None = None) -> int:
    try:
        items = read_articles(path, max_chars=args.max_chars, id=name or str(path))
    except InputError as e:
        print(f"{PROG}: error: {_line(e)}", file=sys.stderr)
        return 2
    good = []
    unreadable = failed = 0
    for line, art in numbered(items, str(path)):
        if isinstance(art, InputError):
            print(f"{PROG}: error: {_line(art)}", file=sys.stderr)
            unreadable += 1
        else:
            good.append(Item(art.id, art, ""))
    if good:
        digester = factory()
        several = len(items) > 1
        fmt = "dict" if several and args.format == "json" else args.format
        outputs = []
        for item, (status, payload, _, _) in zip(good, digest_chunk(digester, good, fmt,
                                                                     args.batch_size)):
            if status != "ok":
                print(f"{PROG}: error: {item.key}: {payload}", file=sys.stderr)
                failed += 1
            elif fmt == "dict":  # a .jsonl input prints JSON Lines
                outputs.append(json.dumps(payload, ensure_ascii=False) + "\n")
            else:
                outputs.append(payload if payload.endswith("\n") else payload + "\n")
        _write_stdout(("---\n" if args.format == "md" else "").join(outputs))
    return 2 if unreadable else 1 if failed else 0


def _write_stdout(text: str) -> None:
    # Hindi must reach a pipe intact whatever the locale's encoding.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point: ``python -m newsdigest.batch.cli summarize ...``."""
    parser = argparse.ArgumentParser(prog=PROG)
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
