"""The joint report: every statistic DOMAIN.md lists, for several periods, from facts.

    report = joint_report(cases=..., persons=..., records=...,
                          periods=[Period(date(2022, 1, 1), date(2022, 9, 30)),
                                   Period(date(2021, 1, 1), date(2021, 9, 30))])

The tables (:data:`SPECS`, one declaration each) follow the joint report of the National
Police and Gendarmerie (January 2023) and DOMAIN.md's list: cases by category, lead
agency, province, form of exploitation and cross-border; suspects arrested and sent to
court by sex, origin, nationality group and public office; victims by sex, age band,
nationality group, form of exploitation, method of control and where they were handed;
cases of foreign suspects exploiting their own nationals; the justice pipeline; and the
financial side. Case tables other than "by category" count *human trafficking and sexual
exploitation cases* (the official series), keeping the two categories apart in the
category table. Each table keeps its sources apart (one column per period and source) and
has an ``unknown`` row wherever a value can be missing. Placement in periods:
:mod:`counterflow.stats.facts`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from counterflow.model.codes import (
    PROVINCES,
    CaseCategory,
    CaseStatus,
    ControlMethod,
    ExploitationForm,
    Gender,
    HandedTo,
)
from counterflow.stats.facts import CaseFact, PersonFact, RecordFact, placement
from counterflow.stats.groups import (
    AGE_BANDS,
    NATIONALITY_GROUPS,
    ORIGINS,
    band,
    nationality_group,
    origin,
    yes_no,
)
from counterflow.stats.table import PLATFORM_SOURCE, UNKNOWN, Column, Period, Row, Table, Unit

TIP_CATEGORIES = frozenset({CaseCategory.TRAFFICKING.value, CaseCategory.SEXUAL_EXPLOITATION})
"""The official series counts "human trafficking and sexual exploitation cases"."""

_YES_NO = ("yes", "no", UNKNOWN)
_SEXES = tuple(g.value for g in Gender)  # unknown is a value of the code list already
_MULTI_RULE = (
    "A {unit} with several {what} is counted once under each; percentages are of all "
    "{units} (the total), so they may add up to more than 100 %. {units_cap} with none "
    "recorded are counted as unknown."
)

Fact = CaseFact | PersonFact | RecordFact
KeyFn = Callable[[Any], str | Sequence[str]]


@dataclass(frozen=True, slots=True)
class Spec:
    """The declaration of one table (module docstring)."""

    key: str
    title: str
    population: str
    unit: Unit
    dimensions: tuple[str, ...]
    domains: tuple[tuple[str, ...], ...]
    """The row values of each dimension, in display order (unknown last)."""
    keys: tuple[KeyFn, ...]
    """The value(s) of each dimension for one fact; a sequence for multi-select."""
    select: Callable[[Any], bool]
    person_attributes: tuple[str, ...] = ()
    multi_select: bool = False
    weight: Callable[[Any], int] = lambda fact: 1
    definition: str = ""
    denominator_rule: str = ""


@dataclass(frozen=True, slots=True)
class Unplaced:
    """Facts of ``source`` dated only by a year that ``period`` covers in part."""

    source: str
    population: str
    period: Period
    count: int


@dataclass(frozen=True, slots=True)
class JointReport:
    """The tables of a joint report for ``periods`` (the first is the period reported on)."""

    periods: tuple[Period, ...]
    tables: tuple[Table, ...]
    unplaced: tuple[Unplaced, ...]

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)


def _values(enum: Iterable[Any], *, unknown: bool = True) -> tuple[str, ...]:
    values = tuple(str(m.value if hasattr(m, "value") else m) for m in enum)
    return (*values, UNKNOWN) if unknown and UNKNOWN not in values else values


def _multi(values: Sequence[str]) -> Sequence[str]:
    return values or (UNKNOWN,)


def _tip_case(f: CaseFact) -> bool:
    return f.category in TIP_CATEGORIES


def _victim(f: PersonFact) -> bool:
    return f.role == "victim" and f.tip_case


def _suspect(f: PersonFact) -> bool:
    return f.role == "suspect" and f.tip_case


def _arrested(f: PersonFact) -> bool:
    return _suspect(f) and f.arrested is True


def _to_court(f: PersonFact) -> bool:
    return _suspect(f) and f.sent_to_court is True


def _case_specs() -> list[Spec]:
    tip = "Human trafficking and sexual exploitation cases reported in the period."
    return [
        Spec(
            "cases_total",
            "Human trafficking and sexual exploitation cases",
            "tip_cases",
            Unit.CASES,
            (),
            (),
            (),
            _tip_case,
            definition=tip + " The headline figure of the joint report.",
        ),
        Spec(
            "cases_by_category",
            "Cases by category",
            "cases",
            Unit.CASES,
            ("category",),
            (_values(CaseCategory, unknown=False),),
            (lambda f: f.category,),
            lambda f: True,
            definition="All cases reported in the period; trafficking is kept apart from "
            "sexual exploitation that is not trafficking, and from money laundering.",
        ),
        Spec(
            "cases_by_agency",
            "Cases by lead agency",
            "tip_cases",
            Unit.CASES,
            ("lead_agency",),
            ((),),
            (lambda f: f.lead_agency,),
            _tip_case,
            definition=tip + " By the agency that leads the case.",
        ),
        Spec(
            "cases_by_province",
            "Cases by province",
            "tip_cases",
            Unit.CASES,
            ("province",),
            ((*PROVINCES, UNKNOWN),),
            (lambda f: f.province or UNKNOWN,),
            _tip_case,
            definition=tip + " By province of the case; nothing finer is ever published.",
        ),
        Spec(
            "cases_by_form",
            "Cases by form of exploitation",
            "tip_cases",
            Unit.CASES,
            ("exploitation_form",),
            (_values(ExploitationForm),),
            (lambda f: _multi(f.forms),),
            _tip_case,
            multi_select=True,
            definition=tip,
            denominator_rule=_MULTI_RULE.format(
                unit="case", what="forms", units="cases", units_cap="Cases"
            ),
        ),
        Spec(
            "cases_by_border",
            "Cross-border and domestic cases",
            "tip_cases",
            Unit.CASES,
            ("cross_border",),
            (("cross_border", "domestic", UNKNOWN),),
            (
                lambda f: (
                    UNKNOWN
                    if f.cross_border is None
                    else ("cross_border" if f.cross_border else "domestic")
                ),
            ),
            _tip_case,
            definition=tip,
        ),
        Spec(
            "cases_foreign_own_nationals",
            "Cases of foreign suspects exploiting victims of their own nationality",
            "tip_cases",
            Unit.CASES,
            ("foreign_suspects",),
            (("same_foreign_nationality", "other_foreign_suspect", "no_foreign_suspect"),),
            (
                lambda f: (
                    "same_foreign_nationality"
                    if f.same_foreign_nationality
                    else ("other_foreign_suspect" if f.foreign_suspect else "no_foreign_suspect")
                ),
            ),
            _tip_case,
            definition=tip + " A foreign suspect is one of known non-Cambodian nationality; "
            "'own nationality': some suspect and some victim of the case share it.",
        ),
        Spec(
            "cases_by_status",
            "Justice pipeline: cases by stage reached",
            "tip_cases",
            Unit.CASES,
            ("status",),
            (_values(CaseStatus, unknown=False),),
            (lambda f: f.status,),
            _tip_case,
            definition=tip + " The stage each case has reached on the day of the report.",
        ),
    ]


def _person_breakdowns(
    population: str, select: Callable[[Any], bool], who: str
) -> list[tuple[str, str, tuple[str, ...], KeyFn]]:
    return [
        (f"{population}_by_sex", f"{who} by sex", _SEXES, lambda f: f.sex),
        (
            f"{population}_by_origin",
            f"{who}: Cambodian and foreign",
            ORIGINS,
            lambda f: origin(f.nationality),
        ),
        (
            f"{population}_by_nationality",
            f"{who} by nationality group",
            (*NATIONALITY_GROUPS, UNKNOWN),
            lambda f: nationality_group(f.nationality),
        ),
    ]


def _suspect_specs() -> list[Spec]:
    specs: list[Spec] = []
    for population, select, who, what in (
        ("suspects_arrested", _arrested, "Suspects arrested", "arrested"),
        ("suspects_to_court", _to_court, "Suspects sent to court", "sent to court"),
    ):
        definition = (
            f"Suspects {what}, in human trafficking and sexual exploitation cases reported "
            "in the period (an arrest or a court referral counts with its case)."
        )
        for key, title, domain, fn in _person_breakdowns(population, select, who):
            attr = key.rsplit("_by_", 1)[1]
            specs.append(
                Spec(
                    key,
                    title,
                    population,
                    Unit.PERSONS,
                    (attr,),
                    (domain,),
                    (fn,),
                    select,
                    person_attributes=(attr,),
                    definition=definition,
                )
            )
        specs.append(
            Spec(
                f"{population}_officials",
                f"{who}: public officials",
                population,
                Unit.PERSONS,
                ("public_official",),
                (_YES_NO,),
                (lambda f: yes_no(f.public_official),),
                select,
                person_attributes=("public_official",),
                definition=definition + " Corruption is closely linked: none is exempt.",
            )
        )
    specs.append(
        Spec(
            "suspects_pipeline",
            "Justice pipeline: suspects by stage",
            "suspects",
            Unit.PERSONS,
            ("stage",),
            (("arrested", "charged", "sent_to_court", "convicted", "none_recorded"),),
            (
                lambda f: (
                    [
                        stage
                        for stage, flag in (
                            ("arrested", f.arrested),
                            ("charged", f.charged),
                            ("sent_to_court", f.sent_to_court),
                            ("convicted", f.convicted),
                        )
                        if flag
                    ]
                    or ["none_recorded"]
                ),
            ),
            _suspect,
            person_attributes=("stage",),
            multi_select=True,
            definition="All suspects identified in human trafficking and sexual exploitation "
            "cases reported in the period, by each stage of the justice pipeline reached.",
            denominator_rule="A suspect counts under every stage reached (arrested, charged, "
            "sent to court, convicted); percentages are of all suspects identified.",
        )
    )
    return specs


def _victim_specs() -> list[Spec]:
    definition = (
        "Victims identified in human trafficking and sexual exploitation cases reported in "
        "the period; historical records count on their identification date, in their own "
        "source column."
    )
    sexes, bands = _SEXES, AGE_BANDS

    def spec(
        key: str, title: str, dims: tuple[str, ...], domains: Any, keys: Any, **extra: Any
    ) -> Spec:
        return Spec(
            key,
            title,
            "victims",
            Unit.PERSONS,
            dims,
            domains,
            keys,
            _victim,
            person_attributes=dims,
            definition=extra.pop("definition", definition),
            **extra,
        )

    return [
        spec("victims_by_sex", "Victims by sex", ("sex",), (sexes,), (lambda f: f.sex,)),
        spec(
            "victims_by_age",
            "Victims by age band",
            ("age_band",),
            (bands,),
            (lambda f: band(f.age, f.minor),),
        ),
        spec(
            "victims_by_sex_age",
            "Victims by sex and age band",
            ("sex", "age_band"),
            (sexes, bands),
            (lambda f: f.sex, lambda f: band(f.age, f.minor)),
        ),
        spec(
            "victims_by_nationality",
            "Victims by nationality group",
            ("nationality",),
            ((*NATIONALITY_GROUPS, UNKNOWN),),
            (lambda f: nationality_group(f.nationality),),
        ),
        spec(
            "victims_by_form",
            "Victims by form of exploitation",
            ("exploitation_form",),
            (_values(ExploitationForm),),
            (lambda f: _multi(f.forms),),
            multi_select=True,
            denominator_rule=_MULTI_RULE.format(
                unit="victim", what="forms", units="victims", units_cap="Victims"
            )
            + " A platform victim has the forms recorded on their case.",
        ),
        spec(
            "victims_by_control",
            "Victims by method of control",
            ("control_method",),
            (_values(ControlMethod),),
            (lambda f: _multi(f.control_methods),),
            multi_select=True,
            denominator_rule=_MULTI_RULE.format(
                unit="victim", what="methods", units="victims", units_cap="Victims"
            ),
        ),
        spec(
            "victims_by_handed_to",
            "Victims by where they were handed",
            ("handed_to",),
            (_values(HandedTo),),
            (lambda f: f.handed_to or UNKNOWN,),
        ),
        spec(
            "victims_rescued",
            "Victims rescued",
            ("rescued",),
            (_YES_NO,),
            (lambda f: yes_no(f.rescued),),
        ),
        Spec(
            "victims_own_nationals",
            "Victims exploited by foreign suspects of their own nationality, by nationality group",
            "victims",
            Unit.PERSONS,
            ("own_nationals", "nationality"),
            (("yes", "no"), (*NATIONALITY_GROUPS, UNKNOWN)),
            (
                lambda f: "yes" if f.same_nationality_case else "no",
                lambda f: nationality_group(f.nationality),
            ),
            _victim,
            person_attributes=("nationality",),
            definition=definition + " 'yes': the victim's case has a foreign suspect of "
            "the same nationality as one of its victims.",
        ),
    ]


def _financial_specs() -> list[Spec]:
    return [
        Spec(
            "reports_received",
            "Reports received by the FIU",
            "reports",
            Unit.RECORDS,
            ("report_type",),
            (("str", "ctr", "other"),),
            (lambda f: f.detail or "other",),
            lambda f: f.kind == "report",
            weight=lambda f: f.count,
            definition="Suspicious and cash transaction reports received by CAFIU, by month "
            "of receipt.",
        ),
        Spec(
            "alerts_by_typology",
            "Monitoring alerts by typology",
            "alerts",
            Unit.RECORDS,
            ("typology",),
            ((),),
            (lambda f: f.detail or UNKNOWN,),
            lambda f: f.kind == "alert",
            definition="Alerts the monitoring engine raised on activity ending in the period.",
        ),
        Spec(
            "cases_financial_link",
            "Trafficking cases with a financial investigation",
            "tip_cases",
            Unit.CASES,
            ("financial_link",),
            (("yes", "no"),),
            (lambda f: "yes" if f.financial_link else "no",),
            _tip_case,
            definition="Human trafficking and sexual exploitation cases with bank accounts "
            "linked or an alert escalated into them.",
        ),
        Spec(
            "assets_frozen",
            "Assets frozen (USD)",
            "freezes",
            Unit.USD,
            ("category",),
            ((*_values(CaseCategory, unknown=False), UNKNOWN),),
            (lambda f: f.detail or UNKNOWN,),
            lambda f: f.kind == "freeze",
            weight=lambda f: f.amount_usd,
            definition="Value of assets frozen by orders dated in the period, in whole US "
            "dollars at the rate of the order date, by the category of the case.",
        ),
    ]


SPECS: tuple[Spec, ...] = (
    *_case_specs(),
    *_suspect_specs(),
    *_victim_specs(),
    *_financial_specs(),
)
"""Every table of the joint report, in the order it is printed."""


def _when(fact: Fact) -> tuple[Any, int | None]:
    if isinstance(fact, CaseFact):
        return fact.reported_on, None
    if isinstance(fact, PersonFact):
        return fact.when, fact.year
    return fact.when, None


def _row_keys(spec: Spec, fact: Fact) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [()]
    for fn in spec.keys:
        got = fn(fact)
        values = [got] if isinstance(got, str) else list(dict.fromkeys(got))
        keys = [(*k, v) for k in keys for v in values]
    return keys


def _domain_rows(spec: Spec, seen: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Every combination of the declared values, then any value seen but not declared
    (an agency code, a typology), sorted, before ``unknown``."""
    rows: list[tuple[str, ...]] = [()]
    for i, domain in enumerate(spec.domains):
        extra = sorted({k[i] for k in seen} - set(domain) - {UNKNOWN})
        values = [*[v for v in domain if v != UNKNOWN], *extra]
        if UNKNOWN in domain or any(k[i] == UNKNOWN for k in seen):
            values.append(UNKNOWN)
        rows = [(*r, v) for r in rows for v in values]
    return rows


