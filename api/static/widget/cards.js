// A mission card: what the API's projection says (tab, chips, timer, progress, can_opt_in,
// submission, verification) rendered as text, and the actions the mission allows.
// `ctx` = {t, readonly, lang, act: {optIn, submit, upload, verify}, cooldownUntil(view), profile}.
// What the user must do is the view's `goal` (event: event_type, range, streak; manual: proof kinds
// and survey questions; social: platform, action, target, count, verify_label).

import { h, replace, safeUrl } from "../static/lib/dom.js";

const MANUAL_UNITS = new Set(["submissions"]);
const SOCIAL_UNITS = new Set(["verifications", "posts"]);
const ALL_PROOFS = ["link", "text", "image", "video"];
// Proof kinds sent as a file (multipart), the others as a JSON value.
const UPLOADED = new Set(["image", "video", "document"]);
// The schemes the API refuses for an action button (domain.missions.REFUSED_SCHEMES).
const REFUSED_SCHEMES = new Set(["javascript", "vbscript", "data", "file", "blob", "about", "filesystem", "view-source", "jar", "ws", "wss"]);
const COUNTED_ACTIONS = new Set(["post", "hashtag_post"]);

/** The goal's kind: the view's `goal.kind` when the API sends it, else told by the progress unit. */
export function goalKind(view) {
  if (view.goal && view.goal.kind) return view.goal.kind;
  const unit = view.progress && view.progress.unit;
  if (MANUAL_UNITS.has(unit)) return "manual";
  if (SOCIAL_UNITS.has(unit)) return "social";
  return "event";
}

/** In progress: joined, waiting on a review, or with some progress. */
export function inProgress(view) {
  return ["opted_in", "pending"].includes(view.status) || (view.progress && view.progress.current > 0);
}

