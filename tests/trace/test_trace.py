"""The tracer on hand-built stores whose answers are computed by hand in the comments."""

from __future__ import annotations

import pytest
from trace_graphs import at, frame

from counterflow.model import InputError, NotFoundError
from counterflow.trace import (
    Attribution,
    Direction,
    EndpointKind,
    TraceContext,
    TraceQuery,
    TraceResult,
    build_index,
    trace,
)

FIFO = Attribution.FIFO
BACK = Direction.BACKWARD


def run(rows, *seeds: str, context: TraceContext = TraceContext(), **options) -> TraceResult:  # noqa: B008
    return trace(build_index(frame(rows)), TraceQuery(accounts=seeds, **options), context)


def received(result: TraceResult) -> dict[str, float]:
    return {a.account: round(a.received_usd, 6) for a in result.accounts}


def retained(result: TraceResult) -> dict[str, float]:
    return {
        e.account: round(e.traced_usd, 6)
        for e in result.endpoints
        if e.kind is EndpointKind.RETAINED
    }


def test_a_split_sends_each_part_its_own_way():
    rows = [("A", "B", 100, 0), ("B", "C", 60, 1), ("B", "D", 40, 2)]
    result = run(rows, "A")
    assert result.seed_usd == 100
    assert received(result) == {"B": 100, "C": 60, "D": 40}
    assert retained(result) == {"C": 60, "D": 40}
    assert result.paths == 3  # A-B, A-B-C, A-B-D
    assert [(e.src, e.dst, e.hop) for e in result.edges] == [
        ("A", "B", 1),
        ("B", "C", 2),
        ("B", "D", 2),
    ]
    reached = {a.account: a for a in result.accounts}
    assert reached["B"].passed_on_usd == 100 and reached["C"].hop == 2


@pytest.mark.parametrize(
    ("attribution", "out", "expected"),
    [
        # B holds 100 untraced (from X) then 100 traced: a traced share of 1/2
        (Attribution.PROPORTIONAL, 50, 25.0),
        (Attribution.PROPORTIONAL, 150, 75.0),
        # Clayton's Case: X's older 100 goes first
        (FIFO, 50, 0.0),
        (FIFO, 150, 50.0),
    ],
)
def test_a_merge_dilutes_the_traced_money(attribution, out, expected):
    rows = [("X", "B", 100, 0), ("A", "B", 100, 1), ("B", "C", out, 2)]
    result = run(rows, "A", attribution=attribution)
    assert received(result).get("C", 0.0) == pytest.approx(expected)


def test_a_payment_larger_than_the_balance_seen_is_partly_untraced_opening_balance():
    # B shows 100 traced, then pays 400: the other 300 were there before the window
    rows = [("A", "B", 100, 0), ("B", "C", 400, 1), ("B", "D", 10, 2)]
    for attribution in Attribution:
        result = run(rows, "A", attribution=attribution)
        assert received(result) == {"B": 100, "C": 100}  # nothing left for D


def test_proportional_shares_follow_the_running_balance():
    # B: +100 traced, +300 untraced, pays 200 (share 1/4 -> 50), pays 200 (rest: 50)
    rows = [("A", "B", 100, 0), ("X", "B", 300, 1), ("B", "C", 200, 2), ("B", "D", 200, 3)]
    result = run(rows, "A")
    assert received(result) == {"B": 100, "C": 50, "D": 50}
    fifo = run(rows, "A", attribution=FIFO)
    assert received(fifo) == {"B": 100, "C": 100}  # the first 200 include all of A's 100


def test_payments_before_the_money_arrived_are_not_followed():
    rows = [("B", "C", 100, 1), ("A", "B", 100, 5), ("B", "D", 100, 6)]
    result = run(rows, "A")
    assert "C" not in received(result)
    assert received(result) == {"B": 100, "D": 100}
    assert result.paths == 2


