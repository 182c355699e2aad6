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

from jurisdictions.yamlstrict import DataFileError

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
    from reports.citations import caveat_for_print, split_cite
    from reports.plain_words import terms_in

    case = read_case(args.case)
    try:
        result = estimate(case, jurisdiction=args.jurisdiction, as_of=args.as_of)
    except EstimateUnavailable as exc:
        raise CliError(str(exc), EXIT_BAD_INPUT) from None
    if args.format == "json":
        print_json(result.model_dump(mode="json"))
    else:
        print(estimate_text(case, result, cite=split_cite, caveat=caveat_for_print, glossary=terms_in))
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


def cmd_delete_all(args: argparse.Namespace) -> int:
    """Remove every case, revision and export this app stored on this machine, and say where it looked."""
    from casefile.storage import data_dir, delete_everything

    folder = data_dir()
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError(f"Refusing to delete {folder} without confirmation: add --yes.")
        answer = input(f"Delete every case, revision and export in {folder}? Type 'delete' to confirm: ")
        if answer.strip().lower() != "delete":
            print("Nothing was deleted.")
            return EXIT_OK
    report = delete_everything()
    print(f"Looked in {report.folder}: removed {len(report.removed)} item(s).")
    for path in report.removed:
        print(f"  {path}")
    if not report.complete:
        raise CliError(f"{report.failure_text()} Check that the disk is writable and nothing else is using these "
                       "files, then run delete-all again.")
    return EXIT_OK


def cmd_attorney_need(args: argparse.Namespace) -> int:
    """Print the "Do I need a lawyer?" result for a case: scores, level of help, reasons, alerts, help lines."""
    from calculators.attorney_need import DataFileError, assess, result_text

    case = read_case(args.case)
    try:
        result = assess(case, as_of=args.as_of)
    except DataFileError as exc:
        raise CliError(f"the questionnaire's data file is damaged: {exc}") from None
    if args.format == "json":
        print_json(result.model_dump(mode="json"))
    else:
        print(result_text(result))
    return EXIT_OK


def cmd_checklist(args: argparse.Namespace) -> int:
    """Print the document checklist for a case: each item, why it is there, its status; progress by category."""
    from checklists.select import missing, select_items, tally

    case = read_case(args.case)
    items = select_items(case)
    shown = missing(items) if args.missing else items
    prog = tally(items)
    if args.format == "json":
        print_json({
            "jurisdiction": case.jurisdiction,
            "progress": {"overall": {**prog.overall.model_dump(), "percent": prog.overall.percent},
                         "by_category": [{"category": c.value, "label": c.label, **t.model_dump(), "percent": t.percent}
                                         for c, t in prog.by_category]},
            "items": [{"id": s.item.id, "title": s.item.title, "category": s.item.category.value,
                       "form": s.item.form or None, "look_back": s.item.look_back, "why": s.why,
                       "status": s.status.value, "note": s.state.note, "due": s.state.due,
                       "private": s.item.private, "what": s.item.what, "where": s.item.where,
                       "sources": [{"title": src.title, "url": str(src.url), "confidence": src.confidence}
                                   for src in s.sources]} for s in shown],
        })
        return EXIT_OK
    o = prog.overall
    print(f"DOCUMENT CHECKLIST ({case.jurisdiction}): you have {o.have} of {o.applicable} "
          f"({o.percent}%); {o.requested} asked for, {o.needed} still needed, {o.not_applicable} do not apply.")
    current = None
    for s in shown:
        if s.item.category != current:
            current = s.item.category
            t = dict(prog.by_category)[current]
            print(f"\n{current.label} - {t.have} of {t.applicable}")
        due = f", due {s.state.due:%d %b %Y}" if s.state.due else ""
        private = " [keep private]" if s.item.private else ""
        print(f"  [{s.status.label}] {s.item.title} ({s.item.look_back}{due}){private}")
        print(f"      {s.why}")
        if s.state.note:
            print(f"      Note: {s.state.note}")
    if not shown:
        print("\nNothing is missing." if args.missing else "\nNo items for this case.")
    return EXIT_OK


PDF_PASSWORD_ENV = "ORGANIZER_PDF_PASSWORD"


def _report_password(args: argparse.Namespace) -> str | None:
    """The PDF password: --password, else a prompt (--ask-password), else $ORGANIZER_PDF_PASSWORD, else none."""
    import getpass
    import os

    if args.password is not None:
        if not args.password:
            raise CliError("--password is empty; give a password or leave the option out.")
        return args.password
    if args.ask_password:
        first = getpass.getpass("Password for the PDF: ")
        if not first:
            raise CliError("No password typed; nothing was written.")
        if getpass.getpass("Type it again: ") != first:
            raise CliError("The two passwords differ; nothing was written.")
        return first
    return os.environ.get(PDF_PASSWORD_ENV) or None


