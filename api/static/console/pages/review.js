// The review queue: pending proofs of manual missions, the proof itself inline, approve or decline
// with feedback (which the user sees), filtered by mission or user, worked through with the keyboard.
// Routes: GET /v1/submissions?status=pending[&mission_id][&user_id], POST /v1/submissions/{id}/approve,
// POST /v1/submissions/{id}/decline {feedback}, GET /v1/submissions/{id}/proof (the uploaded file).
import { h, replace, pageHeader, button, field, toast, errorBox, when, stylesheet } from "../ui.js";
import { renderProof } from "./review-proof.js";

/** The most pending submissions loaded at once (the queue's count says "N+" beyond it). */
const MAX_ITEMS = 500;
const FEEDBACK_MAX = 2000;

/** How long a proof has waited: "45 s", "12 min", "3 h", "2 d" (never negative when clocks differ a little). */
export function age(iso, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

/** Keys typed into a text box are text, not shortcuts. */
function isTyping(target) {
  if (!target || !(target instanceof Element)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}

async function missionOptions(api) {
  // Manual missions are the ones with proofs; active ones first, then paused/archived may still have a queue.
  const missions = await api.all("/v1/missions", { limit: 500 }, 2000);
  return missions.filter((m) => m.goal && m.goal.kind === "manual");
}

export async function render(ctx) {
  const { root, api, query, navigate, href } = ctx;
  stylesheet("pages/review.css");
  const filter = { mission_id: query.get("mission_id") || "", user_id: query.get("user_id") || "" };

  const loadQueue = () =>
    api.all("/v1/submissions", { status: "pending", mission_id: filter.mission_id, user_id: filter.user_id, limit: 500 }, MAX_ITEMS);
  let [items, manual] = await Promise.all([loadQueue(), missionOptions(api).catch(() => [])]);
  const missions = new Map(manual.map((m) => [m.id, m]));
  let truncated = items.length >= MAX_ITEMS;

  async function missionOf(id) {
    if (!missions.has(id)) {
      missions.set(id, await api.get(`/v1/missions/${encodeURIComponent(id)}`).catch(() => ({ id, name: id, goal: {} })));
    }
    return missions.get(id);
  }
  // Names for every mission in the queue (a few calls at most: the select's list has most of them).
  await Promise.all([...new Set(items.map((s) => s.mission_id))].map(missionOf));

  let selected = 0;
  let blobUrls = [];
  const state = { busy: false };

  // --- filters -------------------------------------------------------------------------------
  const missionSelect = h(
    "select",
    { name: "mission_id" },
    h("option", { value: "" }, "All missions"),
    [...missions.values()]
      .sort((a, b) => String(a.name).localeCompare(String(b.name)))
      .map((m) => h("option", { value: m.id, selected: m.id === filter.mission_id }, `${m.name}${m.status && m.status !== "active" ? ` (${m.status})` : ""}`)),
  );
  const userInput = h("input", { name: "user_id", type: "search", value: filter.user_id, autocomplete: "off", spellcheck: "false" });
  const filters = h(
    "form",
    { class: "toolbar review-filters", role: "search", "aria-label": "Filter the queue" },
    field("Mission", missionSelect, { id: "review-mission" }),
    field("User id", userInput, { id: "review-user" }),
    button("Filter", null, { kind: "primary", type: "submit" }),
    filter.mission_id || filter.user_id ? h("a", { class: "btn btn-ghost", href: href("review") }, "Clear filters") : null,
  );
  filters.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = {};
    if (missionSelect.value) q.mission_id = missionSelect.value;
    if (userInput.value.trim()) q.user_id = userInput.value.trim();
    if (q.mission_id === (filter.mission_id || undefined) && q.user_id === (filter.user_id || undefined)) refresh();
    else navigate("review", q);
  });

  /** Loads the queue again (same filter), keeping the selection on the same submission if it is still there. */
  async function refresh() {
    const keep = items[selected] && items[selected].id;
    try {
      items = await loadQueue();
    } catch (err) {
      if (err.status === 401) throw err;
      toast(err.message, "error");
      return;
    }
    truncated = items.length >= MAX_ITEMS;
    await Promise.all([...new Set(items.map((s) => s.mission_id))].map(missionOf));
    renderSummary();
    const at = items.findIndex((s) => s.id === keep);
    select(at >= 0 ? at : 0);
  }

  // --- summary, legend, list, detail ------------------------------------------------------------
  const summary = h("div", { class: "grid review-summary" });
  const legend = h(
    "section",
    { class: "card shortcut-legend", "aria-label": "Keyboard shortcuts" },
    h("h2", {}, "Keyboard shortcuts"),
    h(
      "ul",
      {},
      h("li", {}, h("kbd", {}, "j"), " or ", h("kbd", {}, "↓"), " next"),
      h("li", {}, h("kbd", {}, "k"), " or ", h("kbd", {}, "↑"), " previous"),
      h("li", {}, h("kbd", {}, "a"), " approve"),
      h("li", {}, h("kbd", {}, "d"), " decline (write the feedback, then ", h("kbd", {}, "Ctrl"), "+", h("kbd", {}, "Enter"), ")"),
      h("li", {}, h("kbd", {}, "Esc"), " leave the feedback box"),
    ),
    h("p", { class: "hint" }, "Shortcuts are ignored while you type in a field."),
  );
  const list = h("ol", { class: "review-list", "aria-label": "Pending proofs" });
  const detail = h("section", { class: "review-detail card", "aria-live": "polite", "aria-label": "Selected proof" });

  // With a filter, the whole queue's size too (one more read, in the background).
  const whole = h("div", { class: "stat", id: "queue-total", hidden: true });
  async function loadWhole() {
    if (!filter.mission_id && !filter.user_id) return;
    try {
      const all = await api.all("/v1/submissions", { status: "pending", limit: 500 }, MAX_ITEMS);
      replace(whole, h("div", { class: "value" }, `${all.length}${all.length >= MAX_ITEMS ? "+" : ""}`), h("div", { class: "label" },
        all.length ? h("span", {}, "pending in the whole queue, oldest waiting ", age(all[0].created_at)) : "pending in the whole queue"));
      whole.hidden = false;
    } catch {
      whole.hidden = true;
    }
  }

  function renderSummary() {
    const oldest = items[0];
    const scope = filter.mission_id || filter.user_id ? "matching the filter" : "in the queue";
    loadWhole();
    replace(
      summary,
      h("div", { class: "stat", id: "queue-size" }, h("div", { class: "value" }, `${items.length}${truncated ? "+" : ""}`), h("div", { class: "label" }, `pending ${scope}`)),
      h(
        "div",
        { class: "stat", id: "queue-oldest" },
        h("div", { class: "value" }, oldest ? age(oldest.created_at) : "—"),
        h("div", { class: "label" }, oldest ? h("span", {}, "oldest waiting, submitted ", when(oldest.created_at)) : "no proof waiting"),
      ),
      whole,
    );
  }

  function renderList() {
    replace(
      list,
      items.map((sub, i) => {
        const mission = missions.get(sub.mission_id);
        return h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: `review-item${i === selected ? " selected" : ""}`,
              "aria-current": i === selected ? "true" : null,
              "data-submission": sub.id,
              onclick: () => select(i),
            },
            h("span", { class: "review-item-mission" }, mission ? mission.name : sub.mission_id),
            h("span", { class: "review-item-meta" }, `${sub.user_id} · ${sub.proof.kind} · waiting ${age(sub.created_at)}`),
          ),
        );
      }),
    );
    if (!items.length) replace(list, h("li", { class: "empty" }, "No proof is waiting for review."));
  }

  function revokeBlobs() {
    for (const url of blobUrls) URL.revokeObjectURL(url);
    blobUrls = [];
  }

  function renderDetail() {
    revokeBlobs();
    const sub = items[selected];
    if (!sub) {
      replace(detail, h("h2", {}, "Nothing to review"), h("p", { class: "muted" }, filter.mission_id || filter.user_id ? "No pending proof matches the filter." : "The queue is empty."));
      return;
    }
    const mission = missions.get(sub.mission_id) || { id: sub.mission_id, name: sub.mission_id, goal: {} };
    const feedback = h("textarea", { name: "feedback", rows: 3, maxlength: String(FEEDBACK_MAX), required: true });
    const approveBtn = button("Approve", () => approve(), { kind: "primary", id: "approve" });
    const declineForm = h(
      "form",
      { class: "decline-form", "aria-label": "Decline with feedback" },
      field("Feedback for the user (shown to them when declined)", feedback, { id: "review-feedback", hint: "Why the proof is declined and what to send instead." }),
      button("Decline", null, { kind: "danger", type: "submit", id: "decline" }),
    );
    declineForm.addEventListener("submit", (e) => {
      e.preventDefault();
      decline(feedback);
    });
    feedback.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        decline(feedback);
      } else if (e.key === "Escape") {
        e.preventDefault();
        feedback.blur();
      }
    });
    const proofBox = h("div", { class: "proof" });
    replace(
      detail,
      h("h2", { id: "review-title" }, mission.name),
      h(
        "dl",
        { class: "review-facts" },
        h("dt", {}, "User"),
        h("dd", {}, h("a", { href: href("users", sub.user_id) }, sub.user_id)),
        h("dt", {}, "Mission"),
        h("dd", {}, h("a", { href: href("missions", sub.mission_id) }, mission.name), " ", h("code", {}, sub.mission_id)),
        h("dt", {}, "Submitted"),
        h("dd", {}, when(sub.created_at), ` (waiting ${age(sub.created_at)})`),
        h("dt", {}, "Proof"),
        h("dd", {}, sub.proof.kind),
      ),
      proofBox,
      h("div", { class: "review-actions" }, approveBtn, declineForm),
    );
    renderProof(proofBox, sub, mission, api, (url) => blobUrls.push(url));
  }

  function select(i, { focus = false } = {}) {
    if (!items.length) {
      selected = 0;
    } else {
      selected = Math.max(0, Math.min(items.length - 1, i));
    }
    renderList();
    renderDetail();
    const current = list.querySelector(".review-item.selected");
    if (current) {
      current.scrollIntoView({ block: "nearest" });
      if (focus) current.focus();
    }
  }

  function removeSelected() {
    items.splice(selected, 1);
    renderSummary();
    select(selected, { focus: true });
  }

  async function act(label, call) {
    if (state.busy || !items[selected]) return;
    state.busy = true;
    detail.setAttribute("aria-busy", "true");
    for (const b of detail.querySelectorAll("button")) b.disabled = true;
    try {
      await call(items[selected]);
      toast(label);
      removeSelected();
    } catch (err) {
      if (err.status === 401) throw err;
      toast(`${err.message}${err.code ? ` (${err.code})` : ""}`, "error");
      for (const b of detail.querySelectorAll("button")) b.disabled = false;
      detail.prepend(errorBox(err));
    } finally {
      state.busy = false;
      detail.removeAttribute("aria-busy");
    }
  }

  function approve() {
    return act("Approved: the mission completes and its reward is granted.", (sub) => api.post(`/v1/submissions/${encodeURIComponent(sub.id)}/approve`));
  }

  function decline(feedback) {
    const text = feedback.value.trim();
    if (!text) {
      feedback.setAttribute("aria-invalid", "true");
      const box = document.getElementById("review-feedback-error");
      if (box) {
        box.textContent = "Write the feedback the user will see.";
        box.hidden = false;
      }
      feedback.focus();
      return Promise.resolve();
    }
    return act("Declined: the user sees your feedback and may submit again.", (sub) =>
      api.post(`/v1/submissions/${encodeURIComponent(sub.id)}/decline`, { feedback: text }),
    );
  }

  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    if (document.querySelector("dialog[open]")) return;
    const key = e.key;
    if (key === "j" || key === "ArrowDown") {
      e.preventDefault();
      select(selected + 1, { focus: true });
    } else if (key === "k" || key === "ArrowUp") {
      e.preventDefault();
      select(selected - 1, { focus: true });
    } else if (key === "a") {
      e.preventDefault();
      approve();
    } else if (key === "d") {
      e.preventDefault();
      const box = detail.querySelector("textarea[name=feedback]");
      if (box) box.focus();
    }
  }

  replace(
    root,
    pageHeader("Review queue", button("Refresh", () => refresh(), { kind: "secondary", id: "review-refresh" })),
    summary,
    filters,
    h("div", { class: "review-layout" }, h("div", { class: "review-side" }, list, legend), detail),
  );
  renderSummary();
  select(0);
  document.addEventListener("keydown", onKey);
  return () => {
    document.removeEventListener("keydown", onKey);
    revokeBlobs();
  };
}
