"""Persons in a case: screening of every name, hit review, the derived nationality flags,
and the victim's Palermo checklist."""

from __future__ import annotations

import pytest

from counterflow.cases import (
    PersonIn,
    SuspectIn,
    VictimIn,
    add_person,
    list_cases,
    persons,
    review_hit,
    set_suspect_context,
    set_victim_context,
)
from counterflow.cases.models import Case, HitReview
from counterflow.model.codes import HitDecision, PersonRole
from counterflow.model.errors import ConflictError, InvalidFieldsError, NotFoundError
from counterflow.watchlists import ScreenedSubject, StoredHit


def add(world, case_id: int, screener=None, by: str = "np.investigator", **fields):
    data = PersonIn(**({"role": PersonRole.SUSPECT, "name_latin": "Chen Wei"} | fields))
    with world.sessions.begin() as session:
        return add_person(session, actor=world[by], case_id=case_id, data=data, screener=screener)


def views(world, case_id: int, by: str = "np.analyst"):
    with world.sessions.begin() as session:
        return persons(session, actor=world[by], case_id=case_id)


def case_flags(world, case_id: int) -> tuple[bool, bool]:
    with world.sessions() as session:
        case = session.get(Case, case_id)
        return case.foreign_suspect, case.same_foreign_nationality


def test_every_name_is_screened_and_hits_are_shown(world, new_case, make_screener) -> None:
    screener = make_screener(
        {
            "she zhijiang": [("ofac", "ofac:29871", 0.97)],
            "佘智江": [("ofac", "ofac:29871", 0.93), ("un", "un:QDi.1", 0.81)],
        }
    )
    case_id = new_case("np.investigator")
    person = add(
        world,
        case_id,
        screener,
        name_latin="She Zhijiang",
        aliases=["佘智江", " ", "Tang Yuk"],
        nationality="chn",
        date_of_birth="1982-07",
        gender="male",
    )
    assert [q.name for q in screener.queries] == ["She Zhijiang", "佘智江", "Tang Yuk"]
    assert {q.country for q in screener.queries} == {"CN"}
    assert {q.date_of_birth for q in screener.queries} == {"1982-07"}
    assert {q.gender for q in screener.queries} == {"male"}
    assert {q.ref for q in screener.queries} == {f"case-person:{person.id}"}

    (view,) = views(world, case_id)
    assert view.person.nationality == "CHN"
    assert view.person.aliases == ["佘智江", "Tang Yuk"]
    # The best hit per entry, best first, each with its explanation.
    assert [(h.hit.source, h.hit.entry_id, h.hit.score) for h in view.hits] == [
        ("ofac", "ofac:29871", 0.97),
        ("un", "un:QDi.1", 0.81),
    ]
    assert all(h.review is None for h in view.hits)
    assert "SHE ZHIJIANG" in view.hits[0].hit.explanation
    assert view.palermo_complete is None  # a suspect has no Palermo checklist
    event = world.events(object_type="screening")[-1]
    assert event.case_id == case_id
    assert event.detail == '{"hits":["ofac:ofac:29871","un:un:QDi.1"],"names":3}'


def test_without_a_screener_nothing_is_screened(world, new_case) -> None:
    case_id = new_case("np.investigator")
    add(world, case_id, None)
    (view,) = views(world, case_id)
    assert view.hits == []
    assert world.count(ScreenedSubject) == 0


