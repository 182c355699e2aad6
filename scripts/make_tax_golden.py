"""Make tests/data/tax_golden.json: an independent golden set for the tax component, computed ONCE with a second
well-kept tax model, PolicyEngine-US, which is not a project dependency (it is AGPL-licensed, 1 GB, and takes a
minute to import). Run it in a scratch virtual environment, never in the project's:

    python3 -m venv /tmp/pe && /tmp/pe/bin/pip install policyengine-us==2.68.0
    /tmp/pe/bin/python scripts/make_tax_golden.py > tests/data/tax_golden.json

Only PolicyEngine's own outputs are stored (with its name and version): never this project's results. The test
(tests/unit/test_tax_golden.py) compares the tax component against them with stated tolerances.

Each household is one adult (with a spouse without income for a joint return, and children aged 10 as dependents
for head of household or joint returns with children); incomes are yearly.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from importlib.metadata import version

from policyengine_us import Simulation

# (id, state, locality, filing status, dependents, wages, self-employment, other income, years)
HOUSEHOLDS = [
    ("tx-single-30k", "TX", None, "single", 0, 30_000, 0, 0, (2024, 2025, 2026)),
    ("tx-single-72k", "TX", None, "single", 0, 72_000, 0, 0, (2024, 2025, 2026)),
    ("tx-single-250k", "TX", None, "single", 0, 250_000, 0, 0, (2025, 2026)),
    ("tx-se-50k", "TX", None, "single", 0, 0, 50_000, 0, (2025, 2026)),
    ("ca-hoh2-60k", "CA", None, "head_of_household", 2, 60_000, 0, 0, (2024, 2025)),
    ("ca-hoh1-95k", "CA", None, "head_of_household", 1, 95_000, 0, 0, (2024, 2025)),
    ("ca-single-120k", "CA", None, "single", 0, 120_000, 0, 0, (2024, 2025)),
    ("ca-single-se-40k", "CA", None, "single", 0, 20_000, 40_000, 0, (2025,)),
    ("ca-joint1-150k", "CA", None, "married_joint", 1, 150_000, 0, 0, (2025,)),
    ("ny-nyc-single-90k-se30k", "NY", "new_york_city", "single", 0, 90_000, 30_000, 0, (2025, 2026)),
    ("ny-nyc-hoh1-55k", "NY", "new_york_city", "head_of_household", 1, 55_000, 0, 0, (2025, 2026)),
    ("ny-yonkers-single-90k", "NY", "yonkers", "single", 0, 90_000, 0, 0, (2025,)),
    ("ny-upstate-single-65k", "NY", None, "single", 0, 65_000, 0, 0, (2025,)),
    ("fl-single-se-45k", "FL", None, "single", 0, 0, 45_000, 0, (2025,)),
    ("fl-hoh2-35k", "FL", None, "head_of_household", 2, 35_000, 0, 0, (2025,)),
    ("wa-single-70k-other5k", "WA", None, "single", 0, 70_000, 0, 5_000, (2025,)),
    ("il-single-80k", "IL", None, "single", 0, 80_000, 0, 0, (2024,)),
    ("oh-hoh1-50k", "OH", None, "head_of_household", 1, 50_000, 0, 0, (2024,)),
    ("pa-single-60k", "PA", None, "single", 0, 60_000, 0, 0, (2024,)),
    ("ga-joint2-110k", "GA", None, "married_joint", 2, 110_000, 0, 0, (2024,)),
    ("ma-single-200k", "MA", None, "single", 0, 200_000, 0, 0, (2024,)),
    ("dc-single-75k", "DC", None, "single", 0, 75_000, 0, 0, (2024,)),
    ("md-hoh1-70k", "MD", None, "head_of_household", 1, 70_000, 0, 0, (2024,)),
]

OUTPUTS = {
    "federal_income_tax": "income_tax",
    "federal_income_tax_before_credits": "income_tax_before_credits",
    "state_income_tax": "state_income_tax",
    "social_security": "employee_social_security_tax",
    "medicare": "employee_medicare_tax",
    "additional_medicare": "additional_medicare_tax",
    "self_employment_tax": "self_employment_tax",
}
LOCAL_OUTPUTS = {
    "new_york_city": {"nyc_income_tax_before_credits": "nyc_income_tax_before_credits",
                      "nyc_income_tax": "nyc_income_tax"},
    "yonkers": {"yonkers_income_tax": "ny_yonkers_income_tax"},
}
CA_OUTPUTS = {"california_sdi": "ca_employee_state_disability_insurance_contribution"}


def situation(state: str, locality: str | None, status: str, dependents: int, wages: float, se: float,
              other: float, year: int) -> dict:
    y = str(year)
    adult = {"age": {y: 40}, "employment_income": {y: wages}, "self_employment_income": {y: se},
             "taxable_interest_income": {y: other}}
    people = {"adult": adult}
    members = ["adult"]
    marital = {"adult_mu": {"members": ["adult"]}}
    if status == "married_joint":
        people["spouse"] = {"age": {y: 40}}
        members.append("spouse")
        marital = {"couple": {"members": ["adult", "spouse"]}}
    for n in range(dependents):
        name = f"child{n + 1}"
        people[name] = {"age": {y: 10}, "is_tax_unit_dependent": {y: True}}
        members.append(name)
        marital[f"{name}_mu"] = {"members": [name]}
    household = {"members": members, "state_name": {y: state}}
    if locality == "new_york_city":
        household["in_nyc"] = {y: True}
    if locality == "yonkers":
        household["in_yonkers"] = {y: True}
    return {
        "people": people,
        "tax_units": {"tu": {"members": members}},
        "families": {"fam": {"members": members}},
        "spm_units": {"spm": {"members": members}},
        "marital_units": marital,
        "households": {"hh": {"members": members, **{k: v for k, v in household.items() if k != "members"}}},
    }


def total(sim: Simulation, variable: str, year: int) -> float:
    return round(float(sim.calculate(variable, year).sum()), 2)


def main() -> None:
    cases = []
    for key, state, locality, status, dependents, wages, se, other, years in HOUSEHOLDS:
        for year in years:
            sim = Simulation(situation=situation(state, locality, status, dependents, wages, se, other, year))
            outputs = {name: total(sim, var, year) for name, var in OUTPUTS.items()}
            outputs.update({name: total(sim, var, year) for name, var in LOCAL_OUTPUTS.get(locality or "", {}).items()})
            if state == "CA":
                outputs.update({name: total(sim, var, year) for name, var in CA_OUTPUTS.items()})
            outputs["filing_status_used"] = str(sim.calculate("filing_status", year).decode_to_str()[0])
            cases.append({
                "id": f"{key}-{year}", "year": year, "state": state, "locality": locality, "filing_status": status,
                "dependents": dependents, "wages": wages, "self_employment": se, "other_income": other,
                "expected": outputs,
            })
            print(f"{key} {year} done", file=sys.stderr, flush=True)
    json.dump({
        "model": "policyengine-us", "version": version("policyengine-us"),
        "core_version": version("policyengine-core"),
        "generated": dt.date.today().isoformat(), "script": "scripts/make_tax_golden.py",
        "note": "Computed once with PolicyEngine-US (a second tax model, not the project's library); amounts are "
                "yearly US dollars for the tax unit. Children are aged 10 and claimed as dependents.",
        "cases": cases,
    }, sys.stdout, indent=1)
    print(file=sys.stdout)


if __name__ == "__main__":
    main()