def cmd_report(args: argparse.Namespace) -> int:
    """Write the consultation report (PDF) for a case file."""
    import os
    import tempfile

    from calculators.summary import compute_results
    from reports.fonts import FontNotFound
    from reports.pdf import ReportOptions, build_pdf_report
    from reports.pdf_text import RIGHT_TO_LEFT_NOTE

    case = read_case(args.case)
    password = _report_password(args)
    options = ReportOptions(include_safety_details=args.include_safety_details,
                            mask_account_numbers=not args.no_mask, password=password, today=args.date)
    try:
        report = build_pdf_report(case, compute_results(case), options)
    except FontNotFound as exc:
        raise CliError(str(exc), EXIT_INTERNAL) from None
    out = Path(args.output)
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name such as {out / 'summary.pdf'}")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".report-", suffix=".pdf")
        with os.fdopen(fd, "wb") as handle:
            handle.write(report.data)
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise CliError(f"Could not write {out}: {exc.strerror or exc}") from None
    note = ", password-protected (AES-256)" if password else ""
    print(f"Wrote {out} ({report.pages} pages{note}).", file=sys.stderr)
    for char in report.unprintable:
        print(f"organizer: warning: the PDF font cannot show {char}; it is printed as \ufffd and listed at the end.",
              file=sys.stderr)
    if report.right_to_left:
        print(f"organizer: warning: {RIGHT_TO_LEFT_NOTE}", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the spreadsheet for a case file (XLSX: about, income, child support, budget, assets and debts, expenses,
    summary; totals are live formulas)."""
    import os
    import tempfile

    from reports.xlsx import build_xlsx

    case = read_case(args.case)
    out = Path(args.output)
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name such as {out / 'money.xlsx'}")
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"{out} should end in .xlsx (the file is an Excel workbook)")
    data = build_xlsx(case)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=".xlsx")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise CliError(f"Could not write {out}: {exc.strerror or exc}") from None
    print(f"Wrote {out} ({len(case.expenses.items)} expenses).", file=sys.stderr)
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

    p = sub.add_parser("attorney-need", help="'Do I need a lawyer?' scores and suggested level of help for a case file")
    p.add_argument("case", help="case file (.json)")
    p.add_argument("--as-of", type=_date, help="date to count the days to court from, YYYY-MM-DD (default: the case's, else today)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_attorney_need)

    p = sub.add_parser("checklist", help="document checklist for a case file: items, why, status, progress")
    p.add_argument("case", help="case file (.json)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--missing", action="store_true", help="only items still needed or asked for")
    p.set_defaults(func=cmd_checklist)

    p = sub.add_parser(
        "report", help="consultation report (PDF) for a case file",
        description="Write the preparation summary PDF for a case file. To protect it with a password without the "
        "password appearing in your shell history, use --ask-password (you are asked for it twice) or set the "
        f"environment variable {PDF_PASSWORD_ENV}; --password PASSWORD also works but is visible to other users "
        "of this computer and saved in shell history.",
    )
    p.add_argument("case", help="case file (.json)")
    p.add_argument("-o", "--output", required=True, help="PDF file to write, e.g. summary.pdf")
    pw = p.add_mutually_exclusive_group()
    pw.add_argument("--password", help="protect the PDF with this password (AES-256; visible in shell history)")
    pw.add_argument("--ask-password", action="store_true", help="ask for the password at a prompt")
    p.add_argument("--include-safety-details", action="store_true",
                   help="print the answers to the optional safety questions (left out by default)")
    p.add_argument("--no-mask", action="store_true",
                   help="print long numbers (such as account numbers) in full instead of only their last 4 digits")
    p.add_argument("--date", type=_date, help="date printed on the report, YYYY-MM-DD (default: today)")
    p.set_defaults(func=cmd_report)

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

    p = sub.add_parser("export", help="spreadsheet (XLSX) for a case file: income, child support, budget, assets, expenses")
    p.add_argument("case", help="case file (.json)")
    p.add_argument("-o", "--output", required=True, help="XLSX file to write, e.g. money.xlsx")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("delete-all", help="delete every case, revision and export this app stored on this machine")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_delete_all)

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
    except DataFileError as exc:  # a rule or checklist file that cannot be used: say where, as file:line
        for problem in exc.problems:
            print(f"organizer: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # no tracebacks for users; one line that says what happened
        print(f"organizer: internal error ({type(exc).__name__}): {exc}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
