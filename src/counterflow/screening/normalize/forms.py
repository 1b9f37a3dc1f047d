"""Every Latin form of a name, whatever script it is written in.

Watch lists are mostly in Latin script; queries come in Khmer, Chinese, Thai, Cyrillic or
Latin, and one name may mix them (``Oknha 陈志``). :func:`latin_forms` cuts a name into
runs of one script, romanises each run with the system for its script, and combines the
runs' spellings:

=========  ==================================================================
script     romanisation
=========  ==================================================================
Latin      :func:`~counterflow.screening.normalize.text.fold` (and the joined
           form of hyphenated words: ``Jin-ping`` → ``jinping``)
Khmer      ``khmer.romanize_khmer`` (UNGEGN 1972 and popular spellings)
Han        :func:`~counterflow.screening.normalize.han.romanize_han` (Hanyu Pinyin,
           ISO 7098; Wade-Giles; Cantonese/Hokkien/Teochew surnames)
Thai       :func:`~counterflow.screening.normalize.thai.romanize_thai` (RTGS)
Cyrillic   :func:`~counterflow.screening.normalize.cyrillic.romanize_cyrillic`
           (ICAO Doc 9303)
Hangul     :func:`~counterflow.screening.normalize.hangul.romanize_hangul`
           (Revised Romanization, North Korean spelling)
Kana       :func:`~counterflow.screening.normalize.kana.romanize_kana` (Hepburn)
others     the folded text itself: an Arabic name still matches the same name in
           Arabic script on a list (the UN list gives original-script names)
=========  ==================================================================

Every form is folded, the first is canonical, and there are at most :data:`MAX_FORMS`.
"""

from __future__ import annotations

import importlib
import itertools
import unicodedata
from collections.abc import Callable
from types import ModuleType
from typing import cast

from counterflow.screening.normalize.cyrillic import romanize_cyrillic
from counterflow.screening.normalize.han import romanize_han
from counterflow.screening.normalize.hangul import romanize_hangul
from counterflow.screening.normalize.kana import romanize_kana
from counterflow.screening.normalize.script import Script, char_script, is_letter
from counterflow.screening.normalize.text import fold
from counterflow.screening.normalize.thai import romanize_thai
from counterflow.screening.normalize.tokens import name_tokens

MAX_FORMS = 16
"""At most this many forms per name."""

_KHMER_MODULE = "counterflow.screening.normalize.khmer"


class KhmerSupportMissingError(RuntimeError):
    """Khmer text was given but the Khmer romaniser module is not installed."""


def _khmer() -> ModuleType | None:
    try:
        return importlib.import_module(_KHMER_MODULE)
    except ImportError as exc:  # ModuleNotFoundError, or None in sys.modules
        if exc.name in (None, _KHMER_MODULE):
            return None
        raise


def _khmer_function(name: str) -> Callable[[str], object] | None:
    module = _khmer()
    func = getattr(module, name, None) if module is not None else None
    return cast("Callable[[str], object] | None", func)


def romanize_khmer(text: str) -> tuple[str, ...]:
    """``khmer.romanize_khmer``, or :class:`KhmerSupportMissingError` if it is missing."""
    func = _khmer_function("romanize_khmer")
    if func is None:
        raise KhmerSupportMissingError(
            f"cannot romanise Khmer text {text!r}: {_KHMER_MODULE}.romanize_khmer is missing"
        )
    return tuple(cast("tuple[str, ...]", func(text)))


def normalize(text: str) -> str:
    """NFKC, then Khmer normalisation (when the Khmer module is there), then :func:`fold`.

    The result keeps the original script; it is the form to store and compare exactly
    (e.g. a Khmer name against the Khmer name on a domestic list).
    """
    text = unicodedata.normalize("NFKC", text)
    if any(char_script(ch) is Script.KHMER for ch in text):
        func = _khmer_function("normalize_khmer")
        if func is not None:
            text = cast("str", func(text))
    return fold(text)


def script_chunks(text: str) -> list[tuple[Script, str]]:
    """``text`` cut where the script of the letters changes.

    Marks, digits and punctuation stay with the letters before them (at the start: with the
    first letter's run); white space between words of one script stays inside the chunk, so
    that ``"陈 志"`` or ``"ហ៊ុន សែន"`` is one chunk.
    """
    chunks: list[tuple[Script, list[str]]] = []
    pending: list[str] = []  # characters before the first letter
    for ch in unicodedata.normalize("NFKC", text):
        if not is_letter(ch):
            if chunks:
                chunks[-1][1].append(ch)
            else:
                pending.append(ch)
            continue
        script = char_script(ch)
        if not chunks or chunks[-1][0] is not script:
            tail: list[str] = []
            if chunks:  # white space and punctuation between two scripts separate them
                buf = chunks[-1][1]
                while buf and not is_letter(buf[-1]) and unicodedata.category(buf[-1])[0] != "M":
                    tail.insert(0, buf.pop())
            chunks.append((script, [*pending, *tail]))
            pending = []
        chunks[-1][1].append(ch)
    if not chunks:
        return [(Script.OTHER, "".join(pending))] if pending else []
    return [(script, "".join(chars)) for script, chars in chunks]


def _latin_forms(chunk: str) -> tuple[str, ...]:
    return (fold(chunk), " ".join(name_tokens(chunk)))


_ROMANIZERS: dict[Script, Callable[[str], tuple[str, ...]]] = {
    Script.LATIN: _latin_forms,
    Script.KHMER: romanize_khmer,
    Script.HAN: romanize_han,
    Script.THAI: romanize_thai,
    Script.CYRILLIC: romanize_cyrillic,
    Script.HANGUL: romanize_hangul,
    Script.KANA: romanize_kana,
}


def _chunk_forms(script: Script, chunk: str) -> tuple[str, ...]:
    romanize = _ROMANIZERS.get(script)
    forms = romanize(chunk) if romanize is not None else ()
    folded = tuple(dict.fromkeys(f for f in (fold(x) for x in forms) if f))
    return folded or ((fold(chunk),) if fold(chunk) else ())


def latin_forms(text: str) -> tuple[str, ...]:
    """Every folded Latin form of the name ``text``; the first is the canonical one.

    >>> latin_forms("习近平")[:3]
    ('xi jinping', 'xi jin ping', 'hsi chin ping')
    >>> latin_forms("Oknha 陈志")[0]
    'oknha chen zhi'

    Raises :class:`KhmerSupportMissingError` for Khmer text when the Khmer module is absent.
    """
    per_chunk = [f for f in (_chunk_forms(s, c) for s, c in script_chunks(text)) if f]
    if not per_chunk:
        return ()
    # The i-th form of every chunk together first (canonical, then each system's), then the
    # other combinations, bounded.
    depth = max(len(f) for f in per_chunk)
    ordered = [" ".join(f[min(i, len(f) - 1)] for f in per_chunk) for i in range(depth)]
    combos = itertools.islice(itertools.product(*per_chunk), MAX_FORMS * 4)
    ordered.extend(" ".join(c) for c in combos)
    return tuple(dict.fromkeys(ordered))[:MAX_FORMS]
