"""A phonetic key for romanised names from many writing systems.

Soundex (Russell, 1918) and Metaphone (Philips, 1990) were built for English spellings. Names
on watch lists reach Latin letters through many romanisations at once: French-influenced Khmer
("Chea", "Chhay", "Phan"), Hanyu Pinyin and Wade-Giles ("Zhang", "Chang"; "Xi", "Hsi"),
Arabic ("Usama", "Osama"; "Mohammed", "Muhamad") and Slavic ("Vladimir", "Wladimir"). The
key below folds exactly the letters those systems disagree on, so that two spellings of one
spoken name share a key:

* aspiration marks and silent ``h`` vanish: ``ph``/``p``, ``th``/``t``, ``kh``/``k``,
  ``chh``/``ch`` (Khmer romanisation writes aspiration that Western spellings drop);
* the affricates and sibilants that romanisations spell differently collapse:
  ``zh``, ``j``, ``ch``, ``q``, ``tch``, ``tj`` → ``j``; ``x``, ``hs``, ``sh``, ``sz``, ``z``
  → ``s``;
* ``w``/``v``, ``c``/``k`` (before a, o, u), ``ck``/``k``, ``gh``/``g``, ``dh``/``d``, ``y``
  between vowels;
* vowels are dropped after the first letter (their spellings vary the most: ``ea``/``ia``,
  ``ou``/``u``, ``ey``/``ei``) and a vowel-initial name keeps one ``a`` so "Osama" and
  "Usama" agree; doubled letters count once. A final ``ng`` stays: "Seng" and "Sen",
  "Cheung" and "Chan" are different names.

The key is deliberately coarse: it decides which list names are worth comparing (retrieval)
and whether two tokens "sound alike" (one piece of evidence), never the score by itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = frozenset("aeiouy")

# Ordered: longer spellings before their prefixes.
_REWRITES: tuple[tuple[str, str], ...] = (
    ("tch", "j"),
    ("chh", "j"),
    ("sch", "s"),
    ("zh", "j"),
    ("ch", "j"),
    ("tj", "j"),
    ("dj", "j"),
    ("q", "j"),
    ("hs", "s"),
    ("sh", "s"),
    ("sz", "s"),
    ("x", "s"),
    ("z", "s"),
    ("ph", "p"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("ck", "k"),
    ("w", "v"),
)
_REWRITE_RE = re.compile("|".join(re.escape(a) for a, _ in _REWRITES))
_REWRITE_TO = dict(_REWRITES)
_C_HARD = re.compile(r"c(?=[aou]|$|[^aeiouy])")


@lru_cache(maxsize=1 << 16)
def phonetic_key(token: str) -> str:
    """The phonetic key of one folded (lower-case, ASCII) name token.

    >>> phonetic_key("chea") == phonetic_key("chia")
    True
    >>> phonetic_key("zhang") == phonetic_key("chang")
    True
    """
    t = "".join(ch for ch in token if "a" <= ch <= "z")
    if not t:
        return token
    t = _REWRITE_RE.sub(lambda m: _REWRITE_TO[m.group(0)], t)
    t = _C_HARD.sub("k", t).replace("c", "s")
    first = "a" if t[0] in _VOWELS else t[0]
    out = [first]
    for ch in t[1:]:
        if ch in _VOWELS or ch == "h":
            continue
        if out[-1] != ch:
            out.append(ch)
    return "".join(out)
