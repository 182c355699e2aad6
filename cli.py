"""The ``organizer`` command line, for professionals and scripts.

Exit codes: 0 success; 1 unexpected internal error (reported in one line, no traceback); 2 bad input (a case file,
rule file or option that cannot be used: the message says why); 3 the estimate could not be made for this case
(inputs missing or the date is outside the rules).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_NO_RESULT = 3


class CliError(Exception):
    """A problem to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.code = code


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))


def read_case(path: str):
    from casefile.storage import CaseFileError, load_case

    try:
        return load_case(Path(path))
    except CaseFileError as exc:
        raise CliError(str(exc)) from None


# --- commands ------------------------------------------------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the case file's JSON Schema."""
    from casefile.schema import case_file_json_schema

    print_json(case_file_json_schema())
    return EXIT_OK


def cmd_estimate(args: argparse.Namespace) -> int:
    """Print the child-support estimate worksheet for a case."""
    from calculators.child_support import EstimateUnavailable, estimate
    from casefile.textreport import estimate_text

    case = read_case(args.case)
    try:
        result = estimate(case, jurisdiction=args.jurisdiction, as_of=args.as_of)
    except EstimateUnavailable as exc:
        raise CliError(str(exc), EXIT_BAD_INPUT) from None
    if args.format == "json":
        print_json(result.model_dump(mode="json"))
    else:
        print(estimate_text(case, result))
    return EXIT_OK if result.complete else EXIT_NO_RESULT


def cmd_rules_list(args: argparse.Namespace) -> int:
    from jurisdictions.loader import shipped_rules

    rows = []
    for code, loaded in sorted(shipped_rules().items()):
        r = loaded.rules
        codes = [f"{code}-{k}" for k in r.regions] if r.regions else [code]
        eff = f"{r.effective.from_} .. {r.effective.to or 'open'}"
        rows.append({"codes": codes, "name": r.name, "model": r.model, "period": r.period.value,
                     "effective": eff, "date_basis": r.effective.date_basis, "confidence": r.confidence.value,
                     "last_verified": r.last_verified.isoformat()})
    if args.format == "json":
        print_json(rows)
    else:
        for row in rows:
            print(f"{', '.join(row['codes'])}\n  {row['name']}\n  model {row['model']}, amount per {row['period']}, "
                  f"effective {row['effective']} ({row['date_basis']}), sources: {row['confidence']}, "
                  f"last verified {row['last_verified']}")
    return EXIT_OK


def cmd_rules_validate(args: argparse.Namespace) -> int:
    from jurisdictions.loader import load_rule_file
    from jurisdictions.yamlstrict import DataFileError

    worst = EXIT_OK
    for name in args.files:
        try:
            loaded = load_rule_file(Path(name))
        except DataFileError as exc:
            for problem in exc.problems:
                print(str(problem), file=sys.stderr)
            worst = EXIT_BAD_INPUT
        else:
            print(f"{name}: OK ({loaded.rules.code}, {len(loaded.rules.parameters)} parameters, "
                  f"{sum(len(s) for s in loaded.rules.tables.values())} tables)")
    return worst


def cmd_rules_schema(args: argparse.Namespace) -> int:
    from jurisdictions.loader import rule_file_json_schema

    print_json(rule_file_json_schema())
    return EXIT_OK


# --- parser ----------------------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="organizer",
        description="Separation Organizer: estimates, checklists, exports and reports from a case file. "
        "Estimates are not legal advice.",
        epilog="Exit codes: 0 ok, 1 internal error, 2 bad input, 3 no estimate for this case (inputs missing).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("schema", help="print the case file's JSON Schema")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("estimate", help="child-support estimate worksheet for a case file")
    p.add_argument("case", help="case file (.json)")
    p.add_argument("--jurisdiction", help="rule file code, e.g. GB, AU, US-TX, CA-ON (default: the case's)")
    p.add_argument("--as-of", type=_date, help="date whose rules apply, YYYY-MM-DD (default: the case's, else today)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_estimate)

    rules = sub.add_parser("rules", help="jurisdiction rule files: list, validate, schema")
    rsub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    p = rsub.add_parser("list", help="jurisdictions with model, period, dates and source confidence")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_rules_list)
    p = rsub.add_parser("validate", help="validate rule files (exit 2 with file:line messages)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_rules_validate)
    p = rsub.add_parser("schema", help="print the rule-file JSON Schema")
    p.set_defaults(func=cmd_rules_schema)

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


# Other parts add their commands here: each a function(subparsers) that adds a parser with set_defaults(func=...).
EXTRA_COMMANDS: list[Callable[[Any], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"organizer: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # no tracebacks for users; one line that says what happened
        print(f"organizer: internal error ({type(exc).__name__}): {exc}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
