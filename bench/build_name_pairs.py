"""Build the labelled name-pair set that screening quality is measured on.

Writes ``tests/data/name_pairs.csv`` (``name_a,name_b,label,kind``) from public sources, with
a fixed seed so the file is reproducible:

* ``alias``: OFAC SDN primary names against their own "a.k.a." spellings (public domain), kept
  when the two are spelling variants rather than different names: rapidfuzz
  ``token_sort_ratio`` of at least 60 (a generic filter, not counterflow's matcher);
* ``cyrillic``: UN consolidated list names in original Cyrillic script against their Latin
  names;
* ``khmer``: Khmer-script names against their romanisation (kname, MIT licence,
  sovanken/kname, odd-index half, which the romaniser was not developed on), and Khmer names
  against the romanisation of a *different* person who shares the surname or the given name;
* ``han``: Chinese names in characters (simplified and traditional) against pinyin,
  Wade-Giles and Cantonese spellings, and against other people sharing the surname;
* ``thai``/``vietnamese``: a few well-known names;
* ``typo``/``order``/``initial``: OFAC individual names with one spelling slip, with the
  "LAST, First" order turned, with a middle name reduced to its initial;
* ``surname``/``given``/``similar``: different OFAC individuals who share a surname, share a
  given name, or whose names are similar (token_sort_ratio 60-85) — the hard negatives.

    .venv/bin/python bench/build_name_pairs.py   # needs ../shared/data
"""

from __future__ import annotations

import csv
import itertools
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "tests" / "data" / "name_pairs.csv"

# Chinese names (simplified or traditional) and spellings people and lists use for them.
HAN = [
    ("习近平", ["Xi Jinping", "Xi Jin Ping"]),
    ("習近平", ["Xi Jinping"]),
    ("陈志", ["Chen Zhi"]),
    ("陳志", ["Chen Zhi"]),
    ("李克强", ["Li Keqiang"]),
    ("胡锦涛", ["Hu Jintao"]),
    ("温家宝", ["Wen Jiabao"]),
    ("江泽民", ["Jiang Zemin"]),
    ("朱镕基", ["Zhu Rongji"]),
    ("邓小平", ["Deng Xiaoping", "Teng Hsiao-ping"]),
    ("鄧小平", ["Deng Xiaoping"]),
    ("毛泽东", ["Mao Zedong", "Mao Tse-tung"]),
    ("周恩来", ["Zhou Enlai", "Chou En-lai"]),
    ("刘少奇", ["Liu Shaoqi"]),
    ("王毅", ["Wang Yi"]),
    ("李强", ["Li Qiang"]),
    ("赵乐际", ["Zhao Leji"]),
    ("王沪宁", ["Wang Huning"]),
    ("韩正", ["Han Zheng"]),
    ("汪洋", ["Wang Yang"]),
    ("栗战书", ["Li Zhanshu"]),
    ("马云", ["Ma Yun"]),
    ("马化腾", ["Ma Huateng"]),
    ("任正非", ["Ren Zhengfei"]),
    ("孟晚舟", ["Meng Wanzhou"]),
    ("姚明", ["Yao Ming"]),
    ("张艺谋", ["Zhang Yimou"]),
    ("莫言", ["Mo Yan"]),
    ("屠呦呦", ["Tu Youyou"]),
    ("钱学森", ["Qian Xuesen"]),
    ("薄熙来", ["Bo Xilai"]),
    ("周永康", ["Zhou Yongkang"]),
    ("郭文贵", ["Guo Wengui"]),
    ("赖昌星", ["Lai Changxing"]),
    ("尹国驹", ["Yin Guoju", "Wan Kuok-koi"]),
    ("赵伟", ["Zhao Wei"]),
    ("佘智江", ["She Zhijiang"]),
    ("蔡英文", ["Cai Yingwen", "Tsai Ing-wen"]),
    ("蒋介石", ["Jiang Jieshi", "Chiang Kai-shek"]),
    ("李嘉诚", ["Li Jiacheng", "Li Ka-shing"]),
    ("单霁翔", ["Shan Jixiang"]),
    ("曾国藩", ["Zeng Guofan"]),
    ("解振华", ["Xie Zhenhua"]),
    ("欧阳修", ["Ouyang Xiu"]),
    ("司马迁", ["Sima Qian"]),
    ("诸葛亮", ["Zhuge Liang"]),
    ("陈水扁", ["Chen Shuibian", "Chen Shui-bian"]),
    ("马英九", ["Ma Yingjiu", "Ma Ying-jeou"]),
    ("王建林", ["Wang Jianlin"]),
    ("黄光裕", ["Huang Guangyu"]),
    ("林郑月娥", ["Lin Zheng Yue'e"]),
    ("张学良", ["Zhang Xueliang", "Chang Hsueh-liang"]),
    ("刘鹤", ["Liu He"]),
    ("杨洁篪", ["Yang Jiechi"]),
    ("胡春华", ["Hu Chunhua"]),
    ("孙政才", ["Sun Zhengcai"]),
    ("陈敏尔", ["Chen Min'er"]),
    ("李鹏", ["Li Peng"]),
    ("吴邦国", ["Wu Bangguo"]),
    ("贾庆林", ["Jia Qinglin"]),
]

