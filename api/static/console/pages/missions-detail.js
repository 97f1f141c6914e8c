// #/missions/<id>: a mission's definition, budget, actions (edit, activate, schedule a launch,
// cancel it, pause, resume, clone, archive, delete) and its revisions with what each one changed. An activation the lint
// refuses (422 lint_failed) shows the findings with "Activate anyway"; one it lets through shows its warnings.
import { h, replace, pageHeader, button, badge, progressBar, toast, errorBox, when, relativeTime, dialog, field, loading } from "../ui.js";
import {
  typeLabel, goalSummary, rewardSummary, recurrenceSummary, budgetOf, changedFields, showValue, localToIso, browserOffset,
  lintFindings,
} from "./missions-spec.js";
import { lintList, lintCount, handOver, takeHandedOver } from "./missions-lint.js";
import { linkCard, imagesCard } from "./missions-link.js";

/** relativeTime, but "just now" within a few seconds (the server's clock and the browser's differ a little). */
function ago(iso) {
  return Math.abs(Date.parse(iso) - Date.now()) < 10_000 ? "just now" : relativeTime(iso);
}

function row(label, value) {
  return [h("dt", {}, label), h("dd", {}, value ?? "—")];
}

/** When the draft's scheduled launch fires (GET /v1/missions/{id}/launch), or null when none waits. */
async function scheduledLaunch(api, path) {
  try {
    return (await api.get(`${path}/launch`)).at;
  } catch (err) {
    if (err.code === "launch_not_found") return null;
    throw err;
  }
}

