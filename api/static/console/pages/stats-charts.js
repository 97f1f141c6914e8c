// Charts of the statistics page, in inline SVG built with DOM calls (no library, no HTML strings).
// Every chart is a <figure>: a visible title and summary, an SVG with role="img" and an
// aria-label that says what it shows, native <title> tooltips on hover, a keyboard readout
// (the per-day charts: focus the chart, then ← → Home End), and a visually hidden data table.
import { h } from "../ui.js";

const NS = "http://www.w3.org/2000/svg";

/** An SVG element: attributes set as given (null/false left out), strings become text nodes. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const number = new Intl.NumberFormat("en");

/** 1234 → "1,234". */
export function fmt(n) {
  return number.format(n);
}

/** "3 completions" / "1 completion". */
export function plural(n, one, many = `${one}s`) {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

/** 0..100 as "67%" of a whole (— when the whole is 0). */
export function percent(part, whole) {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "—";
}

/** Seconds as "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) {
    const m = Math.round((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ""}`;
  }
  const hours = Math.round((s % 86400) / 3600);
  return `${Math.floor(s / 86400)} d${hours ? ` ${hours} h` : ""}`;
}

/** A calendar day "2026-12-02" as "Dec 2" (or "Wed, Dec 2, 2026" with `long`), never shifted by a zone. */
export function dayLabel(day, long = false) {
  const [y, m, d] = day.split("-").map(Number);
  const options = long ? { weekday: "short", month: "short", day: "numeric", year: "numeric" } : { month: "short", day: "numeric" };
  return new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A round axis maximum and its ticks for values up to `max` (at most ~5 steps). */
export function niceScale(max) {
  if (!(max > 0)) return { top: 4, ticks: [0, 1, 2, 3, 4] };
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * magnitude).find((s) => s >= raw);
  const unit = Math.max(1, step);
  const top = Math.ceil(max / unit) * unit;
  const ticks = [];
  for (let v = 0; v <= top + unit / 2; v += unit) ticks.push(v);
  return { top, ticks };
}

/** A visually hidden table of a chart's data (for screen readers and copy). */
function dataTable(caption, headers, rows) {
  // In a hidden box: a <table> itself ignores the height and overflow that hide `.sr-only`.
  return h(
    "div",
    { class: "sr-only" },
    h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, r.map((cell, i) => (i === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell))))))),
  );
}

function figure(id, title, summary, body, extra = []) {
  return h(
    "figure",
    { class: "chart-card", id, "aria-labelledby": `${id}-title` },
    h("figcaption", {}, h("h2", { id: `${id}-title`, class: "chart-title" }, title), h("p", { class: "chart-summary muted", id: `${id}-summary` }, summary)),
    body,
    extra,
  );
}

/**
 * Values per day as columns (`kind: "bars"`) or a line (`kind: "line"`).
 * `days` is [{day, value}]; `unit` is [one, many] ("completion", "completions").
 */
