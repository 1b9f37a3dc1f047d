"""AMLworld ``*_Trans.csv`` + ``*_Patterns.txt`` reading."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from counterflow.ingest import read_transactions
from counterflow.ingest.currency import CURRENCIES, PER_USD
from counterflow.model import InputError, Typology


def text(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def test_reads_transactions_with_bank_qualified_accounts(amlworld_trans):
    txns = read_transactions(amlworld_trans).txns
    assert txns.height == 7
    # Sorted by time, ties in file order; txn_id = L + 1-based data line.
    assert txns["txn_id"].to_list() == ["L2", "L1", "L4", "L5", "L6", "L3", "L7"]
    first = txns.row(0, named=True)
    assert first["ts"] == datetime(2022, 9, 1, 0, 6, tzinfo=UTC)
    assert first["src_account"] == "021174/800737690"
    assert first["dst_account"] == "012/80011F990"
    assert (first["src_bank"], first["dst_bank"]) == ("021174", "012")  # leading zeros kept
    assert (first["amount"], first["currency"], first["channel"]) == (2848.96, "EUR", "ach")
    assert first["amount_usd"] == pytest.approx(2848.96 / PER_USD["EUR"])


def test_currency_names_channels_and_labels(amlworld_trans):
    txns = read_transactions(amlworld_trans).txns
    card = txns.filter(txns["txn_id"] == "L7").row(0, named=True)
    assert (card["currency"], card["channel"], card["label"]) == ("KHR", "credit_card", 0)
    assert card["amount_usd"] == pytest.approx(12.5 / 4_100)
    assert txns["channel"].unique().sort().to_list() == ["ach", "credit_card", "reinvestment"]
    assert txns["label"].sum() == 5


def test_currency_table_maps_both_ways_and_riel_is_about_4100():
    names = [c.name for c in CURRENCIES]
    codes = [c.code for c in CURRENCIES]
    assert len(set(names)) == len(names) == len(set(codes))
    assert {"US Dollar", "Bitcoin", "Cambodian Riel", "Brazil Real", "Shekel"} <= set(names)
    assert dict(zip(names, codes, strict=True))["Bitcoin"] == "BTC"
    assert 4_000 <= PER_USD["KHR"] <= 4_200
    assert PER_USD["USD"] == 1.0


def test_patterns_join_fills_pattern_and_block_number(amlworld_trans, amlworld_patterns):
    txns = read_transactions(amlworld_trans).txns
    truth = {row[0]: row[1:] for row in txns.select("txn_id", "pattern", "pattern_id").rows()}
    assert truth["L1"] == (None, None)  # not laundering
    assert truth["L2"] == truth["L3"] == ("fan_out", 0)
    # Three identical stack transactions, two block rows: first two are claimed, third
    # (still laundering) is unpatterned.
    assert truth["L4"] == truth["L5"] == ("stack", 1)
    assert truth["L6"] == ("unpatterned", None)
    assert truth["L7"] == (None, None)


def test_without_patterns_file_laundering_is_unpatterned(write_file, aw):
    path = write_file("X_Trans.csv", text(aw.header, aw.normal, aw.fan_1))
    txns = read_transactions(path).txns
    assert txns.select("label", "pattern", "pattern_id").rows() == [
        (1, "unpatterned", None),
        (0, None, None),
    ]


def test_any_csv_with_the_amlworld_header_is_detected(write_file, aw):
    path = write_file("export.csv", text(aw.header, aw.normal))
    assert read_transactions(path).txns["src_account"].to_list() == ["011/8000EBD30"]


def _bad(aw, index: int, value: str) -> str:
    parts = aw.fan_1.split(",")
    parts[index] = value
    return ",".join(parts)


@pytest.mark.parametrize(
    ("index", "value", "field", "in_message"),
    [
        (0, "2022-09-01 00:06", "Timestamp", "2022/09/01 00:20"),
        (0, "2022/02/30 00:06", "Timestamp", "'2022/02/30 00:06'"),
        (1, "", "From Bank", "got nothing"),
        (2, "", "Account (from)", "got nothing"),
        (4, "", "Account (to)", "got nothing"),
        (5, "lots", "Amount Received", "'lots'"),
        (6, "Dollar", "Receiving Currency", "US Dollar"),
        (7, "-2848.96", "Amount Paid", "non-negative"),
        (7, "nan", "Amount Paid", "'nan'"),
        (8, "Euros", "Payment Currency", "'Euros'"),
        (9, "", "Payment Format", "got nothing"),
        (10, "yes", "Is Laundering", "0 or 1"),
    ],
)
def test_bad_field_names_line_field_value(write_file, aw, index, value, field, in_message):
    path = write_file("B_Trans.csv", text(aw.header, aw.normal, aw.fan_2, _bad(aw, index, value)))
    with pytest.raises(InputError) as caught:
        read_transactions(path)
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), 4, field)
    assert in_message in str(caught.value)


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (
            "2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,Euro,ACH",
            "Is Laundering",
        ),
        ("2022/09/01 00:06,021174,800737690,012", "Account"),
        (
            "2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,Euro,ACH,1,9",
            "(extra field)",
        ),
    ],
)
def test_wrong_column_count(write_file, aw, row, field):
    path = write_file("B_Trans.csv", text(aw.header, aw.normal, row))
    with pytest.raises(InputError, match="fields on the line") as caught:
        read_transactions(path)
    assert (caught.value.line, caught.value.field) == (3, field)


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("Timestamp,From Bank,Account,To Bank,Amount Received", "Account"),
        (
            "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
            "Amount Paid,Payment Currency,Payment Format",
            "Is Laundering",
        ),
        (
            "Time,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
            "Amount Paid,Payment Currency,Payment Format,Is Laundering",
            "Timestamp",
        ),
    ],
)
def test_missing_header_column_is_fatal(write_file, aw, header, missing):
    path = write_file("H_Trans.csv", text(header, aw.normal))
    with pytest.raises(InputError, match=f"missing column '{missing}'") as caught:
        read_transactions(path, quarantine=path.with_suffix(".bad.csv"))
    assert (caught.value.line, caught.value.field) == (1, missing)


def test_every_amlworld_block_type_maps_to_a_typology(write_file, aw):
    kinds = [
        "FAN-OUT",
        "FAN-IN",
        "GATHER-SCATTER",
        "SCATTER-GATHER",
        "CYCLE",
        "RANDOM",
        "BIPARTITE",
        "STACK",
        "STRUCTURING",
        "WAGE-SWEEP",
        "WAGE_SWEEP",
    ]
    rows = [aw.header] + [_bad(aw, 0, f"2022/09/01 00:{i:02d}") for i in range(len(kinds))]
    trans = write_file("K_Trans.csv", text(*rows))
    blocks = []
    for i, kind in enumerate(kinds):
        blocks += [
            f"BEGIN LAUNDERING ATTEMPT - {kind}:  anything",
            rows[i + 1],
            f"END LAUNDERING ATTEMPT - {kind}",
            "",
        ]
    write_file("K_Patterns.txt", text(*blocks))
    txns = read_transactions(trans).txns.sort("pattern_id")
    expected = [
        "fan_out",
        "fan_in",
        "gather_scatter",
        "scatter_gather",
        "cycle",
        "random",
        "bipartite",
        "stack",
        "structuring",
        "wage_sweep",
        "wage_sweep",
    ]
    assert txns["pattern"].to_list() == expected
    assert all(Typology(v) for v in expected)
    assert txns["pattern_id"].to_list() == list(range(len(kinds)))


@pytest.mark.parametrize(
    ("patterns", "line", "in_message"),
    [
        (
            ["BEGIN LAUNDERING ATTEMPT - SMURFING", "{row}", "END LAUNDERING ATTEMPT - SMURFING"],
            1,
            "'BEGIN LAUNDERING ATTEMPT - SMURFING'",
        ),
        (["BEGIN LAUNDERING ATTEMPT - STACK", "{row}"], 1, "never ended"),
        (["{row}"], 1, "outside any BEGIN/END block"),
        (
            ["BEGIN LAUNDERING ATTEMPT - STACK", "{row}", "END LAUNDERING ATTEMPT - CYCLE"],
            3,
            "expected 'END LAUNDERING ATTEMPT - STACK'",
        ),
        (
            ["BEGIN LAUNDERING ATTEMPT - STACK", "BEGIN LAUNDERING ATTEMPT - CYCLE"],
            2,
            "before the one opened on line 1",
        ),
        (["END LAUNDERING ATTEMPT - STACK"], 1, "expected a BEGIN"),
        (
            ["BEGIN LAUNDERING ATTEMPT - STACK", "{bad}", "END LAUNDERING ATTEMPT - STACK"],
            2,
            "Amount Paid",
        ),
    ],
)
def test_malformed_patterns_file_is_fatal(write_file, aw, patterns, line, in_message):
    trans = write_file("P_Trans.csv", text(aw.header, aw.fan_1))
    body = [p.format(row=aw.fan_1, bad=_bad(aw, 7, "x")) for p in patterns]
    patterns_path = write_file("P_Patterns.txt", text(*body))
    with pytest.raises(InputError) as caught:
        read_transactions(trans, quarantine=trans.with_suffix(".bad.csv"))
    assert caught.value.path == str(patterns_path)
    assert caught.value.line == line
    assert in_message in str(caught.value)
