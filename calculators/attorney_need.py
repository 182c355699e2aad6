"""Do I need a lawyer? Scores three reasons for getting help and recommends a level of help, with hard overrides.

The questions, weights, thresholds and overrides are data (attorney_need.yaml beside this file, which explains where
they come from); help lines are data too (safety_contacts.yaml, each number with its source). This module only reads
them and applies them to a Case:

1. Each counted answer adds points to the axes its option names. An axis score is
   ``100 x points / the most points the questionnaire can give that axis``, rounded half-up (unanswered = 0).
2. Points give a level: every axis low -> self-help; complexity or communication high -> full representation;
   something to agree, workable communication and the safety questions answered "no" -> mediation; else a
   limited-scope consultation.
3. Overrides (hard facts) raise the level to their minimum whatever the points say: safety concerns, a court date
   within 30 days of the as-of date (``case.separation.next_court_date``), the other side represented
   (``case.separation.other_party_has_lawyer``), a business or pension to divide, suspected hidden assets, court
   papers served, an offer to review. A safety concern also rules out mediation-first and self-help.

This is a triage aid, never legal advice. Pure functions: no I/O beyond reading the two data files once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from casefile.models import Case
from casefile.questionnaire import QuestionnaireAnswers, is_safety_question
from jurisdictions.rules import Confidence
from jurisdictions.yamlstrict import DataFileError, Problem, load_model

HERE = Path(__file__).resolve().parent
QUESTIONS_FILE = HERE / "attorney_need.yaml"
CONTACTS_FILE = HERE / "safety_contacts.yaml"

DISCLAIMER = (
    "This is a suggestion based on your answers, not legal advice. Only a professional who knows your situation "
    "can tell you what help you need."
)


class Axis(StrEnum):
    COMPLEXITY = "complexity"
    FAMILIARITY = "familiarity"
    COMMUNICATION = "communication"


class HelpLevel(StrEnum):
    SELF_HELP = "self_help"
    MEDIATION = "mediation"
    LIMITED_SCOPE = "limited_scope"
    FULL_REPRESENTATION = "full_representation"


Flag = Literal["safety_concern", "safety_unknown", "reconciliation_wanted", "something_to_agree"]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")]
Points = Annotated[int, Field(ge=0, le=20)]


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- the question file ------------------------------------------------------------------------------------------


class Option(_Data):
    id: Id
    label: str
    weights: dict[Axis, Points] = Field(default_factory=dict)
    reason: str | None = None  # completes "Because ..." (an override gives its own reason)
    override: Id | None = None
    flags: tuple[Flag, ...] = ()

    @model_validator(mode="after")
    def _reason_when_it_counts(self) -> Option:
        if any(self.weights.values()) and not self.reason:
            raise ValueError(f"option {self.id!r} adds points, so it needs a reason")
        return self


class Question(_Data):
    id: Id
    section: str
    text: str
    help: str | None = None
    options: Annotated[tuple[Option, ...], Field(min_length=2)]

    @property
    def is_safety(self) -> bool:
        return is_safety_question(self.id)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def max_points(self, axis: Axis) -> int:
        return max(o.weights.get(axis, 0) for o in self.options)

    @model_validator(mode="after")
    def _well_formed(self) -> Question:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"question {self.id!r} has two options with the same id")
        if self.is_safety:
            if "prefer_not" not in ids:
                raise ValueError(f"safety question {self.id!r} must allow 'prefer_not' (prefer not to say)")
            if any(o.weights for o in self.options):
                raise ValueError(f"safety question {self.id!r} must not add points: safety works through overrides")
        return self


class LevelInfo(_Data):
    rank: Annotated[int, Field(ge=0)]
    label: str
    description: str


class Thresholds(_Data):
    self_help_below: Annotated[int, Field(ge=0, le=100)]
    full_representation_from: Annotated[int, Field(ge=0, le=100)]
    mediation_communication_below: Annotated[int, Field(ge=0, le=100)]


class OverrideRule(_Data):
    minimum_level: HelpLevel
    reason: str
    rules_out: tuple[HelpLevel, ...] = ()
    days: Annotated[int, Field(ge=0)] | None = None
    weights: dict[Axis, Points] = Field(default_factory=dict)


class AxisInfo(_Data):
    label: str
    short: str


class BeyondLawyers(_Data):
    """Help other than lawyers (only where reconciliation is wanted and it is safe)."""

    id: Id
    title: str
    what_for: str
    how_to_find: str


CASE_FACT_OVERRIDES = ("court_date_soon", "other_side_has_lawyer")


class QuestionSet(_Data):
    version: int
    last_reviewed: dt.date
    axes: dict[Axis, AxisInfo]
    levels: dict[HelpLevel, LevelInfo]
    thresholds: Thresholds
    questions: tuple[Question, ...]
    overrides: dict[Id, OverrideRule]
    beyond_lawyers: tuple[BeyondLawyers, ...]

    @model_validator(mode="after")
    def _consistent(self) -> QuestionSet:
        if set(self.axes) != set(Axis) or set(self.levels) != set(HelpLevel):
            raise ValueError("axes and levels must list exactly: " + ", ".join([*Axis, *HelpLevel]))
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("two questions have the same id")
        for q in self.questions:
            for o in q.options:
                if o.override and o.override not in self.overrides:
                    raise ValueError(f"{q.id}.{o.id}: unknown override {o.override!r}")
        for name in CASE_FACT_OVERRIDES:
            if name not in self.overrides:
                raise ValueError(f"overrides must define {name!r} (it comes from the case)")
        if self.overrides["court_date_soon"].days is None:
            raise ValueError("overrides.court_date_soon needs `days`")
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def rank(self, level: HelpLevel) -> int:
        return self.levels[level].rank

    def max_points(self, axis: Axis) -> int:
        """The most points the questionnaire (and the case facts) can give ``axis``."""
        from_questions = sum(q.max_points(axis) for q in self.questions)
        from_facts = sum(self.overrides[name].weights.get(axis, 0) for name in CASE_FACT_OVERRIDES)
        return from_questions + from_facts


# --- the help-line file -----------------------------------------------------------------------------------------


class Contact(_Data):
    name: str
    kind: Literal["emergency", "helpline", "directory"]
    number: str | None  # None: not confirmed against a source, so not shown
    tty: str | None = None
    text: str | None = None
    note: str | None = None
    source: str
    source_url: str
    confidence: Confidence

    @property
    def verified(self) -> bool:
        return self.number is not None and self.confidence is not Confidence.UNVERIFIED


class ContactsFile(_Data):
    last_checked: dt.date
    contacts: dict[str, tuple[Contact, ...]]


def _load(path: Path, model: type[_Data]) -> _Data:
    return load_model(path.read_text(encoding="utf-8"), path.name, model, "a mapping of fields")[0]


@cache
def question_set(path: Path = QUESTIONS_FILE) -> QuestionSet:
    """The questionnaire (validated; a malformed file raises DataFileError with file:line messages)."""
    loaded = _load(path, QuestionSet)
    assert isinstance(loaded, QuestionSet)
    return loaded


@cache
def contacts_file(path: Path = CONTACTS_FILE) -> ContactsFile:
    loaded = _load(path, ContactsFile)
    assert isinstance(loaded, ContactsFile)
    return loaded


def contacts_for(jurisdiction: str) -> tuple[Contact, ...]:
    """Help lines for a jurisdiction code: the country's entries, then the region's (US-TX -> US, then US-TX)."""
    book = contacts_file().contacts
    code = jurisdiction.upper()
    country = code.split("-")[0]
    found = list(book.get(country, ()))
    if code != country:
        found += book.get(code, ())
    return tuple(found)


# --- the result -------------------------------------------------------------------------------------------------


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class Driver(_Result):
    """One answer (or case fact) that added points to an axis."""

    source: str  # a question id, or an override id for facts from the case
    question: str
    answer: str
    points: int
    reason: str


class AxisScore(_Result):
    axis: Axis
    label: str
    score: Annotated[int, Field(ge=0, le=100)]
    points: int
    max_points: int
    drivers: tuple[Driver, ...]  # largest first


class FiredOverride(_Result):
    id: str
    minimum_level: HelpLevel
    reason: str


class Alert(_Result):
    kind: str
    message: str
    urgent: bool = False


class AttorneyNeedResult(_Result):
    """Everything the page, the CLI and the report show. ``level`` is None until there is something to go on."""

    as_of: dt.date
    complexity: AxisScore
    familiarity: AxisScore
    communication: AxisScore
    points_level: HelpLevel | None  # what the points alone suggest
    level: HelpLevel | None  # after overrides and safety rules
    level_label: str
    level_description: str
    reasons: tuple[str, ...]  # "Because ..." sentences, overrides first
    overrides: tuple[FiredOverride, ...]
    ruled_out: tuple[HelpLevel, ...]
    alerts: tuple[Alert, ...]
    safety_concern: bool
    safety_contacts: tuple[Contact, ...]  # shown when safety is a concern or the person preferred not to say
    beyond_lawyers: tuple[BeyondLawyers, ...]
    answered: int
    total_questions: int
    disclaimer: str = DISCLAIMER

    @property
    def axes(self) -> tuple[AxisScore, AxisScore, AxisScore]:
        return (self.complexity, self.familiarity, self.communication)


# --- scoring ----------------------------------------------------------------------------------------------------


def axis_score(points: int, max_points: int) -> int:
    """100 x points / max points, rounded half-up to a whole number (0 when the axis cannot score)."""
    if max_points <= 0:
        return 0
    exact = Decimal(100) * Decimal(points) / Decimal(max_points)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def chosen_options(answers: QuestionnaireAnswers, qs: QuestionSet) -> tuple[list[tuple[Question, Option]], list[str]]:
    """Counted answers matched to the question file, and the ids of any that were not recognised."""
    chosen: list[tuple[Question, Option]] = []
    unknown: list[str] = []
    for question_id, option_id in answers.counted().items():
        question = qs.question(question_id)
        option = question.option(option_id) if question else None
        if question is None or option is None:
            unknown.append(question_id)
        else:
            chosen.append((question, option))
    return chosen, unknown


def days_to_court(case: Case, as_of: dt.date) -> int | None:
    court = case.separation.next_court_date
    return None if court is None else (court - as_of).days


def fired_overrides(
    case: Case, chosen: Iterable[tuple[Question, Option]], qs: QuestionSet, as_of: dt.date
) -> list[str]:
    """Override ids that fire, in the question file's order: hard facts from the case and from answers."""
    fired: set[str] = {o.override for _, o in chosen if o.override}
    days = days_to_court(case, as_of)
    limit = qs.overrides["court_date_soon"].days
    if days is not None and limit is not None and 0 <= days <= limit:
        fired.add("court_date_soon")
    if case.separation.other_party_has_lawyer is True:
        fired.add("other_side_has_lawyer")
    return [name for name in qs.overrides if name in fired]