export function dayChart({ id, title, days, unit, kind = "bars", yLabel, timezone }) {
  const W = 480;
  const H = 230;
  const M = { l: 52, r: 14, t: 14, b: 52 };
  const pw = W - M.l - M.r;
  const ph = H - M.t - M.b;
  const n = days.length;
  const values = days.map((d) => d.value);
  const total = values.reduce((a, b) => a + b, 0);
  const peak = values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
  const { top, ticks } = niceScale(Math.max(0, ...values));
  const band = pw / Math.max(1, n);
  const x = (i) => M.l + band * i + band / 2;
  const y = (v) => M.t + ph - (ph * v) / top;
  const say = (v) => plural(v, unit[0], unit[1]);
  const span = n ? `${dayLabel(days[0].day)} – ${dayLabel(days[n - 1].day)}` : "no days";
  const summary =
    total > 0
      ? `${say(total)} over ${plural(n, "day")} (${span}); most on ${dayLabel(days[peak].day)}: ${fmt(values[peak])}.`
      : `No ${unit[1]} over ${plural(n, "day")} (${span}).`;

  const grid = ticks.map((t) =>
    svg("g", { class: "tick" },
      svg("line", { x1: M.l, x2: W - M.r, y1: y(t), y2: y(t), class: t === 0 ? "axis-line" : "grid-line" }),
      svg("text", { x: M.l - 6, y: y(t), "text-anchor": "end", "dominant-baseline": "middle", class: "tick-label" }, fmt(t))),
  );
  const every = Math.max(1, Math.ceil(n / 8));
  const xLabels = days.map((d, i) =>
    (n - 1 - i) % every === 0
      ? svg("text", { x: x(i), y: M.t + ph + 16, "text-anchor": "middle", class: "tick-label" }, dayLabel(d.day))
      : null,
  );
  let marks;
  if (kind === "line") {
    const pts = days.map((d, i) => `${x(i).toFixed(1)},${y(d.value).toFixed(1)}`);
    marks = svg("g", { class: "series" },
      n ? svg("polygon", { class: "area", points: `${x(0).toFixed(1)},${y(0)} ${pts.join(" ")} ${x(n - 1).toFixed(1)},${y(0)}` }) : null,
      svg("polyline", { class: "line", points: pts.join(" ") }),
      n <= 45 ? days.map((d, i) => svg("circle", { class: "dot", cx: x(i), cy: y(d.value), r: 2.6 })) : null);
  } else {
    const bw = Math.max(1, Math.min(28, band * 0.72));
    marks = svg("g", { class: "series" },
      days.map((d, i) => svg("rect", { class: "col", x: x(i) - bw / 2, y: y(d.value), width: bw, height: Math.max(0, y(0) - y(d.value)) })));
  }
  const cursor = svg("rect", { class: "cursor", x: 0, y: M.t, width: band, height: ph, visibility: "hidden" });
  const readout = h("p", { class: "chart-readout", "aria-live": "polite", id: `${id}-readout` }, "Hover a day, or focus the chart and use the arrow keys.");
  let active = -1;
  const show = (i) => {
    active = Math.max(0, Math.min(n - 1, i));
    cursor.setAttribute("x", String(M.l + band * active));
    cursor.setAttribute("visibility", "visible");
    readout.textContent = `${dayLabel(days[active].day, true)}: ${say(days[active].value)}`;
  };
  const hits = svg("g", { class: "hits" },
    days.map((d, i) => {
      const r = svg("rect", { x: M.l + band * i, y: M.t, width: band, height: ph, fill: "transparent", "data-day": d.day, "data-value": d.value },
        svg("title", {}, `${dayLabel(d.day, true)}: ${say(d.value)}`));
      r.addEventListener("mouseenter", () => show(i));
      return r;
    }));
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, class: `chart chart-${kind}`, role: "img", "aria-label": `${title}. ${summary}`, tabindex: "0", "aria-describedby": `${id}-readout`, "data-total": total },
    cursor,
    grid,
    marks,
    xLabels,
    svg("text", { x: M.l + pw / 2, y: H - 8, "text-anchor": "middle", class: "axis-title" }, `Day (${timezone})`),
    svg("text", { x: 14, y: M.t + ph / 2, "text-anchor": "middle", class: "axis-title", transform: `rotate(-90 14 ${M.t + ph / 2})` }, yLabel),
    hits,
  );
  chart.addEventListener("focus", () => show(active < 0 ? n - 1 : active));
  chart.addEventListener("keydown", (e) => {
    const moves = { ArrowLeft: active - 1, ArrowRight: active + 1, Home: 0, End: n - 1 };
    if (e.key in moves && n) {
      e.preventDefault();
      show(moves[e.key]);
    }
  });
  const table = dataTable(title, ["Day", yLabel], days.map((d) => [dayLabel(d.day, true), fmt(d.value)]));
  return figure(id, title, summary, h("div", { class: "chart-frame" }, chart), [readout, table]);
}

const STEPS = [
  ["saw", "Saw", "journeys recorded"],
  ["opted_in", "Opted in", "opted in, or no opt-in needed"],
  ["progressed", "Progressed", "progress, a proof or a check"],
  ["completed", "Completed", "completed at least once"],
];

/** The funnel saw → opted in → progressed → completed as horizontal bars, with counts and % of saw. */
export function funnelChart({ id, funnel }) {
  const W = 480;
  const rowH = 44;
  const L = 96;
  const R = 96;
  const H = STEPS.length * rowH + 8;
  const saw = funnel.saw;
  const width = (v) => (saw > 0 ? ((W - L - R) * v) / saw : 0);
  const describe = ([key, label]) => `${label} ${fmt(funnel[key])}${key === "saw" ? "" : ` (${percent(funnel[key], saw)} of saw)`}`;
  const summary = saw > 0 ? STEPS.map(describe).join(", ") + "." : "No journeys recorded yet.";
  const rows = STEPS.map(([key, label, hint], i) => {
    const top = 4 + i * rowH;
    const value = funnel[key];
    const text = key === "saw" ? fmt(value) : `${fmt(value)} · ${percent(value, saw)}`;
    return svg("g", { class: `funnel-row funnel-${key}`, "data-step": key, "data-value": value },
      svg("title", {}, `${describe([key, label])}: ${hint}`),
      svg("text", { x: 0, y: top + 24, class: "funnel-label" }, label),
      svg("rect", { x: L, y: top + 6, width: W - L - R, height: 28, class: "funnel-track", rx: 4 }),
      svg("rect", { x: L, y: top + 6, width: Math.max(value > 0 ? 2 : 0, width(value)), height: 28, class: "funnel-bar", rx: 4 }),
      svg("text", { x: W - R + 10, y: top + 25, class: "funnel-value" }, text));
  });
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart chart-funnel", role: "img", "aria-label": `Funnel. ${summary}` }, rows);
  const table = dataTable("Funnel", ["Step", "Journeys", "% of saw"], STEPS.map(([key, label]) => [label, fmt(funnel[key]), percent(funnel[key], saw)]));
  return figure(id, "Funnel", summary, h("div", { class: "chart-frame" }, chart), [
    h("dl", { class: "funnel-terms" }, STEPS.map(([, label, hint]) => [h("dt", {}, label), h("dd", {}, hint)])),
    h("p", { class: "hint" }, "Counted in journeys (one per user and mission), each step with those further on. “Saw” is approximate: showing a mission records nothing, so a user counts from their first event, opt-in, proof or check."),
    table,
  ]);
}

