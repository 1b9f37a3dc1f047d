"""Watch-list screening: is this person or company on a sanctions, PEP or domestic list?

However the name is spelled and in whichever script it is written. The path of a query:

1. :mod:`~counterflow.screening.normalize` sets titles aside and brings every script to
   folded Latin forms (Khmer as Cambodians write it, Han as pinyin, Thai, Cyrillic);
2. :class:`ScreeningIndex` retrieves the list names that share a token or a phonetic key;
3. :mod:`~counterflow.screening.match` aligns the name tokens and adds the evidence of date
   of birth, nationality, gender and identity numbers, and explains the score.

Lists come in through :func:`read_list` (UN, OFAC, FollowTheMoney, domestic CSV), each parser
producing :class:`~counterflow.model.WatchlistEntry` objects.
"""

from counterflow.screening.index import Rarity, ScreeningIndex
from counterflow.screening.lists import ListDiff, ListError, ListSnapshot, diff, read_list
from counterflow.screening.match import MatchConfig, NameMatch, compare_names
from counterflow.screening.pairs import NamePair, PairQuality, pair_quality, read_pairs, score_pairs
from counterflow.screening.people import make_query, read_people
from counterflow.screening.screen import Screener

__all__ = [
    "ListDiff",
    "ListError",
    "ListSnapshot",
    "MatchConfig",
    "NameMatch",
    "NamePair",
    "PairQuality",
    "Rarity",
    "Screener",
    "ScreeningIndex",
    "compare_names",
    "diff",
    "make_query",
    "pair_quality",
    "read_list",
    "read_pairs",
    "read_people",
    "score_pairs",
]