def score_axes(
    chosen: list[tuple[Question, Option]], facts: list[str], qs: QuestionSet
) -> dict[Axis, AxisScore]:
    """Each axis: points from answers and case facts, the score, and the drivers (largest first)."""
    out: dict[Axis, AxisScore] = {}
    for axis in Axis:
        drivers = [
            Driver(source=q.id, question=q.text, answer=o.label, points=o.weights[axis], reason=o.reason or "")
            for q, o in chosen
            if o.weights.get(axis)
        ]
        for name in facts:
            rule = qs.overrides[name]
            if rule.weights.get(axis):
                drivers.append(Driver(source=name, question="From your situation", answer=rule.reason,
                                      points=rule.weights[axis], reason=rule.reason))
        drivers.sort(key=lambda d: -d.points)
        points = sum(d.points for d in drivers)
        maximum = qs.max_points(axis)
        out[axis] = AxisScore(axis=axis, label=qs.axes[axis].label, score=axis_score(points, maximum),
                              points=points, max_points=maximum, drivers=tuple(drivers))
    return out


def safety_known_clear(answers: QuestionnaireAnswers, qs: QuestionSet) -> bool:
    """True only if the person opted in and answered every safety question "no"."""
    if not answers.safety_opt_in:
        return False
    return all(answers.answer(q.id) == "no" for q in qs.questions if q.is_safety)