/** Outcomes of social checks, in the order and colours of the legend. */
export const OUTCOMES = [
  ["passed", "Passed"],
  ["failed", "Failed"],
  ["review", "Sent to review"],
  ["running", "Running"],
];

/** Social checks by outcome per platform: one stacked bar per platform, a legend, a table. */
export function socialChart({ id, checks }) {
  const platforms = [...new Set(checks.map((c) => c.platform))].sort();
  const count = (p, o) => checks.filter((c) => c.platform === p && c.outcome === o).reduce((a, c) => a + c.count, 0);
  const known = new Set(OUTCOMES.map(([o]) => o));
  const all = [...OUTCOMES, ...[...new Set(checks.map((c) => c.outcome))].filter((o) => !known.has(o)).map((o) => [o, o])];
  // Only the outcomes that occur: the legend and the table stay as narrow as the data.
  const outcomes = all.filter(([o]) => platforms.some((p) => count(p, o) > 0));
  const totals = platforms.map((p) => outcomes.reduce((a, [o]) => a + count(p, o), 0));
  const total = totals.reduce((a, b) => a + b, 0);
  const sayPlatform = (p, i) => `${p}: ${plural(totals[i], "check")} (${outcomes.filter(([o]) => count(p, o)).map(([o, label]) => `${label.toLowerCase()} ${fmt(count(p, o))}`).join(", ")})`;
  const summary = total ? `${plural(total, "check")}. ${platforms.map(sayPlatform).join("; ")}.` : "No social checks in this period.";
  const legend = h("ul", { class: "legend" }, outcomes.map(([o, label]) => h("li", {}, h("span", { class: `swatch outcome-${o}`, "aria-hidden": "true" }), label)));
  if (!total) return figure(id, "Social checks", summary, h("p", { class: "empty" }, "No social checks were asked for in this period."));
  const W = 480;
  const rowH = 40;
  const L = 92;
  const R = 56;
  const H = platforms.length * rowH + 8;
  const max = Math.max(...totals);
  const rows = platforms.map((p, i) => {
    const top = 4 + i * rowH;
    let at = L;
    const parts = outcomes.map(([o, label]) => {
      const v = count(p, o);
      if (!v) return null;
      const w = ((W - L - R) * v) / max;
      const part = svg("rect", { x: at, y: top + 6, width: w, height: 24, class: `seg outcome-${o}`, "data-outcome": o, "data-value": v },
        svg("title", {}, `${p}, ${label.toLowerCase()}: ${plural(v, "check")}`));
      at += w;
      return part;
    });
    return svg("g", { class: "social-row", "data-platform": p },
      svg("text", { x: 0, y: top + 23, class: "funnel-label" }, p),
      parts,
      svg("text", { x: at + 8, y: top + 23, class: "funnel-value" }, fmt(totals[i])));
  });
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart chart-social", role: "img", "aria-label": `Social checks by outcome per platform. ${summary}` }, rows);
  const table = h(
    "div",
    { class: "social-table" },
    h("table", {},
      h("caption", { class: "sr-only" }, "Social checks by platform and outcome"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Platform"), outcomes.map(([, label]) => h("th", { scope: "col", class: "num" }, label)), h("th", { scope: "col", class: "num" }, "Total"))),
      h("tbody", {}, platforms.map((p, i) => h("tr", {}, h("th", { scope: "row" }, p), outcomes.map(([o]) => h("td", { class: "num" }, fmt(count(p, o)))), h("td", { class: "num" }, fmt(totals[i])))))),
  );
  return figure(id, "Social checks", summary, h("div", { class: "chart-frame" }, chart), [legend, table,
    h("p", { class: "hint" }, "The latest check of each journey asked for in the period (earlier attempts are not kept).")]);
}
