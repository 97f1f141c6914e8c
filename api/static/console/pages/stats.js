// Statistics: per mission or overall, completions and points granted per day, the funnel
// saw → opted in → progressed → completed, the review queue's size and age, and social checks by
// outcome per platform — all from GET /v1/stats (aggregated in SQL), drawn as inline SVG.
// The choice of mission, period and time zone is kept in the page's address (#/stats?...).
import { h, replace, pageHeader, field, button, loading, errorBox, showFieldErrors, clearFieldErrors, stylesheet, when } from "../ui.js";
import { dayChart, dayLabel, funnelChart, socialChart, duration, fmt, percent, plural } from "./stats-charts.js";

const PERIODS = [
  ["7", "Last 7 days"],
  ["30", "Last 30 days"],
  ["90", "Last 90 days"],
  ["custom", "Custom dates"],
];

/** The browser's IANA time zone (UTC when it cannot tell). */
function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Today's date ("2026-12-02") in `zone`. */
function today(zone) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date());
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** `day` ("2026-12-02") moved by `n` days. */
function addDays(day, n) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function zones(current) {
  let list = [];
  try {
    list = Intl.supportedValuesOf("timeZone");
  } catch {
    list = [];
  }
  return [...new Set([current, "UTC", ...list])];
}

function tile(label, value, { id, sub } = {}) {
  return h("div", { class: "stat", id }, h("div", { class: "label" }, label), h("div", { class: "value" }, value), sub ? h("div", { class: "sub muted" }, sub) : null);
}

