// Leaderboards: define one (points earned from the ledger, or one mission's completions, per day,
// week, month or all time in a time zone, optionally limited to a segment or tier), list them,
// archive or delete them, and view a period's standings: the top N, a user with those around
// them, or a past period's final standings. Text only (no innerHTML).
import { h, replace, pageHeader, button, badge, table, field, toast, errorBox, loading, when, stylesheet } from "../ui.js";
import { formAlert, formError, clearFormError, input, select, section, shortId } from "./ops-common.js";

const PERIODS = [["week", "Week"], ["day", "Day"], ["month", "Month"], ["all", "All time"]];

export async function render(ctx) {
  stylesheet("pages/ops-common.css");
  const { root, api } = ctx;
  const formBox = h("div");
  const listBox = h("div", { "aria-live": "polite" }, loading());
  const viewBox = h("div");
  let segments = [];
  let tiers = [];

  const newButton = button("New leaderboard", () => openForm(), { kind: "primary", id: "new-leaderboard" });
  replace(
    root,
    pageHeader("Leaderboards", newButton),
    h(
      "p",
      { class: "muted" },
      "Points earned in each period (summed from the ledger, never a stored balance) or completions of one mission. Ties go to whoever reached the score first; the same score at the same instant shares a rank (1, 2, 2, 4). Past periods keep their final standings.",
    ),
    formBox,
    section("Leaderboards", "leaderboards-title", listBox),
    viewBox,
  );

  const describe = (b) => {
    const what = b.kind === "completions" ? `Completions of ${shortId(b.mission_id)}` : "Points earned";
    const per = b.period === "all" ? "all time" : `per ${b.period}${b.period === "week" ? ` (from ${b.week_starts})` : ""}`;
    return `${what}, ${per}, ${b.time_zone}`;
  };
  const limitText = (b) => [b.segment_id ? `segment ${segments.find((s) => s.id === b.segment_id)?.name || shortId(b.segment_id)}` : null, b.tier ? `tier ${b.tier}` : null].filter(Boolean).join(", ") || "Everyone";

  async function load() {
    let boards;
    try {
      boards = await api.get("/v1/leaderboards");
    } catch (err) {
      replace(listBox, errorBox(err));
      return;
    }
    replace(
      listBox,
      table(
        [
          { label: "Name", cell: (b) => h("span", {}, h("strong", {}, b.name), h("span", { class: "cell-sub" }, shortId(b.id))) },
          { label: "Counts", cell: (b) => describe(b) },
          { label: "Ranked", cell: (b) => limitText(b) },
          { label: "Status", cell: (b) => badge(b.status, b.status === "active" ? "active" : "archived") },
          { label: "Current period", cell: (b) => b.current_period },
          {
            label: "Actions",
            cell: (b) =>
              h(
                "div",
                { class: "actions" },
                button("View", () => openView(b), { "aria-label": `View ${b.name}` }),
                b.status === "active" ? button("Archive", () => archive(b), { kind: "ghost", "aria-label": `Archive ${b.name}` }) : null,
                button("Delete", () => remove(b), { kind: "danger", "aria-label": `Delete ${b.name}` }),
              ),
          },
        ],
        boards,
        { caption: "Leaderboards", empty: "No leaderboards yet. Create one with “New leaderboard”." },
      ),
    );
  }

  async function archive(b) {
    try {
      await api.post(`/v1/leaderboards/${encodeURIComponent(b.id)}/archive`);
      toast(`“${b.name}” archived: its standings are final.`);
      await load();
    } catch (err) {
      toast(err.message, "error");
    }
  }

  async function remove(b) {
    if (!window.confirm(`Delete “${b.name}” and all its standings? The ledger is not touched.`)) return;
    try {
      await api.del(`/v1/leaderboards/${encodeURIComponent(b.id)}`, { confirm: b.id });
      toast(`“${b.name}” deleted.`);
      replace(viewBox);
      await load();
    } catch (err) {
      toast(err.message, "error");
    }
  }

  function openForm() {
    const alert = formAlert();
    const name = input({ name: "name", required: true, maxlength: 200, autocomplete: "off" });
    const kind = select([["points", "Points earned"], ["completions", "Completions of one mission"]], { name: "kind" });
    const mission = input({ name: "mission_id", autocomplete: "off", placeholder: "mission id" });
    const period = select(PERIODS, { name: "period" });
    const zone = input({ name: "time_zone", value: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", autocomplete: "off" });
    const weekStarts = select([["monday", "Monday"], ["sunday", "Sunday"]], { name: "week_starts" });
    const segment = select([["", "Everyone"], ...segments.map((s) => [s.id, s.name])], { name: "segment_id" });
    const tier = select([["", "Any tier"], ...tiers.map((t) => [t.name, t.name])], { name: "tier" });
    const missionField = field("Mission", mission, { name: "mission_id", hint: "The mission whose completions count." });
    const weekField = field("Week starts on", weekStarts, { name: "week_starts" });
    const sync = () => {
      missionField.hidden = kind.value !== "completions";
      weekField.hidden = period.value !== "week";
    };
    kind.addEventListener("change", sync);
    period.addEventListener("change", sync);
    sync();
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "leaderboard-form-title", novalidate: true },
      h("h2", { id: "leaderboard-form-title" }, "New leaderboard"),
      alert,
      h(
        "div",
        { class: "form-grid" },
        field("Name", name, { name: "name" }),
        field("Counts", kind, { name: "kind" }),
        missionField,
        field("Resets every", period, { name: "period" }),
        field("Time zone", zone, { name: "time_zone", hint: "IANA name, e.g. Europe/Berlin: periods reset at midnight there." }),
        weekField,
        field("Segment", segment, { name: "segment_id" }),
        field("Tier", tier, { name: "tier" }),
      ),
      h("div", { class: "actions" }, button("Create leaderboard", null, { kind: "primary", type: "submit" }), button("Cancel", () => replace(formBox))),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      const body = { name: name.value.trim(), kind: kind.value, period: period.value, time_zone: zone.value.trim() };
      if (kind.value === "completions") body.mission_id = mission.value.trim() || null;
      if (period.value === "week") body.week_starts = weekStarts.value;
      if (segment.value) body.segment_id = segment.value;
      if (tier.value) body.tier = tier.value;
      try {
        const created = await api.post("/v1/leaderboards", body);
        replace(formBox);
        toast(`Leaderboard “${created.name}” created.`);
        await load();
        openView(created);
      } catch (err) {
        formError(form, alert, err);
      }
    });
    replace(formBox, form);
    name.focus();
  }

  function openView(board) {
    const periodIn = input({ name: "period", type: "date", "aria-label": "Period: a date inside it (empty: current)" });
    const aroundIn = input({ name: "around", autocomplete: "off", placeholder: "user id", "aria-label": "Around user" });
    const result = h("div", { "aria-live": "polite" }, loading());
    const periodsBox = h("div");
    const show = async () => {
      const params = new URLSearchParams({ limit: aroundIn.value.trim() ? "5" : "100" });
      if (periodIn.value) params.set("period", periodIn.value);
      if (aroundIn.value.trim()) params.set("around", aroundIn.value.trim());
      let got;
      try {
        got = await api.get(`/v1/leaderboards/${encodeURIComponent(board.id)}/standings?${params}`);
      } catch (err) {
        replace(result, errorBox(err));
        return;
      }
      const p = got.period;
      const head = p.key === "all" ? "All time" : `Period from ${p.key}${p.resets_at ? `, resets ${when(p.resets_at).textContent || p.resets_at}` : ""}`;
      replace(
        result,
        h("p", { class: "standings-summary" }, `${head} · ${p.current ? "current" : "final"} · ${got.total} ranked`),
        aroundIn.value.trim() && !got.user ? h("p", { class: "muted" }, "That user holds no score in this period.") : null,
        table(
          [
            { label: "Rank", class: "num", cell: (e) => String(e.rank) },
            { label: "User", cell: (e) => h("span", {}, e.display_name ? h("strong", {}, e.display_name) : null, h("span", { class: e.display_name ? "cell-sub" : "" }, e.user_id)) },
            { label: board.kind === "completions" ? "Completions" : "Points", class: "num", cell: (e) => String(e.score) },
            { label: "Reached", cell: (e) => when(e.reached_at) },
          ],
          got.entries,
          { caption: `Standings of ${board.name}`, empty: "Nobody has scored in this period yet." },
        ),
      );
    };
    const loadPeriods = async () => {
      try {
        const periods = await api.get(`/v1/leaderboards/${encodeURIComponent(board.id)}/periods?limit=20`);
        replace(
          periodsBox,
          periods.length > 1
            ? h("p", { class: "muted" }, "Periods: ", periods.map((p, i) => [i ? ", " : "", button(p.key, () => { periodIn.value = p.key === "all" ? "" : p.key; show(); }, { kind: "ghost", "aria-label": `Show period ${p.key}` })]))
            : null,
        );
      } catch {
        replace(periodsBox);
      }
    };
    const form = h(
      "form",
      { class: "form-card standings-form", "aria-label": "Which standings" },
      h("div", { class: "form-grid" }, field("Period (a date inside it)", periodIn, { name: "period" }), field("Around user", aroundIn, { name: "around" })),
      h("div", { class: "actions" }, button("Show", null, { kind: "primary", type: "submit" }), button("Close", () => replace(viewBox))),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      show();
    });
    replace(viewBox, section(`Standings: ${board.name}`, "standings-title", h("p", { class: "muted" }, describe(board)), form, periodsBox, result));
    show();
    loadPeriods();
  }

  try {
    [segments, tiers] = await Promise.all([api.get("/v1/segments"), api.get("/v1/tiers").then((t) => t.tiers)]);
  } catch {
    segments = [];
    tiers = [];
  }
  await load();
}
