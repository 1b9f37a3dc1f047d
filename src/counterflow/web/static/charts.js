/*
 * Draws the statistics charts (Vega-Lite specs made by counterflow.stats.charts).
 *
 * A page marks where a chart goes and carries its spec as data, not as script:
 *
 *   <figure class="chart">
 *     <div data-chart></div>
 *     <script type="application/json">{"$schema": ".../vega-lite/v5.json", ...}</script>
 *     <div class="chart-fallback"><svg>...</svg></div>   (optional, drawn by the server)
 *   </figure>
 *
 * A `data-chart="some-id"` names the spec's element by id instead of the sibling.
 *
 * The page's Content-Security-Policy allows scripts from this site only, and no eval.
 * A JSON block is never executed, so the spec needs no exception; and Vega, which by
 * default compiles the expressions inside a spec with `new Function`, is told to parse
 * them into a syntax tree (`ast: true`) and evaluate that with vega-interpreter instead.
 * Vega-Embed's and the tooltip's own stylesheets, which they would insert as inline
 * <style> (refused by `style-src 'self'`), are switched off: static/charts.css has the
 * few rules needed.
 *
 * Needs, loaded before it (with `defer`, in this order): vendor/vega.min.js,
 * vendor/vega-lite.min.js, vendor/vega-interpreter.min.js, vendor/vega-embed.min.js.
 * When a chart cannot be drawn (an old phone, a script blocked) the server-drawn SVG
 * fallback simply stays in place.
 */
(function () {
  "use strict";

  var OPTIONS = {
    actions: false, // no "open in editor" or export menu: the page offers its own downloads
    renderer: "svg", // crisp when printed or zoomed, and readable text for screen readers
    ast: true,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  };

  function specFor(target) {
    var id = target.getAttribute("data-chart");
    var source = id
      ? document.getElementById(id)
      : target.parentElement &&
        target.parentElement.querySelector(':scope > script[type="application/json"]');
    if (!source) {
      throw new Error("no chart spec next to the [data-chart] element");
    }
    return JSON.parse(source.textContent);
  }

  function draw(target) {
    if (target.hasAttribute("data-chart-state")) {
      return; // drawn already (htmx may announce the same content twice)
    }
    target.setAttribute("data-chart-state", "drawing");
    var options = Object.assign({}, OPTIONS, { expr: window.vega.expressionInterpreter });
    var spec;
    try {
      spec = specFor(target);
    } catch (error) {
      target.setAttribute("data-chart-state", "failed");
      console.error("chart spec unreadable", error);
      return;
    }
    window
      .vegaEmbed(target, spec, options)
      .then(function () {
        target.setAttribute("data-chart-state", "drawn");
        var figure = target.closest("figure") || target.parentElement;
        var fallback = figure && figure.querySelector(".chart-fallback");
        if (fallback) {
          fallback.hidden = true;
        }
      })
      .catch(function (error) {
        target.setAttribute("data-chart-state", "failed");
        console.error("chart not drawn", error);
      });
  }

  function drawAll(root) {
    if (!window.vegaEmbed || !window.vega || !window.vega.expressionInterpreter) {
      return; // the libraries did not load: the server-drawn fallbacks stay
    }
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("[data-chart]")) {
      draw(scope);
    }
    scope.querySelectorAll("[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      drawAll(document);
    });
  } else {
    drawAll(document);
  }
  // Content that htmx swaps in later (a filter changed, a table reloaded).
  document.addEventListener("htmx:load", function (event) {
    drawAll(event.target);
  });
})();