export function formatDuration(ms, t) {
  if (ms <= 0) return t("time_now");
  let s = Math.ceil(ms / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const hr = Math.floor(s / 3600);
  s -= hr * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [];
  if (d) parts.push(`${d}d`);
  if (d || hr) parts.push(`${hr}h`);
  if (d || hr || m) parts.push(`${m}m`);
  parts.push(`${s}s`);
  return parts.join(" ");
}

/** A span the element's ticker rewrites every second: `template` with {time} left until `endsAt`.
 * `onZero` ("refresh") tells the ticker what to do when it reaches zero. */
export function countdown(endsAt, template, t, extra = {}) {
  const ends = new Date(endsAt).getTime();
  return h(
    "span",
    { class: "timer", "data-ends": String(ends), "data-template": template, role: extra.role, ...extra.attrs },
    t(template, { time: formatDuration(ends - Date.now(), t) }),
  );
}

export function rewardText(reward, t) {
  if (!reward) return null;
  if (reward.points != null) return t("reward_points", { points: reward.points });
  if (reward.item != null) return t("reward_item", { item: reward.item });
  if (reward.direct != null) return String(reward.direct);
  return null;
}

function unitText(unit, t) {
  const key = `unit_${unit}`;
  const text = t(key);
  return text === key ? unit : text;
}

export function progressBar(current, target, unit, t, label) {
  const max = Number(target) || 1;
  const now = Math.min(Number(current) || 0, max);
  const text = t("progress_text", { current, target, unit: unitText(unit, t) });
  return h(
    "div",
    {},
    h(
      "div",
      {
        class: "bar",
        role: "progressbar",
        "aria-label": label || t("progress_label"),
        "aria-valuemin": "0",
        "aria-valuemax": String(max),
        "aria-valuenow": String(now),
        "aria-valuetext": text,
      },
      h("span", { style: { width: `${Math.round((now / max) * 100)}%` } }),
    ),
    h("p", { class: "small progress-text" }, text),
  );
}

export function card(view, ctx) {
  const { t } = ctx;
  const kind = goalKind(view);
  const image = view.images && view.images.card ? safeUrl(view.images.card) : null;
  const chips = (view.chips || []).map((chip) =>
    h("li", { class: chip === "featured" ? "chip badge" : "chip" }, t(`chip_${chip}`)),
  );
  const reward = rewardText(view.reward, t);
  const body = h(
    "div",
    { class: "body" },
    h("h3", { class: "name" }, view.name),
    view.description ? h("p", { class: "desc" }, view.description) : null,
    chips.length ? h("ul", { class: "chips", "aria-label": "chips" }, chips) : null,
    progressBar(view.progress.current, view.progress.target, view.progress.unit, t, `${t("progress_label")}: ${view.name}`),
    reward ? h("p", { class: "reward" }, t("reward", { reward })) : null,
    view.max_completions ? h("p", { class: "small" }, t("completions", { count: view.completions, max: view.max_completions })) : null,
    view.streak ? h("p", { class: "small streak-freezes" }, t("streak_freezes", { held: view.streak.freezes, used: view.streak.freezes_used })) : null,
    view.timer ? countdown(view.timer.ends_at, `timer_${view.timer.kind}`, t, { attrs: { "data-refresh": "1" } }) : null,
    view.status === "completed" ? h("p", { class: "ok" }, t("status_completed")) : null,
    kind === "manual" ? manualPart(view, ctx) : null,
    kind === "social" ? socialPart(view, ctx) : null,
    actionsPart(view, ctx),
    kind === "event" ? whyPart(view, ctx) : null,
  );
  return h(
    "article",
    { class: "card", "data-mission-id": view.mission_id, "data-tab": view.tab, "aria-label": view.name },
    image ? h("img", { class: "cover", src: image, alt: "", loading: "lazy" }) : null,
    body,
  );
}

/** "Why didn't this count?": the user's own events of the mission's type, each counted (and what
 * it added) or why not, from `GET /v1/me/missions/{id}/explain` (loaded when opened; the open
 * state outlives a re-rendered card). */
function whyPart(view, ctx) {
  if (!ctx.why) return null;
  const { t } = ctx;
  const body = h("div", { class: "why-body" });
  async function fill() {
    replace(body, h("p", { class: "small" }, t("why_loading")));
    try {
      replace(body, whyList(await ctx.why.load(view), t, ctx.lang));
    } catch (err) {
      replace(body, h("p", { class: "bad small" }, t("error", { message: err.message })));
    }
  }
  const details = h(
    "details",
    {
      class: "why",
      ontoggle: () => {
        ctx.why.toggle(view.mission_id, details.open);
        if (details.open) fill();
      },
    },
    h("summary", {}, t("why_open")),
    body,
  );
  if (ctx.why.isOpen(view.mission_id)) details.open = true;
  return details;
}

const WHY_SHOWN = 20;

function whyList(explained, t, lang) {
  const events = (explained.events || []).slice(-WHY_SHOWN);
  if (!events.length) return h("p", { class: "small" }, t("why_empty"));
  const verdict = (e) => {
    if (e.verdict === "counted") return t("why_counted", { added: e.added });
    const key = `why_${e.reason}`;
    const text = t(key);
    return text === key ? e.message : text;
  };
  return h(
    "ul",
    { class: "list why-list" },
    events.map((e) =>
      h(
        "li",
        { "data-event-id": e.event_id, "data-verdict": e.verdict, "data-reason": e.reason || "" },
        h("span", { class: e.verdict === "counted" ? "ok" : "" }, verdict(e)),
        h("span", { class: "small" }, new Date(e.received_at).toLocaleString(lang || undefined)),
      ),
    ),
  );
}

function actionsPart(view, ctx) {
  const { t, readonly } = ctx;
  const items = [];
  const button = view.action_button;
  if (button && button.label) {
    const url = String(button.url || "");
    const deep = deepLinkScheme(url);
    const href = safeUrl(url, deep);
    if (href) {
      // A deep link opens the app in place; a web page opens beside the host's.
      const web = /^https?:/i.test(href);
      const link = h("a", { class: "button secondary action", target: web ? "_blank" : null, rel: "noopener noreferrer" }, button.label);
      // Set here, not through h(): its own guard knows only http(s); this one knows the deep link.
      link.setAttribute("href", href);
      items.push(link);
    } else {
      items.push(h("span", { class: "small action" }, button.label));
    }
  }
  if (!readonly) {
    if (view.can_opt_in) {
      items.push(h("button", { type: "button", class: "opt-in", onclick: (e) => ctx.act.optIn(view, e.currentTarget) }, t("opt_in")));
    } else if (view.timer && view.timer.kind === "until_start") {
      const date = new Date(view.timer.ends_at).toLocaleString(ctx.lang || undefined);
      items.push(h("button", { type: "button", class: "opt-in", disabled: true }, t("opt_in_from", { date })));
    }
  }
  return items.length ? h("div", { class: "actions" }, items) : null;
}

/** The URL's scheme as a list for `safeUrl` when it is an app deep link the API accepts
 * (`myapp://open/wallet`), else none: http(s) needs none, and a refused scheme is never allowed
 * here even if an answer were tampered with. */
export function deepLinkScheme(url) {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!match) return [];
  const scheme = match[1].toLowerCase();
  if (REFUSED_SCHEMES.has(scheme) || scheme.startsWith("http")) return [];
  return [scheme];
}

