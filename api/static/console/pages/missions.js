// The console's missions pages: #/missions (the list, with filters, search and "Load more"),
// #/missions/new (the form), #/missions/<id> (detail, actions, revisions) and #/missions/<id>/edit.
import { h, replace, pageHeader, table, badge, progressBar, field, loading, errorBox, stylesheet } from "../ui.js";
import { TYPES, STATUSES, typeLabel, goalSummary, budgetOf } from "./missions-spec.js";

const PAGE_SIZE = 50;

export async function render(ctx) {
  stylesheet("pages/missions.css");
  const [first, second] = ctx.params;
  if (first === "new") {
    const { renderForm } = await import("./missions-form.js");
    return renderForm(ctx, null);
  }
  if (first) {
    const mission = await ctx.api.get(`/v1/missions/${encodeURIComponent(first)}`);
    if (second === "edit") {
      const { renderForm } = await import("./missions-form.js");
      return renderForm(ctx, mission);
    }
    const { renderDetail } = await import("./missions-detail.js");
    return renderDetail(ctx, mission);
  }
  return renderList(ctx);
}

/** The budget cell: spent / cap with a bar when capped. */
export function budgetCell(mission) {
  const { spent, cap, unit } = budgetOf(mission);
  if (cap == null) return h("span", { class: "muted" }, "No cap");
  const label = `${spent.toLocaleString("en")} / ${cap.toLocaleString("en")} ${unit}`;
  return h("div", { class: "budget" }, h("span", {}, label), progressBar(spent, cap, `Budget of ${mission.name}: ${label}`));
}

async function renderList(ctx) {
  const { api, root, query, href } = ctx;
  const state = {
    q: query.get("q") || "",
    status: query.get("status") || "",
    type: query.get("type") || "",
    category_id: query.get("category_id") || "",
  };
  const categories = await api.get("/v1/categories").catch(() => []);

  const search = h("input", { type: "search", value: state.q, autocomplete: "off", placeholder: "Part of a name", spellcheck: "false" });
  const status = h("select", {}, h("option", { value: "" }, "Any status"), STATUSES.map((s) => h("option", { value: s, selected: s === state.status }, s)));
  const type = h("select", {}, h("option", { value: "" }, "Any type"), TYPES.map(([v, l]) => h("option", { value: v, selected: v === state.type }, l)));
  const category = h("select", {}, h("option", { value: "" }, "Any category"),
    categories.map((c) => h("option", { value: c.id, selected: c.id === state.category_id }, c.name)));
  if (state.category_id && !categories.some((c) => c.id === state.category_id)) {
    category.append(h("option", { value: state.category_id, selected: true }, state.category_id));
  }
  const filters = h("form", { class: "toolbar", role: "search", "aria-label": "Filter missions", onsubmit: (e) => { e.preventDefault(); reload(); } },
    field("Search by name", search, { id: "missions-q" }),
    field("Status", status, { id: "missions-status" }),
    field("Type", type, { id: "missions-type" }),
    field("Category", category, { id: "missions-category" }));

  const results = h("div", { class: "missions-results", "aria-live": "polite", "aria-busy": "false" });
  const count = h("p", { class: "muted result-count", id: "missions-count" });
  const more = h("div", { class: "load-more" });
  let items = [];
  let cursor = null;
  let generation = 0;

  const columns = [
    { label: "Name", cell: (m) => h("a", { href: href("missions", m.id), class: "mission-name" }, m.name) },
    { label: "Type", cell: (m) => typeLabel(m.type) },
    { label: "Status", cell: (m) => badge(m.status) },
    { label: "Goal", cell: (m) => h("span", { class: "goal-summary" }, goalSummary(m.goal)) },
    { label: "Completions", class: "num", cell: (m) => (m.completions ?? 0).toLocaleString("en") },
    { label: "Budget", class: "budget-col", cell: budgetCell },
  ];

  function params() {
    const p = { limit: PAGE_SIZE, with_completions: "true" };
    for (const [k, v] of Object.entries(state)) if (v) p[k] = v;
    return p;
  }

  function draw() {
    const filtered = Object.values(state).some(Boolean);
    replace(results, table(columns, items, {
      caption: "Missions",
      empty: filtered ? "No mission matches these filters." : "No missions yet: create the first one.",
    }));
    const one = items.length === 1 && !cursor;
    count.textContent = `${items.length}${cursor ? "+" : ""} mission${one ? "" : "s"}${filtered ? (one ? " matches" : " match") : ""}`;
    replace(more, cursor ? h("button", { type: "button", class: "btn btn-secondary", onclick: loadMore }, "Load more") : null);
  }

  async function fetchPage(after) {
    const mine = generation;
    results.setAttribute("aria-busy", "true");
    try {
      const page = await api.get("/v1/missions", { ...params(), cursor: after || undefined });
      if (mine !== generation) return;
      items = after ? [...items, ...page.items] : page.items;
      cursor = page.next_cursor;
      draw();
    } catch (err) {
      if (mine !== generation) return;
      replace(results, errorBox(err));
    } finally {
      if (mine === generation) results.setAttribute("aria-busy", "false");
    }
  }

  function loadMore() {
    return fetchPage(cursor);
  }

  function reload() {
    state.q = search.value.trim();
    state.status = status.value;
    state.type = type.value;
    state.category_id = category.value;
    // Kept in the address (without a hashchange, so the page is not rebuilt): a reload or a shared link keeps the filters.
    const qs = new URLSearchParams(Object.entries(state).filter(([, v]) => v)).toString();
    history.replaceState(null, "", `#/missions${qs ? `?${qs}` : ""}`);
    generation += 1;
    items = [];
    cursor = null;
    replace(results, loading());
    return fetchPage(null);
  }

  let timer = null;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(reload, 250);
  });
  for (const el of [status, type, category]) el.addEventListener("change", reload);

  replace(root,
    pageHeader("Missions", h("a", { class: "btn btn-primary", href: href("missions", "new") }, "New mission")),
    filters, count, results, more);
  await fetchPage(null);
  return () => clearTimeout(timer);
}
