"""JSON: the sheets for programs (the open-data portal, a ministry's dashboard).

    {"title": ..., "subtitle": ..., "lang": "km",
     "sheets": [{"key": "victims_by_sex", "title": ..., "header": [...],
                 "rows": [["Female", 98, 201, -51.2], ...], "notes": [...]}]}

Figures are JSON numbers, withheld ones ``null``, released texts (``"<10"``) strings; the
text is UTF-8 as written (Khmer is not turned into ``\\u`` escapes).
"""

from __future__ import annotations

import json

from counterflow.stats.export.base import Document


def render_json(document: Document) -> bytes:
    """The document as a JSON object (module docstring)."""
    payload = {
        "title": document.title,
        "subtitle": document.subtitle,
        "lang": document.lang,
        "sheets": [
            {
                "key": sheet.key,
                "title": sheet.title,
                "header": list(sheet.header),
                "rows": [list(row) for row in sheet.rows],
                "notes": list(sheet.notes),
            }
            for sheet in document.sheets
        ],
    }
    # allow_nan=False: NaN is not JSON; a sheet never holds one, and if it did the error
    # is better than a file other programs cannot read.
    return (json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode()
