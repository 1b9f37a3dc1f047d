"""The network slice's services: need-to-know on nodes, audit of every read and decision,
holders import, duplicates and their decisions."""

from __future__ import annotations

from typing import Any

import pytest

from counterflow.cases import AccountIn, PersonIn, add_person, link_account
from counterflow.model.errors import NotFoundError, PermissionDeniedError
from counterflow.model.network import EdgeKind, NodeKind
from counterflow.network import (
    DuplicateCandidate,
    MergeVerdict,
    case_graph,
    decide_duplicate,
    duplicate_candidates,
    expand,
    import_holders,
    person_graph,
    resolve_duplicates,
    shared_identifiers,
    trace_from,
)
from counterflow.trace import TraceQuery


def _person(world: Any, username: str, case_id: int, **fields: Any) -> int:
    with world.sessions.begin() as session:
        return add_person(
            session,
            actor=world[username],
            case_id=case_id,
            data=PersonIn(gender="unknown", **fields),
            screener=None,
        ).id


def _account(world: Any, username: str, case_id: int, account: str) -> None:
    with world.sessions.begin() as session:
        link_account(
            session,
            actor=world[username],
            case_id=case_id,
            data=AccountIn(account=account, bank="B001"),
        )


@pytest.fixture
def two_cases(world: Any, new_case: Any, imported: Any) -> dict[str, int]:
    """An NP case and a GMP case both naming the controller's account; the NP case has the
    controller spelled differently from the bank."""
    np_case = new_case("np.investigator", "NP: wages swept from workers")
    gmp_case = new_case("gmp.investigator", "GMP secret: boat crew")
    boss = _person(
        world,
        "np.investigator",
        np_case,
        role="suspect",
        name_latin="CHAN Sophia",
        date_of_birth="1984-05-06",
        nationality="KHM",
        phones=["+855 12 999 000"],
    )
    _account(world, "np.investigator", np_case, "ACC-BOSS")
    _account(world, "gmp.investigator", gmp_case, "ACC-BOSS")
    _person(
        world,
        "gmp.investigator",
        gmp_case,
        role="suspect",
        name_latin="Chan Sophea",
        date_of_birth="1984-05-06",
        phones=["012999000"],
    )
    imported()
    return {"np": np_case, "gmp": gmp_case, "boss": boss}


def test_import_holders_is_audited_and_idempotent(world: Any, imported: Any) -> None:
    assert imported() == 4
    assert imported() == 4
    events = world.events(object_type="account_holder_import")
    assert len(events) == 2 and events[0].actor_username == "system"


@pytest.mark.parametrize("username", ["np.investigator", "gmp.investigator", "ncct.investigator"])
def test_only_the_fiu_or_the_system_imports(world: Any, holders_file: Any, username: str) -> None:
    with world.sessions.begin() as session, pytest.raises(PermissionDeniedError):
        import_holders(session, actor=world[username], path=holders_file)
    with world.sessions.begin() as session:
        assert import_holders(session, actor=world["cafiu.analyst"], path=holders_file) == 4


def test_case_graph_hides_other_agencies_cases(
    world: Any, two_cases: dict[str, int], flows: Any
) -> None:
    with world.sessions.begin() as session:
        graph = case_graph(
            session, actor=world["np.investigator"], case_id=two_cases["np"], flows=flows
        )
    kinds = {n.kind for n in graph.nodes}
    assert {NodeKind.CASE, NodeKind.HIDDEN_CASE, NodeKind.ACCOUNT, NodeKind.PERSON} <= kinds
    hidden = [n for n in graph.nodes if n.kind is NodeKind.HIDDEN_CASE]
    assert len(hidden) == 1
    text = repr(graph)  # every label and datum of every node and edge
    assert "GMP secret" not in text and "GMP-20" not in text
    assert "Gendarmerie" in hidden[0].label or "GMP" in hidden[0].label
    assert "GMP Supervisor" in hidden[0].label and "+855 23 111 222" in hidden[0].label
    assert all("GMP secret" not in n.label for n in graph.nodes)
    flow = [e for e in graph.edges if e.kind is EdgeKind.FLOW]
    assert flow and flow[0].data["amount_usd"] == 750.0 and flow[0].data["count"] == 3
    holders = [e for e in graph.edges if e.kind is EdgeKind.HOLDS]
    assert any(e.target == "account:ACC-BOSS" and e.source.startswith("person:h") for e in holders)
    (event,) = world.events(object_type="network", case_id=two_cases["np"])
    assert event.action == "read" and event.actor_username == "np.investigator"