export async function render(ctx) {
  stylesheet("pages/stats.css");
  const { root, api, query } = ctx;
  const state = {
    mission: query.get("mission") || "",
    period: PERIODS.some(([p]) => p === query.get("period")) ? query.get("period") : "30",
    from: query.get("from") || "",
    to: query.get("to") || "",
    timezone: query.get("tz") || browserZone(),
  };

  const missionSelect = h("select", { name: "mission_id" }, h("option", { value: "" }, "All missions"));
  const periodSelect = h("select", { name: "period" }, PERIODS.map(([value, label]) => h("option", { value, selected: value === state.period }, label)));
  const fromInput = h("input", { type: "date", name: "from", value: state.from });
  const toInput = h("input", { type: "date", name: "to", value: state.to });
  const zoneSelect = h("select", { name: "timezone" }, zones(state.timezone).map((z) => h("option", { value: z, selected: z === state.timezone }, z)));
  const apply = button("Show", null, { kind: "primary", type: "submit" });
  const custom = h("div", { class: "custom-range", hidden: state.period !== "custom" },
    field("From", fromInput, { name: "from" }), field("To", toInput, { name: "to", hint: "Included." }));
  const controls = h(
    "form",
    { class: "toolbar stats-controls", "aria-label": "What to show" },
    field("Mission", missionSelect, { name: "mission_id", id: "stats-mission" }),
    field("Period", periodSelect, { name: "period", id: "stats-period" }),
    custom,
    field("Time zone of the days", zoneSelect, { name: "timezone", id: "stats-timezone" }),
    h("div", { class: "field" }, apply),
  );
  const alert = h("p", { class: "form-alert", role: "alert", hidden: true });
  const body = h("div", { class: "stats-body", "aria-live": "polite" }, loading());
  replace(
    root,
    pageHeader("Statistics"),
    h("p", { class: "muted" }, "Completions, points, the funnel, the review queue and social checks — for one mission or all of them."),
    controls,
    alert,
    body,
  );

  let generation = 0;
  let missionNames = new Map();

  function span() {
    if (state.period === "custom") return { from: state.from || undefined, to: state.to || undefined };
    const end = today(state.timezone);
    return { from: addDays(end, 1 - Number(state.period)), to: end };
  }

  function remember() {
    const q = new URLSearchParams();
    if (state.mission) q.set("mission", state.mission);
    q.set("period", state.period);
    if (state.period === "custom") {
      if (state.from) q.set("from", state.from);
      if (state.to) q.set("to", state.to);
    }
    q.set("tz", state.timezone);
    history.replaceState(null, "", `#/stats?${q}`);
  }

  async function load() {
    const mine = ++generation;
    clearFieldErrors(controls);
    alert.hidden = true;
    body.setAttribute("aria-busy", "true");
    if (!body.querySelector(".chart-card")) replace(body, loading());
    remember();
    let stats;
    try {
      stats = await api.get("/v1/stats", { mission_id: state.mission || undefined, timezone: state.timezone, ...span() });
    } catch (err) {
      if (mine !== generation) return;
      body.removeAttribute("aria-busy");
      if (err.status === 422) {
        const details = Array.isArray(err.details) ? err.details : [];
        err.fieldErrors = () => details.map((d) => ({ field: d.field, message: d.reason || d.message || "invalid" }));
        const unmatched = showFieldErrors(controls, err);
        alert.textContent = unmatched.length ? unmatched.join("; ") : err.message;
        alert.hidden = false;
        replace(body, h("p", { class: "empty" }, "Change the period or time zone above."));
      } else {
        replace(body, errorBox(err));
      }
      return;
    }
    if (mine !== generation) return;
    body.removeAttribute("aria-busy");
    replace(body, view(stats));
  }

  function view(stats) {
    const name = stats.mission_id ? missionNames.get(stats.mission_id) || stats.mission_id : "All missions";
    const days = stats.completions_per_day.length;
    const q = stats.review_queue;
    const f = stats.funnel;
    const tiles = h(
      "section",
      { class: "grid stats-tiles", "aria-label": "Totals" },
      tile("Completions", fmt(stats.totals.completions), { id: "tile-completions", sub: `in ${plural(days, "day")}` }),
      tile("Points granted", fmt(stats.totals.points), { id: "tile-points", sub: `in ${plural(days, "day")}` }),
      tile("Completion rate", percent(f.completed, f.saw), { id: "tile-rate", sub: `${fmt(f.completed)} of ${fmt(f.saw)} journeys` }),
    );
    const queue = h(
      "section",
      { class: "stats-queue", "aria-labelledby": "queue-title" },
      h("h2", { id: "queue-title" }, "Review queue"),
      h("div", { class: "grid stats-tiles" },
        tile("Pending proofs", fmt(q.pending), { id: "tile-pending", sub: q.pending ? h("a", { href: "#/review" }, "Open the review queue") : "Nothing waits for a decision." }),
        tile("Oldest waiting", q.oldest_pending_at ? duration((Date.now() - new Date(q.oldest_pending_at).getTime()) / 1000) : "—", {
          id: "tile-oldest",
          sub: q.oldest_pending_at ? h("span", {}, "since ", when(q.oldest_pending_at)) : "No pending proof.",
        }),
        tile("Median age", duration(q.median_age_seconds), { id: "tile-median", sub: "of the pending proofs, now" })),
    );
    const unit = { completions: ["completion", "completions"], points: ["point", "points"] };
    return h(
      "div",
      {},
      h("p", { class: "stats-scope" }, h("strong", {}, name), days ? ` · ${dayLabel(stats.completions_per_day[0].day, true)} – ${dayLabel(stats.completions_per_day[days - 1].day, true)}` : "", ` · days in ${stats.timezone}`),
      tiles,
      h("div", { class: "chart-grid" },
        dayChart({ id: "chart-completions", title: "Completions per day", days: stats.completions_per_day.map((d) => ({ day: d.day, value: d.count })), unit: unit.completions, kind: "bars", yLabel: "Completions", timezone: stats.timezone }),
        dayChart({ id: "chart-points", title: "Points granted per day", days: stats.points_per_day.map((d) => ({ day: d.day, value: d.points })), unit: unit.points, kind: "line", yLabel: "Points", timezone: stats.timezone }),
        funnelChart({ id: "chart-funnel", funnel: f }),
        socialChart({ id: "chart-social", checks: stats.social_checks })),
      queue,
    );
  }

  const missionsLoaded = api.all("/v1/missions", { limit: 500 }).then(
    (missions) => {
      missions.sort((a, b) => a.name.localeCompare(b.name));
      missionNames = new Map(missions.map((m) => [m.id, m.name]));
      for (const m of missions) missionSelect.append(h("option", { value: m.id }, `${m.name} (${m.status})`));
      if (state.mission && !missionNames.has(state.mission)) missionSelect.append(h("option", { value: state.mission }, state.mission));
      missionSelect.value = state.mission;
    },
    () => {
      missionSelect.append(h("option", { value: state.mission }, state.mission || "(missions could not be listed)"));
    },
  );

  missionSelect.addEventListener("change", () => {
    state.mission = missionSelect.value;
    load();
  });
  periodSelect.addEventListener("change", () => {
    state.period = periodSelect.value;
    custom.hidden = state.period !== "custom";
    if (state.period === "custom") {
      const w = span();
      if (!fromInput.value) fromInput.value = addDays(today(state.timezone), -29);
      if (!toInput.value) toInput.value = today(state.timezone);
      state.from = fromInput.value || w.from;
      state.to = toInput.value || w.to;
      fromInput.focus();
    }
    load();
  });
  zoneSelect.addEventListener("change", () => {
    state.timezone = zoneSelect.value;
    load();
  });
  controls.addEventListener("submit", (e) => {
    e.preventDefault();
    state.from = fromInput.value;
    state.to = toInput.value;
    load();
  });

  await missionsLoaded;
  await load();
}
