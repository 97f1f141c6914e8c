// "Explain" on the user page: one journey's timeline (GET /v1/users/{id}/missions/{mid}/explain),
// every event of the mission's type with its verdict (counted and what it added, or the reason it
// did not count), then the state changes (opt-in, unlock, completion, ledger key, callbacks) and the
// workflow. Every value is text: event ids, tags and messages come from the operator's app.
import { h, replace, table, badge, when, errorBox, loading, button } from "../ui.js";

const PAGE = 100;

/** A wide table scrolls sideways: its wrapper takes the keyboard focus (and names itself) so it can. */
function scrollable(node, label) {
  if (node.classList.contains("table-wrap")) {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "region");
    node.setAttribute("aria-label", label);
  }
  return node;
}

function eventsTable(events) {
  return scrollable(table(
    [
      { label: "Received", cell: (e) => when(e.received_at) },
      { label: "Event", cell: (e) => h("code", {}, e.event_id) },
      { label: "Value", cell: (e) => (e.value === null || e.value === undefined ? "—" : String(e.value)), class: "num" },
      { label: "Tags", cell: (e) => (e.tags || []).join(", ") || "—" },
      { label: "Verdict", cell: (e) => badge(e.verdict === "counted" ? "counted" : e.reason, e.verdict === "counted" ? "completed" : "missed") },
      { label: "Added", cell: (e) => (e.added === null || e.added === undefined ? "—" : `+${e.added}`), class: "num" },
      { label: "Why", cell: (e) => e.message },
    ],
    events,
    { empty: "No event of the mission's type from this user.", caption: "Events, oldest first" },
  ), "Events, oldest first");
}

function changesTable(changes) {
  return scrollable(table(
    [
      { label: "When", cell: (c) => when(c.at) },
      { label: "Change", cell: (c) => c.kind.replace(/_/g, " ") },
      { label: "What", cell: (c) => c.message },
      { label: "Key", cell: (c) => (c.details && c.details.idempotency_key ? h("code", {}, c.details.idempotency_key) : "—") },
    ],
    changes,
    { empty: "No state change yet.", caption: "State changes" },
  ), "State changes");
}

/** The explanation of one journey, loaded into a node (more events on demand). */
export function explainPanel(api, userId, missionId) {
  const node = h("div", { class: "users-explain", id: `explain-${missionId}` }, loading("Explaining the journey…"));
  const path = `/v1/users/${encodeURIComponent(userId)}/missions/${encodeURIComponent(missionId)}/explain`;
  const events = [];

  async function load(cursor) {
    const body = await api.get(path, cursor ? { limit: PAGE, cursor } : { limit: PAGE });
    events.push(...body.events);
    const workflow = body.workflow_id
      ? body.temporal_ui_url && /^https?:\/\//i.test(body.temporal_ui_url)
        ? h("a", { href: body.temporal_ui_url, rel: "noopener noreferrer", target: "_blank", class: "mono" }, body.workflow_id)
        : h("code", {}, body.workflow_id)
      : "—";
    const summary = body.journey.started
      ? `Journey ${body.journey.status}: progress ${body.journey.progress}, completions ${body.journey.completions}.`
      : "No journey yet.";
    const agrees = body.replay.agrees ? "The replayed events agree with the journey." : "The replay does not reach the journey's state (see the changes).";
    replace(
      node,
      h("h3", {}, `Explain: ${missionId}`),
      h("p", {}, summary, " ", agrees),
      h("p", {}, "Workflow: ", workflow),
      eventsTable(events),
      body.next_cursor ? button("More events", () => load(body.next_cursor).catch((err) => replace(node, errorBox(err))), { "data-explain-more": "" }) : null,
      changesTable(body.changes),
    );
  }

  load(null).catch((err) => replace(node, errorBox(err)));
  return node;
}
