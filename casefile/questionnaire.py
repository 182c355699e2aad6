"""Answers to the "Do I need a lawyer?" questionnaire, as stored in the Case.

The questions themselves (text, options, weights, overrides) are data: calculators/attorney_need.yaml. This module only
holds what the person chose: one option id per question id. It cannot check ids against the question file (casefile
never depends on calculators); ``calculators.attorney_need.assess`` reports any answer it does not recognise.

Safety questions are opt-in: their answers count only while ``safety_opt_in`` is True, and the page drops them when the
person opts out. Ids of safety questions start with ``safety_`` so this rule needs no question file.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import Field, field_validator

from casefile.models import Value

SAFETY_PREFIX = "safety_"
_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")

AnswerId = Annotated[str, Field(min_length=1, max_length=60)]


def is_safety_question(question_id: str) -> bool:
    return question_id.startswith(SAFETY_PREFIX)


class QuestionnaireAnswers(Value):
    """What the person answered: question id -> option id. Questions left out are simply not answered yet."""

    answers: dict[AnswerId, AnswerId] = Field(default_factory=dict, max_length=200)
    safety_opt_in: bool = False  # the person chose to see the optional safety questions
    completed_on: date | None = None  # when the person last saved their answers

    @field_validator("answers")
    @classmethod
    def _plain_ids(cls, v: dict[str, str]) -> dict[str, str]:
        for key, option in v.items():
            for text in (key, option):
                if not _ID.match(text):
                    raise ValueError(f"{text!r} is not a question or answer id (lower-case letters, digits and _)")
        return v

    def answer(self, question_id: str) -> str | None:
        """The chosen option, or None. Safety answers count only while the person has opted in."""
        if is_safety_question(question_id) and not self.safety_opt_in:
            return None
        return self.answers.get(question_id)

    def counted(self) -> dict[str, str]:
        """Every answer that counts (safety answers dropped unless opted in)."""
        return {q: a for q, a in self.answers.items() if self.answer(q) is not None}

    def with_answers(self, answers: dict[str, str], *, safety_opt_in: bool, on: date | None) -> QuestionnaireAnswers:
        """A new value with these answers; opting out of the safety questions forgets their answers."""
        kept = {q: a for q, a in answers.items() if safety_opt_in or not is_safety_question(q)}
        return QuestionnaireAnswers(answers=kept, safety_opt_in=safety_opt_in, completed_on=on)
