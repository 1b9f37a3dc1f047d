"""Khmer name romanisation quality: our spellings against how the names are actually written.

Two references:

* **kname** (``../shared/data/names/kname_khmer_names.json``, MIT, 1,000 name records with
  the Latin spelling of the given name and the surname). Split deterministically: records
  with an even index are the development half, odd ones the held-out half. Caveat: the
  records reuse only 29 given names and 30 surnames, and every one of them occurs in both
  halves, so the held-out half measures nothing the development half does not; the
  per-distinct-word rows say the same with each word counted once.
* **authored** (:data:`AUTHORED`, below): names of Cambodian public figures and common
  given names and surnames with their usual Latin spellings, written for this bench from
  published usage, independent of kname and of the rules' tuning (every word here is one
  the rules were not tuned on, except where kname has it too).

Measures, per word: *exact-first* (the reference spelling equals our first spelling,
case-insensitive), *exact-any* (equals one of our spellings), *sim≥0.85* (the best of our
spellings has a normalised Levenshtein similarity, rapidfuzz ``fuzz.ratio`` / 100, of at
least 0.85 with the reference).

Reproduce: ``.venv/bin/python bench/khmer_romanisation.py`` (from the repository root).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from counterflow.screening.normalize.khmer import romanize_khmer

KNAME = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "names"
    / "kname_khmer_names.json"
)
COMMAND = ".venv/bin/python bench/khmer_romanisation.py"
SIMILAR = 0.85

AUTHORED: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Public figures (surname, given name as separate words), spellings as published.
    ("ហ៊ុន", ("Hun",)),
    ("សែន", ("Sen",)),
    ("ម៉ាណែត", ("Manet",)),
    ("ជា", ("Chea",)),
    ("ស៊ីម", ("Sim",)),
    ("សម", ("Sam",)),
    ("ស", ("Sar",)),
    ("ខេង", ("Kheng",)),
    ("កឹម", ("Kem",)),
    ("សុខា", ("Sokha",)),
    ("ហេង", ("Heng",)),
    ("សំរិន", ("Samrin",)),
    ("ទៀ", ("Tea",)),
    ("បាញ់", ("Banh",)),
    ("ហោ", ("Hor",)),
    ("ណាំហុង", ("Namhong",)),
    ("សុខ", ("Sok",)),
    ("អាន", ("An",)),
    ("ប៉ុល", ("Pol",)),
    ("ពត", ("Pot",)),
    ("នួន", ("Nuon",)),
    ("ខៀវ", ("Khieu",)),
    ("សំផន", ("Samphan",)),
    ("អៀង", ("Ieng",)),
    ("សារី", ("Sary",)),
    ("ឡុន", ("Lon",)),
    ("ណុល", ("Nol",)),
    ("ស៊ិន", ("Sin", "Sinn")),
    ("ស៊ីសាមុត", ("Sisamouth",)),
    ("រស់", ("Ros",)),
    ("សេរី", ("Serey",)),
    ("សុទ្ធា", ("Sothea",)),
    ("ប្រាក់", ("Prak",)),
    ("សុខុន", ("Sokhonn", "Sokhon")),
    ("គាត", ("Keat",)),
    ("ឈន់", ("Chhon",)),
    ("សាយ", ("Say",)),
    ("ឈុំ", ("Chhum",)),
    ("ម៉ែន", ("Men",)),
    ("សុផារ៉ា", ("Sophara",)),
    ("កែ", ("Ke",)),
    ("គឹម", ("Kim",)),
    ("យ៉ាន", ("Yan",)),
    ("ប៊ុន", ("Bun",)),
    ("រ៉ានី", ("Rany",)),
    ("ស៊ុន", ("Sun",)),
    ("ចាន់ថុល", ("Chanthol",)),
    ("ជាម", ("Cheam",)),
    ("យៀប", ("Yeap",)),
    ("ព្រាប", ("Preap",)),
    ("សុវត្ថិ", ("Sovath",)),
    # Common given names.
    ("សុភាព", ("Sopheap",)),
    ("សុផល", ("Sophal",)),
    ("វណ្ណា", ("Vanna",)),
    ("វណ្ណៈ", ("Vannak",)),
    ("សំណាង", ("Samnang",)),
    ("បូរ៉ា", ("Bora",)),
    ("ដារ៉ា", ("Dara",)),
    ("ចិន្តា", ("Chenda",)),
    ("ធីតា", ("Thida",)),
    ("សុជាតិ", ("Socheat",)),
    ("កុសល", ("Kosal",)),
    ("ពិសិដ្ឋ", ("Piseth",)),
    ("វិសាល", ("Visal",)),
    ("រតនា", ("Rathana", "Ratana", "Rattana")),
    ("បញ្ញា", ("Panha",)),
    ("កញ្ញា", ("Kanha",)),
    ("ស្រីមុំ", ("Sreymom",)),
    ("ស្រីពៅ", ("Sreypov",)),
    ("សុម៉ាលី", ("Somaly",)),
    ("ចរិយា", ("Chariya",)),
    ("វាសនា", ("Veasna",)),
    ("មករា", ("Makara",)),
    ("សម្បត្តិ", ("Sambath",)),
    ("ចំរើន", ("Chamroeun",)),
    ("សុវណ្ណ", ("Sovann", "Sovan")),
    ("ផល្លា", ("Phalla",)),
    ("ដាវី", ("Davy",)),
    ("ពិសី", ("Pisey",)),
    ("ណារី", ("Nary",)),
    ("ចាន់ធូ", ("Chanthou",)),
    ("ចាន់ថា", ("Chantha",)),
    ("ធារី", ("Theary",)),
    ("សុគន្ធា", ("Sokunthea",)),
    ("រដ្ឋា", ("Ratha",)),
    ("សុភី", ("Sophy",)),
    ("មុន្នី", ("Monny", "Muny")),
    ("ឧត្តម", ("Oudom", "Uddom")),
    ("ពន្លឺ", ("Ponleu",)),
    ("រចនា", ("Rachana",)),
    ("ស៊ីណា", ("Sina",)),
    ("ណារិទ្ធ", ("Narith",)),
    ("សីហា", ("Seyha", "Seiha")),
    ("សុខហេង", ("Sokheng",)),
    ("វុទ្ធី", ("Vuthy",)),
    ("សារិន", ("Sarin",)),
    ("ចាន់ណា", ("Channa",)),
    ("សុធា", ("Sothea",)),
    ("សុខលី", ("Sokly",)),
    ("ស្រីនាង", ("Sreyneang",)),
    ("ស្រីលក្ខណ៍", ("Sreyleak",)),
    ("សុភ័ក្ត្រ", ("Sopheak",)),
    ("ជ័យ", ("Chey",)),
    ("លីដា", ("Lida",)),
    ("ផល្លី", ("Phally",)),
    ("ម៉ូនី", ("Mony",)),
    ("សុខជា", ("Sokchea",)),
    ("វិចិត្រា", ("Vichetra",)),
    # Common surnames.
    ("កែវ", ("Keo",)),
    ("ម៉ម", ("Mom", "Mam")),
    ("ទេព", ("Tep",)),
    ("យឹម", ("Yim",)),
    ("ទូច", ("Touch",)),
    ("មាស", ("Meas",)),
    ("ហុក", ("Hok",)),
    ("សួន", ("Suon",)),
    ("អ៊ុក", ("Ouk", "Uk")),
    ("ឯក", ("Ek",)),
    ("ស្វាយ", ("Svay",)),
    ("ធី", ("Thy",)),
    ("លឹម", ("Lim",)),
    ("ឌី", ("Dy",)),
    ("ប៉ាង", ("Pang",)),
    ("ម៉ៅ", ("Mao",)),
    ("ផាន់", ("Phan",)),
    ("គង់", ("Kong",)),
    ("ពិន", ("Pin",)),
    ("ព្រំ", ("Prum",)),
    ("ឃុន", ("Khun",)),
    ("សុង", ("Song",)),
    ("ជុំ", ("Chum",)),
    ("នាង", ("Neang",)),
    ("ជិន", ("Chin",)),
    ("ឈឹម", ("Chhim",)),
    ("ហ៊ុយ", ("Huy",)),
    ("ទុំ", ("Tum",)),
    ("ឡាយ", ("Lay",)),
    ("ប៉ែន", ("Pen",)),
    ("ហួត", ("Huot",)),
    ("យស", ("Yos",)),
    ("ពេជ", ("Pech",)),
    ("អ៊ឹម", ("Im",)),
    ("អ៊ុយ", ("Uy",)),
    ("តាំង", ("Taing", "Tang")),
    ("ឈួន", ("Chhuon",)),
    ("ឡេង", ("Leng",)),
    ("ខាត់", ("Khat",)),
    ("ស្រេង", ("Sreng",)),
)
"""Khmer word → accepted Latin spellings (the first is the most usual). Written before the
rules were tuned, then used while tuning them: a development set."""

AUTHORED_HELD_OUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Written after the tuning and evaluated once; not used to change the rules.
    ("ស្រីនិច", ("Sreynich",)),
    ("ចាន់ដារ៉ា", ("Chandara",)),
    ("សុខណា", ("Sokna",)),
    ("គន្ធា", ("Kunthea", "Konthea")),
    ("រិទ្ធី", ("Rithy",)),
    ("វីរៈ", ("Vireak",)),
    ("ពិសាល", ("Pisal",)),
    ("ធារ៉ា", ("Theara",)),
    ("សុធារី", ("Sotheary",)),
    ("ស៊ីថា", ("Sitha",)),
    ("ដានី", ("Dany",)),
    ("ម៉េងហុង", ("Menghong",)),
    ("គឹមហុង", ("Kimhong",)),
    ("គឹមលី", ("Kimly",)),
    ("ស្រីលីន", ("Sreylin",)),
    ("រតនៈ", ("Rathanak", "Ratanak")),
    ("សុខុម", ("Sokhom",)),
    ("ពុទ្ធី", ("Puthy",)),
    ("ដាវុធ", ("Davuth",)),
    ("វុធ", ("Vuth",)),
    ("ពៅ", ("Pov",)),
    ("នី", ("Ny",)),
    ("ចន្ទ", ("Chan",)),
    ("ច័ន្ទ", ("Chan",)),
    ("មុនី", ("Muny", "Mony")),
    ("សុខនី", ("Sokny",)),
    ("ទិត្យ", ("Tith",)),
    ("សុធាវី", ("Sotheavy",)),
    ("ស្រីអូន", ("Sreyoun",)),
    ("សម្ផស្ស", ("Samphors", "Samphos")),
    ("ឈាង", ("Chheang",)),
    ("ហ៊ីង", ("Hing",)),
    ("ឡឹម", ("Lim", "Loem")),
    ("កាន់", ("Kan",)),
    ("ឃឹម", ("Khim",)),
    ("ស៊ឹម", ("Sim",)),
    ("ផុន", ("Phon",)),
    ("ផាត", ("Phat",)),
    ("ហង់", ("Hang",)),
    ("ឆាយ", ("Chhay", "Chay")),
    ("ប៉ុក", ("Pok",)),
    ("ណុប", ("Nop",)),
    ("អ៊ុន", ("Un",)),
    ("អ៊ូ", ("Ou",)),
    ("ឈុន", ("Chhun",)),
    ("យ៉ាង", ("Yang",)),
    ("ពុធ", ("Puth",)),
    ("ម៉ុក", ("Mok",)),
    ("យុន", ("Yun", "Yon")),
    ("សំ", ("Sam", "Som")),
    ("ឡាច", ("Lach",)),
    ("ថន", ("Thon", "Thorn")),
    ("ស៊ាន", ("Sean",)),
    ("ញ៉ែម", ("Nhem",)),
    ("អ៊ឹង", ("Ung", "Eung")),
    ("ជួន", ("Chuon",)),
    ("ទាវ", ("Teav",)),
    ("ថៃ", ("Thay", "Thai")),
    ("ឡី", ("Ly",)),
    ("គុជ", ("Kuch",)),
    ("ចេង", ("Cheng",)),
    ("ទី", ("Ty",)),
)
"""A second authored list, the honest estimate of how the rules do on unseen names."""


@dataclass
class Score:
    n: int = 0
    first: int = 0
    any: int = 0
    similar: int = 0

    def add(self, ours: tuple[str, ...], accepted: tuple[str, ...]) -> None:
        low = [o.lower() for o in ours]
        acc = [a.lower() for a in accepted]
        self.n += 1
        self.first += bool(low) and low[0] in acc
        self.any += any(a in low for a in acc)
        best = max((fuzz.ratio(o, a) / 100 for o in low for a in acc), default=0.0)
        self.similar += best >= SIMILAR

    def row(self, label: str) -> str:
        def pct(k: int) -> str:
            return f"{100 * k / self.n:9.1f} %" if self.n else f"{'-':>11}"

        cells = (f"{label:<42}", f"{self.n:5d}", pct(self.first), pct(self.any), pct(self.similar))
        return "| " + " | ".join(cells) + " |"


def _load() -> list[dict[str, str]] | None:
    path = KNAME.resolve()
    if not path.exists():
        return None
    data: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def kname_scores(records: list[dict[str, str]]) -> dict[str, Score]:
    """Scores on the records: keys ``given``/``surname`` and their ``distinct`` versions."""
    out = {k: Score() for k in ("given", "surname", "given distinct", "surname distinct")}
    seen: set[tuple[str, str, str]] = set()
    for rec in records:
        for field, khmer, latin in (
            ("given", rec["givenName"], rec["romanizedGiven"]),
            ("surname", rec["surname"], rec["romanizedSurname"]),
        ):
            ours = romanize_khmer(khmer)
            out[field].add(ours, (latin,))
            if (field, khmer, latin) not in seen:
                seen.add((field, khmer, latin))
                out[f"{field} distinct"].add(ours, (latin,))
    return out


def authored_score(words: tuple[tuple[str, tuple[str, ...]], ...]) -> Score:
    score = Score()
    for khmer, accepted in words:
        score.add(romanize_khmer(khmer), accepted)
    return score


def main() -> int:
    cols = (f"{'reference':<42}", "words", "exact-first", " exact-any ", " sim≥0.85  ")
    print("| " + " | ".join(cols) + " |")
    print("|" + "|".join("-" * (len(c) + 2) for c in cols) + "|")
    records = _load()
    if records is None:
        print(f"| kname data not found at {KNAME.resolve()} |")
    else:
        for half, rows in (("held-out (odd)", records[1::2]), ("dev (even)", records[0::2])):
            for key, score in kname_scores(rows).items():
                print(score.row(f"kname {half} {key}"))
    print(authored_score(AUTHORED_HELD_OUT).row("authored held-out (never tuned on)"))
    print(authored_score(AUTHORED).row("authored dev (used while tuning)"))
    print(f"\nreproduce: {COMMAND}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