def test_auditor_sees_both_cases_admin_and_outsider_see_nothing(
    world: Any, two_cases: dict[str, int], flows: Any
) -> None:
    with world.sessions.begin() as session:
        graph = case_graph(session, actor=world["ovs.auditor"], case_id=two_cases["np"], flows=None)
    cases = [n for n in graph.nodes if n.kind is NodeKind.CASE]
    assert len(cases) == 2 and not [n for n in graph.nodes if n.kind is NodeKind.HIDDEN_CASE]
    for username in ("np.agency_admin", "ovs.system_admin", "ncct.investigator"):
        with world.sessions.begin() as session, pytest.raises(NotFoundError):
            case_graph(session, actor=world[username], case_id=two_cases["np"], flows=flows)
        with world.sessions.begin() as session, pytest.raises(NotFoundError):
            person_graph(session, actor=world[username], person_id=two_cases["boss"], flows=flows)
    with world.sessions.begin() as session, pytest.raises(PermissionDeniedError):
        expand(session, actor=world["ovs.system_admin"], node_id="account:ACC-BOSS", flows=flows)


def test_expand_an_account_and_a_phone(world: Any, two_cases: dict[str, int], flows: Any) -> None:
    with world.sessions.begin() as session:
        acc = expand(
            session, actor=world["ncct.investigator"], node_id="account:ACC-W1", flows=flows
        )
        phone = expand(
            session, actor=world["ncct.investigator"], node_id="phone:85512999000", flows=flows
        )
    assert any(e.kind is EdgeKind.SIGNATORY for e in acc.edges)
    assert any(e.kind is EdgeKind.FLOW for e in acc.edges)
    # The phone is on three holders and on persons of two cases NCCT may not see.
    assert phone.node("phone:85512999000") is not None
    people = [n for n in phone.nodes if n.kind is NodeKind.PERSON and not n.data.get("signatory")]
    assert {n.label for n in people} == {"Chan Sophea", "Keo Vanna", "Sok Srey"}
    assert all(n.data.get("source") == "holder" for n in people)
    hidden = {n.id for n in phone.nodes if n.kind is NodeKind.HIDDEN_CASE}
    assert hidden == {"hidden_case:NP", "hidden_case:GMP"}
    assert len(world.events(object_type="network_node")) == 2


def test_resolve_finds_the_spelling_variant_and_decisions_supersede(
    world: Any, two_cases: dict[str, int]
) -> None:
    with world.sessions.begin() as session:
        first = resolve_duplicates(session, actor=None)
    with world.sessions.begin() as session:
        assert resolve_duplicates(session, actor=None) == 0  # idempotent
    assert first >= 2
    with world.sessions.begin() as session:
        views = duplicate_candidates(
            session, actor=world["np.investigator"], person_id=two_cases["boss"]
        )
    by_source = {v.other_source: v for v in views}
    holder = by_source["holder"]
    assert holder.other_label == "Chan Sophea" and holder.match_probability >= 0.8
    assert {w.comparison for w in holder.weights} >= {"name", "date_of_birth", "phone"}
    # the GMP suspect is shown as the GMP's case, not by name
    assert by_source["hidden"].other_key == "hidden_case:GMP"
    assert "Chan" not in by_source["hidden"].other_label

    with world.sessions.begin() as session:
        decide_duplicate(
            session,
            actor=world["np.investigator"],
            candidate_id=holder.id,
            decision=MergeVerdict.CONFIRM,
            reason="same phone and birth date",
        )
    with world.sessions.begin() as session:
        decide_duplicate(
            session,
            actor=world["np.supervisor"],
            candidate_id=holder.id,
            decision=MergeVerdict.REJECT,
            reason="bank confirms a different ID",
        )
    with world.sessions.begin() as session:
        (view,) = [
            v
            for v in duplicate_candidates(
                session, actor=world["np.investigator"], person_id=two_cases["boss"]
            )
            if v.id == holder.id
        ]
    assert view.decision is not None and view.decision.decision is MergeVerdict.REJECT
    assert [d.decision for d in view.history] == [MergeVerdict.CONFIRM, MergeVerdict.REJECT]
    decided = world.events(object_type="duplicate_candidate", action="decide")
    assert len(decided) == 2 and decided[1].case_id == two_cases["np"]
    for username, error in (
        ("ovs.auditor", PermissionDeniedError),
        ("ncct.investigator", NotFoundError),
        ("ovs.system_admin", NotFoundError),
    ):
        with world.sessions.begin() as session, pytest.raises(error):
            decide_duplicate(
                session,
                actor=world[username],
                candidate_id=holder.id,
                decision=MergeVerdict.CONFIRM,
                reason="x y z",
            )
    with world.sessions() as session:
        assert session.get(DuplicateCandidate, holder.id) is not None