OTHER = [
    ("ทักษิณ ชินวัตร", "Thaksin Shinawatra", "thai"),
    ("ยิ่งลักษณ์ ชินวัตร", "Yingluck Shinawatra", "thai"),
    ("ประยุทธ์ จันทร์โอชา", "Prayut Chan-o-cha", "thai"),
    ("ประวิตร วงษ์สุวรรณ", "Prawit Wongsuwan", "thai"),
    ("Nguyễn Tấn Dũng", "Nguyen Tan Dung", "vietnamese"),
    ("Nguyễn Phú Trọng", "Nguyen Phu Trong", "vietnamese"),
    ("Trương Mỹ Lan", "Truong My Lan", "vietnamese"),
    ("Võ Văn Thưởng", "Vo Van Thuong", "vietnamese"),
    ("Phạm Minh Chính", "Pham Minh Chinh", "vietnamese"),
    ("Tô Lâm", "To Lam", "vietnamese"),
]
OTHER_NEG = [
    ("ทักษิณ ชินวัตร", "Yingluck Shinawatra", "thai"),
    ("Nguyễn Tấn Dũng", "Nguyen Phu Trong", "vietnamese"),
    ("Trương Mỹ Lan", "Truong Tan Sang", "vietnamese"),
    ("Phạm Minh Chính", "Pham Binh Minh", "vietnamese"),
]


def _fields(line: str) -> list[str]:
    return next(csv.reader([line]))


def ofac_people() -> tuple[dict[str, str], dict[str, list[str]]]:
    """OFAC individuals: ent_num → primary name, ent_num → aka names."""
    base = DATA / "lists" / "ofac_sdn"
    people: dict[str, str] = {}
    for line in (base / "sdn.csv").read_text(encoding="latin-1").splitlines():
        f = _fields(line) if line.strip() and line[0] != "\x1a" else []
        if len(f) > 2 and f[2].strip() == "individual":
            people[f[0]] = f[1]
    akas: dict[str, list[str]] = defaultdict(list)
    for line in (base / "alt.csv").read_text(encoding="latin-1").splitlines():
        f = _fields(line) if line.strip() and line[0] != "\x1a" else []
        if len(f) > 3 and f[0] in people and f[2].strip() == "aka":
            akas[f[0]].append(f[3])
    return people, akas


def flip(name: str) -> str:
    """OFAC "LAST, First" written "First Last"."""
    if "," in name:
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip().title()}"
    return name


def typo(name: str, rng: random.Random) -> str | None:
    """One substituted, dropped or doubled letter in a token of at least five letters."""
    toks = name.split()
    long_ = [i for i, t in enumerate(toks) if len(t.strip(",")) >= 5]
    if not long_:
        return None
    i = rng.choice(long_)
    t = toks[i]
    j = rng.randrange(1, len(t.strip(",")) - 1)
    op = rng.choice("sdx")
    if op == "s":
        t = t[:j] + rng.choice("aeioulnrst") + t[j + 1 :]
    elif op == "d":
        t = t[:j] + t[j + 1 :]
    else:
        t = t[:j] + t[j] + t[j:]
    toks[i] = t
    out = " ".join(toks)
    return out if out != name else None