export async function renderDetail(ctx, mission) {
  const { api, root, navigate, href } = ctx;
  const id = mission.id;
  const path = `/v1/missions/${encodeURIComponent(id)}`;
  const [items, categories, segments, completions, launchAt] = await Promise.all([
    mission.reward && mission.reward.item ? api.all("/v1/items", { limit: 500 }).catch(() => []) : [],
    mission.category_id ? api.get("/v1/categories").catch(() => []) : [],
    (mission.segments || []).length || mission.trigger ? api.get("/v1/segments").catch(() => []) : [],
    // The list route counts completions (one grouped query); GET /v1/missions/{id} does not.
    api.get("/v1/missions", { q: mission.name, with_completions: "true", limit: 500 })
      .then((page) => (page.items.find((m) => m.id === mission.id) || {}).completions ?? null)
      .catch(() => null),
    mission.status === "draft" ? scheduledLaunch(api, path) : null,
  ]);
  const segmentName = (sid) => (segments.find((s) => s.id === sid) || { name: sid }).name;
  const status = h("div", { class: "action-status", role: "status", "aria-live": "polite" });
  const handedOver = takeHandedOver(id);
  const refresh = async () => {
    try {
      await renderDetail(ctx, await api.get(path));
    } catch (err) {
      replace(status, errorBox(err));
    }
  };

  async function act(label, call, { after } = {}) {
    status.textContent = `${label}…`;
    try {
      const result = await call();
      status.textContent = "";
      if (after) await after(result);
    } catch (err) {
      replace(status, errorBox(err));
    }
  }

  const actions = [];
  const live = mission.status === "active" || mission.status === "paused";
  if (mission.status !== "archived" && mission.status !== "deleted") {
    actions.push(h("a", { class: "btn btn-primary", href: href("missions", id, "edit") }, live ? "Edit (new revision)" : "Edit"));
  }
  if (mission.status === "active") {
    actions.push(button("Pause", pause, { kind: "secondary" }));
  }
  if (mission.status === "paused") {
    actions.push(button("Resume", () => act("Resuming", () => api.post(`${path}/resume`), {
      after: () => { toast("Resumed: users see it again, every journey where it was."); refresh(); },
    }), { kind: "secondary" }));
  }
  if (mission.status === "draft") {
    actions.push(button("Activate", () => activate(false), { kind: "secondary" }));
    actions.push(button("Schedule launch", scheduleLaunch, { kind: "secondary" }));
    actions.push(button("Cancel launch", cancelLaunch, { kind: "ghost" }));
  }
  actions.push(button("Clone", () => act("Cloning", () => api.post(`${path}/clone`), {
    after: (copy) => { toast(`Cloned as a new draft.`); navigate("missions", copy.id); },
  }), { kind: "secondary" }));
  if (mission.status !== "archived" && mission.status !== "deleted") {
    actions.push(button("Archive", archive, { kind: "danger" }));
  }
  if (mission.status !== "deleted") {
    actions.push(button("Delete", remove, { kind: "danger" }));
  }

  async function pause() {
    const body = h("p", {}, "Users no longer see it and its events count for nobody (not even after resuming); "
      + "journeys keep their progress, which resuming restores. Deadlines keep running while it is paused.");
    const ok = await dialog(`Pause “${mission.name}”?`, body, { submitLabel: "Pause" });
    if (!ok) return;
    await act("Pausing", () => api.post(`${path}/pause`), { after: () => { toast("Paused."); refresh(); } });
  }

  /** Deletes: a draft outright; any other mission after typing its id (its points are taken back). */
  async function remove() {
    if (mission.status === "draft") {
      const ok = await dialog(`Delete the draft “${mission.name}”?`, h("p", {}, "It is removed for good."), { submitLabel: "Delete", kind: "danger" });
      if (!ok) return;
      await act("Deleting", () => api.del(path), { after: () => { toast("Draft deleted."); navigate("missions"); } });
      return;
    }
    const input = h("input", { type: "text", name: "confirm", required: true, autocomplete: "off", spellcheck: "false" });
    const values = await dialog(`Delete “${mission.name}”?`, [
      h("p", {}, "This removes all its submissions and takes back every point it awarded (compensating ledger entries); "
        + "its journeys close and it is no longer listed. The deletion is logged. This cannot be undone."),
      field("Type the mission's id to confirm", input, { id: "delete-confirm", name: "confirm", hint: id }),
    ], { submitLabel: "Delete", kind: "danger" });
    if (!values) return;
    const confirm = String(values.get("confirm") || "").trim();
    await act("Deleting", () => api.del(path, { confirm, requested_by: "console" }), {
      after: () => { toast("Deleted: its points are taken back and its submissions removed."); refresh(); },
    });
  }

  /** Activates (with `force`, despite lint errors); a refusal by the lint shows its findings. */
  async function activate(force) {
    status.textContent = force ? "Activating anyway…" : "Activating…";
    let activated;
    try {
      activated = await api.post(`${path}/activate`, force ? { force: true } : undefined);
    } catch (err) {
      if (err.code === "lint_failed") showLint(lintFindings(err), true);
      else replace(status, errorBox(err));
      return;
    }
    status.textContent = "";
    handOver(id, activated.lint_warnings || []);
    toast(`“${activated.name}” is active.`);
    await refresh();
  }

  function showLint(findings, refused) {
    const title = refused ? "Not activated: the lint found errors" : `Activated with ${lintCount(findings)}`;
    replace(status, h("section", { class: refused ? "form-alert lint-panel lint-refused" : "notice lint-panel", "aria-labelledby": "lint-title" },
      h("h2", { id: "lint-title" }, title),
      refused ? h("p", {}, "Edit the mission to fix them, or activate it anyway if it is meant to be so.") : null,
      lintList(findings),
      refused && mission.status === "draft" ? h("div", { class: "lint-actions" }, button("Activate anyway", () => activate(true), { kind: "danger" })) : null));
  }

  async function archive() {
    const body = h("p", {}, live
      ? "Users no longer see it and every running journey closes. Completions and rewards already granted stay. This cannot be undone."
      : "The draft is set aside for good: it cannot be activated afterwards.");
    const ok = await dialog(`Archive “${mission.name}”?`, body, { submitLabel: "Archive", kind: "danger" });
    if (!ok) return;
    await act("Archiving", () => api.post(`${path}/archive`), { after: () => { toast("Archived."); refresh(); } });
  }

  async function cancelLaunch() {
    status.textContent = "Cancelling the launch…";
    try {
      await api.del(`${path}/launch`);
    } catch (err) {
      if (err.code === "launch_not_found") {
        replace(status, h("p", { class: "notice" }, "No launch of this mission is scheduled."));
      } else {
        replace(status, errorBox(err));
      }
      return;
    }
    toast("The scheduled launch is cancelled.");
    await refresh();
  }

  async function scheduleLaunch() {
    const input = h("input", { type: "datetime-local", name: "at", required: true });
    const soon = new Date(Date.now() + 60 * 60 * 1000);
    input.value = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, "0")}-${String(soon.getDate()).padStart(2, "0")}T${String(soon.getHours()).padStart(2, "0")}:${String(soon.getMinutes()).padStart(2, "0")}`;
    const values = await dialog("Schedule the launch", [
      h("p", { class: "muted" }, "A durable timer activates the draft at this time, even across restarts."),
      field("Launch at", input, { id: "launch-at", name: "at", hint: `In your browser's time (${browserOffset()}).` }),
    ], { submitLabel: "Schedule" });
    if (!values) return;
    const at = localToIso(values.get("at"));
    await act("Scheduling the launch", () => api.post(`${path}/launch`, { at }), {
      after: () => {
        toast("Launch scheduled.");
        refresh();
      },
    });
  }

  // --- the definition ----------------------------------------------------------------------------
  const budget = budgetOf(mission);
  const budgetCard = h("section", { class: "card budget-card", "aria-labelledby": "budget-title" },
    h("h2", { id: "budget-title" }, "Budget"),
    completions != null ? h("p", { class: "completions" }, h("strong", {}, completions.toLocaleString("en")), ` completion${completions === 1 ? "" : "s"} so far`) : null,
    budget.cap == null
      ? h("p", {}, "No budget cap.", mission.reward && mission.reward.points ? ` Reward: ${rewardSummary(mission.reward)} per completion.` : "")
      : [
        h("p", { class: "budget-figures" }, h("strong", {}, budget.spent.toLocaleString("en")), ` of ${budget.cap.toLocaleString("en")} ${budget.unit} spent`),
        progressBar(budget.spent, budget.cap, `Budget spent: ${budget.spent} of ${budget.cap} ${budget.unit}`),
        mission.budget_exhausted_at ? h("p", { class: "warn" }, "Spent: users who have not started no longer see it (since ", when(mission.budget_exhausted_at), ").") : null,
      ]);

  const schedule = [
    mission.start_at ? ["Starts", when(mission.start_at)] : null,
    mission.end_at ? ["Ends", when(mission.end_at)] : null,
    mission.time_to_complete ? ["Time to complete", h("code", {}, String(mission.time_to_complete))] : null,
    mission.recurrence ? ["Recurrence", recurrenceSummary(mission.recurrence)] : null,
    ["Time zone", mission.timezone],
    mission.max_completions ? ["Max completions", String(mission.max_completions)] : null,
  ].filter(Boolean);
  const unlock = mission.unlock;
  const definition = h("section", { class: "card", "aria-labelledby": "def-title" },
    h("h2", { id: "def-title" }, "Definition"),
    h("dl", { class: "facts" },
      row("Type", typeLabel(mission.type)),
      row("Goal", goalSummary(mission.goal)),
      row("Reward", rewardSummary(mission.reward, items)),
      row("Opt-in", mission.opt_in ? "Required" : "Not needed"),
      schedule.map(([l, v]) => row(l, v)),
      unlock ? row("Unlock", [unlock.after_missions.length ? `after ${unlock.after_missions.length} mission(s)` : null, unlock.min_tier ? `tier ${unlock.min_tier}` : null,
        unlock.hidden_until_unlocked ? "hidden until unlocked" : null].filter(Boolean).join(" · ") || "by an unlock call only") : null,
      mission.trigger ? row("Trigger", `granted on entering ${segmentName(mission.trigger.segment)}`) : null,
      row("Audience", [(mission.segments || []).length ? `segments ${mission.segments.map(segmentName).join(", ")}` : null,
        (mission.tiers || []).length ? `tiers ${mission.tiers.join(", ")}` : null].filter(Boolean).join(" · ") || "Everyone"),
      mission.category_id ? row("Category", (categories.find((c) => c.id === mission.category_id) || { name: mission.category_id }).name) : null,
      mission.quest_id ? row("Quest", h("code", {}, mission.quest_id)) : null,
      mission.action_button ? row("Action button", `${mission.action_button.label} → ${mission.action_button.url}`) : null,
      mission.callback_url ? row("Callback", h("code", {}, mission.callback_url)) : null,
      mission.images && (mission.images.card || mission.images.page) ? row("Images", [mission.images.card, mission.images.page].filter(Boolean).join(" · ")) : null,
      mission.description ? row("Description", h("span", { class: "prewrap" }, mission.description)) : null,
    ));

  const lifecycle = h("section", { class: "card", "aria-labelledby": "life-title" },
    h("h2", { id: "life-title" }, "Lifecycle"),
    h("dl", { class: "facts" },
      row("Id", h("code", {}, id)),
      row("Status", badge(mission.status)),
      row("Revision", String(mission.revision)),
      row("Created", when(mission.created_at)),
      row("Updated", when(mission.updated_at)),
      mission.activated_at ? row("Activated", when(mission.activated_at)) : null,
      mission.archived_at ? row("Archived", when(mission.archived_at)) : null,
      mission.paused_at ? row("Paused", h("span", { class: "paused-note" }, when(mission.paused_at),
        " — hidden from users, its events count for nobody; deadlines keep running")) : null,
      mission.deleted_at ? row("Deleted", when(mission.deleted_at)) : null,
      launchAt ? row("Launch", h("span", { class: "launch-note" }, "Scheduled for ", when(launchAt), ` (${relativeTime(launchAt)})`)) : null,
    ));

  const revisions = h("section", { class: "card", "aria-labelledby": "rev-title" }, h("h2", { id: "rev-title" }, "Revisions"), loading("Loading revisions…"));

  const header = pageHeader(mission.name, ...actions);
  header.querySelector("h1").append(" ", badge(mission.status));
  replace(root,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: href("missions") }, "Missions"), " / ", mission.name),
    header, status,
    h("div", { class: "detail-grid" }, h("div", {}, definition, imagesCard(api, path, mission, refresh)), h("div", {}, budgetCard, lifecycle, linkCard(api, path))),
    revisions);

  if (handedOver) showLint(handedOver.findings, handedOver.refused);
  if (mission.status === "deleted") lifecycle.append(await deletionFacts(api, path));
  loadRevisions(api, path, mission, revisions);
}

