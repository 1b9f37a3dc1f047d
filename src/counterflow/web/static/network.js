/*
 * The network view: draws the graph of a case, an alert or a person with cytoscape.js and
 * lets the investigator expand a node, filter flows by time, highlight an alert's accounts
 * and flows, trace money from an account, and download the picture.
 *
 * Nothing here is inline: the page carries its endpoints and translated words as data
 *
 *   <div id="network" data-expand="/cases/7/network/expand.json"
 *        data-trace="/cases/7/network/trace.json" data-name="case-7-network">
 *   <script type="application/json" id="network-words">{"Expand": "...", ...}</script>
 *   <script type="application/json" id="network-graph">{"nodes": [...], "edges": [...]}</script>
 *
 * The first graph comes with the page (one round trip less on a slow line); expansions and
 * traces are JSON fetched from the platform (need-to-know is the server's job; what arrives
 * here is what the user may see). cytoscape inserts an
 * inline <style> unless a stylesheet with its id is present: the page's <link> to
 * network.css carries that id, so the strict CSP has nothing to refuse.
 */
(function () {
  "use strict";

  var root = document.getElementById("network");
  if (!root || !window.cytoscape) {
    return;
  }
  var words = JSON.parse(document.getElementById("network-words").textContent);
  function t(message, fallback) {
    return words[message] || fallback || message;
  }

  var KINDS = {
    person: { shape: "ellipse", color: "#1f5fa8" },
    company: { shape: "round-rectangle", color: "#6a3d9a" },
    account: { shape: "rectangle", color: "#1d6b34" },
    phone: { shape: "diamond", color: "#8a5a00" },
    id_document: { shape: "tag", color: "#5b6573" },
    email: { shape: "vee", color: "#8a5a00" },
    address: { shape: "triangle", color: "#5b6573" },
    case: { shape: "hexagon", color: "#b34700" },
    hidden_case: { shape: "hexagon", color: "#9aa3ad" },
    alert: { shape: "star", color: "#a31b1b" },
  };
  // A trace starts from an account, or from the accounts of a person, a holder or a case.
  var TRACEABLE = ["account", "person", "company", "case"];
  var FONT = '"Noto Sans Khmer", system-ui, sans-serif';

  function usd(value) {
    var n = Number(value || 0);
    return "USD " + n.toLocaleString("en-US", { maximumFractionDigits: 0 });
  }
  function day(iso) {
    return iso ? String(iso).slice(0, 10) : "";
  }

  var style = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-family": FONT,
        "font-size": 11,
        color: "#1d232b",
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": "ellipsis",
        "text-max-width": 140,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 1,
        width: 26,
        height: 26,
        "border-width": 2,
        "border-color": "#1d232b",
      },
    },
    {
      selector: "node.hidden_case",
      style: { "border-style": "dashed", "background-opacity": 0.35, color: "#5b6573" },
    },
    { selector: "node.focus", style: { width: 38, height: 38, "border-width": 4 } },
    { selector: "node:selected", style: { "border-color": "#0f6fff", "border-width": 5 } },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "line-color": "#9aa3ad",
        "target-arrow-color": "#9aa3ad",
        "target-arrow-shape": "triangle",
        "curve-style": "bezier",
        "arrow-scale": 0.8,
      },
    },
    {
      selector: "edge.flow",
      style: {
        width: "mapData(weight, 0, 1, 1.5, 7)",
        "line-color": "#2e7d4f",
        "target-arrow-color": "#2e7d4f",
      },
    },
    { selector: "edge.same_as", style: { "line-style": "dashed", "line-color": "#6a3d9a" } },
    { selector: "edge.in_case", style: { "line-style": "dotted" } },
    { selector: ".filtered", style: { display: "none" } },
    { selector: ".faded", style: { opacity: 0.2 } },
    {
      selector: "node.lit",
      style: { "border-color": "#d11", "border-width": 5, opacity: 1 },
    },
    {
      selector: "edge.lit",
      style: { "line-color": "#d11", "target-arrow-color": "#d11", width: 5, opacity: 1 },
    },
    {
      selector: "edge.traced",
      style: {
        width: "mapData(weight, 0, 1, 2, 9)",
        "line-color": "#0f6fff",
        "target-arrow-color": "#0f6fff",
        label: "data(amount)",
        "font-family": FONT,
        "font-size": 11,
        "font-weight": "bold",
        color: "#0b3d91",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.95,
        "text-background-padding": 2,
        "text-rotation": "autorotate",
        "z-index": 10,
      },
    },
  ];
  Object.keys(KINDS).forEach(function (kind) {
    style.splice(1, 0, {
      selector: "node." + kind,
      style: { shape: KINDS[kind].shape, "background-color": KINDS[kind].color },
    });
  });

  var cy = window.cytoscape({
    container: document.getElementById("network-canvas"),
    style: style,
    wheelSensitivity: 0.3,
    minZoom: 0.1,
    maxZoom: 4,
  });
  window.counterflowNetwork = cy; // for the browser test and the console

  var expanded = [];
  var panel = document.getElementById("network-details");
  var status = document.getElementById("network-status");
  var selected = null;

  function say(text, bad) {
    status.textContent = text;
    status.classList.toggle("error", !!bad);
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.detail || response.statusText);
          }
          return body;
        });
      }
    );
  }

  function element(group, item) {
    var data = Object.assign({}, item.data || {}, {
      id: item.id,
      kind: item.kind,
    });
    if (group === "nodes") {
      data.label = item.label;
    } else {
      data.source = item.source;
      data.target = item.target;
    }
    return { group: group, data: data, classes: item.kind };
  }

  function scaleFlows() {
    var flows = cy.edges(".flow");
    var top = 0;
    flows.forEach(function (e) {
      top = Math.max(top, Number(e.data("amount_usd") || 0));
    });
    flows.forEach(function (e) {
      e.data("weight", top ? Number(e.data("amount_usd") || 0) / top : 0);
    });
  }

  function addGraph(graph) {
    var fresh = [];
    graph.nodes.forEach(function (n) {
      if (cy.getElementById(n.id).empty()) {
        fresh.push(element("nodes", n));
      }
    });
    graph.edges.forEach(function (e) {
      if (cy.getElementById(e.id).empty()) {
        fresh.push(element("edges", e));
      }
    });
    cy.add(fresh);
    scaleFlows();
    refreshAlerts();
    refreshTime();
    return fresh.length;
  }

  function layout() {
    var n = cy.nodes().length;
    cy.layout({
      name: n > 150 ? "breadthfirst" : "cose",
      animate: false,
      nodeDimensionsIncludeLabels: true,
      randomize: false,
      padding: 20,
    }).run();
  }

  // --- details panel -----------------------------------------------------------------
  function details(node) {
    selected = node;
    var data = node.data();
    panel.replaceChildren();
    var h = document.createElement("h3");
    h.textContent = data.label;
    panel.appendChild(h);
    var kind = document.createElement("p");
    kind.className = "badge";
    kind.textContent = t("kind:" + data.kind);
    panel.appendChild(kind);
    var dl = document.createElement("dl");
    dl.className = "facts";
    Object.keys(data).forEach(function (key) {
      if (["id", "kind", "label", "weight"].indexOf(key) >= 0 || data[key] === null) {
        return;
      }
      var dt = document.createElement("dt");
      dt.textContent = t("field:" + key, key.replace(/_/g, " "));
      var dd = document.createElement("dd");
      dd.textContent = String(data[key]);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    panel.appendChild(dl);
    document.getElementById("network-expand").disabled = data.kind === "hidden_case";
    document.getElementById("network-trace").hidden = TRACEABLE.indexOf(data.kind) < 0;
  }

  cy.on("tap", "node", function (event) {
    details(event.target);
  });
  cy.on("tap", "edge", function (event) {
    var e = event.target;
    panel.replaceChildren();
    var p = document.createElement("p");
    var ends = cy.getElementById(e.data("source")).data("label") +
      " → " + cy.getElementById(e.data("target")).data("label");
    p.textContent = t("kind:" + e.data("kind")) + ": " + ends;
    panel.appendChild(p);
    if (e.data("amount_usd") !== undefined) {
      var q = document.createElement("p");
      q.textContent = usd(e.data("amount_usd")) + (e.data("count") ? " · " + e.data("count") + " " + t("transfers") : "") +
        (e.data("first_ts") ? " · " + day(e.data("first_ts")) + " – " + day(e.data("last_ts") || e.data("first_ts")) : "");
      panel.appendChild(q);
    }
  });

  // --- expand --------------------------------------------------------------------------
  document.getElementById("network-expand").addEventListener("click", function () {
    if (!selected) {
      say(t("Select a node first."), true);
      return;
    }
    var id = selected.id();
    say(t("Loading…"));
    var range = window.counterflowRange();
    var url = root.dataset.expand + "?node=" + encodeURIComponent(id) +
      (range.start ? "&start=" + range.start : "") + (range.end ? "&end=" + range.end : "");
    getJSON(url)
      .then(function (graph) {
        if (expanded.indexOf(id) < 0) {
          expanded.push(id);
        }
        var added = addGraph(graph);
        updateExports();
        if (added) {
          layout();
        }
        say(added ? t("Expanded.") + " " + added : t("Nothing more to show."));
      })
      .catch(function (error) {
        say(error.message, true);
      });
  });

  // --- time filter ---------------------------------------------------------------------
  var fromInput = document.getElementById("network-from");
  var toInput = document.getElementById("network-to");
  var fromLabel = document.getElementById("network-from-label");
  var toLabel = document.getElementById("network-to-label");
  var days = [];

  function dayIndex(iso) {
    return Math.floor(Date.parse(iso) / 86400000);
  }
  function isoDay(index) {
    return new Date(index * 86400000).toISOString().slice(0, 10);
  }

  function refreshTime() {
    var lo = Infinity;
    var hi = -Infinity;
    cy.edges(".flow").forEach(function (e) {
      if (e.data("first_ts")) {
        lo = Math.min(lo, dayIndex(e.data("first_ts")));
        hi = Math.max(hi, dayIndex(e.data("last_ts") || e.data("first_ts")));
      }
    });
    var box = document.getElementById("network-time");
    if (lo === Infinity) {
      box.hidden = true;
      days = [];
      return;
    }
    box.hidden = false;
    var wasFull = !days.length || (Number(fromInput.value) === 0 && Number(toInput.value) === days[1] - days[0]);
    days = [lo, hi];
    fromInput.max = toInput.max = String(hi - lo);
    if (wasFull) {
      fromInput.value = "0";
      toInput.value = String(hi - lo);
    }
    applyTime();
  }

  function applyTime() {
    if (!days.length) {
      return;
    }
    var a = Math.min(Number(fromInput.value), Number(toInput.value));
    var b = Math.max(Number(fromInput.value), Number(toInput.value));
    var start = days[0] + a;
    var end = days[0] + b;
    fromLabel.textContent = isoDay(start);
    toLabel.textContent = isoDay(end);
    cy.batch(function () {
      cy.edges(".flow").forEach(function (e) {
        var first = e.data("first_ts");
        if (!first) {
          return;
        }
        var out = dayIndex(e.data("last_ts") || first) < start || dayIndex(first) > end;
        e.toggleClass("filtered", out);
      });
    });
  }

  window.counterflowRange = function () {
    if (!days.length) {
      return { start: "", end: "" };
    }
    var a = Math.min(Number(fromInput.value), Number(toInput.value));
    var b = Math.max(Number(fromInput.value), Number(toInput.value));
    var full = a === 0 && b === days[1] - days[0];
    return full ? { start: "", end: "" } : { start: isoDay(days[0] + a), end: isoDay(days[0] + b) };
  };
  fromInput.addEventListener("input", applyTime);
  toInput.addEventListener("input", applyTime);

  // --- highlight an alert ---------------------------------------------------------------
  var highlight = document.getElementById("network-highlight");

  function refreshAlerts() {
    var current = highlight.value;
    while (highlight.options.length > 1) {
      highlight.remove(1);
    }
    cy.nodes(".alert").forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.id();
      option.textContent = n.data("label");
      highlight.appendChild(option);
    });
    highlight.value = current;
    document.getElementById("network-highlight-box").hidden = highlight.options.length < 2;
  }

  highlight.addEventListener("change", function () {
    cy.elements().removeClass("lit faded");
    if (!highlight.value) {
      return;
    }
    var alertNode = cy.getElementById(highlight.value);
    var accounts = alertNode.outgoers("node");
    var flows = accounts.edgesWith(accounts).filter(".flow");
    var lit = alertNode.union(accounts).union(flows).union(alertNode.edgesTo(accounts));
    cy.elements().not(lit).addClass("faded");
    lit.addClass("lit");
    cy.fit(lit, 40);
  });

  // --- trace ---------------------------------------------------------------------------
  var traceForm = document.getElementById("network-trace");
  traceForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!selected || TRACEABLE.indexOf(selected.data("kind")) < 0) {
      say(t("Select an account to trace from."), true);
      return;
    }
    var params = new URLSearchParams(new FormData(traceForm));
    params.delete("csrf_token");
    params.set("node", selected.id());
    if (event.submitter && event.submitter.name === "direction") {
      params.set("direction", event.submitter.value);
    }
    say(t("Tracing…"));
    getJSON(root.dataset.trace + "?" + params.toString())
      .then(drawTrace)
      .catch(function (error) {
        say(error.message, true);
      });
  });

  function drawTrace(result) {
    cy.remove(cy.edges(".traced"));
    var top = 0;
    result.pairs.forEach(function (p) {
      top = Math.max(top, p.traced_usd);
    });
    var fresh = [];
    result.nodes.forEach(function (n) {
      if (cy.getElementById(n.id).empty()) {
        fresh.push(element("nodes", n));
      }
    });
    result.pairs.forEach(function (p, i) {
      fresh.push({
        group: "edges",
        data: {
          id: "trace:" + i,
          source: p.source,
          target: p.target,
          kind: "trace",
          amount: usd(p.traced_usd),
          traced_usd: p.traced_usd,
          amount_usd: p.amount_usd,
          count: p.count,
          hop: p.hop,
          weight: top ? p.traced_usd / top : 0,
        },
        classes: "traced",
      });
    });
    cy.add(fresh);
    if (result.nodes.length) {
      layout();
    }
    var box = document.getElementById("network-trace-result");
    box.hidden = false;
    document.getElementById("network-trace-summary").textContent = result.summary;
    var body = document.getElementById("network-endpoints");
    body.replaceChildren();
    result.endpoints.forEach(function (ep) {
      var tr = document.createElement("tr");
      [ep.account, ep.kind_label, usd(ep.traced_usd), [ep.bank, ep.country].filter(Boolean).join(" · "), ep.cases.join(", ")]
        .forEach(function (text) {
          var td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        });
      body.appendChild(tr);
    });
    document.getElementById("network-endpoints-none").hidden = result.endpoints.length > 0;
    say(result.truncated ? t("Only the largest flows are drawn.") : t("Trace drawn."));
  }

  // --- exports ---------------------------------------------------------------------------
  function updateExports() {
    var query = expanded.map(function (id) {
      return "expanded=" + encodeURIComponent(id);
    }).join("&");
    document.querySelectorAll("[data-export-link]").forEach(function (a) {
      a.href = a.dataset.exportLink + (query ? "?" + query : "");
    });
  }

  document.getElementById("network-png").addEventListener("click", function () {
    var blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = (root.dataset.name || "network") + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  });

  document.getElementById("network-fit").addEventListener("click", function () {
    cy.fit(undefined, 20);
  });

  // --- start ---------------------------------------------------------------------------
  var graph = JSON.parse(document.getElementById("network-graph").textContent);
  addGraph(graph);
  if (graph.focus) {
    cy.getElementById(graph.focus).addClass("focus");
  }
  layout();
  root.setAttribute("data-state", "ready");
  say(graph.nodes.length ? "" : t("Nothing to show."));
  if (graph.focus && !cy.getElementById(graph.focus).empty()) {
    cy.getElementById(graph.focus).select();
    details(cy.getElementById(graph.focus));
  }
})();