def build_table(spec: Spec, facts: Sequence[Fact], periods: Sequence[Period]) -> Table:
    """Count ``facts`` into the table ``spec`` declares, one column per period and source."""
    selected = [f for f in facts if spec.select(f)]
    sources = sorted({f.source for f in selected}, key=lambda s: (s != PLATFORM_SOURCE, s))
    columns = tuple(Column(p, s) for p in periods for s in (sources or [PLATFORM_SOURCE]))
    counts: list[Counter[tuple[str, ...]]] = [Counter() for _ in columns]
    totals = [0] * len(columns)
    for fact in selected:
        when, year = _when(fact)
        keys = _row_keys(spec, fact)
        weight = spec.weight(fact)
        for i, column in enumerate(columns):
            if fact.source == column.source and placement(when, year, column.period):
                totals[i] += weight
                for key in keys:
                    counts[i][key] += weight
    seen = {k for c in counts for k in c}
    rows = tuple(Row(key, tuple(c[key] for c in counts)) for key in _domain_rows(spec, seen))
    return Table(
        key=spec.key,
        title=spec.title,
        population=spec.population,
        unit=spec.unit,
        dimensions=spec.dimensions,
        columns=columns,
        rows=rows,
        totals=tuple(totals),
        person_attributes=spec.person_attributes,
        multi_select=spec.multi_select,
        denominator_rule=spec.denominator_rule,
        definition=spec.definition,
    )