def test_person_graph_has_same_as_edges(world: Any, two_cases: dict[str, int]) -> None:
    with world.sessions.begin() as session:
        resolve_duplicates(session, actor=None)
        graph = person_graph(
            session, actor=world["np.investigator"], person_id=two_cases["boss"], flows=None
        )
    same = [e for e in graph.edges if e.kind is EdgeKind.SAME_AS]
    assert {e.target for e in same} >= {"hidden_case:GMP"}
    assert all(isinstance(e.data["weight"], float) for e in same)
    assert any(n.kind is NodeKind.PHONE for n in graph.nodes)


def test_trace_from_a_person_labels_cases_by_need_to_know(
    world: Any, two_cases: dict[str, int], flows: Any
) -> None:
    with world.sessions.begin() as session:
        trace_from(
            session,
            actor=world["np.investigator"],
            node_id=f"case:{two_cases['np']}",
            query=TraceQuery(accounts=()),
            flows=flows,
        )
    ((query, labels),) = flows.traced
    assert query.accounts == ("ACC-BOSS",)
    (np_ref, gmp_label) = labels["ACC-BOSS"]
    assert np_ref.startswith("NP-") and gmp_label.startswith("case held by")
    (event,) = world.events(object_type="trace")
    assert event.case_id == two_cases["np"]
    with world.sessions.begin() as session, pytest.raises(NotFoundError):
        trace_from(
            session,
            actor=world["ncct.investigator"],
            node_id=f"case:{two_cases['np']}",
            query=TraceQuery(accounts=()),
            flows=flows,
        )


def test_shared_identifiers_counts_the_controllers_phone(world: Any, imported: Any) -> None:
    imported()
    with world.sessions.begin() as session:
        found = shared_identifiers(session, actor=world["cafiu.analyst"], min_records=2)
    top = {(s.kind.value, s.value): s for s in found}
    assert top[("phone", "85512999000")].people == 3
    assert top[("signatory", "chan sophea")].accounts == ("ACC-W1", "ACC-W2")


def test_index_flows_is_a_flow_source(world: Any, two_cases: dict[str, int]) -> None:
    from datetime import UTC, datetime

    import polars as pl

    from counterflow.network import IndexFlows
    from counterflow.trace import build_index

    ts = datetime(2026, 2, 1, 8, tzinfo=UTC)
    frame = pl.DataFrame(
        {
            "txn_id": ["t1", "t2"],
            "ts": [ts, ts.replace(hour=10)],
            "src_account": ["ACC-W1", "ACC-BOSS"],
            "dst_account": ["ACC-BOSS", "ACC-X"],
            "amount": [250.0, 240.0],
            "currency": ["USD", "USD"],
            "amount_usd": [250.0, 240.0],
            "channel": ["mobile", "wire"],
            "src_bank": ["B001", "B001"],
            "dst_bank": ["B001", "B002"],
        }
    )
    flows = IndexFlows(build_index(frame))
    with world.sessions.begin() as session:
        graph = expand(
            session, actor=world["np.investigator"], node_id="account:ACC-BOSS", flows=flows
        )
        result = trace_from(
            session,
            actor=world["np.investigator"],
            node_id="account:ACC-W1",
            query=TraceQuery(accounts=()),
            flows=flows,
        )
    assert len([e for e in graph.edges if e.kind is EdgeKind.FLOW]) == 2
    assert result.seed_usd == 250.0