def test_hits_are_confirmed_or_cleared_with_a_reason(world, new_case, make_screener) -> None:
    screener = make_screener(
        {
            "chen wei": [("ofac", "ofac:1", 0.9), ("un", "un:2", 0.7)],
            "sok dara": [("un", "un:9", 1)],
        }
    )
    case_id = new_case("np.investigator")
    chen = add(world, case_id, screener)
    sok = add(world, case_id, screener, name_latin="Sok Dara", role=PersonRole.WITNESS)
    first, second = views(world, case_id)[0].hits
    sok_hit = views(world, case_id)[1].hits[0]

    def decide(person_id, hit_id, decision, reason, by="np.analyst"):
        with world.sessions.begin() as session:
            return review_hit(
                session,
                actor=world[by],
                case_id=case_id,
                person_id=person_id,
                hit_id=hit_id,
                decision=decision,
                reason=reason,
            )

    with pytest.raises(InvalidFieldsError) as err:
        decide(chen.id, first.hit.id, HitDecision.CONFIRMED, " ok ")
    assert set(err.value.errors) == {"reason"}
    with pytest.raises(NotFoundError):  # Sok's hit is not Chen's
        decide(chen.id, sok_hit.hit.id, HitDecision.CLEARED, "different person")
    decide(chen.id, first.hit.id, HitDecision.CONFIRMED, "same passport number")
    decide(chen.id, second.hit.id, HitDecision.CLEARED, "born 20 years later")
    decide(chen.id, second.hit.id, HitDecision.CONFIRMED, "second look: same mother's name")
    assert sok.id != chen.id

    reviews = {h.hit.entry_id: h.review for h in views(world, case_id)[0].hits}
    assert reviews["ofac:1"].decision is HitDecision.CONFIRMED
    assert reviews["ofac:1"].reason == "same passport number"
    assert reviews["un:2"].decision is HitDecision.CONFIRMED
    assert reviews["un:2"].reason == "second look: same mother's name"
    assert reviews["un:2"].decided_by == world["np.analyst"].user_id
    assert world.count(HitReview) == 2  # a second decision replaces the first
    decided = world.events(action="decide", object_type="screening_hit")
    assert [e.detail.split(',"entry"')[0] for e in decided] == [
        '{"decision":[null,"confirmed"]',
        '{"decision":[null,"cleared"]',
        '{"decision":["cleared","confirmed"]',
    ]
    assert {e.case_id for e in decided} == {case_id}


def test_nationality_flags_follow_the_persons(world, new_case) -> None:
    case_id = new_case("np.investigator")
    assert case_flags(world, case_id) == (False, False)
    add(world, case_id, name_latin="Sok Dara", nationality="KHM")
    assert case_flags(world, case_id) == (False, False)
    add(world, case_id, role=PersonRole.VICTIM, name_latin="Nguyen Thi Lan", nationality="VNM")
    assert case_flags(world, case_id) == (False, False)  # a foreign victim is not the flag
    add(world, case_id, name_latin="Chen Wei", nationality="CHN")
    assert case_flags(world, case_id) == (True, False)
    add(world, case_id, role=PersonRole.WITNESS, name_latin="Li Na", nationality="CHN")
    assert case_flags(world, case_id) == (True, False)  # a witness is neither
    add(world, case_id, role=PersonRole.VICTIM, name_latin="Wang Fang", nationality="CHN")
    assert case_flags(world, case_id) == (True, True)


def test_nationality_flags_are_filterable(world, new_case) -> None:
    foreign = new_case("np.investigator", title="Foreign suspect only")
    same = new_case("np.investigator", title="Same foreign nationality")
    local = new_case("np.investigator", title="Local suspects")
    add(world, foreign, nationality="CHN")
    add(world, same, nationality="CHN")
    add(world, same, role=PersonRole.VICTIM, name_latin="Wang Fang", nationality="CHN")
    add(world, local, nationality="KHM")
    with world.sessions.begin() as session:
        actor = world["np.analyst"]

        def ids(**f):
            return sorted(s.case.id for s in list_cases(session, actor=actor, **f))

        assert ids(foreign_suspect=True) == [foreign, same]
        assert ids(foreign_suspect=False) == [local]
        assert ids(same_foreign_nationality=True) == [same]
        assert ids(same_foreign_nationality=False) == [foreign, local]
        assert ids(foreign_suspect=True, same_foreign_nationality=False) == [foreign]