def _month_index(day: Any) -> int:
    return int(day.year) * 12 + int(day.month) - 1


def monthly_table(
    key: str,
    title: str,
    population: str,
    unit: Unit,
    facts: Sequence[Fact],
    select: Callable[[Any], bool],
    periods: Sequence[Period],
    definition: str,
) -> Table:
    """Counts by month, the months of every period aligned on those of the first.

    Row ``2022-03`` holds, in each period's column, the count of that period's third month
    (March 2021 for the same period a year before): the trend lines of a report compare
    month by month. Facts dated only by a year have no month and are left out.
    """
    first = periods[0]
    months = _month_index(first.end) - _month_index(first.start) + 1
    base = _month_index(first.start)
    labels = [f"{(base + i) // 12:04d}-{(base + i) % 12 + 1:02d}" for i in range(months)]
    counts = [[0] * len(periods) for _ in labels]
    totals = [0] * len(periods)
    for fact in facts:
        when, _year = _when(fact)
        if when is None or not select(fact) or fact.source != PLATFORM_SOURCE:
            continue
        for col, period in enumerate(periods):
            if when in period:
                totals[col] += 1
                offset = _month_index(when) - _month_index(period.start)
                if 0 <= offset < months:
                    counts[offset][col] += 1
    return Table(
        key=key,
        title=title,
        population=population,
        unit=unit,
        dimensions=("month",),
        columns=tuple(Column(p) for p in periods),
        rows=tuple(Row((m,), tuple(c)) for m, c in zip(labels, counts, strict=True)),
        totals=tuple(totals),
        definition=definition,
    )


