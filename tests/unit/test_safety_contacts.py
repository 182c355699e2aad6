"""Help lines for every US state and the District of Columbia, with or without a rule file (issue 16).

The codes are ISO 3166-2:US subdivision codes for the 50 states and DC (the outlying areas such as US-PR have their
own ISO 3166-1 codes and are not claimed here). The expected numbers are the ones printed by the sources named in
calculators/safety_contacts.yaml (FCC for 911; DOJ Office for Victims of Crime for the Hotline), not program output.
"""

from __future__ import annotations

import pytest

from calculators.attorney_need import contacts_for
from jurisdictions.rules import Confidence

STATES_AND_DC = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
)


def test_the_list_is_fifty_states_and_dc() -> None:
    assert len(STATES_AND_DC) == len(set(STATES_AND_DC)) == 51


@pytest.mark.parametrize("state", STATES_AND_DC)
def test_every_state_gets_911_and_the_national_hotline(state: str) -> None:
    found = {c.name: c for c in contacts_for(f"US-{state}")}
    emergency, hotline = found["Emergency services"], found["National Domestic Violence Hotline"]
    assert emergency.number == "911" and emergency.kind == "emergency"
    assert (hotline.number, hotline.tty, hotline.text) == ("1-800-799-7233", "1-800-787-3224", "Text START to 88788")
    for contact in (emergency, hotline):
        assert contact.verified and contact.confidence is Confidence.OFFICIAL
        assert contact.source and contact.source_url.startswith("https://")


def test_lower_case_codes_and_the_country_alone_work_too() -> None:
    assert [c.number for c in contacts_for("us-oh")] == [c.number for c in contacts_for("US")] == [
        "911", "1-800-799-7233"]
