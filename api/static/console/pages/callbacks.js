// Callbacks: what Questline POSTed to missions' callback_urls. Failed deliveries first (the
// default filter), each with the receiver's last answer (HTTP status and reason), the attempts
// made and the body sent; retry one and watch the new delivery's result.
import { h, replace, pageHeader, button, badge, table, field, toast, errorBox, loading, when, relativeTime, stylesheet } from "../ui.js";
import { select, section, shortId, poller } from "./ops-common.js";

const STATUSES = [
  ["failed", "Failed (gave up)"],
  ["pending", "Pending (being retried)"],
  ["delivered", "Delivered"],
  ["all", "All"],
];

function answer(cb) {
  if (cb.last_status === null && !cb.last_error) return h("span", { class: "muted" }, cb.attempts ? "No answer" : "Not tried yet");
  return h(
    "span",
    { class: "answer" },
    cb.last_status !== null ? h("strong", {}, `HTTP ${cb.last_status}`) : null,
    cb.last_error && cb.last_error !== `HTTP ${cb.last_status}` ? h("span", { class: "cell-sub" }, cb.last_error) : null,
  );
}

export async function render(ctx) {
  stylesheet("pages/ops-common.css");
  const { root, api, query, navigate, href } = ctx;
  const chosen = query.get("status") ?? "failed";
  const status = chosen === "all" ? "" : chosen;
  const filter = select(STATUSES, { id: "callback-status" }, chosen);
  const filterForm = h("form", { class: "toolbar", "aria-label": "Filter callbacks" }, field("Show", filter), button("Apply", null, { type: "submit" }));
  filterForm.addEventListener("submit", (e) => {
    e.preventDefault();
    navigate("callbacks", { status: filter.value });
  });
  const listBox = h("div", {}, loading());
  const live = h("div", { class: "sr-only", role: "status", "aria-live": "polite" });
  /** Callbacks being retried here: id → the row's result cell, polled until they settle. */
  const watching = new Map();
  let items = [];

  replace(
    root,
    pageHeader("Callbacks"),
    h("p", { class: "muted" }, "Each completion (and budget alert) of a mission with a callback_url is POSTed there, signed, and retried with backoff. A delivery that keeps failing gives up and waits here for you to retry it."),
    filterForm,
    section(status ? STATUSES.find(([v]) => v === status)?.[1] || status : "All callbacks", "callbacks-title", listBox),
    live,
  );

  function resultCell(cb) {
    const cell = h("div", { class: "retry-result", "data-result": cb.id, "aria-live": "polite" });
    if (cb.status === "failed") cell.append(button("Retry", () => retry(cb, cell), { kind: "primary", "aria-label": `Retry callback ${cb.id}` }));
    return cell;
  }

  async function retry(cb, cell) {
    replace(cell, h("span", { class: "muted" }, "Retrying…"));
    try {
      const again = await api.post(`/v1/callbacks/${encodeURIComponent(cb.id)}/retry`);
      replace(cell, badge(again.status), h("span", { class: "cell-sub" }, "Delivering again…"));
      watching.set(cb.id, cell);
    } catch (err) {
      replace(cell, h("span", { class: "field-error" }, `${err.message}`), button("Retry", () => retry(cb, cell), { kind: "primary", "aria-label": `Retry callback ${cb.id}` }));
    }
  }

  async function checkWatched() {
    for (const [id, cell] of [...watching]) {
      const cb = await api.get(`/v1/callbacks/${encodeURIComponent(id)}`);
      if (cb.status === "pending") continue;
      watching.delete(id);
      const row = cell.closest("tr");
      if (row) {
        replace(row.querySelector("[data-status]"), badge(cb.status));
        replace(row.querySelector("[data-answer]"), answer(cb));
        replace(row.querySelector("[data-attempts]"), String(cb.attempts));
      }
      if (cb.status === "delivered") {
        replace(cell, badge("delivered"), h("span", { class: "cell-sub" }, `Delivered: the receiver answered HTTP ${cb.last_status}.`));
        live.textContent = `Callback ${id} delivered.`;
        toast("Callback delivered.");
      } else {
        replace(cell, badge(cb.status), h("span", { class: "cell-sub" }, `Failed again: ${cb.last_error || `HTTP ${cb.last_status}`}`), button("Retry", () => retry(cb, cell), { kind: "primary", "aria-label": `Retry callback ${cb.id}` }));
        live.textContent = `Callback ${id} failed again.`;
      }
    }
  }

  async function loadList() {
    let page;
    try {
      page = await api.get("/v1/callbacks", { status: status || undefined, limit: 100 });
    } catch (err) {
      replace(listBox, errorBox(err));
      return;
    }
    items = page.items;
    replace(
      listBox,
      table(
        [
          { label: "Callback", cell: (cb) => h("span", {}, shortId(cb.id), h("span", { class: "cell-sub" }, cb.type), h("span", { class: "cell-sub" }, when(cb.created_at))) },
          { label: "Mission", cell: (cb) => h("span", {}, h("a", { href: href("missions", cb.mission_id) }, shortId(cb.mission_id)), h("span", { class: "cell-sub" }, cb.url)) },
          { label: "Status", cell: (cb) => h("span", { "data-status": "" }, badge(cb.status)) },
          { label: "Receiver's answer", cell: (cb) => h("span", { "data-answer": "" }, answer(cb)) },
          { label: "Attempts", class: "num", cell: (cb) => h("span", { "data-attempts": "" }, String(cb.attempts)) },
          { label: "Last attempt", cell: (cb) => (cb.last_attempt_at ? h("span", { title: cb.last_attempt_at }, relativeTime(cb.last_attempt_at)) : "—") },
          { label: "Body sent", cell: (cb) => h("details", {}, h("summary", {}, "Show"), h("pre", { class: "payload" }, JSON.stringify(cb.payload, null, 2))) },
          { label: "Retry", cell: resultCell },
        ],
        items,
        {
          caption: "Callbacks",
          empty: status === "failed" ? "No failed callbacks: every delivery has gone through or is still being retried." : "No callbacks here.",
        },
      ),
      page.next_cursor ? h("p", { class: "hint" }, "Showing the newest 100.") : null,
    );
  }

  await loadList();
  return poller(checkWatched, 1000, () => watching.size > 0);
}
