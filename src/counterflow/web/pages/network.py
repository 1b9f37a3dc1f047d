"""The network view of a case, an alert or a person: who holds which account, where the
money went, which alerts name which accounts, and which cases (ours, or another agency's
that we may only learn exists) touch the same people.

Every graph comes from the network slice (:mod:`counterflow.network`), which decides what
the user may see and audits the read; this module only turns it into pages, JSON for the
drawing script (``static/network.js``) and downloads. The first graph is embedded in the
page as JSON data (one round trip less on a slow line); expanding, tracing and exporting
ask the platform again:

=========================================  =================================================
``GET /{cases|alerts|persons}/{id}/network``      the page
``.../network/graph.json``                 the focus graph
``.../network/expand.json?node=``          a node's neighbours (``start``/``end`` dates)
``.../network/trace.json?node=``           a trace from an account (a read: GET)
``.../network/export.graphml``             GraphML of the focus and ``expanded`` nodes
``.../network/export.jsonl``               the same as FollowTheMoney JSON lines
``POST /persons/{id}/duplicates/{cid}``    confirm or reject a possible duplicate
=========================================  =================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query
from fastapi.responses import JSONResponse, Response, StreamingResponse

from counterflow.links.export import to_ftm_lines, to_graphml
from counterflow.model.errors import CounterflowError, InvalidFieldsError
from counterflow.model.network import Graph, NodeKind, node_id
from counterflow.network import (
    MergeVerdict,
    alert_graph,
    case_graph,
    decide_duplicate,
    duplicate_candidates,
    expand,
    person_graph,
    trace_from,
)
from counterflow.trace import MAX_HOPS, Attribution, Direction, TraceQuery, TraceResult
from counterflow.web.deps import Context, PageCtx
from counterflow.web.errors import status_of
from counterflow.web.pages.cases import redirect
from counterflow.web.state import StoreFlows
from counterflow.web.templating import render

router = APIRouter()

MAX_EXPANDED = 40
"""Expanded nodes an export rebuilds at most (the page never holds more in practice)."""
TRACEABLE = frozenset({NodeKind.ACCOUNT, NodeKind.PERSON, NodeKind.COMPANY, NodeKind.CASE})
"""Nodes a trace can start from: an account, or the accounts of a person, holder or case."""
MAX_DRAWN_TRACE_EDGES = 400
"""Account pairs of a trace drawn at most: the largest; the figures count everything."""


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when a page is rendered."""
    return message


KIND_LABELS: dict[str, str] = {
    NodeKind.PERSON: _("Person"),
    NodeKind.COMPANY: _("Company"),
    NodeKind.ACCOUNT: _("Account"),
    NodeKind.PHONE: _("Phone"),
    NodeKind.ID_DOCUMENT: _("Identity document"),
    NodeKind.EMAIL: _("E-mail"),
    NodeKind.ADDRESS: _("Address"),
    NodeKind.CASE: _("Case"),
    NodeKind.HIDDEN_CASE: _("Case held by another agency"),
    NodeKind.ALERT: _("Alert"),
    "in_case": _("In the case"),
    "holds": _("Holds"),
    "signatory": _("Signatory"),
    "has": _("Has"),
    "flow": _("Money flow"),
    "flagged": _("Flagged by the alert"),
    "same_as": _("Possible duplicate"),
    "trace": _("Traced money"),
}
FIELD_LABELS: dict[str, str] = {
    "amount_usd": _("Amount (USD)"),
    "count": _("Transfers"),
    "first_ts": _("First"),
    "last_ts": _("Last"),
    "bank": _("Bank"),
    "role": _("Role"),
    "typology": _("Typology"),
    "score": _("Score"),
    "status": _("Status"),
    "agency": _("Agency"),
    "contact": _("Contact"),
    "reference": _("Reference"),
    "title": _("Title"),
    "nationality": _("Nationality"),
    "traced_usd": _("Traced (USD)"),
    "hop": _("Hop"),
}
ENDPOINT_LABELS: dict[str, str] = {
    "cash_out": _("Withdrawn as cash"),
    "cross_border": _("Sent abroad"),
    "exchange": _("Paid to an exchange"),
    "other_case": _("Account in another case"),
    "retained": _("Still in the account"),
}
SCRIPT_WORDS: tuple[str, ...] = (
    _("Loading…"),
    _("Tracing…"),
    _("Select a node first."),
    _("Select an account to trace from."),
    _("Expanded."),
    _("Nothing more to show."),
    _("Nothing to show."),
    _("Trace drawn."),
    _("Only the largest flows are drawn."),
    _("transfers"),
)


