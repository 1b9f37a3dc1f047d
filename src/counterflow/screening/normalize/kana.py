"""Japanese kana → Latin (modified Hepburn, as in Japanese passports, without macrons).

Japanese passports romanise names in Hepburn (Ministry of Foreign Affairs "Hebon-shiki"):
し shi, ち chi, つ tsu, ふ fu, じ ji, small っ doubles the next consonant (ぐっち Gucchi is
written *Gutchi* before ち), ん is *n* (*m* before b, m, p in passport usage), long vowels
are not marked (おおの Ono, ゆうこ Yuko). Katakana reads like hiragana; the prolongation
mark ー is dropped. Kanji are not read here: a kanji name needs a dictionary of name readings
(they are romanised as Chinese by :mod:`~counterflow.screening.normalize.han`).
"""

from __future__ import annotations

_BASE = (
    "あa いi うu えe おo かka きki くku けke こko がga ぎgi ぐgu げge ごgo さsa しshi すsu "
    "せse そso ざza じji ずzu ぜze ぞzo たta ちchi つtsu てte とto だda ぢji づzu でde どdo "
    "なna にni ぬnu ねne のno はha ひhi ふfu へhe ほho ばba びbi ぶbu べbe ぼbo ぱpa ぴpi "
    "ぷpu ぺpe ぽpo まma みmi むmu めme もmo やya ゆyu よyo らra りri るru れre ろro わwa "
    "ゐi ゑe をo んn ぁa ぃi ぅu ぇe ぉo ゔvu"
)
_YOON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_TABLE: dict[str, str] = {item[0]: item[1:] for item in _BASE.split()}


def _hiragana(text: str) -> str:
    # Katakana U+30A1-U+30F6 are hiragana U+3041-U+3096 plus 0x60.
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def hepburn(text: str) -> str:
    """Hepburn reading of the kana in ``text`` (other characters pass through, ー dropped).

    >>> hepburn("やまだ たろう"), hepburn("キッチン"), hepburn("しょうへい")
    ('yamada tarou', 'kitchin', 'shouhei')
    """
    out: list[str] = []
    double = False
    for ch in _hiragana(text):
        if ch in ("っ", "ー"):
            double = ch == "っ"
            continue
        if ch in _YOON and out and out[-1].endswith("i") and len(out[-1]) > 1:
            stem = out[-1][:-1]
            # きゃ kya, しゃ sha, ちゃ cha, じゃ ja: sh/ch/j absorb the y.
            out[-1] = stem + ("" if stem.endswith(("sh", "ch", "j")) else "y") + _YOON[ch]
            continue
        roman = _TABLE.get(ch, ch)
        if double and roman[:1].isalpha() and roman[0] not in "aeiou":
            roman = ("t" if roman.startswith("ch") else roman[0]) + roman
        double = False
        out.append(roman)
    return "".join(out)


def _passport_long_vowels(text: str) -> str:
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        text = text.replace(long, short)
    return text


def romanize_kana(text: str) -> tuple[str, ...]:
    """Passport Hepburn (long vowels unmarked: Yuko) and the kana-by-kana reading (Yuuko).

    >>> romanize_kana("たなか ゆうこ")
    ('Tanaka Yuko', 'Tanaka Yuuko')
    """
    words = hepburn(text).split()
    forms = (
        " ".join(_cap(_passport_long_vowels(w)) for w in words),
        " ".join(_cap(w) for w in words),
    )
    return tuple(dict.fromkeys(f for f in forms if f))


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]
