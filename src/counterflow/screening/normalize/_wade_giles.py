"""Hanyu Pinyin syllable → Wade-Giles syllable (without apostrophes and umlauts).

Wade-Giles (Thomas Wade 1867, Herbert Giles 1892) was the usual romanisation of Mandarin
before Hanyu Pinyin (ISO 7098) and is still how most Taiwanese and many older Chinese names
are written in passports and watch lists: 蔣 Jiang → Chiang, 蔡 Cai → Tsai, 徐 Xu → Hsu,
谢 Xie → Hsieh. Practical spellings drop the aspiration apostrophe (``ch'``) and the umlaut
(``ü``), so this module returns them bare, which is also what :func:`fold` would leave.
"""

from __future__ import annotations

_WHOLE: dict[str, str] = {
    "zi": "tzu",
    "ci": "tzu",
    "si": "ssu",
    "zhi": "chih",
    "chi": "chih",
    "shi": "shih",
    "ri": "jih",
    "er": "erh",
    "e": "o",
    "ge": "ko",
    "ke": "ko",
    "he": "ho",
    "you": "yu",
    "yu": "yu",
    "yue": "yueh",
    "yong": "yung",
    "yan": "yen",
    "ye": "yeh",
}
# Longest first so that "zh" wins over "z".
_INITIALS: tuple[tuple[str, str], ...] = (
    ("zh", "ch"),
    ("ch", "ch"),
    ("sh", "sh"),
    ("b", "p"),
    ("p", "p"),
    ("m", "m"),
    ("f", "f"),
    ("d", "t"),
    ("t", "t"),
    ("n", "n"),
    ("l", "l"),
    ("g", "k"),
    ("k", "k"),
    ("h", "h"),
    ("j", "ch"),
    ("q", "ch"),
    ("x", "hs"),
    ("r", "j"),
    ("z", "ts"),
    ("c", "ts"),
    ("s", "s"),
    ("y", "y"),
    ("w", "w"),
)


def _final(initial: str, final: str) -> str:
    palatal = initial in ("j", "q", "x")
    if final == "ong":
        return "ung"
    if final == "iong":
        return "iung"
    if final == "ian":
        return "ien"
    if final == "ie":
        return "ieh"
    if final in ("ue", "üe", "ve"):
        return "ueh"
    if final in ("v", "ü"):
        return "u"
    if final == "ui":
        return "uei" if initial in ("g", "k") else "ui"
    if final == "uo" and initial in ("d", "t", "n", "l", "z", "c", "s", "r"):
        return "o"
    if final == "e" and initial in ("g", "k", "h"):
        return "o"
    if palatal and final.startswith("u"):
        return final  # ju → chü → "chu": the umlaut is dropped
    return final


def wade_giles(syllable: str) -> str:
    """One toneless pinyin syllable in lower case → its Wade-Giles spelling.

    >>> [wade_giles(s) for s in ("xi", "jin", "ping", "cai", "zhou", "guo", "zi")]
    ['hsi', 'chin', 'ping', 'tsai', 'chou', 'kuo', 'tzu']
    """
    syl = syllable.lower().replace("ü", "v")
    if syl in _WHOLE:
        return _WHOLE[syl]
    for initial, wg in _INITIALS:
        if syl.startswith(initial) and len(syl) > len(initial):
            return wg + _final(initial, syl[len(initial) :].replace("v", "ü")).replace("ü", "u")
    return syl.replace("v", "u")