def level_from_points(scores: dict[Axis, AxisScore], flags: set[str], qs: QuestionSet) -> HelpLevel:
    """Step 2 of the module docstring: the level the points alone suggest."""
    t = qs.thresholds
    values = {axis: s.score for axis, s in scores.items()}
    if all(v < t.self_help_below for v in values.values()):
        return HelpLevel.SELF_HELP
    if max(values[Axis.COMPLEXITY], values[Axis.COMMUNICATION]) >= t.full_representation_from:
        return HelpLevel.FULL_REPRESENTATION
    if "something_to_agree" in flags and values[Axis.COMMUNICATION] < t.mediation_communication_below:
        return HelpLevel.MEDIATION
    return HelpLevel.LIMITED_SCOPE


def _because(reason: str) -> str:
    return f"Because {reason}."


def assess(case: Case, *, as_of: dt.date | None = None, questions: QuestionSet | None = None) -> AttorneyNeedResult:
    """Score the case's questionnaire answers and recommend a level of help (see the module docstring)."""
    qs = questions or question_set()
    day = as_of or case.estimate.as_of or dt.date.today()
    answers = case.questionnaire
    chosen, unknown = chosen_options(answers, qs)
    flags: set[str] = {f for _, o in chosen for f in o.flags}
    fired = fired_overrides(case, chosen, qs, day)
    facts = [name for name in fired if name in CASE_FACT_OVERRIDES]
    scores = score_axes(chosen, facts, qs)
    safety_concern = "safety_concern" in flags
    clear = safety_known_clear(answers, qs)
    alerts: list[Alert] = []

    answered = sum(1 for q, _ in chosen if not q.is_safety)
    total = sum(1 for q in qs.questions if not q.is_safety)

    points_level: HelpLevel | None = level_from_points(scores, flags, qs) if answered or fired else None
    level = points_level
    if level is HelpLevel.MEDIATION and not clear:
        # mediation only if safe: without "no" to every safety question we cannot say so
        level = HelpLevel.LIMITED_SCOPE
    if points_level is HelpLevel.MEDIATION and not clear and not safety_concern:
        alerts.append(Alert(kind="mediation_if_safe", message=(
            "Mediation may also suit you if you feel safe negotiating with the other parent. "
            "A mediator will check this with each of you separately before starting.")))
    ruled_out: set[HelpLevel] = set()
    for name in fired:
        rule = qs.overrides[name]
        ruled_out.update(rule.rules_out)
        if level is None or qs.rank(rule.minimum_level) > qs.rank(level):
            level = rule.minimum_level
    if safety_concern:
        ruled_out.update({HelpLevel.SELF_HELP, HelpLevel.MEDIATION})
    assert level is None or level not in ruled_out, "an override's minimum level must be above what it rules out"

    reasons = [_because(qs.overrides[name].reason) for name in fired]
    skip = set(fired) | {q.id for q, o in chosen if o.override}  # already said by the override's reason
    reasons += _point_reasons(scores, level, skip)

    alerts += _alerts(case, day, qs, answers, chosen, unknown, answered, total, flags)
    show_contacts = safety_concern or "safety_unknown" in flags
    contacts = contacts_for(case.jurisdiction) if show_contacts else ()
    if show_contacts and not any(c.verified for c in contacts):
        alerts.append(Alert(kind="no_contacts", urgent=safety_concern, message=(
            "We do not have checked help-line numbers for this place yet. If you are in danger, call your local "
            "emergency number.")))
    if safety_concern:
        emergency = next((c.number for c in contacts if c.kind == "emergency" and c.verified), None)
        where = f"call {emergency}" if emergency else "call your local emergency number"
        alerts.insert(0, Alert(kind="safety", urgent=True, message=(
            f"If you are in immediate danger, {where}. The services below are free and confidential; "
            "they can help you plan for your safety, whatever you decide.")))

    beyond: tuple[BeyondLawyers, ...] = ()
    if "reconciliation_wanted" in flags and not safety_concern:
        if clear:
            beyond = qs.beyond_lawyers
        else:
            alerts.append(Alert(kind="relationship_support", message=(
                "You said you are open to repairing the relationship. Relationship support is suggested here only "
                "when the optional safety questions have been answered, because counselling together is not advised "
                "where anyone feels unsafe.")))

    info = qs.levels[level] if level else None
    return AttorneyNeedResult(
        as_of=day,
        complexity=scores[Axis.COMPLEXITY],
        familiarity=scores[Axis.FAMILIARITY],
        communication=scores[Axis.COMMUNICATION],
        points_level=points_level,
        level=level,
        level_label=info.label if info else "Not enough answers yet",
        level_description=info.description if info else "Answer some of the questions to see a suggestion.",
        reasons=tuple(dict.fromkeys(reasons)),
        overrides=tuple(FiredOverride(id=n, minimum_level=qs.overrides[n].minimum_level,
                                      reason=qs.overrides[n].reason) for n in fired),
        ruled_out=tuple(lv for lv in HelpLevel if lv in ruled_out),
        alerts=tuple(alerts),
        safety_concern=safety_concern,
        safety_contacts=contacts,
        beyond_lawyers=beyond,
        answered=answered,
        total_questions=total,
    )


