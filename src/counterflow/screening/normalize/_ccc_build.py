"""Regenerate ``_ccc_table.py`` from the Unicode Han Database (Unihan).

The Chinese Commercial Code tables come from two Unihan fields of
``Unihan_OtherMappings.txt`` (Unicode Standard Annex #38):

- ``kMainlandTelegraph``: the code in the PRC telegraph code book (simplified characters);
- ``kTaiwanTelegraph``: the code in the Taiwan code book (traditional characters).

On Debian the file ships in the ``unicode-data`` package as
``/usr/share/unicode/Unihan_OtherMappings.txt.bz2``; ``Unihan.zip`` from unicode.org works
too. Run::

    python -m counterflow.screening.normalize._ccc_build \\
        /usr/share/unicode/Unihan_OtherMappings.txt.bz2 \\
        src/counterflow/screening/normalize/_ccc_table.py

The output stores each region as a 10,000-character string: the character at index ``n`` is
the one with code ``n`` and ``_`` marks an unused code, so a lookup is one string index.
"""

from __future__ import annotations

import bz2
import io
import sys
import zipfile
from pathlib import Path

_FIELDS = {"kMainlandTelegraph": "MAINLAND", "kTaiwanTelegraph": "TAIWAN"}
_EMPTY = "_"
_PER_LINE = 40


def read_other_mappings(path: Path) -> tuple[str, str]:
    """The text of ``Unihan_OtherMappings.txt`` (plain, ``.bz2`` or inside ``Unihan.zip``)
    and the Unicode version its header names."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            text = zf.read("Unihan_OtherMappings.txt").decode("utf-8")
    elif path.suffix == ".bz2":
        text = bz2.decompress(path.read_bytes()).decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    version = "unknown"
    for line in io.StringIO(text):
        if line.startswith("# Unicode version:"):
            version = line.split(":", 1)[1].strip()
            break
    return text, version


def parse_telegraph(text: str) -> dict[str, dict[int, str]]:
    """``{"MAINLAND": {code: char}, "TAIWAN": {code: char}}``.

    Raises ``ValueError`` when one code names two characters in one region (it never does in
    Unicode 15; a table where it did could not be a plain string).
    """
    tables: dict[str, dict[int, str]] = {name: {} for name in _FIELDS.values()}
    for lineno, line in enumerate(io.StringIO(text), start=1):
        if line.startswith("#") or not line.strip():
            continue
        cp, field, value = line.rstrip("\n").split("\t", 2)
        region = _FIELDS.get(field)
        if region is None:
            continue
        char = chr(int(cp[2:], 16))
        for code in value.split():
            n = int(code)
            old = tables[region].get(n)
            if old is not None and old != char:
                raise ValueError(f"line {lineno}: {field} {code} is both {old} and {char}")
            tables[region][n] = char
    return tables


def render_module(tables: dict[str, dict[int, str]], version: str) -> str:
    """Python source of ``_ccc_table.py``."""
    out = [
        '"""Chinese Commercial Code (telegraph code) tables. Generated: do not edit.',
        "",
        f"Source: Unicode Han Database (Unihan), Unicode {version}, Unihan_OtherMappings.txt,",
        "fields kMainlandTelegraph (MAINLAND) and kTaiwanTelegraph (TAIWAN); regenerate with",
        "``python -m counterflow.screening.normalize._ccc_build``.",
        "",
        "Copyright (c) 1991-2022 Unicode, Inc. Distributed under the Unicode License",
        "(https://www.unicode.org/license.txt), which permits copying and redistribution of the",
        "data files with this notice.",
        "",
        "Each table is a 10,000-character string: index ``n`` holds the character with code",
        f"``n`` ({_EMPTY!r} where the code is unused).",
        '"""',
        "",
    ]
    for region in _FIELDS.values():
        table = tables[region]
        chars = "".join(table.get(n, _EMPTY) for n in range(10_000))
        out.append(f"{region} = (")
        for start in range(0, len(chars), _PER_LINE):
            out.append(f'    "{chars[start : start + _PER_LINE]}"')
        out.append(")")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """``_ccc_build SOURCE OUTPUT``."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    text, version = read_other_mappings(Path(argv[0]))
    tables = parse_telegraph(text)
    Path(argv[1]).write_text(render_module(tables, version), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
