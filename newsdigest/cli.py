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
    from .entities.evaluate import evaluate_file
    from .pipeline import Digester

    res = evaluate_file(Digester(quantize=args.quantize), args.file, limit=args.limit)
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        print(f"{res['file']}: {res['sentences']} sentences, exact-span micro F1 {res['f1']:.4f} "
              f"(P {res['precision']:.4f} R {res['recall']:.4f})")
        for t, r in res["per_type"].items():
            print(f"  {t}: F1 {r['f1']:.4f} P {r['precision']:.4f} R {r['recall']:.4f} support {r['support']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
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
    ner = evsub.add_parser("ner", help="exact-span F1 of PER/ORG/LOC on a JSONL of tokens and tags")
    ner.add_argument("file", help="JSONL with 'tokens' and 'tags' (BIO or IO; PER/ORG/LOC, PERSON/..., NEP/...)")
    ner.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    ner.add_argument("--quantize", action="store_true", help="int8 dynamic quantization of the encoder")
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
