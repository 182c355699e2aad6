"""Plain explanations of the law's own shorthand where an estimate uses it (issue 17: no "H%" or "Obligor" without
a plain explanation; say "the parent who pays").

The engines name worksheet lines after the statute (DESIGN.md: "name functions and fields after the statute's own
terms"), so a California worksheet says HN, TN, H% and K, and a Texas one says obligor. Those words stay, because a
professional checks them against the statute; a person reading the estimate gets them explained beside it. Pure
(no framework): the Child support page and the command line use it, and the PDF can.

Each meaning is the statute's own definition in plain words:
- California Family Code § 4055(b)(1)-(3): CS, K, HN, H%, TN.
- Texas Family Code § 101.022 ("obligor": a person required to make payments under a support order) and § 101.023
  ("obligee": a person entitled to receive payments under a support order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# term -> (how it is found in text, what it means). Order: the order they are listed in.
GLOSSARY: dict[str, tuple[re.Pattern[str], str]] = {
    "obligor": (re.compile(r"\bobligors?\b", re.IGNORECASE), "the parent who pays child support"),
    "obligee": (re.compile(r"\bobligees?\b", re.IGNORECASE), "the parent who receives child support"),
    "HN": (re.compile(r"\bHN\b"), "the net monthly disposable income of the parent who earns more"),
    "TN": (re.compile(r"\bTN\b"), "both parents' net monthly disposable income added together"),
    "H%": (re.compile(r"\bH%"), "the share of time the parent who earns more has the children"),
    "K": (re.compile(r"\bK\b"), "the part of both parents' income the law sets aside for child support"),
    "CS": (re.compile(r"\bCS\b"), "the child support amount"),
}


def terms_in(texts: Iterable[str]) -> list[tuple[str, str]]:
    """The shorthand terms that occur in ``texts``, each with its plain meaning, in glossary order."""
    joined = "\n".join(texts)
    return [(term, meaning) for term, (pattern, meaning) in GLOSSARY.items() if pattern.search(joined)]