def test_equal_timestamps_are_ordered_as_the_store_lists_them():
    later = run([("A", "B", 100, 1), ("B", "C", 100, 1)], "A")
    assert received(later) == {"B": 100, "C": 100}
    earlier = run([("B", "C", 100, 1), ("A", "B", 100, 1)], "A")
    assert received(earlier) == {"B": 100}


def test_a_payment_never_follows_itself():
    result = run([("A", "B", 100, 0), ("B", "B", 100, 1)], "A", hops=3)
    # the self-payment carries the money once (hop 2); it is not its own continuation
    assert result.paths == 2
    assert received(result) == {"B": 200}
    assert retained(result) == {"B": 100}


def test_money_coming_back_to_the_seed_is_returned_not_traced_twice():
    rows = [("A", "B", 100, 0), ("B", "C", 100, 1), ("C", "A", 100, 2), ("A", "B", 50, 3)]
    result = run(rows, "A")
    assert result.seed_usd == 150
    assert result.returned_usd == 100
    assert retained(result) == {"B": 50}
    assert "A" not in received(result)


def test_a_cycle_away_from_the_seed_is_bounded_by_the_hops():
    rows = [("A", "B", 100, 0), ("B", "C", 100, 1), ("C", "B", 100, 2), ("B", "C", 100, 3)]
    four = run(rows, "A", hops=4)
    assert received(four) == {"B": 200, "C": 200}
    assert retained(four) == {"C": 100}
    assert four.paths == 5  # A-B, A-B-C (1h), A-B-C (3h), A-B-C-B, A-B-C-B-C
    two = run(rows, "A", hops=2)
    # C's payment back to B would be hop 3: the money stays with C
    assert received(two) == {"B": 100, "C": 100}
    assert retained(two) == {"C": 100}
    assert two.paths == 3  # A-B, A-B-C (1h), A-B-C (3h)


def test_the_hop_limit_is_exact():
    chain = [("A", "B", 100, 0), ("B", "C", 100, 1), ("C", "D", 100, 2), ("D", "E", 100, 3)]
    result = run(chain, "A", hops=2)
    assert received(result) == {"B": 100, "C": 100}
    assert retained(result) == {"C": 100}  # paid on to D, beyond the limit
    # a shorter path to D does not let the 2-hop money at D travel a third hop
    rows = [("A", "B", 100, 0), ("A", "D", 10, 1), ("B", "D", 100, 2), ("D", "E", 110, 3)]
    result = run(rows, "A", hops=2)
    assert received(result) == {"B": 100, "D": 110, "E": 10}
    assert [e.hop for e in result.edges if e.dst == "E"] == [2]


def test_window_and_minimum_amount_hide_payments():
    rows = [("A", "B", 100, 0), ("A", "B", 5, 2), ("A", "C", 70, 3), ("C", "D", 70, 9)]
    result = run(rows, "A", start=at(1), end=at(8))
    assert received(result) == {"B": 5, "C": 70}
    result = run(rows, "A", start=at(1), end=at(8), min_amount_usd=10)
    assert received(result) == {"C": 70}
    assert result.seed_usd == 70


def test_payments_between_seeds_are_internal():
    rows = [("A", "A2", 100, 0), ("A2", "B", 100, 1), ("A", "C", 10, 2)]
    result = run(rows, "A", "A2")
    assert result.seed_usd == 110
    assert received(result) == {"B": 100, "C": 10}