def _point_reasons(scores: dict[Axis, AxisScore], level: HelpLevel | None, skip: set[str]) -> list[str]:
    """Plain reasons from the answers that drove the points (largest first), or why the level is low."""
    if level is None:
        return []
    if level is HelpLevel.SELF_HELP:
        return ["Because your answers suggest a fairly simple case that you understand, with a workable "
                "relationship with the other parent."]
    if level is HelpLevel.MEDIATION:
        return ["Because you have things to agree, you can talk with the other parent, and you told us there are "
                "no safety concerns."]
    drivers = sorted((d for s in scores.values() for d in s.drivers if d.source not in skip),
                     key=lambda d: -d.points)
    return [_because(d.reason) for d in drivers[:5]]


def _alerts(
    case: Case, day: dt.date, qs: QuestionSet, answers: QuestionnaireAnswers,
    chosen: list[tuple[Question, Option]], unknown: list[str], answered: int, total: int, flags: set[str],
) -> list[Alert]:
    alerts: list[Alert] = []
    days = days_to_court(case, day)
    limit = qs.overrides["court_date_soon"].days or 0
    court = case.separation.next_court_date
    if days is not None and court is not None:
        if 0 <= days <= limit:
            when = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
            alerts.append(Alert(kind="court_date_soon", urgent=True, message=(
                f"Your next court date is {court:%d %B %Y} — {when}. Get advice before then: a court self-help "
                "centre, legal-aid line or a lawyer can tell you what to prepare.")))
        elif days < 0:
            alerts.append(Alert(kind="court_date_passed", message=(
                f"The next court date saved ({court:%d %B %Y}) has passed. Update it on Your situation.")))
    if any(q.id == "papers_served" and o.override for q, o in chosen):
        alerts.append(Alert(kind="papers_served", urgent=True, message=(
            "Court papers usually set a deadline to reply. Check the papers for the date now; if it is close, "
            "get advice straight away.")))
    if case.separation.other_party_has_lawyer is None:
        alerts.append(Alert(kind="other_lawyer_unknown", message=(
            "If you learn that the other parent has a lawyer, note it on Your situation: it changes the suggestion.")))
    if "safety_unknown" in flags:
        alerts.append(Alert(kind="safety_support", message=(
            "You chose not to answer some safety questions, which is fine. If you ever want to talk to someone, "
            "the services below are free and confidential.")))
    if unknown:
        alerts.append(Alert(kind="unknown_answers", message=(
            "Some saved answers were not recognised (the questions may have changed) and were left out: "
            + ", ".join(sorted(unknown)) + ".")))
    if 0 < answered < total:
        alerts.append(Alert(kind="incomplete", message=(
            f"You have answered {answered} of {total} questions. The suggestion uses only those answers.")))
    return alerts


