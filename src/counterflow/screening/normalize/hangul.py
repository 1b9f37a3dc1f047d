"""Korean names in Hangul → Latin spellings (South Korean RR and North Korean usage).

Korean persons appear on sanctions lists mostly through the DPRK regimes (UN Security
Council resolution 1718 and its successors), written the North Korean way: 김정은 *Kim Jong
Un*, 최룡해 *Choe Ryong Hae*, 리설주 *Ri Sol Ju*. South Korean documents use the **Revised
Romanization of Korean** (Ministry of Culture and Tourism, 2000): 김정은 *Gim Jeongeun*, with
the surname in its customary spelling (*Kim*). The two differ mainly in the vowels ㅓ (RR
*eo*, North *o*) and ㅡ (RR *eu*, North *u*) and in how the given name's syllables are
written (joined in the South, separate words in the North).

A Hangul syllable block (U+AC00-U+D7A3) is initial × 588 + vowel × 28 + final consonant,
so a syllable is read by arithmetic (The Unicode Standard, section 3.12). Names are read
syllable by syllable without the sound-change rules of running text, as passports do.
"""

from __future__ import annotations

_INITIAL_RR = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
               "k", "t", "p", "h")  # fmt: skip
_INITIAL_NORTH = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch",
                  "kh", "th", "ph", "h")  # fmt: skip
_VOWEL_RR = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
             "wo", "we", "wi", "yu", "eu", "ui", "i")  # fmt: skip
_VOWEL_NORTH = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u",
                "wo", "we", "wi", "yu", "u", "ui", "i")  # fmt: skip
_FINAL = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
          "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip

# Customary spellings of surnames (South first, then North and older spellings).
SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("Kim",), "이": ("Lee", "Rhee", "Yi"), "리": ("Ri", "Lee"), "박": ("Park", "Pak"),
    "최": ("Choi", "Choe"), "정": ("Jung", "Jeong", "Chong"), "강": ("Kang",),
    "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"), "장": ("Jang", "Chang"), "임": ("Lim", "Im"),
    "림": ("Rim", "Lim"), "한": ("Han",), "오": ("Oh", "O"), "서": ("Seo", "Suh", "So"),
    "신": ("Shin", "Sin"), "권": ("Kwon",), "황": ("Hwang",), "안": ("Ahn", "An"),
    "송": ("Song",), "류": ("Ryu", "Yoo"), "유": ("Yoo", "Yu"), "전": ("Jeon", "Chun", "Jon"),
    "홍": ("Hong",), "고": ("Ko", "Go"), "문": ("Moon", "Mun"), "양": ("Yang",),
    "손": ("Son",), "배": ("Bae", "Pae"), "백": ("Baek", "Paek"), "허": ("Heo", "Huh", "Ho"),
    "노": ("Noh", "Roh", "No"), "로": ("Ro", "Roh"), "남": ("Nam",), "심": ("Shim", "Sim"),
    "곽": ("Kwak",), "성": ("Sung", "Song"), "차": ("Cha",), "주": ("Joo", "Ju", "Chu"),
    "우": ("Woo", "U"), "구": ("Koo", "Ku"), "민": ("Min",), "진": ("Jin", "Chin"),
    "지": ("Ji", "Chi"), "엄": ("Um", "Eom"), "원": ("Won",), "천": ("Chun", "Cheon"),
    "방": ("Bang", "Pang"), "공": ("Kong", "Gong"), "현": ("Hyun", "Hyon"), "변": ("Byun", "Pyon"),
    "염": ("Yeom", "Yom"), "여": ("Yeo", "Yo"), "도": ("Do", "To"), "석": ("Seok", "Sok"),
    "설": ("Seol", "Sol"), "길": ("Gil", "Kil"), "기": ("Ki", "Gi"), "반": ("Ban", "Pan"),
    "금": ("Keum", "Kum"), "육": ("Yook", "Yuk"), "태": ("Tae", "Thae"),
}  # fmt: skip
COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "황보": ("Hwangbo",), "남궁": ("Namgung", "Namkung"), "제갈": ("Jegal",),
    "선우": ("Sunwoo", "Seonu"), "독고": ("Dokgo",),
}  # fmt: skip


def _syllable(ch: str, *, north: bool) -> str:
    index = ord(ch) - 0xAC00
    if not 0 <= index < 11172:
        return ""
    initial, rest = divmod(index, 588)
    vowel, final = divmod(rest, 28)
    initials = _INITIAL_NORTH if north else _INITIAL_RR
    vowels = _VOWEL_NORTH if north else _VOWEL_RR
    return initials[initial] + vowels[vowel] + _FINAL[final]


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _north_surname(by_rule: str, customary: tuple[str, ...]) -> str:
    """The surname as North Korea writes it: the syllable reading when it is a customary
    spelling (Ri, Choe, Pak), else the last customary spelling."""
    if not customary or by_rule in customary:
        return by_rule
    return customary[-1]


def _name(word: str) -> list[str]:
    """Spellings of one Hangul word read as surname + given name."""
    if len(word) < 2:
        one = SURNAMES.get(word, ())
        return [*one, _cap(_syllable(word, north=False)), _cap(_syllable(word, north=True))]
    cut = 2 if word[:2] in COMPOUND_SURNAMES and len(word) > 2 else 1
    sur, given = word[:cut], word[cut:]
    customary = (COMPOUND_SURNAMES if cut == 2 else SURNAMES).get(sur, ())
    rr_sur = _cap("".join(_syllable(c, north=False) for c in sur))
    north_sur = _cap("".join(_syllable(c, north=True) for c in sur))
    rr = [_syllable(c, north=False) for c in given]
    north = [_syllable(c, north=True) for c in given]
    first = customary[0] if customary else rr_sur
    out = [
        f"{first} {_cap(''.join(rr))}",
        f"{first} {' '.join(_cap(s) for s in rr)}",
        f"{_north_surname(north_sur, customary)} {' '.join(_cap(s) for s in north)}",
    ]
    out.extend(f"{s} {_cap(''.join(rr))}" for s in customary[1:])
    out.append(f"{rr_sur} {_cap(''.join(rr))}")
    return out


def romanize_hangul(text: str) -> tuple[str, ...]:
    """Latin spellings of a Korean name: South Korean (customary surname, RR given name)
    first, then RR with the given name split, then the North Korean spelling.

    >>> romanize_hangul("김정은")[:3]
    ('Kim Jeongeun', 'Kim Jeong Eun', 'Kim Jong Un')
    """
    words = [w for w in text.split() if any("\uac00" <= c <= "\ud7a3" for c in w)]
    if not words:
        return ()
    if len(words) == 1:
        forms = _name(words[0])
    else:
        # Surname written apart (김 정은) or a longer name: read each word as it stands.
        rr = " ".join(_cap("".join(_syllable(c, north=False) for c in w)) for w in words)
        north = " ".join(" ".join(_cap(_syllable(c, north=True)) for c in w) for w in words)
        forms = [rr, north]
        if len(words) == 2 and len(words[0]) <= 2:
            forms = _name(words[0] + words[1]) + forms
    return tuple(dict.fromkeys(f.strip() for f in forms if f.strip()))[:8]