def test_backward_is_the_mirror():
    rows = [
        ("Z", "Y", 100, 0),
        ("Y", "X", 100, 1),
        ("X", "S", 100, 2),
        ("W", "Y", 100, 3),  # after Y paid X: not a source of that money
    ]
    result = run(rows, "S", direction=BACK)
    assert received(result) == {"X": 100, "Y": 100, "Z": 100}
    assert {a.account: a.hop for a in result.accounts} == {"X": 1, "Y": 2, "Z": 3}
    assert result.summary == (
        "USD 100 of 100 paid into S came from 1 account at B1 within 2 hours before."
    )


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [(FIFO, {"X": 50, "P": 50}), (Attribution.PROPORTIONAL, {"X": 50, "P": 25, "Q": 25})],
)
def test_backward_attribution_runs_in_reversed_time(attribution, expected):
    # X received P 100, Q 50, then paid S 50 and W 50. Walking back in time from S, X's
    # later payment to W comes first and is untraced; under fifo Q's 50 (the most recent
    # inflow) covers W, P's covers S; proportionally each inflow carries half.
    rows = [("P", "X", 100, 1), ("Q", "X", 50, 2), ("X", "S", 50, 3), ("X", "W", 50, 4)]
    result = run(rows, "S", direction=BACK, attribution=attribution)
    assert received(result) == expected


def test_endpoints_of_every_kind():
    from counterflow.trace.banks import Bank, BankDirectory, BankKind

    banks = BankDirectory({"TH1": Bank("TH1", "TH"), "VX": Bank("VX", "KH", BankKind.EXCHANGE)})
    context = TraceContext(
        banks=banks,
        exchanges=frozenset({"OTC"}),
        case_accounts={"K": ("CASE-7",)},
    )
    rows = [
        ("A", "B", 1000, 0),
        ("B", "CASH@B1", 100, 1),
        ("B", "F", 200, 2, {"dst_bank": "TH1"}),
        ("B", "OTC", 300, 3),
        ("B", "V", 50, 4, {"dst_bank": "VX"}),
        ("B", "K", 350, 5),
        ("K", "M", 150, 6),
        ("F", "G", 200, 7),  # abroad: not followed
    ]
    result = run(rows, "A", context=context)
    ends = {(e.account, e.kind): e for e in result.endpoints}
    assert ends["CASH@B1", EndpointKind.CASH_OUT].traced_usd == 100
    assert ends["F", EndpointKind.CROSS_BORDER].country == "TH"
    assert ends["OTC", EndpointKind.EXCHANGE].traced_usd == 300
    assert ends["V", EndpointKind.EXCHANGE].traced_usd == 50
    assert ends["K", EndpointKind.OTHER_CASE].cases == ("CASE-7",)
    assert ends["K", EndpointKind.OTHER_CASE].traced_usd == 350
    assert retained(result) == {"K": 200, "M": 150}
    assert "G" not in received(result)
    assert result.totals[EndpointKind.CROSS_BORDER] == 200
    assert result.summary == (
        "USD 350 of 1,000 reached 2 accounts at B1 within 6 hours; 20 % left the country; "
        "USD 100 was withdrawn in cash; USD 350 went to exchanges; "
        "USD 350 reached accounts in other cases (CASE-7)."
    )


def test_a_seed_without_payments_in_the_window_traces_nothing():
    result = run([("A", "B", 100, 5)], "A", end=at(1))
    assert result.seed_usd == 0 and result.edges == () and result.paths == 0
    assert result.summary.startswith("Nothing to trace: no payments out of A")


def test_truncation_keeps_the_largest_edges_and_all_figures():
    rows = [("A", f"B{i}", 10 + i, i) for i in range(10)]
    result = run(rows, "A", max_edges=3, max_accounts=2)
    assert result.truncated
    assert [e.dst for e in result.edges] == ["B7", "B8", "B9"]
    assert len(result.accounts) == 2 and result.n_reached == 10
    assert result.seed_usd == sum(10 + i for i in range(10))


def test_unknown_seeds_are_named():
    with pytest.raises(NotFoundError, match="'NOPE'"):
        run([("A", "B", 1, 0)], "A", "NOPE")


@pytest.mark.parametrize("options", [{"hops": 0}, {"hops": 9}, {"min_amount_usd": -1}])
def test_bad_queries_are_input_errors(options):
    with pytest.raises(InputError):
        run([("A", "B", 1, 0)], "A", **options)