def initial(name: str) -> str | None:
    """A middle given name reduced to its initial."""
    first = flip(name).split()
    if len(first) < 3:
        return None
    first[1] = first[1][0] + "."
    return " ".join(first)


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"no shared data at {DATA}")
    rng = random.Random(20261125)
    rows: list[tuple[str, str, int, str]] = []
    people, akas = ofac_people()
    ids = sorted(people, key=int)

    variants = [
        (people[e], a)
        for e in ids
        for a in akas.get(e, [])
        if a.lower() != people[e].lower() and fuzz.token_sort_ratio(people[e], a) >= 60
    ]
    rows += [(a, b, 1, "alias") for a, b in rng.sample(variants, min(350, len(variants)))]

    un = (DATA / "lists" / "un_consolidated.xml").read_text(encoding="utf-8")
    for block in re.findall(r"<INDIVIDUAL>.*?</INDIVIDUAL>", un, flags=re.S):
        orig = re.search(r"<NAME_ORIGINAL_SCRIPT>([^<]*)", block)
        if orig and re.search("[\u0400-\u04ff]", orig.group(1)):
            parts = [
                m.group(1).strip()
                for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME")
                if (m := re.search(f"<{tag}>([^<]*)", block))
            ]
            rows.append((orig.group(1).strip(), " ".join(parts), 1, "cyrillic"))

    names = json.loads((DATA / "names" / "kname_khmer_names.json").read_text(encoding="utf-8"))
    held = [
        n
        for i, n in enumerate(names)
        if i % 2 == 1 and n.get("surname") and n.get("givenName") and n.get("romanizedGiven")
    ]
    roman = [f"{n['romanizedSurname']} {n['romanizedGiven']}" for n in held]
    khmer = [f"{n['surname']} {n['givenName']}" for n in held]
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(held):
        by_surname[n["romanizedSurname"].lower()].append(i)
    for i in range(len(held)):
        rows.append((khmer[i], roman[i], 1, "khmer"))
    for i in range(len(held)):
        same = [
            j
            for j in by_surname[held[i]["romanizedSurname"].lower()]
            if held[j]["romanizedGiven"].lower() != held[i]["romanizedGiven"].lower()
        ]
        if same:
            rows.append((khmer[i], roman[rng.choice(same)], 0, "khmer"))
        # Same given name, another family: "Sok Dara" is not "Chan Dara".
        j = rng.randrange(len(held))
        if held[j]["romanizedSurname"].lower() != held[i]["romanizedSurname"].lower():
            other = f"{held[j]['romanizedSurname']} {held[i]['romanizedGiven']}"
            rows.append((khmer[i], other, 0, "khmer"))

    han_by_surname: dict[str, list[int]] = defaultdict(list)
    for i, (_, spellings) in enumerate(HAN):
        han_by_surname[spellings[0].split()[0].lower()].append(i)
    for i, (han, spellings) in enumerate(HAN):
        rows += [(han, s, 1, "han") for s in spellings]
        same = [
            j
            for j in han_by_surname[spellings[0].split()[0].lower()]
            if HAN[j][1][0] != spellings[0]
        ]
        other = rng.choice(same) if same else rng.choice([j for j in range(len(HAN)) if j != i])
        if HAN[other][1][0] != spellings[0]:
            rows.append((han, HAN[other][1][0], 0, "han"))
    rows += [(a, b, 1, k) for a, b, k in OTHER]
    rows += [(a, b, 0, k) for a, b, k in OTHER_NEG]

    sample = rng.sample(ids, 900)
    for e in sample[:250]:
        t = typo(people[e], rng)
        if t:
            rows.append((people[e], t, 1, "typo"))
    for e in sample[250:400]:
        if "," in people[e]:
            rows.append((people[e], flip(people[e]), 1, "order"))
    for e in sample[400:600]:
        t = initial(people[e])
        if t:
            rows.append((people[e], t, 1, "initial"))

    def last(n: str) -> str:
        return n.split(",")[0].strip().lower() if "," in n else n.split()[-1].lower()

    def given(n: str) -> str:
        return (
            n.split(",", 1)[1].split()[0].lower() if "," in n and n.split(",", 1)[1].split() else ""
        )

    groups: dict[str, list[str]] = defaultdict(list)
    gives: dict[str, list[str]] = defaultdict(list)
    for e in ids:
        groups[last(people[e])].append(e)
        if given(people[e]):
            gives[given(people[e])].append(e)
    surname_pairs = [
        (people[a], people[b])
        for g in groups.values()
        for a, b in itertools.pairwise(g)
        if given(people[a]) != given(people[b])
    ]
    rows += [
        (a, b, 0, "surname") for a, b in rng.sample(surname_pairs, min(250, len(surname_pairs)))
    ]
    given_pairs = [
        (people[a], people[b])
        for g in gives.values()
        for a, b in itertools.pairwise(g)
        if last(people[a]) != last(people[b])
    ]
    rows += [(a, b, 0, "given") for a, b in rng.sample(given_pairs, min(150, len(given_pairs)))]
    similar = []
    pool = rng.sample(ids, 1500)
    for a, b in itertools.pairwise(pool):
        if 60 <= fuzz.token_sort_ratio(people[a], people[b]) <= 85:
            similar.append((people[a], people[b]))
    for _ in range(20000):
        a, b = rng.sample(ids, 2)
        if len(similar) >= 150:
            break
        if (
            last(people[a]) != last(people[b])
            and 60 <= fuzz.token_sort_ratio(people[a], people[b]) <= 85
        ):
            similar.append((people[a], people[b]))
    rows += [(a, b, 0, "similar") for a, b in similar[:150]]

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name_a", "name_b", "label", "kind"])
        w.writerows(rows)
    pos = sum(r[2] for r in rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} pairs, {pos} true, {len(rows) - pos} false")


if __name__ == "__main__":
    main()