def result_text(result: AttorneyNeedResult) -> str:
    """The result as plain text (the CLI's output)."""
    lines = ["Do I need a lawyer? — a suggestion, not legal advice", f"As of {result.as_of.isoformat()}", ""]
    lines.append(f"Suggested level of help: {result.level_label}")
    lines.append(f"  {result.level_description}")
    if result.reasons:
        lines += ["", "Why:"] + [f"  - {r}" for r in result.reasons]
    if result.ruled_out:
        lines.append("Not suggested: " + ", ".join(lv.value.replace("_", " ") for lv in result.ruled_out)
                     + " (safety comes first)")
    lines += ["", "Scores (0-100; higher points more strongly towards getting help):"]
    for s in result.axes:
        lines.append(f"  {s.label}: {s.score}  ({s.points} of {s.max_points} points)")
        lines += [f"      +{d.points}  {d.reason}" for d in s.drivers]
    if result.alerts:
        lines += ["", "Please note:"] + [f"  {'! ' if a.urgent else '- '}{a.message}" for a in result.alerts]
    if result.safety_contacts:
        lines += ["", "Help lines:"]
        for c in result.safety_contacts:
            number = c.number or "number not yet verified"
            extra = "".join(f", {x}" for x in (f"TTY {c.tty}" if c.tty else None, c.text) if x)
            lines.append(f"  {c.name}: {number}{extra}  [source: {c.source_url}; {c.confidence.value}]")
    if result.beyond_lawyers:
        lines += ["", "Other kinds of help you mentioned wanting:"]
        lines += [f"  - {b.title}: {b.what_for} {b.how_to_find}" for b in result.beyond_lawyers]
    lines += ["", f"Answered {result.answered} of {result.total_questions} questions.", result.disclaimer]
    return "\n".join(lines)


__all__ = [
    "DISCLAIMER", "AttorneyNeedResult", "Axis", "AxisScore", "Contact", "DataFileError", "HelpLevel", "Problem",
    "Question", "QuestionSet", "assess", "contacts_for", "question_set", "result_text",
]