def victim(world, case_id: int, person_id: int, by: str = "np.investigator", **fields):
    with world.sessions.begin() as session:
        return set_victim_context(
            session, actor=world[by], case_id=case_id, person_id=person_id, data=VictimIn(**fields)
        )


PALERMO = {"palermo_acts": ["recruitment", "transport"], "palermo_purposes": ["forced_labour"]}


def test_the_palermo_checklist(world, new_case) -> None:
    case_id = new_case("np.investigator")  # reported in 2026
    child = add(world, case_id, role=PersonRole.VICTIM, name_latin="Child A", estimated_age=16)
    adult = add(world, case_id, role=PersonRole.VICTIM, name_latin="Adult B", date_of_birth="1990")
    unknown = add(world, case_id, role=PersonRole.VICTIM, name_latin="Unknown C")
    young = add(world, case_id, role=PersonRole.VICTIM, name_latin="Young D", estimated_age=12)
    for p in (child, adult, unknown, young):
        victim(world, case_id, p.id, **PALERMO, ilo_indicators=["debt_bondage"])
    by_name = {v.person.name_latin: v for v in views(world, case_id)}
    assert by_name["Child A"].palermo_complete is True  # a child needs no means
    assert by_name["Adult B"].palermo_complete is False
    assert by_name["Unknown C"].palermo_complete is False
    assert [(by_name[n].age, by_name[n].age_band) for n in sorted(by_name)] == [
        (36, "18+"),
        (16, "15-17"),
        (None, "unknown"),
        (12, "<15"),
    ]
    assert by_name["Adult B"].person.ilo_indicators == ["debt_bondage"]

    victim(world, case_id, adult.id, **PALERMO, palermo_means=["deception"], rescued=True)
    adult_view = next(v for v in views(world, case_id) if v.person.id == adult.id)
    assert adult_view.palermo_complete is True
    assert adult_view.person.rescued is True
    event = world.events(action="update", object_type="person", object_id=str(adult.id))[-1]
    assert event.case_id == case_id
    assert '"palermo_complete":true' in event.detail
    assert '"palermo_means":[[],["deception"]]' in event.detail


def test_contexts_match_the_role(world, new_case) -> None:
    case_id = new_case("np.investigator")
    suspect = add(world, case_id)
    with pytest.raises(ConflictError):
        victim(world, case_id, suspect.id, **PALERMO)
    with world.sessions.begin() as session:
        done = set_suspect_context(
            session,
            actor=world["np.investigator"],
            case_id=case_id,
            person_id=suspect.id,
            data=SuspectIn(arrested=True, public_official=True),
        )
        assert (done.arrested, done.sent_to_court, done.public_official) == (True, False, True)
    other_case = new_case("np.investigator")
    with pytest.raises(NotFoundError):  # a person of another case
        victim(world, other_case, suspect.id, **PALERMO)


def test_person_fields_are_checked(world, new_case) -> None:
    case_id = new_case("np.investigator")
    with pytest.raises(InvalidFieldsError) as err:
        add(world, case_id, name_latin="", name_khmer="")
    assert set(err.value.errors) == {"name_latin"}
    with pytest.raises(InvalidFieldsError) as err:
        add(world, case_id, phones=["12 34"])
    assert set(err.value.errors) == {"phones"}
    khmer_only = add(world, case_id, name_latin="", name_khmer="សុខ ដារា")
    assert khmer_only.name_khmer == "សុខ ដារា"
    assert len(views(world, case_id)) == 1
    with pytest.raises(NotFoundError):
        add(world, case_id, by="gmp.investigator")


def test_stored_hits_keep_the_screened_subject(world, new_case, make_screener) -> None:
    case_id = new_case("np.investigator")
    person = add(world, case_id, make_screener({"chen wei": [("ofac", "ofac:1", 0.9)]}))
    assert person.screened_subject_id is not None
    assert world.count(StoredHit, StoredHit.subject_id == person.screened_subject_id) == 1