/** Whether the user may act on the mission now (submit proof, ask for a check). */
function canAct(view) {
  return view.tab === "available" && !view.can_opt_in && ["available", "opted_in"].includes(view.status);
}

function manualPart(view, ctx) {
  const { t } = ctx;
  const goal = view.goal || {};
  const kinds = Array.isArray(goal.proof) && goal.proof.length ? goal.proof : ALL_PROOFS;
  const sub = view.submission;
  const parts = [h("p", { class: "small proof-kinds" }, t("proof_kinds", { kinds: kinds.map((k) => t(`proof_${k}`)).join(", ") }))];
  if (sub) {
    const status = t(`submission_${sub.status}`);
    parts.push(h("p", { class: `submission ${sub.status === "declined" ? "bad" : ""}` }, t("submission_status", { status: status.startsWith("submission_") ? sub.status : status })));
    if (sub.feedback) parts.push(h("p", { class: "feedback" }, t("feedback", { feedback: sub.feedback })));
  } else if (view.status === "pending") {
    parts.push(h("p", { class: "submission" }, t("status_pending")));
  }
  if (!ctx.readonly && canAct(view) && (!sub || sub.status === "declined")) {
    parts.push(proofForm(view, kinds, goal.questions || [], ctx, Boolean(sub)));
  }
  return h("div", { class: "manual" }, parts);
}

let formSeq = 0;