/** What a deletion reversed, and who asked (GET /v1/missions/{id}/deletion). */
async function deletionFacts(api, path) {
  let d;
  try {
    d = await api.get(`${path}/deletion`);
  } catch (err) {
    return errorBox(err);
  }
  return h("dl", { class: "facts deletion-facts" },
    row("Deletion", d.status === "completed" ? "Completed" : `Running (${d.step}): delete again to resume it`),
    row("Requested by", d.requested_by),
    row("Points taken back", `${d.points_taken_back.toLocaleString("en")} from ${d.users_affected} user${d.users_affected === 1 ? "" : "s"}`),
    row("Submissions removed", String(d.submissions_removed)),
    row("Journeys closed", String(d.journeys_closed)));
}

async function loadRevisions(api, path, mission, box) {
  const numbers = Array.from({ length: mission.revision }, (_, i) => i + 1);
  let revs;
  try {
    revs = await Promise.all(numbers.map((n) => api.get(`${path}/revisions/${n}`)));
  } catch (err) {
    replace(box, h("h2", { id: "rev-title" }, "Revisions"), errorBox(err));
    return;
  }
  const entries = revs.map((rev, i) => {
    const before = i > 0 ? revs[i - 1].spec : null;
    const changed = before ? changedFields(before, rev.spec) : [];
    const current = rev.revision === mission.revision;
    return h("li", { class: "revision", "data-revision": String(rev.revision) },
      h("div", { class: "revision-head" },
        h("strong", {}, `Revision ${rev.revision}`), current ? badge("current", "active") : null,
        h("span", { class: "muted" }, " · ", when(rev.created_at), ` (${ago(rev.created_at)})`)),
      before
        ? changed.length
          ? h("details", {}, h("summary", {}, `Changed: ${changed.join(", ")}`),
            h("table", { class: "diff" }, h("caption", { class: "sr-only" }, `Changes in revision ${rev.revision}`),
              h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Field"), h("th", { scope: "col" }, "Before"), h("th", { scope: "col" }, "After"))),
              h("tbody", {}, changed.map((k) => h("tr", {}, h("th", { scope: "row" }, k), h("td", {}, h("code", {}, showValue(before[k]))), h("td", {}, h("code", {}, showValue(rev.spec[k]))))))))
          : h("p", { class: "muted" }, "No field changed.")
        : h("p", { class: "muted" }, mission.revision === 1 && mission.status === "draft" ? "The draft as it is now (a draft's edits change it in place)." : "The first revision, as it was activated."));
  });
  replace(box, h("h2", { id: "rev-title" }, "Revisions"), h("ol", { class: "revisions", reversed: true }, entries.reverse()));
}
