"""Thai names → Latin: the Royal Thai General System of Transcription and popular spellings.

The official romanisation is the **Royal Thai General System of Transcription (RTGS)** of the
Royal Institute of Thailand (1999, revised 2002): no tone or length marks, aspirated stops as
``ph th kh ch``, and only the six final sounds ``k t p n m ng`` (so ทักษิณ → Thaksin,
ชินวัตร → Chinnawat). Transcribing Thai needs a syllable analysis (implicit vowels, silent
letters, final-sound classes); the thaiphon package does it (RTGS renderer, rule based,
offline, no dependencies).

People choose the Latin spelling of their own name, though, and many choose a spelling that
follows the Pali/Sanskrit letters rather than the sounds: ชินวัตร is *Shinawatra*, ภูมิพล
*Bhumibol*, เวชชาชีวะ *Vejjajiva*. No rule recovers those, so well-known name words carry
their usual spellings in a table (:data:`POPULAR`), and the table also corrects words the
rule engine gets wrong. :func:`romanize_thai` returns the RTGS form first, then the popular
one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import cache

MAX_FORMS = 4

# Thai word → (RTGS spelling, popular spellings ...). Spellings as the persons themselves,
# the Thai government or the Royal Institute write them.
POPULAR: dict[str, tuple[str, ...]] = {
    "ทักษิณ": ("Thaksin",),
    "ชินวัตร": ("Chinnawat", "Shinawatra"),
    "ยิ่งลักษณ์": ("Yinglak", "Yingluck"),
    "แพทองธาร": ("Phaethongthan", "Paetongtarn"),
    "ประยุทธ์": ("Prayut", "Prayuth"),
    "จันทร์โอชา": ("Chan-ocha", "Chan-o-cha"),
    "ประวิตร": ("Prawit",),
    "วงษ์สุวรรณ": ("Wongsuwan", "Wongsuwon"),
    "เศรษฐา": ("Settha", "Srettha"),
    "ทวีสิน": ("Thawisin", "Thavisin"),
    "อนุทิน": ("Anuthin", "Anutin"),
    "ชาญวีรกูล": ("Chanwirakun", "Charnvirakul"),
    "อภิสิทธิ์": ("Aphisit", "Abhisit"),
    "เวชชาชีวะ": ("Wetchachiwa", "Vejjajiva"),
    "หลีกภัย": ("Likphai", "Leekpai"),
    "ภูมิพล": ("Phumiphon", "Bhumibol"),
    "อดุลยเดช": ("Adunyadet", "Adulyadej"),
    "วชิราลงกรณ์": ("Wachiralongkon", "Vajiralongkorn"),
    "วงศ์สวัสดิ์": ("Wongsawat",),
    "พิธา": ("Phitha", "Pita"),
    "ลิ้มเจริญรัตน์": ("Limcharoenrat", "Limjaroenrat"),
    "สนธิ": ("Sonthi", "Sondhi"),
    "ลิ้มทองกุล": ("Limthongkun", "Limthongkul"),
    "ธนาธร": ("Thanathon", "Thanathorn"),
    "จึงรุ่งเรืองกิจ": ("Chuengrungrueangkit", "Juangroongruangkit"),
    "ติณสูลานนท์": ("Tinsulanon", "Tinsulanonda"),
    "สุเทพ": ("Suthep",),
    "เทือกสุบรรณ": ("Thueaksuban", "Thaugsuban"),
    "เนวิน": ("Newin",),
    "ชิดชอบ": ("Chitchop", "Chidchob"),
}


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


@cache
def _engine() -> Callable[[str], str] | None:
    """thaiphon's RTGS renderer, imported on first use; ``None`` when it is not installed
    (then only the words of :data:`POPULAR` are romanised)."""
    try:
        from thaiphon import transcribe
        from thaiphon.errors import ThaiphonError
    except ImportError:
        return None

    def render(word: str) -> str:
        try:
            return transcribe(word, scheme="rtgs")
        except ThaiphonError:
            return ""

    return render


def rtgs(word: str) -> str:
    """RTGS spelling of one Thai word by the rule engine (``""`` if it cannot read it or
    thaiphon is not installed)."""
    engine = _engine()
    return _cap(engine(word)) if engine is not None else ""


def _word_forms(word: str) -> tuple[str, ...]:
    if not any("\u0e01" <= ch <= "\u0e2e" for ch in word):
        return ()  # no Thai consonant: digits, punctuation, another script
    known = POPULAR.get(word)
    ruled = rtgs(word)
    forms = (*known, ruled) if known else (ruled,)
    return tuple(dict.fromkeys(f for f in forms if f))


def romanize_thai(text: str) -> tuple[str, ...]:
    """Latin spellings of a Thai name: RTGS first, then popular ones, at most
    :data:`MAX_FORMS`. Words are separated by white space (Thai writes a space between given
    name and surname). Words without a Thai consonant are skipped.

    >>> romanize_thai("ทักษิณ ชินวัตร")
    ('Thaksin Chinnawat', 'Thaksin Shinawatra', 'Thaksin Chinawat')
    """
    words = [_word_forms(w) for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return ()
    # RTGS everywhere first, then each word's n-th spelling (popular, then rule engine),
    # then the remaining combinations, bounded.
    depth = max(len(w) for w in words)
    ordered = [" ".join(w[min(i, len(w) - 1)] for w in words) for i in range(depth)]
    ordered.extend(" ".join(combo) for combo in itertools.islice(itertools.product(*words), 16))
    return tuple(dict.fromkeys(ordered))[:MAX_FORMS]