function proofForm(view, kinds, questions, ctx, again) {
  const { t } = ctx;
  const id = `qf${++formSeq}`;
  const status = h("p", { class: "status small", role: "status" });
  const bar = h("div", { class: "bar upload-bar", role: "progressbar", "aria-label": t("upload_progress"), "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": "0", hidden: true }, h("span"));
  const fields = {};
  const field = (kind) => {
    if (kind === "link") return h("label", {}, t("proof_value_link"), (fields.link = h("input", { type: "url", name: "value", inputmode: "url" })));
    if (kind === "text") return h("label", {}, t("proof_value_text"), (fields.text = h("textarea", { name: "value", rows: "3", maxlength: "10000" })));
    if (kind === "linkedin_post") {
      return h("label", {}, t("proof_value_linkedin_post"), (fields.linkedin_post = h("input", { type: "url", name: "value", inputmode: "url" })));
    }
    if (UPLOADED.has(kind)) {
      const accept = kind === "document" ? "application/pdf" : `${kind}/*`;
      return h("label", {}, t("proof_value_file"), (fields[kind] = h("input", { type: "file", name: "file", accept })));
    }
    if (kind === "survey") {
      fields.survey = {};
      return h(
        "fieldset",
        {},
        h("legend", {}, t("proof_survey")),
        questions.map((q) => {
          const input = Array.isArray(q.choices) && q.choices.length
            ? h("select", { name: q.id, "aria-required": "true" }, h("option", { value: "" }, t("survey_choose")), q.choices.map((c) => h("option", { value: c }, c)))
            : h("input", { type: "text", name: q.id, "aria-required": "true", maxlength: "2000" });
          fields.survey[q.id] = input;
          return h("label", { class: "question", "data-question-id": q.id }, q.text, input);
        }),
      );
    }
    return null;
  };
  const panes = {};
  for (const kind of kinds) panes[kind] = h("div", { class: `pane pane-${kind}`, hidden: kind !== kinds[0] }, field(kind));
  let chosen = kinds[0];
  const radios = kinds.length > 1
    ? h(
        "fieldset",
        { class: "radios" },
        h("legend", {}, t("proof_kind_label")),
        kinds.map((kind, i) =>
          h(
            "label",
            {},
            h("input", {
              type: "radio",
              name: `${id}-kind`,
              value: kind,
              checked: i === 0,
              onchange: () => {
                chosen = kind;
                for (const [k, pane] of Object.entries(panes)) pane.hidden = k !== kind;
              },
            }),
            t(`proof_${kind}`),
          ),
        ),
      )
    : null;
  const button = h("button", { type: "submit", class: "submit" }, again ? t("resubmit") : t("submit"));
  const form = h(
    "form",
    {
      class: "proof-form",
      onsubmit: async (e) => {
        e.preventDefault();
        button.disabled = true;
        status.textContent = "";
        try {
          if (UPLOADED.has(chosen)) {
            const file = fields[chosen].files[0];
            if (!file) throw new Error(t("proof_value_file"));
            bar.hidden = false;
            status.textContent = t("uploading");
            await ctx.act.upload(view, chosen, file, (fraction) => {
              const pct = Math.round(fraction * 100);
              bar.setAttribute("aria-valuenow", String(pct));
              bar.firstChild.style.width = `${pct}%`;
            });
          } else if (chosen === "survey") {
            const answers = {};
            for (const [qid, input] of Object.entries(fields.survey)) {
              if (!input.value.trim()) {
                input.focus();
                throw new Error(t("survey_answer_all"));
              }
              answers[qid] = input.value;
            }
            await ctx.act.submit(view, { kind: "survey", value: answers });
          } else {
            await ctx.act.submit(view, { kind: chosen, value: fields[chosen].value });
          }
        } catch (err) {
          status.textContent = t("error", { message: err.message });
          button.disabled = false;
        }
      },
    },
    radios,
    Object.values(panes),
    bar,
    h("div", { class: "actions" }, button),
    status,
  );
  return form;
}

function platformName(platform, t) {
  const key = `platform_${platform}`;
  const name = t(key);
  return name === key ? platform : name;
}

function socialPart(view, ctx) {
  const { t } = ctx;
  const goal = view.goal || {};
  const parts = [];
  const platform = goal.platform ? platformName(goal.platform, t) : "";
  let what = t("social_generic");
  if (goal.platform) {
    const params = { action: t(`social_action_${goal.action}`), target: goal.target, platform, count: goal.count };
    what = COUNTED_ACTIONS.has(goal.action) && goal.count > 1 ? t("social_what_count", params) : t("social_what", params);
  }
  parts.push(h("p", { class: "small checked" }, t("social_checked", { what })));
  // The API hides a social mission from users with no account on its platform (§5); this note is
  // for the moment in between (an account unlinked since the list was read).
  const social = (ctx.profile && ctx.profile.social) || null;
  if (goal.platform && social && !social[goal.platform]) {
    parts.push(h("p", { class: "bad linked" }, t("social_linked_needed", { platform })));
  }
  const check = view.verification;
  if (check) {
    const status = t(`verification_${check.status}`);
    parts.push(h("p", { class: `verification ${check.status === "failed" ? "bad" : ""}` }, t("verification_detail", { status, detail: check.detail ? ` — ${check.detail}` : "" })));
  }
  if (!ctx.readonly && canAct(view)) {
    const label = goal.verify_label || t("verify");
    const until = ctx.cooldownUntil(view);
    const running = check && check.status === "running";
    let content = label;
    let disabled = false;
    if (running) {
      disabled = true;
      content = countdown(check.ends_by, "verify_running", t, { attrs: { "data-refresh": "1" } });
    } else if (until && until > Date.now()) {
      disabled = true;
      content = countdown(new Date(until).toISOString(), "verify_wait", t, { attrs: { "data-refresh": "1" } });
    }
    parts.push(
      h("div", { class: "actions" },
        h("button", { type: "button", class: "verify", disabled, onclick: (e) => ctx.act.verify(view, e.currentTarget) }, content),
      ),
    );
  }
  return h("div", { class: "social" }, parts);
}
