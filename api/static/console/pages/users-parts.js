// Pieces of the user page: attributes as a definition list, the ledger, the journeys with their
// Temporal UI links. Every value is text (attributes and labels come from the operator's app).
import { h, table, badge, when } from "../ui.js";

function valueText(v) {
  if (v === null || v === undefined) return "—";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** An object's keys and values as a <dl> (values as text; objects as JSON). */
export function attributesList(obj, empty) {
  const entries = Object.entries(obj || {});
  if (!entries.length) return h("p", { class: "muted" }, empty);
  return h("dl", { class: "users-attrs" }, entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [h("dt", {}, k), h("dd", {}, valueText(v))]));
}

/** The wallet's recent ledger lines, newest first as the API gives them. */
export function ledgerTable(entries, href) {
  return table(
    [
      { label: "When", cell: (e) => when(e.created_at) },
      { label: "Kind", cell: (e) => e.kind.replace(/_/g, " ") },
      { label: "Points", cell: (e) => (e.points > 0 ? `+${e.points}` : String(e.points)), class: "num" },
      { label: "What", cell: (e) => e.label || e.item_id || "—" },
      { label: "Mission", cell: (e) => (e.mission_id ? h("a", { href: href("missions", e.mission_id) }, e.mission_id) : "—") },
    ],
    entries,
    { empty: "No ledger entry yet.", caption: "Ledger" },
  );
}

/** The user's journeys, each with its workflow's page in the Temporal UI when the API names one
 * (and, with `explain`, a button that explains the journey: `explain(journey)`). */
export function journeysTable(items, href, explain) {
  const unlinked = items.some((j) => !j.temporal_ui_url);
  return h(
    "div",
    { id: "user-journeys" },
    table(
      [
        { label: "Mission", cell: (j) => h("a", { href: href("missions", j.mission_id) }, j.mission_name) },
        { label: "Type", cell: (j) => j.mission_type.replace(/_/g, " ") },
        { label: "State", cell: (j) => badge(j.status) },
        { label: "Cycle", cell: (j) => (j.cycle ? String(j.cycle) : "—"), class: "num" },
        { label: "Completions", cell: (j) => String(j.completions), class: "num" },
        { label: "Changed", cell: (j) => when(j.updated_at) },
        {
          label: "Workflow",
          cell: (j) =>
            j.temporal_ui_url && /^https?:\/\//i.test(j.temporal_ui_url)
              ? h("a", { href: j.temporal_ui_url, rel: "noopener noreferrer", target: "_blank", class: "mono workflow-link" }, j.workflow_id,
                  h("span", { class: "sr-only" }, " (opens the Temporal UI)"))
              : h("code", {}, j.workflow_id),
        },
        ...(explain
          ? [{ label: "Explain", cell: (j) => h("button", { type: "button", class: "btn btn-secondary explain-journey", onclick: () => explain(j), "aria-label": `Explain ${j.mission_name}` }, "Explain") }]
          : []),
      ],
      items,
      { empty: "No journey yet: the user has not started any mission.", caption: "Journeys" },
    ),
    unlinked && items.length ? h("p", { class: "hint" }, "Set QUESTLINE_TEMPORAL_UI_URL to link each workflow to the Temporal UI.") : null,
  );
}
