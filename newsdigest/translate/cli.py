"""Command-line entry points for translation and models; thin wrappers over the library.

The main CLI mounts them with `add_parsers(subparsers)`: each sub-command stores its runner in
``args.func``; a runner takes the parsed arguments and returns the exit code:

    0  success (warnings, if any, go to stderr)
    1  runtime failure (the model crashed, a file could not be written)
    2  usage error: bad arguments, unreadable input, model not found or not supported

Errors are one line on stderr, never a traceback. Importing this module does not import torch
or transformers, so `newsdigest --help` stays instant.

    newsdigest translate article.txt --to en [--from hi] [--model ID_OR_DIR] [--format text|json] [--download]
    newsdigest models list | models pull NAME | models info NAME
    newsdigest eval translate --model M --data devtest.jsonl --src hi --tgt en [--limit N]   (or eval-translate)
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from ..errors import InputError, ModelNotFoundError, NewsdigestError

__all__ = ["add_parsers", "add_translate_arguments", "add_models_arguments", "add_eval_translate_arguments",
           "run_translate", "run_models", "run_eval_translate", "EXIT_OK", "EXIT_FAILURE", "EXIT_USAGE"]

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register `translate`, `models` and `eval-translate` on the main CLI's subparsers."""
    add_translate_arguments(subparsers.add_parser(
        "translate", help="translate an article between Hindi and English",
        description="Translate a UTF-8 text file sentence by sentence (offline unless --download)."))
    add_models_arguments(subparsers.add_parser(
        "models", help="list, inspect or download models", description="Models and their licences."))
    add_eval_translate_arguments(subparsers.add_parser(
        "eval-translate", help="score a translation model on a parallel JSONL file (chrF++, BLEU)",
        description="Translate one side of a parallel JSONL file and score it against the other."))


def add_translate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="UTF-8 text file to translate, or - for stdin")
    parser.add_argument("--to", dest="tgt", required=True, choices=["en", "hi"], help="target language")
    parser.add_argument("--from", dest="src", choices=["en", "hi"], default=None,
                        help="source language (default: detected)")
    parser.add_argument("--model", default=None,
                        help="hub id or model folder (default: $NEWSDIGEST_MT_MODEL, else "
                             "Helsinki-NLP/opus-mt-hi-en or opus-mt-en-hi from the local HF cache)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--output", "-o", default=None, help="write here instead of stdout")
    parser.add_argument("--download", action="store_true", help="allow downloading the model")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--device", default="cpu")
    parser.set_defaults(func=run_translate)


def add_models_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="models_command", required=True, metavar="{list,pull,info}")
    listing = sub.add_parser("list", help="models on this machine, with sizes and licences")
    listing.add_argument("--format", choices=["text", "json"], default="text")
    pull = sub.add_parser("pull", help="download a model into the Hugging Face cache (needs network)")
    pull.add_argument("name", help="hub id or known short name, e.g. opus-mt-hi-en")
    info = sub.add_parser("info", help="licence, task and local state of one model")
    info.add_argument("name")
    info.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(func=run_models)


def add_eval_translate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", required=True, help="hub id or model folder")
    parser.add_argument("--data", required=True, help="JSONL file with one field per language (hi, en); - for stdin")
    parser.add_argument("--src", required=True, choices=["hi", "en"])
    parser.add_argument("--tgt", required=True, choices=["hi", "en"])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N records")
    parser.add_argument("--download", action="store_true")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--hypotheses", default=None, help="also write the translations here, one a line")
    parser.set_defaults(func=run_eval_translate)


def run_translate(args: argparse.Namespace) -> int:
    """`newsdigest translate FILE --to LANG`: the translation (text or JSON) on stdout or --output."""
    def body() -> int:
        from .registry import default_translation_model
        from .translator import Translator, guess_source

        text = _read_text(args.file)
        src = args.src or guess_source(text, args.tgt)
        if src == args.tgt:
            raise InputError(f"--from and --to are both {src!r}")
        model = args.model or default_translation_model(src, args.tgt)
        translator = Translator(model, download=args.download, device=args.device, batch_size=args.batch_size)
        result = translator.translate(text, src=src, tgt=args.tgt)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        out = result.to_json() + "\n" if args.format == "json" else result.text + "\n"
        _write(out, args.output)
        return EXIT_OK

    return _guard("translate", body)


def run_models(args: argparse.Namespace) -> int:
    """`newsdigest models list|pull NAME|info NAME`."""
    def body() -> int:
        from . import registry

        if args.models_command == "list":
            rows = registry.list_models()
            if args.format == "json":
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                _print_table(rows, registry.human_size)
        elif args.models_command == "pull":
            entry = registry.lookup(args.name)
            if entry:
                print(f"licence of {entry.id}: {entry.license}; commercial use: {entry.commercial_use}",
                      file=sys.stderr)
            print(registry.pull(args.name))
        else:
            info = registry.model_info(args.name)
            if args.format == "json":
                print(json.dumps(info, ensure_ascii=False, indent=2))
            else:
                for key, value in info.items():
                    if key == "size_bytes":
                        value = registry.human_size(value)
                    print(f"{key}: {value}")
        return EXIT_OK

    return _guard("models", body)


def run_eval_translate(args: argparse.Namespace) -> int:
    """`newsdigest eval-translate`: one JSON line with chrF++, BLEU, record count and timing."""
    def body() -> int:
        from ..evaluation.translation import evaluate_file
        from .translator import Translator

        if args.src == args.tgt:
            raise InputError("--src and --tgt must differ")
        translator = Translator(args.model, download=args.download, device=args.device,
                                batch_size=args.batch_size)
        report, hypotheses = evaluate_file(translator, args.data, args.src, args.tgt, limit=args.limit)
        if args.hypotheses:
            _write("".join(h.replace("\n", " ") + "\n" for h in hypotheses), args.hypotheses)
        print(json.dumps(report, ensure_ascii=False))
        return EXIT_OK

    return _guard("eval-translate", body)


def _guard(command: str, body) -> int:
    """Run a command body; turn expected errors into one line on stderr and an exit code."""
    try:
        return body()
    except (ModelNotFoundError, InputError, FileNotFoundError, IsADirectoryError, UnicodeDecodeError) as exc:
        print(f"newsdigest {command}: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except (NewsdigestError, OSError, RuntimeError, ValueError) as exc:
        print(f"newsdigest {command}: failed: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(f"newsdigest {command}: interrupted", file=sys.stderr)
        return 130


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"input is not UTF-8 text ({exc.reason} at byte {exc.start})"
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _read_text(name: str) -> str:
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(f"{name} looks binary, not text")
    # UTF-16 files announce themselves with a BOM; utf-8-sig drops a UTF-8 BOM.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _write(text: str, path: str | None) -> None:
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _print_table(rows: list[dict], human_size) -> None:
    header = ("NAME", "KIND", "SIZE", "STATUS", "LICENCE")
    table = [header] + [(r["name"], r["kind"], human_size(r["size_bytes"]), r["status"], r["license"])
                        for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header) - 1)]
    for row in table:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)) + "  " + str(row[-1]))
