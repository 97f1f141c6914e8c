// Acts for one user: grant a featured mission (POST /v1/missions/{id}/grants) and unlock a locked
// one (POST /v1/missions/{id}/unlock), each a small form choosing among the active missions of
// that type. The outcome (per user) is shown beside the form.
import { h, replace, button, field, toast } from "../ui.js";

function outcomeText(result) {
  if (!result) return "No answer.";
  if (result.ok) return `Done${result.status ? `: the journey is ${result.status.replace(/_/g, " ")}` : ""}.`;
  const e = result.error || {};
  return `Refused: ${e.message || e.code || "unknown reason"}${e.code ? ` (${e.code})` : ""}.`;
}

function actForm(api, userId, { type, title, verb, path, id, empty }, done) {
  const select = h("select", { name: "mission_id", required: true }, h("option", { value: "" }, "Loading…"));
  const result = h("p", { class: "act-result", role: "status", id: `${id}-result` });
  const submit = button(verb, null, { kind: "primary", type: "submit", id: `${id}-submit` });
  const form = h("form", { class: "act-form", "aria-labelledby": `${id}-title` }, h("h3", { id: `${id}-title` }, title),
    field("Mission", select, { id: `${id}-mission` }), submit, result);
  api
    .all("/v1/missions", { type, status: "active", limit: 500 }, 1000)
    .then((missions) => {
      replace(select, h("option", { value: "" }, missions.length ? "Choose a mission" : empty),
        missions.sort((a, b) => String(a.name).localeCompare(String(b.name))).map((m) => h("option", { value: m.id }, m.name)));
      submit.disabled = !missions.length;
    })
    .catch((err) => {
      replace(select, h("option", { value: "" }, "Could not load the missions"));
      result.textContent = err.message;
    });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!select.value) {
      result.textContent = "Choose a mission first.";
      return;
    }
    submit.disabled = true;
    result.textContent = "";
    try {
      const answer = await api.post(`/v1/missions/${encodeURIComponent(select.value)}/${path}`, { user_ids: [userId] });
      const mine = (answer.results || []).find((r) => r.user_id === userId) || (answer.results || [])[0];
      result.textContent = outcomeText(mine);
      toast(mine && mine.ok ? `${verb}: ${select.selectedOptions[0].textContent}` : result.textContent, mine && mine.ok ? "ok" : "error");
      done();
    } catch (err) {
      if (err.status === 401) throw err;
      result.textContent = `${err.message}${err.code ? ` (${err.code})` : ""}`;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

export function actsPanel(api, userId, done) {
  return h(
    "div",
    { class: "acts" },
    actForm(api, userId, { type: "featured", title: "Grant a featured mission", verb: "Grant", path: "grants", id: "grant", empty: "No active featured mission" }, done),
    actForm(api, userId, { type: "locked", title: "Unlock a locked mission", verb: "Unlock", path: "unlock", id: "unlock", empty: "No active locked mission" }, done),
  );
}

