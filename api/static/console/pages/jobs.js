// Jobs: the long jobs Questline runs in the background — an admin's segment grants, an
// activation's grants to its trigger segment, a locked mission's unlock backfill — newest first,
// each with a progress bar (done of total); running jobs are polled every 1.5 s.
import { h, replace, pageHeader, button, badge, table, errorBox, loading, progressBar, relativeTime, stylesheet } from "../ui.js";
import { section, shortId, poller } from "./ops-common.js";
import { repairsSection } from "./streak-repairs.js";

const KIND = {
  segment_grant: "Segment grant",
  trigger_grant: "Activation grant (trigger segment)",
  unlock_backfill: "Unlock backfill",
};

function progress(job) {
  const done = job.granted + job.refused;
  if (job.total === null || job.total === undefined) {
    return h("div", { class: "job-progress" }, h("span", { class: "count" }, `${done} done`, job.status === "running" ? " so far" : ""));
  }
  const label = `${KIND[job.kind] || job.kind} ${job.job_id}: ${done} of ${job.total}`;
  return h("div", { class: "job-progress" }, progressBar(done, job.total, label), h("span", { class: "count", "data-count": "" }, `${done} / ${job.total}`));
}

export async function render(ctx) {
  stylesheet("pages/ops-common.css");
  const { root, api, href } = ctx;
  const listBox = h("div", {}, loading());
  const updated = h("p", { class: "hint", "aria-live": "off" });
  let jobs = [];
  let cursor = null;
  let older = [];
  const repairs = repairsSection(api, href);

  replace(
    root,
    pageHeader("Jobs", button("Refresh", () => load(), { id: "refresh-jobs" })),
    h("p", { class: "muted" }, "Grants to whole segments and unlock backfills run in the background, a page of users at a time; a job is listed for a week after it started."),
    section("Grant jobs", "jobs-title", listBox, updated),
    section("Streak repairs", "streak-repairs-title", repairs.node),
  );

  function draw(next) {
    replace(
      listBox,
      table(
        [
          { label: "Job", cell: (j) => h("span", {}, h("strong", {}, KIND[j.kind] || j.kind), h("span", { class: "cell-sub" }, shortId(j.job_id))) },
          { label: "Mission", cell: (j) => h("a", { href: href("missions", j.mission_id) }, shortId(j.mission_id)) },
          { label: "Segment", cell: (j) => (j.segment_id ? h("a", { href: href("segments") }, shortId(j.segment_id)) : h("span", { class: "muted" }, "—")) },
          { label: "Status", cell: (j) => badge(j.status === "completed" ? "done" : j.status, j.status === "completed" ? "done" : j.status) },
          { label: "Progress", cell: progress },
          { label: "Granted", class: "num", cell: (j) => String(j.granted) },
          { label: "Refused", class: "num", cell: (j) => h("span", { title: "Users whose journey had finished or could not take the grant" }, String(j.refused)) },
          { label: "Started", cell: (j) => h("span", { title: j.created_at }, relativeTime(j.created_at)) },
        ],
        [...jobs, ...older],
        { caption: "Grant jobs", empty: "No jobs in the last week. A segment grant (POST /v1/missions/{id}/grants/segment) or activating a mission with a trigger segment starts one." },
      ),
      next ? button("Show older jobs", () => more(next), { id: "older-jobs" }) : null,
    );
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}.`;
  }

  async function load() {
    let page;
    try {
      page = await api.get("/v1/grant-jobs", { limit: 25 });
    } catch (err) {
      replace(listBox, errorBox(err));
      return;
    }
    jobs = page.items;
    const seen = new Set(jobs.map((j) => j.job_id));
    older = older.filter((j) => !seen.has(j.job_id));
    cursor = older.length ? cursor : page.next_cursor;
    draw(cursor);
  }

  async function more(from) {
    const page = await api.get("/v1/grant-jobs", { limit: 25, cursor: from });
    older = [...older, ...page.items];
    cursor = page.next_cursor;
    draw(cursor);
  }

  const loadAll = () => Promise.all([load(), repairs.load()]);
  await loadAll();
  // Running jobs every 1.5 s; otherwise every 6 s, so a job started elsewhere shows up.
  let ticks = 0;
  return poller(loadAll, 1500, () => jobs.some((j) => j.status === "running") || repairs.running() || ++ticks % 4 === 0);
}
