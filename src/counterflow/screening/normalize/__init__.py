"""Name normalisation for watch-list screening: one comparable form of a name in any script.

A person on a watch list is written many ways: ``Samdech HUN Sen``, ``ហ៊ុន សែន``, ``XI,
Jin-ping``, ``习近平``, ``5045 6602 1627`` (Chinese telegraph code), ``ทักษิณ ชินวัตร``,
``Хрущёв``. Before matching, a name goes through:

1. :func:`split_titles`: titles and honorifics set aside (and kept for the explanation);
2. :func:`detect_script`: which writing system it uses;
3. :func:`latin_forms`: every folded Latin spelling (Khmer, Han, Thai and Cyrillic are
   romanised; Latin is folded);
4. :func:`name_tokens`: the words a matcher compares.

:func:`normalize` gives the one folded form in the original script, :func:`fold` the
case/accent/punctuation-insensitive form of any text. :func:`ccc_to_han` turns telegraph
codes into characters, :func:`romanize_han` and :func:`romanize_thai` are the romanisers
used by :func:`latin_forms`.
"""

from counterflow.screening.normalize.ccc import ccc_to_han, han_to_ccc
from counterflow.screening.normalize.forms import (
    KhmerSupportMissingError,
    latin_forms,
    normalize,
)
from counterflow.screening.normalize.han import romanize_han
from counterflow.screening.normalize.script import Script, detect_script
from counterflow.screening.normalize.text import fold
from counterflow.screening.normalize.thai import romanize_thai
from counterflow.screening.normalize.titles import split_titles
from counterflow.screening.normalize.tokens import name_tokens

__all__ = [
    "KhmerSupportMissingError",
    "Script",
    "ccc_to_han",
    "detect_script",
    "fold",
    "han_to_ccc",
    "latin_forms",
    "name_tokens",
    "normalize",
    "romanize_han",
    "romanize_thai",
    "split_titles",
]