@dataclass(frozen=True)
class Focus:
    """What a network page is about: ``/cases/7`` → the case graph of case 7."""

    scope: str  # "cases", "alerts" or "persons"
    item_id: int

    @property
    def kind(self) -> NodeKind:
        return _SCOPES[self.scope][0]

    @property
    def base(self) -> str:
        return f"/{self.scope}/{self.item_id}/network"

    @property
    def name(self) -> str:
        return f"{self.scope[:-1]}-{self.item_id}-network"


def _case(ctx: Context, item_id: int, flows: StoreFlows) -> Graph:
    return case_graph(ctx.db, actor=ctx.actor, case_id=item_id, flows=flows)


def _alert(ctx: Context, item_id: int, flows: StoreFlows) -> Graph:
    return alert_graph(ctx.db, actor=ctx.actor, alert_id=item_id, flows=flows)


def _person(ctx: Context, item_id: int, flows: StoreFlows) -> Graph:
    return person_graph(ctx.db, actor=ctx.actor, person_id=item_id, flows=flows)


_SCOPES: dict[str, tuple[NodeKind, Callable[[Context, int, StoreFlows], Graph]]] = {
    "cases": (NodeKind.CASE, _case),
    "alerts": (NodeKind.ALERT, _alert),
    "persons": (NodeKind.PERSON, _person),
}


def _flows(ctx: Context) -> StoreFlows:
    return ctx.platform.flows.source()


def focus_graph(ctx: Context, focus: Focus) -> Graph:
    """The graph around the focus (the service raises NotFoundError if it may not be seen)."""
    return _SCOPES[focus.scope][1](ctx, focus.item_id, _flows(ctx))


def focus_node(graph: Graph, focus: Focus) -> str | None:
    """The id of the focus in its graph (its own id, else the first node of its kind)."""
    own = node_id(focus.kind, focus.item_id)
    if graph.node(own) is not None:
        return own
    return next((n.id for n in graph.nodes if n.kind is focus.kind), None)


def graph_json(graph: Graph, *, focus: str | None = None) -> dict[str, Any]:
    """The graph as the drawing script reads it. A case of another agency travels as its
    label only, whatever the node carries."""
    return {
        "focus": focus,
        "nodes": [
            {
                "id": n.id,
                "kind": n.kind.value,
                "label": n.label,
                "data": {} if n.kind is NodeKind.HIDDEN_CASE else dict(n.data),
            }
            for n in graph.nodes
        ],
        "edges": [
            {
                "id": e.id,
                "source": e.source,
                "target": e.target,
                "kind": e.kind.value,
                "data": dict(e.data),
            }
            for e in graph.edges
        ],
    }


def _json_error(exc: CounterflowError) -> JSONResponse:
    body: dict[str, Any] = {"detail": str(exc)}
    if isinstance(exc, InvalidFieldsError):
        body["errors"] = exc.errors
        body["detail"] = "; ".join(f"{k}: {v}" for k, v in exc.errors.items()) or str(exc)
    return JSONResponse(body, status_code=status_of(exc))


def _day(value: str, field: str, *, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidFieldsError({field: "a date as YYYY-MM-DD"}) from None
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)


def _with_expanded(ctx: Context, focus: Focus, expanded: list[str]) -> Graph:
    graph = focus_graph(ctx, focus)
    flows = _flows(ctx)
    for node in dict.fromkeys(expanded[:MAX_EXPANDED]):
        graph = graph.merge(expand(ctx.db, actor=ctx.actor, node_id=node, flows=flows))
    return graph


# --- the trace, as JSON -----------------------------------------------------------------------


def _trace_query(
    *,
    direction: str,
    hops: str,
    start: str,
    end: str,
    min_amount: str,
    attribution: str,
) -> TraceQuery:
    errors: dict[str, str] = {}
    if direction not in {d.value for d in Direction}:
        errors["direction"] = "forward or backward"
    if attribution not in {a.value for a in Attribution}:
        errors["attribution"] = "proportional or fifo"
    n_hops = int(hops) if hops.strip().isdigit() else 0
    if not 1 <= n_hops <= MAX_HOPS:
        errors["hops"] = f"a whole number from 1 to {MAX_HOPS}"
    try:
        floor = float(min_amount or 0)
        if not floor >= 0:
            raise ValueError
    except ValueError:
        errors["min_amount"] = "an amount in USD, 0 or more"
        floor = 0.0
    if errors:
        raise InvalidFieldsError(errors)
    first, last = _day(start, "start"), _day(end, "end", end=True)
    if first and last and first > last:
        raise InvalidFieldsError({"end": "the end comes before the start"})
    return TraceQuery(
        accounts=(),  # the service puts the node's accounts here
        direction=Direction(direction),
        hops=n_hops,
        start=first,
        end=last,
        min_amount_usd=floor,
        attribution=Attribution(attribution),
    )


