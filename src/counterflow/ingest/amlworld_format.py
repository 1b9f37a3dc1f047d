"""The AMLworld row layout, shared by the transaction file, the patterns file and the writer.

IBM's AMLworld data sets (Altman et al., "Realistic Synthetic Financial Transactions for
Anti-Money Laundering Models", NeurIPS 2023; published on Kaggle as "IBM Transactions for
Anti Money Laundering": HI-Small, LI-Medium, ...) store one transaction per line::

    Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,
    Amount Paid,Payment Currency,Payment Format,Is Laundering
    2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,Euro,ACH,1

* ``Timestamp`` has minute resolution and no zone (read as UTC).
* Bank ids are strings with meaningful leading zeros (``011`` vs ``0011``); account ids are
  hex strings unique *within* a bank, so an account's identity is ``bank/account``
  (``011/8000EBD30``), which is how this package names AMLworld accounts.
* The header repeats ``Account``; fields are read by position, so this is harmless.
* Amounts are decimals; currencies are English names (see :mod:`.currency`). We use the
  paid side (``Amount Paid``, ``Payment Currency``) as the canonical ``amount``/``currency``.
* ``Payment Format`` (``ACH``, ``Wire``, ``Cheque``, ``Credit Card``, ``Cash``,
  ``Reinvestment``, ``Bitcoin``) becomes ``channel`` lower-cased with ``_`` for spaces.
* There is no transaction id: we synthesise ``L<n>`` from the 1-based data line number.
"""

from __future__ import annotations

import polars as pl

from counterflow.ingest import parsers as p
from counterflow.ingest.currency import code_from_name, known_names, to_usd
from counterflow.ingest.fields import FieldSpec
from counterflow.ingest.rawcsv import LINE, field_column

HEADER: tuple[str, ...] = (
    "Timestamp",
    "From Bank",
    "Account",
    "To Bank",
    "Account",
    "Amount Received",
    "Receiving Currency",
    "Amount Paid",
    "Payment Currency",
    "Payment Format",
    "Is Laundering",
)
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M"
#: The columns two AMLworld rows must share to be the same transaction (patterns join).
KEY: tuple[str, ...] = (
    "ts",
    "src_bank",
    "src_local",
    "dst_bank",
    "dst_local",
    "amount",
    "currency",
    "channel",
)
#: AMLworld's spelling of the payment formats it knows; others are Title Cased.
PAYMENT_FORMATS: tuple[str, ...] = (
    "ACH",
    "Wire",
    "Cheque",
    "Credit Card",
    "Cash",
    "Reinvestment",
    "Bitcoin",
)


def channel_from_format(fmt: pl.Expr) -> pl.Expr:
    """``Credit Card`` -> ``credit_card``."""
    return fmt.str.to_lowercase().str.replace_all(" ", "_", literal=True)


def specs() -> list[FieldSpec]:
    """Field specs of the 11 AMLworld fields, read from positional columns ``c0..c10``."""
    currency_expected = "a currency name, one of " + known_names()

    def spec(
        i: int, name: str, label: str, parse: p.Parse, expected: str, valid: p.Parse | None
    ) -> FieldSpec:
        return FieldSpec(name, field_column(i), label, parse, expected, valid)

    return [
        spec(
            0,
            "ts",
            "Timestamp",
            p.timestamp(TIMESTAMP_FORMAT),
            "a date and time like 2022/09/01 00:20",
            None,
        ),
        spec(1, "src_bank", "From Bank", p.text, "a bank id such as 011", p.text_ok),
        spec(
            2, "src_local", "Account (from)", p.text, "an account id such as 8000EBD30", p.text_ok
        ),
        spec(3, "dst_bank", "To Bank", p.text, "a bank id such as 011", p.text_ok),
        spec(4, "dst_local", "Account (to)", p.text, "an account id such as 8000EBD30", p.text_ok),
        spec(5, "amount_received", "Amount Received", p.number, p.AMOUNT_EXPECTED, p.amount_ok),
        spec(6, "currency_received", "Receiving Currency", code_from_name, currency_expected, None),
        spec(7, "amount", "Amount Paid", p.number, p.AMOUNT_EXPECTED, p.amount_ok),
        spec(8, "currency", "Payment Currency", code_from_name, currency_expected, None),
        spec(
            9,
            "channel",
            "Payment Format",
            channel_from_format,
            "a payment format such as ACH",
            p.text_ok,
        ),
        spec(10, "label", "Is Laundering", p.integer(pl.Int8()), p.FLAG_EXPECTED, p.flag_ok),
    ]


def to_canonical(rows: pl.LazyFrame) -> pl.LazyFrame:
    """Typed AMLworld rows (from :func:`specs`) -> canonical columns + ``label``."""
    return rows.with_columns(
        pl.format("L{}", pl.col(LINE) - 1).alias("txn_id"),
        pl.concat_str("src_bank", pl.lit("/"), "src_local").alias("src_account"),
        pl.concat_str("dst_bank", pl.lit("/"), "dst_local").alias("dst_account"),
        to_usd(pl.col("amount"), pl.col("currency")).alias("amount_usd"),
    )
