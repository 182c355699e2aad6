"""The emergency number, on every page: for the case's place, or (no place chosen yet) for every place the app knows.

Issue 17: a person in danger should not have to open the optional safety questions to find the number to call. The
numbers come from calculators/safety_contacts.yaml through its existing lookup (``contacts_for``), each checked
against the source named there; a number marked unverified is never shown.
"""

from __future__ import annotations

import streamlit as st

from calculators.attorney_need import Contact, contacts_file, contacts_for

# Country names for the emergency line when no place has been chosen (the contacts file is keyed by ISO code).
COUNTRY_NAMES = {"US": "the United States", "CA": "Canada", "GB": "Great Britain", "AU": "Australia"}


def _emergency(contacts: tuple[Contact, ...]) -> Contact | None:
    return next((c for c in contacts if c.kind == "emergency" and c.verified), None)


def emergency_text(jurisdiction: str | None) -> str:
    """One line in plain words: the number to call in immediate danger (pure: tests read it)."""
    if jurisdiction:
        contact = _emergency(contacts_for(jurisdiction))
        if contact is not None:
            return f"In immediate danger? Call **{contact.number}**."
        return "In immediate danger? Call the emergency number where you are."
    numbers = []
    for code, contacts in contacts_file().contacts.items():
        contact = _emergency(contacts) if "-" not in code else None
        if contact is not None:
            numbers.append(f"**{contact.number}** in {COUNTRY_NAMES.get(code, code)}")
    if not numbers:
        return "In immediate danger? Call the emergency number where you are."
    listed = ", ".join(numbers[:-1]) + (f" or {numbers[-1]}" if len(numbers) > 1 else numbers[0])
    return f"In immediate danger? Call the emergency number where you are: {listed}."


def emergency_line(jurisdiction: str | None) -> None:
    """The line at the top of every page (chrome.render)."""
    st.markdown(f":material/call: {emergency_text(jurisdiction)}")