def trace_json(result: TraceResult, gettext: Callable[[str], str]) -> dict[str, Any]:
    """A trace for drawing: transactions summed per account pair (the largest
    :data:`MAX_DRAWN_TRACE_EDGES`), the accounts they touch, the endpoints and the sentence."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for e in result.edges:
        p = pairs.setdefault(
            (e.src, e.dst),
            {
                "source": node_id(NodeKind.ACCOUNT, e.src),
                "target": node_id(NodeKind.ACCOUNT, e.dst),
                "traced_usd": 0.0,
                "amount_usd": 0.0,
                "count": 0,
                "hop": e.hop,
            },
        )
        p["traced_usd"] += e.traced_usd
        p["amount_usd"] += e.amount_usd
        p["count"] += 1
        p["hop"] = min(p["hop"], e.hop)
    drawn = sorted(pairs.values(), key=lambda p: -p["traced_usd"])[:MAX_DRAWN_TRACE_EDGES]
    banks = {r.account: r.bank for r in result.accounts}
    accounts = dict.fromkeys(
        a for key, p in pairs.items() if p in drawn for a in key
    )  # keep the order of the largest flows
    return {
        "summary": result.summary,
        "seed_usd": result.seed_usd,
        "paths": result.paths,
        "truncated": result.truncated or len(drawn) < len(pairs),
        "pairs": [{**p, "traced_usd": round(p["traced_usd"], 2)} for p in drawn],
        "nodes": [
            {
                "id": node_id(NodeKind.ACCOUNT, a),
                "kind": NodeKind.ACCOUNT.value,
                "label": a,
                "data": {"bank": banks[a]} if banks.get(a) else {},
            }
            for a in accounts
        ],
        "endpoints": [
            {
                "account": ep.account,
                "kind": ep.kind.value,
                "kind_label": gettext(ENDPOINT_LABELS.get(ep.kind.value, ep.kind.value)),
                "traced_usd": round(ep.traced_usd, 2),
                "bank": ep.bank,
                "country": ep.country,
                "cases": list(ep.cases),
            }
            for ep in sorted(result.endpoints, key=lambda ep: -ep.traced_usd)
        ],
    }


# --- routes -------------------------------------------------------------------------------------


def _words(ctx: Context) -> dict[str, str]:
    tr = ctx.gettext
    words = {m: tr(m) for m in SCRIPT_WORDS}
    words.update({f"kind:{k}": tr(v) for k, v in KIND_LABELS.items()})
    words.update({f"field:{k}": tr(v) for k, v in FIELD_LABELS.items()})
    return words


def network_page(
    ctx: Context,
    focus: Focus,
    *,
    status_code: int = 200,
    errors: dict[str, dict[str, str]] | None = None,
    values: dict[str, dict[str, str]] | None = None,
) -> Response:
    graph = focus_graph(ctx, focus)
    own = focus_node(graph, focus)
    node = graph.node(own) if own else None
    duplicates = (
        duplicate_candidates(ctx.db, actor=ctx.actor, person_id=focus.item_id)
        if focus.scope == "persons"
        else []
    )
    return render(
        ctx,
        "network/page.html",
        status_code=status_code,
        focus=focus,
        title=node.label if node else "",
        back=f"/{focus.scope}/{focus.item_id}" if focus.scope != "persons" else "",
        graph=graph_json(graph, focus=own),
        words=_words(ctx),
        kinds=[(k.value, KIND_LABELS[k]) for k in NodeKind],
        has_flows=ctx.platform.flows.index() is not None,
        max_hops=MAX_HOPS,
        duplicates=duplicates,
        errors=errors or {},
        values=values or {},
    )


def _register(scope: str) -> None:
    prefix = f"/{scope}/{{item_id}}/network"

    def page(ctx: PageCtx, item_id: int) -> Response:
        return network_page(ctx, Focus(scope, item_id))

    def graph(ctx: PageCtx, item_id: int) -> Response:
        focus = Focus(scope, item_id)
        try:
            g = focus_graph(ctx, focus)
        except CounterflowError as exc:
            return _json_error(exc)
        return JSONResponse(graph_json(g, focus=focus_node(g, focus)))

    def expand_json(
        ctx: PageCtx, item_id: int, node: str = "", start: str = "", end: str = ""
    ) -> Response:
        try:
            if not node:
                raise InvalidFieldsError({"node": "which node to expand"})
            g = expand(
                ctx.db,
                actor=ctx.actor,
                node_id=node,
                flows=_flows(ctx),
                start=_day(start, "start"),
                end=_day(end, "end", end=True),
            )
        except CounterflowError as exc:
            return _json_error(exc)
        return JSONResponse(graph_json(g))

    def trace_route(
        ctx: PageCtx,
        item_id: int,
        node: str = "",
        direction: str = "forward",
        hops: str = "4",
        start: str = "",
        end: str = "",
        min_amount: str = "0",
        attribution: str = "proportional",
    ) -> Response:
        try:
            if node.partition(":")[0] not in TRACEABLE:
                raise InvalidFieldsError({"node": "choose an account, a person or a case"})
            query = _trace_query(
                direction=direction,
                hops=hops,
                start=start,
                end=end,
                min_amount=min_amount,
                attribution=attribution,
            )
            result = trace_from(
                ctx.db, actor=ctx.actor, node_id=node, query=query, flows=_flows(ctx)
            )
        except CounterflowError as exc:
            return _json_error(exc)
        return JSONResponse(trace_json(result, ctx.gettext))

    def export(
        ctx: PageCtx,
        item_id: int,
        fmt: str,
        expanded: Annotated[list[str], Query(default_factory=list)],
    ) -> Response:
        focus = Focus(scope, item_id)
        graph = _with_expanded(ctx, focus, expanded)
        if fmt == "graphml":
            body: Iterator[str] | str = to_graphml(graph)
            media, name = "application/graphml+xml", f"{focus.name}.graphml"
        else:
            body = (line + "\n" for line in to_ftm_lines(graph))
            media, name = "application/x-ndjson", f"{focus.name}.ftm.jsonl"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if isinstance(body, str):
            return Response(body, media_type=media, headers=headers)
        return StreamingResponse(body, media_type=media, headers=headers)

    def export_graphml(
        ctx: PageCtx,
        item_id: int,
        expanded: Annotated[list[str], Query(default_factory=list)],
    ) -> Response:
        return export(ctx, item_id, "graphml", expanded)

    def export_ftm(
        ctx: PageCtx,
        item_id: int,
        expanded: Annotated[list[str], Query(default_factory=list)],
    ) -> Response:
        return export(ctx, item_id, "ftm", expanded)

    router.add_api_route(prefix, page, methods=["GET"], name=f"{scope}_network")
    router.add_api_route(f"{prefix}/graph.json", graph, methods=["GET"])
    router.add_api_route(f"{prefix}/expand.json", expand_json, methods=["GET"])
    router.add_api_route(f"{prefix}/trace.json", trace_route, methods=["GET"])
    router.add_api_route(f"{prefix}/export.graphml", export_graphml, methods=["GET"])
    router.add_api_route(f"{prefix}/export.jsonl", export_ftm, methods=["GET"])


for _scope in _SCOPES:
    _register(_scope)


@router.post("/persons/{person_id}/duplicates/{candidate_id}")
def duplicate_decision(
    ctx: PageCtx,
    person_id: int,
    candidate_id: int,
    decision: Annotated[str, Form(max_length=16)] = "",
    reason: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    """An investigator confirms or rejects a possible duplicate, with a reason (audited by
    the service); back to the person's network."""
    key = f"dup-{candidate_id}"
    try:
        if decision not in {v.value for v in MergeVerdict}:
            raise InvalidFieldsError({"decision": "confirm or reject"})
        decide_duplicate(
            ctx.db,
            actor=ctx.actor,
            candidate_id=candidate_id,
            decision=MergeVerdict(decision),
            reason=reason,
        )
    except InvalidFieldsError as exc:
        return network_page(
            ctx,
            Focus("persons", person_id),
            status_code=422,
            errors={key: exc.errors},
            values={key: {"reason": reason}},
        )
    return redirect(f"/persons/{person_id}/network#duplicates")
