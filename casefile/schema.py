"""The case file's published JSON Schema (``organizer schema``)."""

from __future__ import annotations

from typing import Any

from casefile.models import SCHEMA_VERSION, Case
from casefile.storage import FILE_MAGIC


def case_file_json_schema() -> dict[str, Any]:
    """JSON Schema of a case file: the envelope (format, schema_version) around the Case."""
    case_schema = Case.model_json_schema(mode="serialization")
    defs = case_schema.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Separation Organizer case file",
        "type": "object",
        "required": ["format", "schema_version", "case"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FILE_MAGIC},
            "schema_version": {"const": SCHEMA_VERSION},
            "case": case_schema,
        },
        "$defs": defs,
    }
