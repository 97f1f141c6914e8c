// Streak repairs on the Jobs page: the form that asks for one (POST /v1/streak-repairs: a mission
// or challenge with a streak goal, a segment or listed users, the outage window, why and who) and
// the latest jobs with their progress (GET /v1/streak-repairs; running ones are polled by the page).
import { h, replace, button, badge, table, errorBox, loading, progressBar, relativeTime, field, toast } from "../ui.js";
import { shortId, formAlert, formError, clearFormError, input } from "./ops-common.js";

function localValue(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function progress(job) {
  const label = `Streak repair ${job.id}: ${job.done} of ${job.total}`;
  return h("div", { class: "job-progress" }, progressBar(job.done, job.total || 1, label), h("span", { class: "count", "data-count": "" }, `${job.done} / ${job.total}`));
}

/** The form and the list; `load()` reloads the list, `running()` says whether any job runs. */
export function repairsSection(api, href) {
  const listBox = h("div", { id: "streak-repairs-list" }, loading());
  let jobs = [];
  const alert = formAlert();
  const now = new Date();
  const mission = input({ name: "mission_id", required: true, placeholder: "mission or challenge id", autocomplete: "off", spellcheck: "false" });
  const segment = input({ name: "segment_id", placeholder: "segment id", autocomplete: "off", spellcheck: "false" });
  const users = input({ name: "user_ids", placeholder: "user ids, comma separated", autocomplete: "off", spellcheck: "false" });
  const from = input({ name: "from", type: "datetime-local", required: true, value: localValue(new Date(now.getTime() - 6 * 3600e3)) });
  const to = input({ name: "to", type: "datetime-local", required: true, value: localValue(new Date(now.getTime() - 60e3)) });
  const reason = input({ name: "reason", required: true, placeholder: "e.g. ingest outage INC-42" });
  const who = input({ name: "requested_by", required: true, placeholder: "your name or e-mail" });
  const submit = button("Repair streaks", null, { kind: "primary", type: "submit", id: "streak-repair-submit" });
  const form = h(
    "form",
    { class: "streak-repair-form", id: "streak-repair-form", "aria-labelledby": "streak-repair-title" },
    h("h3", { id: "streak-repair-title" }, "Repair streaks after an outage"),
    h("p", { class: "hint" }, "Every missed period overlapping the window is kept (no freeze used) and a run it broke is restored, for the segment's members or the listed users. Audited: who, why, and each user's streak before and after."),
    field("Mission or challenge", mission, { name: "mission_id", id: "repair-mission" }),
    field("Segment", segment, { name: "segment_id", id: "repair-segment", hint: "Or leave empty and list users below." }),
    field("Users", users, { name: "user_ids", id: "repair-users" }),
    field("Outage from", from, { name: "from", id: "repair-from" }),
    field("Outage to", to, { name: "to", id: "repair-to", hint: "At most 31 days after it began, and over." }),
    field("Reason", reason, { name: "reason", id: "repair-reason" }),
    field("Requested by", who, { name: "requested_by", id: "repair-who" }),
    alert,
    submit,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFormError(form, alert);
    const ids = users.value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    const body = {
      mission_id: mission.value.trim(),
      from: new Date(from.value).toISOString(),
      to: new Date(to.value).toISOString(),
      reason: reason.value.trim(),
      requested_by: who.value.trim(),
    };
    if (segment.value.trim()) body.segment_id = segment.value.trim();
    if (ids.length) body.user_ids = ids;
    submit.disabled = true;
    try {
      const job = await api.post("/v1/streak-repairs", body);
      toast(`Streak repair ${job.id} started for ${job.total} users`);
      await load();
    } catch (err) {
      if (err.status === 401) throw err;
      formError(form, alert, err);
    } finally {
      submit.disabled = false;
    }
  });

  function draw() {
    replace(
      listBox,
      table(
        [
          { label: "Repair", cell: (j) => h("span", {}, h("strong", {}, shortId(j.id)), h("span", { class: "cell-sub" }, j.reason)) },
          { label: "Mission", cell: (j) => h("a", { href: href("missions", j.mission_id) }, shortId(j.mission_id)) },
          { label: "Window", cell: (j) => h("span", { title: `${j.from} – ${j.to}` }, `${new Date(j.from).toLocaleString()} – ${new Date(j.to).toLocaleString()}`) },
          { label: "Status", cell: (j) => badge(j.status === "completed" ? "done" : j.status, j.status === "completed" ? "done" : j.status) },
          { label: "Progress", cell: progress },
          { label: "Repaired", class: "num", cell: (j) => h("span", { "data-repaired": "" }, String(j.counts.repaired)) },
          { label: "Unchanged", class: "num", cell: (j) => String(j.counts.unchanged) },
          { label: "Skipped", class: "num", cell: (j) => h("span", { title: "No streak on it (no journey, or it has finished)" }, String(j.counts.skipped)) },
          { label: "By", cell: (j) => j.requested_by },
          { label: "Started", cell: (j) => h("span", { title: j.created_at }, relativeTime(j.created_at)) },
        ],
        jobs,
        { caption: "Streak repairs", empty: "No streak repair yet." },
      ),
    );
  }

  async function load() {
    try {
      jobs = (await api.get("/v1/streak-repairs", { limit: 20 })).items;
    } catch (err) {
      replace(listBox, errorBox(err));
      return;
    }
    draw();
  }

  return { node: h("div", { class: "streak-repairs" }, form, listBox), load, running: () => jobs.some((j) => j.status === "running") };
}