def _unplaced(persons: Sequence[PersonFact], periods: Sequence[Period]) -> tuple[Unplaced, ...]:
    found: Counter[tuple[str, str, Period]] = Counter()
    for fact in persons:
        if fact.role != "victim":
            continue
        for period in periods:
            if placement(fact.when, fact.year, period) is None:
                found[(fact.source, "victims", period)] += 1
    return tuple(Unplaced(s, pop, p, n) for (s, pop, p), n in sorted(found.items()))


def joint_report(
    *,
    cases: Sequence[CaseFact],
    persons: Sequence[PersonFact],
    records: Sequence[RecordFact] = (),
    periods: Sequence[Period],
    keys: Iterable[str] | None = None,
) -> JointReport:
    """Every table of :data:`SPECS` (or only ``keys``) for ``periods``."""
    if not periods:
        raise ValueError("a joint report needs at least one period")
    wanted = set(keys) if keys is not None else None
    by_kind: dict[type, Sequence[Fact]] = {
        CaseFact: cases,
        PersonFact: persons,
        RecordFact: records,
    }
    tables = []
    for spec in SPECS:
        if wanted is not None and spec.key not in wanted:
            continue
        facts = _facts_for(spec, by_kind)
        tables.append(build_table(spec, facts, periods))
    trends = [
        monthly_table(
            "cases_by_month",
            "Human trafficking and sexual exploitation cases by month",
            "tip_cases",
            Unit.CASES,
            cases,
            _tip_case,
            periods,
            "Cases reported each month; each period's months side by side with the first's.",
        ),
        monthly_table(
            "victims_by_month",
            "Victims identified by month",
            "victims",
            Unit.PERSONS,
            persons,
            _victim,
            periods,
            "Victims of the platform's cases by the month their case was reported; each "
            "period's months side by side with the first's.",
        ),
    ]
    tables += [t for t in trends if wanted is None or t.key in wanted]
    return JointReport(tuple(periods), tuple(tables), _unplaced(persons, periods))


def _facts_for(spec: Spec, by_kind: dict[type, Sequence[Fact]]) -> Sequence[Fact]:
    if spec.population in ("cases", "tip_cases"):
        return by_kind[CaseFact]
    if spec.population in ("reports", "alerts", "freezes"):
        return by_kind[RecordFact]
    return by_kind[PersonFact]


def change_percent(before: int, after: int) -> float | None:
    """The change from ``before`` to ``after`` in %, one decimal (269 → 122: −54.6)."""
    if before == 0:
        return None
    return round((after - before) * 100 / before, 1)
