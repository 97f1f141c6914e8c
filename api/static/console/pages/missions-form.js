// The mission form (#/missions/new and #/missions/<id>/edit): every field of MissionSpec, showing
// only those the chosen type, goal kind, measure and reward use. Controls carry the spec path of
// their field (`data-field="goal.count"`) while they are shown, so a 422's details land beside them.
// "Check" lints the spec as it stands (POST /v1/missions/lint): findings beside their fields and listed.
import { h, replace, pageHeader, button, field, showFieldErrors, clearFieldErrors, toast, errorBox, stylesheet } from "../ui.js";
import { TYPES, specOf, localToIso, isoToLocal, browserOffset, fieldProblems, typeLabel, lintFindings, lintProblems } from "./missions-spec.js";
import { lintList, lintCount, handOver } from "./missions-lint.js";

const WEEKDAYS = [["mon", "Mon"], ["tue", "Tue"], ["wed", "Wed"], ["thu", "Thu"], ["fri", "Fri"], ["sat", "Sat"], ["sun", "Sun"]];
const PROOFS = [["link", "Link"], ["text", "Text"], ["image", "Image"], ["video", "Video"], ["survey", "Survey"], ["linkedin_post", "LinkedIn post"], ["document", "Document (PDF)"]];
/** What each platform's public API can verify (domain/social_support.py). */
const SOCIAL = {
  x: ["follow", "like", "repost", "comment", "post", "hashtag_post"],
  discord: ["join"],
  telegram: ["join"],
  instagram: ["post", "hashtag_post"],
  tiktok: ["follow", "like", "repost", "post", "hashtag_post"],
  youtube: ["follow", "comment", "post", "hashtag_post"],
};
const PLATFORM_LABELS = { x: "X", discord: "Discord", telegram: "Telegram", instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube" };
/** Actions whose `count` is a number of posts; the others are done once. */
const COUNTED = new Set(["post", "hashtag_post"]);
const TARGET_LABELS = {
  follow: ["Account to follow", "The account's handle, e.g. @brand (or its profile URL)"],
  like: ["Post to like", "The post's URL"],
  repost: ["Post to repost", "The post's URL"],
  comment: ["Post to comment on", "The post's (or video's) URL"],
  post: ["Text the post contains", "Posts whose text contains this count"],
  hashtag_post: ["Hashtag", "e.g. #launchday"],
  join: ["Server or channel", "The Discord server id, or the Telegram chat id or @channel"],
};
const DURATION_HINT = "ISO 8601 duration, e.g. PT30S, PT2H, P7D (days and time only), or a number of seconds.";

let uid = 0;
const nextId = (base) => `${base}-${++uid}`;

function opts(pairs, selected) {
  return pairs.map(([value, label]) => h("option", { value, selected: value === selected }, label));
}

function select(pairs, attrs = {}) {
  return h("select", attrs, opts(pairs, attrs.value));
}

/** A control that takes the spec path `name` for 422 details (set while it is shown). */
function named(el, name) {
  el.dataset.name = name;
  return el;
}

/** A labelled checkbox with its own error line (for showFieldErrors). */
function checkbox(label, name, { hint, checked = false } = {}) {
  const id = nextId("m-cb");
  const input = named(h("input", { type: "checkbox", id, checked }), name);
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  input.setAttribute("aria-describedby", [hintEl ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" "));
  const wrap = h("div", { class: "field" }, h("div", { class: "checkbox" }, input, h("label", { for: id }, label)), hintEl,
    h("p", { class: "field-error", id: `${id}-error`, role: "alert", hidden: true }));
  return { wrap, input };
}

/** A group of checkboxes (weekdays, proof kinds) named as one field. */
function checkGroup(legend, name, pairs, { hint } = {}) {
  const id = nextId("m-group");
  const boxes = pairs.map(([value, label]) => {
    const boxId = nextId("m-opt");
    return { value, input: h("input", { type: "checkbox", id: boxId, value }), label: h("label", { for: boxId }, label) };
  });
  const group = named(h("fieldset", { class: "check-group", id }), name);
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  group.setAttribute("aria-describedby", [hintEl ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" "));
  replace(group, h("legend", {}, legend), h("div", { class: "check-row" }, boxes.map((b) => h("span", { class: "checkbox" }, b.input, b.label))),
    hintEl, h("p", { class: "field-error", id: `${id}-error`, role: "alert", hidden: true }));
  return {
    wrap: group,
    get: () => boxes.filter((b) => b.input.checked).map((b) => b.value),
    set: (values) => { for (const b of boxes) b.input.checked = (values || []).includes(b.value); },
    boxes,
  };
}

/** Shows a stored instant in a datetime-local input, remembering it exactly: the input holds
 * minutes only, and an unchanged field must send back the same instant (seconds included), or an
 * active recurring mission's edit would move its start (409 schedule_locked). */
function keepInstant(input, iso) {
  input.value = isoToLocal(iso);
  input.dataset.iso = iso || "";
  input.dataset.shown = input.value;
}

function instant(input) {
  if (input.dataset.iso && input.value === input.dataset.shown) return input.dataset.iso;
  return localToIso(input.value);
}

function selectedValues(sel) {
  return [...sel.selectedOptions].map((o) => o.value);
}

function ensureOption(sel, value, label = value) {
  if (value == null || value === "") return;
  if (![...sel.options].some((o) => o.value === value)) sel.append(h("option", { value }, label));
}

function setMulti(sel, values) {
  for (const v of values || []) ensureOption(sel, v);
  for (const o of sel.options) o.selected = (values || []).includes(o.value);
}

function text(input) {
  const v = input.value.trim();
  return v === "" ? undefined : v;
}

/** An integer if the text is one, else the text itself (the API names what is wrong with it). */
function int(input) {
  const v = text(input);
  if (v === undefined) return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

function list(input) {
  const v = text(input);
  return v === undefined ? [] : v.split(",").map((s) => s.trim()).filter(Boolean);
}

async function safely(load, fallback) {
  try {
    return await load();
  } catch {
    return fallback;
  }
}

/** The references the form offers: categories, quests, items, segments, tiers, other missions. */
async function references(api, missionId) {
  const [categories, quests, items, segments, tiers, missions, eventTypes] = await Promise.all([
    safely(() => api.get("/v1/categories"), []),
    safely(() => api.get("/v1/quests"), []),
    safely(() => api.all("/v1/items", { limit: 500 }), []),
    safely(() => api.get("/v1/segments"), []),
    safely(async () => (await api.get("/v1/tiers")).tiers || [], []),
    safely(() => api.all("/v1/missions", { limit: 500 }, 2000), []),
    safely(async () => (await api.get("/v1/event-types")).items || [], []),
  ]);
  return { categories, quests, items, segments, tiers, eventTypes, missions: missions.filter((m) => m.id !== missionId && m.status !== "archived") };
}

/** Renders the form for a new mission (`mission` null) or for editing one. */
export async function renderForm(ctx, mission) {
  stylesheet("pages/missions.css");
  const { api, root, navigate, href } = ctx;
  const refs = await references(api, mission && mission.id);
  const editing = Boolean(mission);
  const active = editing && mission.status === "active";
  const shown = []; // [element, () => visible]
  const when = (el, test) => { shown.push([el, test]); return el; };

  // --- basics --------------------------------------------------------------------------------
  const name = named(h("input", { type: "text", autocomplete: "off", maxlength: "200" }), "name");
  const description = named(h("textarea", { rows: "3" }), "description");
  const type = named(select(TYPES, { value: "generally_available" }), "type");
  const optIn = checkbox("Users must opt in", "opt_in", { hint: "Progress counts only after the user presses opt in." });
  const category = named(select([["", "No category"], ...refs.categories.map((c) => [c.id, c.name])]), "category_id");
  const quest = named(select([["", "No quest"], ...refs.quests.map((q) => [q.id, q.name])]), "quest_id");

  // --- schedule ------------------------------------------------------------------------------
  const offsetHint = `In your browser's time (${browserOffset()}); sent with that offset.`;
  const startAt = named(h("input", { type: "datetime-local" }), "start_at");
  const endAt = named(h("input", { type: "datetime-local" }), "end_at");
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const zoneList = h("datalist", { id: "m-zones" }, ["UTC", ...zones.filter((z) => z !== "UTC")].map((z) => h("option", { value: z })));
  const timezone = named(h("input", { type: "text", list: "m-zones", value: "UTC", autocomplete: "off", spellcheck: "false" }), "timezone");
  const ttc = named(h("input", { type: "text", placeholder: "P7D", autocomplete: "off", spellcheck: "false" }), "time_to_complete");
  const maxCompletions = named(h("input", { type: "number", min: "1", step: "1", inputmode: "numeric" }), "max_completions");
  const recEvery = named(select([["day", "Every day"], ["week", "Every week, on weekdays"], ["month", "Every month, on a day"], ["duration", "Every fixed duration"]]), "recurrence");
  const recWeekdays = checkGroup("Weekdays", "recurrence.weekdays", WEEKDAYS);
  const recDay = named(h("input", { type: "number", min: "1", max: "31", step: "1", inputmode: "numeric" }), "recurrence.day");
  const recDuration = named(h("input", { type: "text", placeholder: "P90D", autocomplete: "off", spellcheck: "false" }), "recurrence.every");

  // --- unlock (locked) and trigger (featured) -------------------------------------------------
  const afterMissions = named(h("select", { multiple: true, size: String(Math.min(6, Math.max(3, refs.missions.length))) },
    refs.missions.map((m) => h("option", { value: m.id }, `${m.name} (${m.status})`))), "unlock.after_missions");
  const minTier = named(select([["", "No tier needed"], ...refs.tiers.map((t) => [t.name, t.name])]), "unlock.min_tier");
  const hiddenUntil = checkbox("Hidden until unlocked", "unlock.hidden_until_unlocked", { hint: "Otherwise users see it in their Locked tab." });
  const trigger = named(select([["", "No trigger"], ...refs.segments.map((s) => [s.id, s.name])]), "trigger.segment");

  // --- goal ------------------------------------------------------------------------------------
  const goalKind = named(select([["event", "Events"], ["manual", "Manual proof"], ["social", "Social action"]]), "goal.kind");
  // Suggestions: the system event types and the custom types seen (GET /v1/event-types).
  const eventTypeList = h("datalist", { id: nextId("m-event-types") },
    refs.eventTypes.map((t) => h("option", { value: t.type }, t.system ? t.description : `seen ${t.count}×`)));
  const eventType = named(h("input", { type: "text", autocomplete: "off", spellcheck: "false", placeholder: "deposit", list: eventTypeList.id }), "goal.event_type");
  const tags = named(h("input", { type: "text", autocomplete: "off", placeholder: "yoga, morning" }), "goal.tags");
  const tagMatch = named(select([["any", "Any of the tags"], ["all", "All of the tags"]]), "goal.tag_match");
  const measure = select([["count", "A number of events"], ["sum", "Values adding up to an amount"], ["range", "One event with a value in a range"]]);
  const count = named(h("input", { type: "number", min: "1", step: "1", inputmode: "numeric", value: "1" }), "goal.count");
  const amountMin = named(h("input", { type: "text", inputmode: "decimal", autocomplete: "off" }), "goal.amount_min");
  const amountMax = named(h("input", { type: "text", inputmode: "decimal", autocomplete: "off" }), "goal.amount_max");
  const streak = checkbox("A streak: meet this in consecutive periods", "goal.streak");
  const streakPeriod = named(select([["day", "Day"], ["week", "Week"]]), "goal.streak.period");
  const streakPeriods = named(h("input", { type: "number", min: "1", max: "366", step: "1", inputmode: "numeric", value: "7" }), "goal.streak.periods");

  const proof = checkGroup("Proof the user may submit", "goal.proof", PROOFS);
  const approvalMode = named(select([["manual", "An admin approves"], ["auto", "Approved at once"], ["rule", "By rule (points or segment)"]]), "goal.approval.mode");
  const approvalPoints = named(h("input", { type: "number", min: "0", step: "1", inputmode: "numeric" }), "goal.approval.min_points");
  const approvalSegment = named(select([["", "No segment"], ...refs.segments.map((s) => [s.id, s.name])]), "goal.approval.segment");
  const questionsBox = named(h("div", { class: "questions", id: nextId("m-questions") }), "goal.questions");
  const questionsError = h("p", { class: "field-error", id: `${questionsBox.id}-error`, role: "alert", hidden: true });
  const questions = [];

  const platform = named(select(Object.keys(SOCIAL).map((p) => [p, PLATFORM_LABELS[p]])), "goal.platform");
  const action = named(h("select"), "goal.action");
  const target = named(h("input", { type: "text", autocomplete: "off", spellcheck: "false" }), "goal.target");
  const socialCount = named(h("input", { type: "number", min: "1", max: "1000", step: "1", inputmode: "numeric", value: "1" }), "goal.count");
  const targetField = field("Target", target, { hint: " " });
  const verifyLabel = named(h("input", { type: "text", autocomplete: "off", maxlength: "40", placeholder: "Done! Check it" }), "goal.verify_label");

  // --- reward, budget, audience, links ----------------------------------------------------------
  const rewardKind = named(select([["none", "No reward"], ["points", "Points"], ["item", "A shop item"], ["direct", "A direct reward (named gift)"]]), "reward");
  const rewardPoints = named(h("input", { type: "number", min: "1", step: "1", inputmode: "numeric" }), "reward.points");
  const rewardItem = named(select(refs.items.map((i) => [i.id, `${i.name}${i.stock != null ? ` (${i.stock} in stock)` : ""}`])), "reward.item");
  const rewardDirect = named(h("input", { type: "text", autocomplete: "off", placeholder: "Gift card" }), "reward.direct");
  const capKind = named(select([["none", "No cap"], ["points", "Points granted"], ["completions", "Completions"]]), "budget_cap");
  const capPoints = named(h("input", { type: "number", min: "1", step: "1", inputmode: "numeric" }), "budget_cap.points");
  const capCompletions = named(h("input", { type: "number", min: "1", step: "1", inputmode: "numeric" }), "budget_cap.completions");
  const segments = named(h("select", { multiple: true, size: String(Math.min(5, Math.max(3, refs.segments.length))) },
    refs.segments.map((s) => h("option", { value: s.id }, s.name))), "segments");
  const tiers = named(h("select", { multiple: true, size: String(Math.min(5, Math.max(3, refs.tiers.length))) },
    refs.tiers.map((t) => h("option", { value: t.name }, t.name))), "tiers");
  const callbackUrl = named(h("input", { type: "url", autocomplete: "off", placeholder: "https://example.com/hooks/questline" }), "callback_url");
  const buttonLabel = named(h("input", { type: "text", autocomplete: "off", placeholder: "Deposit now" }), "action_button.label");
  const buttonUrl = named(h("input", { type: "url", autocomplete: "off", placeholder: "https://example.com/deposit or myapp://deposit" }), "action_button.url");
  const imageCard = named(h("input", { type: "url", autocomplete: "off" }), "images.card");
  const imagePage = named(h("input", { type: "url", autocomplete: "off" }), "images.page");
  // Who the mission's magic link opens it for (the spec's `audience`; the mission page can override it on the link).
  const linkAudience = named(h("select", {}, h("option", { value: "" }, "Registered users (default)"),
    h("option", { value: "anyone" }, "Anyone, also people who are not users yet"),
    refs.segments.map((s) => h("option", { value: `segment:${s.id}` }, `Members of ${s.name}`))), "audience");

  function addQuestion(q = {}) {
    const n = questions.length;
    const row = {
      id: named(h("input", { type: "text", autocomplete: "off", value: q.id || `q${n + 1}` }), `goal.questions.${n}.id`),
      text: named(h("input", { type: "text", autocomplete: "off", value: q.text || "" }), `goal.questions.${n}.text`),
      choices: named(h("input", { type: "text", autocomplete: "off", value: (q.choices || []).join(", ") }), `goal.questions.${n}.choices`),
    };
    row.el = h("div", { class: "question" },
      field(`Question ${n + 1} id`, row.id),
      field(`Question ${n + 1}`, row.text),
      field(`Question ${n + 1} choices`, row.choices, { hint: "Comma-separated; empty for a free answer." }),
      button(`Remove question ${n + 1}`, () => {
        questions.splice(questions.indexOf(row), 1);
        row.el.remove();
        update();
      }, { kind: "ghost", class: "btn btn-ghost remove" }));
    questions.push(row);
    questionsBox.append(row.el);
    update();
  }

  // --- layout ------------------------------------------------------------------------------------
  const alert = h("div", { class: "form-alert", role: "alert", tabindex: "-1", hidden: true });
  const lintBox = h("section", { class: "notice lint-panel", id: "mission-lint", "aria-labelledby": "mission-lint-title", tabindex: "-1", hidden: true });
  const typeHint = active ? "The type and the goal's kind cannot change once a mission is active." : null;
  if (active) { type.disabled = true; goalKind.disabled = true; }

  const recurrenceSet = when(h("fieldset", {}, h("legend", {}, "Recurrence"),
    h("div", { class: "form-grid" },
      field("Resets", recEvery),
      when(field("Day of the month", recDay, { hint: "1–31; a shorter month resets on its last day." }), () => recEvery.value === "month"),
      when(field("Every", recDuration, { hint: DURATION_HINT }), () => recEvery.value === "duration")),
    when(recWeekdays.wrap, () => recEvery.value === "week"),
    h("p", { class: "hint" }, "Resets are computed in the mission's time zone.")), () => type.value === "recurring");

  const eventSet = when(h("div", { class: "goal-part" },
    h("div", { class: "form-grid" },
      field("Event type", eventType, { hint: "Pick a system event (questline.…) or a type your app sends." }),
      eventTypeList,
      field("Measure", measure),
      when(field("Number of events", count), () => measure.value === "count"),
      when(field("Minimum amount", amountMin, { hint: "For a range: min ≤ value < max." }), () => measure.value !== "count"),
      when(field("Maximum amount", amountMax), () => measure.value === "range"),
      field("Tags", tags, { hint: "Comma-separated; empty counts every event of the type." }),
      when(field("Tag match", tagMatch), () => list(tags).length > 0)),
    when(h("div", {}, streak.wrap,
      when(h("div", { class: "form-grid" }, field("Streak period", streakPeriod), field("Periods in a row", streakPeriods)), () => streak.input.checked)),
    () => measure.value !== "range")), () => goalKind.value === "event");

  const manualSet = when(h("div", { class: "goal-part" },
    proof.wrap,
    h("div", { class: "form-grid" },
      field("Approval", approvalMode),
      when(field("Auto-approve from points", approvalPoints, { hint: "Users holding at least this many points." }), () => approvalMode.value === "rule"),
      when(field("Auto-approve segment", approvalSegment), () => approvalMode.value === "rule")),
    when(h("fieldset", { class: "nested" }, h("legend", {}, "Survey questions"), questionsBox, questionsError,
      button("Add a question", () => addQuestion(), { kind: "secondary" })), () => proof.get().includes("survey"))),
  () => goalKind.value === "manual");

  const socialSet = when(h("div", { class: "goal-part" },
    h("div", { class: "form-grid" },
      field("Platform", platform),
      field("Action", action, { hint: "Only actions the platform's API can verify." }),
      targetField,
      when(field("Number of posts", socialCount), () => COUNTED.has(action.value)),
      field("Verify button label", verifyLabel, { hint: "Optional, at most 40 characters; empty: the widget's own." }))),
  () => goalKind.value === "social");

  const form = h("form", { class: "mission-form", novalidate: true, "aria-labelledby": "mission-form-title" },
    alert,
    h("fieldset", {}, h("legend", {}, "Mission"),
      field("Name", name),
      field("Description", description, { hint: "Shown to users as text." }),
      h("div", { class: "form-grid" },
        field("Type", type, { hint: typeHint || "What makes the mission visible and progressable." }),
        field("Category", category),
        field("Quest", quest)),
      optIn.wrap),
    h("fieldset", {}, h("legend", {}, "Schedule"),
      h("div", { class: "form-grid" },
        field("Starts", startAt, { hint: offsetHint }),
        field("Ends", endAt, { hint: offsetHint }),
        field("Time zone", timezone, { hint: "IANA name (resets and streak periods use it)." }),
        when(field("Time to complete", ttc, { hint: DURATION_HINT }), () => type.value !== "recurring_on_completion"),
        when(field("Maximum completions", maxCompletions, { hint: "Empty: no limit." }), () => type.value === "recurring_on_completion")),
      zoneList),
    recurrenceSet,
    when(h("fieldset", {}, h("legend", {}, "Unlock"),
      field("After completing", afterMissions, { hint: "Ctrl/Cmd-click to choose several (or none)." }),
      h("div", { class: "form-grid" }, field("Minimum tier", minTier)),
      hiddenUntil.wrap), () => type.value === "locked"),
    when(h("fieldset", {}, h("legend", {}, "Trigger"),
      field("Grant to everyone entering", trigger, { hint: "Its current members are granted it on activation." })), () => type.value === "featured"),
    h("fieldset", {}, h("legend", {}, "Goal"),
      h("div", { class: "form-grid" }, field("Goal kind", goalKind, { hint: typeHint || undefined })),
      eventSet, manualSet, socialSet),
    h("fieldset", {}, h("legend", {}, "Reward and budget"),
      h("div", { class: "form-grid" },
        field("Reward", rewardKind),
        when(field("Points", rewardPoints), () => rewardKind.value === "points"),
        when(field("Item", rewardItem, { hint: refs.items.length ? null : "The shop has no items yet." }), () => rewardKind.value === "item"),
        when(field("Reward name", rewardDirect), () => rewardKind.value === "direct"),
        field("Budget cap", capKind, { hint: "New users stop starting once it is reached." }),
        when(field("Points cap", capPoints), () => capKind.value === "points"),
        when(field("Completions cap", capCompletions), () => capKind.value === "completions"))),
    h("fieldset", {}, h("legend", {}, "Audience"),
      h("div", { class: "form-grid" },
        field("Segments", segments, { hint: refs.segments.length ? "Only their members see it; none: everyone." : "No segments defined." }),
        field("Tiers", tiers, { hint: refs.tiers.length ? "Only these tiers see it; none: every tier." : "No tiers defined." }))),
    h("fieldset", {}, h("legend", {}, "Links and images"),
      h("div", { class: "form-grid" },
        field("Action button label", buttonLabel),
        field("Action button URL", buttonUrl),
        field("Card image URL", imageCard),
        field("Page image URL", imagePage),
        field("Magic link opens for", linkAudience, { hint: "Who the mission's shareable link opens it for." }),
        field("Callback URL", callbackUrl, { hint: "Told of each completion (signed POST)." }))),
  );

  const saveLabel = active ? "Save as new revision" : "Save draft";
  const saveBtn = button(saveLabel, null, { kind: "primary", type: "submit" });
  const activateBtn = active ? null : button(editing ? "Save and activate" : "Create and activate", () => save(true), { kind: "secondary" });
  const checkBtn = button("Check", () => check(), { kind: "secondary", "aria-describedby": "mission-check-hint" });
  form.append(lintBox, h("p", { class: "muted lint-hint", id: "mission-check-hint" }, "Check lints the mission as it stands, without saving: what cannot work, and what probably is not meant."));
  form.append(h("div", { class: "form-actions" }, saveBtn, activateBtn, checkBtn,
    h("a", { class: "btn btn-ghost", href: editing ? href("missions", mission.id) : href("missions") }, "Cancel")));

  // --- behaviour ------------------------------------------------------------------------------------
  function refreshActions() {
    const allowed = SOCIAL[platform.value] || [];
    const current = action.value;
    replace(action, allowed.map((a) => h("option", { value: a, selected: a === current }, a.replace(/_/g, " "))));
    if (!allowed.includes(current)) action.value = allowed[0];
    const [label, hint] = TARGET_LABELS[action.value] || ["Target", ""];
    targetField.querySelector("label").textContent = label;
    targetField.querySelector(".hint").textContent = hint;
  }

  function update() {
    for (const [el, test] of shown) el.hidden = !test();
    for (const [i, q] of questions.entries()) {
      q.id.dataset.name = `goal.questions.${i}.id`;
      q.text.dataset.name = `goal.questions.${i}.text`;
      q.choices.dataset.name = `goal.questions.${i}.choices`;
    }
    // Only shown controls answer to a spec path: the event goal's and the social goal's `goal.count` never clash.
    for (const el of form.querySelectorAll("[data-name]")) {
      if (el.closest("[hidden]")) delete el.dataset.field;
      else el.dataset.field = el.dataset.name;
    }
  }

  for (const el of [type, goalKind, measure, recEvery, approvalMode, rewardKind, capKind, streak.input, tags, ...proof.boxes.map((b) => b.input)]) {
    el.addEventListener(el.tagName === "INPUT" && el.type === "text" ? "input" : "change", update);
  }
  platform.addEventListener("change", () => { refreshActions(); update(); });
  action.addEventListener("change", () => { refreshActions(); update(); });
  for (const b of proof.boxes) {
    if (b.value === "survey") b.input.addEventListener("change", () => { if (b.input.checked && !questions.length) addQuestion(); });
  }

  function collect() {
    const spec = { name: name.value.trim(), type: type.value, opt_in: optIn.input.checked, timezone: text(timezone) || "UTC" };
    const put = (key, value) => { if (value !== undefined && value !== null && value !== "") spec[key] = value; };
    put("description", description.value.trim() ? description.value : undefined);
    put("start_at", instant(startAt));
    put("end_at", instant(endAt));
    if (type.value !== "recurring_on_completion") put("time_to_complete", text(ttc));
    if (type.value === "recurring_on_completion") put("max_completions", int(maxCompletions));
    if (type.value === "recurring") {
      const rec = { every: recEvery.value === "duration" ? text(recDuration) || "" : recEvery.value };
      if (recEvery.value === "week") rec.weekdays = recWeekdays.get();
      if (recEvery.value === "month") rec.day = int(recDay);
      spec.recurrence = rec;
    }
    if (type.value === "locked") {
      const unlock = { after_missions: selectedValues(afterMissions), hidden_until_unlocked: hiddenUntil.input.checked };
      if (minTier.value) unlock.min_tier = minTier.value;
      spec.unlock = unlock;
    }
    if (type.value === "featured" && trigger.value) spec.trigger = { segment: trigger.value };
    if (goalKind.value === "event") {
      const goal = { kind: "event", event_type: text(eventType) || "", tags: list(tags) };
      if (goal.tags.length) goal.tag_match = tagMatch.value;
      if (measure.value === "count") goal.count = int(count);
      else goal.amount_min = text(amountMin);
      if (measure.value === "range") goal.amount_max = text(amountMax);
      if (measure.value !== "range" && streak.input.checked) goal.streak = { period: streakPeriod.value, periods: int(streakPeriods) };
      for (const k of Object.keys(goal)) if (goal[k] === undefined) delete goal[k];
      spec.goal = goal;
    } else if (goalKind.value === "manual") {
      const approval = { mode: approvalMode.value };
      if (approvalMode.value === "rule") {
        if (int(approvalPoints) !== undefined) approval.min_points = int(approvalPoints);
        if (approvalSegment.value) approval.segment = approvalSegment.value;
      }
      const goal = { kind: "manual", proof: proof.get(), approval };
      if (goal.proof.includes("survey")) {
        goal.questions = questions.map((q) => {
          const out = { id: q.id.value.trim(), text: q.text.value.trim() };
          if (list(q.choices).length) out.choices = list(q.choices);
          return out;
        });
      }
      spec.goal = goal;
    } else {
      const goal = { kind: "social", platform: platform.value, action: action.value, target: target.value.trim() };
      if (COUNTED.has(action.value)) goal.count = int(socialCount) ?? 1;
      if (text(verifyLabel)) goal.verify_label = text(verifyLabel);
      spec.goal = goal;
    }
    if (rewardKind.value === "points") spec.reward = { points: int(rewardPoints) ?? null };
    else if (rewardKind.value === "item") spec.reward = { item: rewardItem.value || null };
    else if (rewardKind.value === "direct") spec.reward = { direct: text(rewardDirect) ?? null };
    if (capKind.value === "points") spec.budget_cap = { points: int(capPoints) ?? null };
    else if (capKind.value === "completions") spec.budget_cap = { completions: int(capCompletions) ?? null };
    spec.segments = selectedValues(segments);
    spec.tiers = selectedValues(tiers);
    put("category_id", category.value || undefined);
    put("quest_id", quest.value || undefined);
    put("callback_url", text(callbackUrl));
    if (text(buttonLabel) || text(buttonUrl)) spec.action_button = { label: text(buttonLabel) || "", url: text(buttonUrl) || "" };
    put("audience", linkAudience.value || undefined);
    if (text(imageCard) || text(imagePage)) {
      spec.images = {};
      if (text(imageCard)) spec.images.card = text(imageCard);
      if (text(imagePage)) spec.images.page = text(imagePage);
    }
    return spec;
  }

  function populate(spec) {
    name.value = spec.name || "";
    description.value = spec.description || "";
    type.value = spec.type || "generally_available";
    optIn.input.checked = Boolean(spec.opt_in);
    ensureOption(category, spec.category_id);
    category.value = spec.category_id || "";
    ensureOption(quest, spec.quest_id);
    quest.value = spec.quest_id || "";
    keepInstant(startAt, spec.start_at);
    keepInstant(endAt, spec.end_at);
    timezone.value = spec.timezone || "UTC";
    ttc.value = spec.time_to_complete != null ? String(spec.time_to_complete) : "";
    maxCompletions.value = spec.max_completions ?? "";
    const rec = spec.recurrence;
    if (rec) {
      const calendar = ["day", "week", "month"].includes(rec.every);
      recEvery.value = calendar ? rec.every : "duration";
      recDuration.value = calendar ? "" : String(rec.every);
      recWeekdays.set(rec.weekdays);
      recDay.value = rec.day ?? "";
    }
    const unlock = spec.unlock || {};
    setMulti(afterMissions, unlock.after_missions);
    ensureOption(minTier, unlock.min_tier);
    minTier.value = unlock.min_tier || "";
    hiddenUntil.input.checked = Boolean(unlock.hidden_until_unlocked);
    ensureOption(trigger, spec.trigger && spec.trigger.segment);
    trigger.value = (spec.trigger && spec.trigger.segment) || "";
    const goal = spec.goal || { kind: "event" };
    goalKind.value = goal.kind;
    if (goal.kind === "event") {
      eventType.value = goal.event_type || "";
      tags.value = (goal.tags || []).join(", ");
      tagMatch.value = goal.tag_match || "any";
      measure.value = goal.amount_max != null ? "range" : goal.amount_min != null ? "sum" : "count";
      count.value = goal.count ?? "1";
      amountMin.value = goal.amount_min ?? "";
      amountMax.value = goal.amount_max ?? "";
      streak.input.checked = Boolean(goal.streak);
      if (goal.streak) { streakPeriod.value = goal.streak.period; streakPeriods.value = goal.streak.periods; }
    } else if (goal.kind === "manual") {
      proof.set(goal.proof);
      const approval = goal.approval || { mode: "manual" };
      approvalMode.value = approval.mode;
      approvalPoints.value = approval.min_points ?? "";
      ensureOption(approvalSegment, approval.segment);
      approvalSegment.value = approval.segment || "";
      for (const q of goal.questions || []) addQuestion(q);
    } else if (goal.kind === "social") {
      platform.value = goal.platform;
      refreshActions();
      action.value = goal.action;
      target.value = goal.target || "";
      socialCount.value = goal.count ?? 1;
      verifyLabel.value = goal.verify_label || "";
    }
    const reward = spec.reward;
    rewardKind.value = !reward ? "none" : reward.points != null ? "points" : reward.item != null ? "item" : "direct";
    if (reward && reward.points != null) rewardPoints.value = reward.points;
    if (reward && reward.item != null) { ensureOption(rewardItem, reward.item); rewardItem.value = reward.item; }
    if (reward && reward.direct != null) rewardDirect.value = reward.direct;
    const cap = spec.budget_cap;
    capKind.value = !cap ? "none" : cap.points != null ? "points" : "completions";
    if (cap && cap.points != null) capPoints.value = cap.points;
    if (cap && cap.completions != null) capCompletions.value = cap.completions;
    setMulti(segments, spec.segments);
    setMulti(tiers, spec.tiers);
    callbackUrl.value = spec.callback_url || "";
    buttonLabel.value = (spec.action_button && spec.action_button.label) || "";
    buttonUrl.value = (spec.action_button && spec.action_button.url) || "";
    imageCard.value = (spec.images && spec.images.card) || "";
    imagePage.value = (spec.images && spec.images.page) || "";
    if (spec.audience && ![...linkAudience.options].some((o) => o.value === spec.audience)) {
      linkAudience.append(h("option", { value: spec.audience }, spec.audience));
    }
    linkAudience.value = spec.audience || "";
  }

  function showAlert(title, lines = []) {
    replace(alert, h("strong", {}, title), lines.length ? h("ul", {}, lines.map((l) => h("li", {}, l))) : null);
    alert.hidden = false;
  }

  /** Lints the spec as it stands (as a version of the mission being edited); nothing is saved. */
  async function check() {
    if (busy) return;
    busy = true;
    checkBtn.disabled = true;
    clearFieldErrors(form);
    alert.hidden = true;
    lintBox.hidden = true;
    let report;
    try {
      report = await api.post("/v1/missions/lint", collect(), editing ? { mission_id: mission.id } : undefined);
    } catch (err) {
      const problems = fieldProblems(err);
      const unmatched = problems.length ? showFieldErrors(form, { fieldErrors: () => problems }) : [];
      if (err.status === 422) showAlert(`Not checked: fix the field${problems.length > 1 ? "s" : ""} marked below first.`, unmatched.length ? unmatched : problems.length ? [] : [err.message]);
      else { replace(alert, errorBox(err)); alert.hidden = false; }
      alert.focus();
      return;
    } finally {
      busy = false;
      checkBtn.disabled = false;
    }
    showLint(report.findings, "Check");
  }

  /** The findings beside the fields they name, and listed above the actions. */
  function showLint(findings, what) {
    showFieldErrors(form, { fieldErrors: () => lintProblems(findings) });
    replace(lintBox,
      h("h2", { id: "mission-lint-title" }, findings.length ? `${what}: ${lintCount(findings)}` : `${what}: no problems found`),
      findings.length ? lintList(findings) : h("p", { class: "muted" }, "Nothing in this mission looks wrong to the lint."));
    lintBox.hidden = false;
    lintBox.focus();
  }

  let busy = false;
  async function save(andActivate = false) {
    if (busy) return;
    busy = true;
    saveBtn.disabled = true;
    if (activateBtn) activateBtn.disabled = true;
    clearFieldErrors(form);
    alert.hidden = true;
    const spec = collect();
    let saved;
    try {
      if (!editing) {
        saved = await api.post("/v1/missions", spec);
      } else {
        const body = { ...spec };
        for (const key of Object.keys(specOf(mission))) if (!(key in body)) body[key] = null;
        if (active) { delete body.type; }
        saved = await api.patch(`/v1/missions/${encodeURIComponent(mission.id)}`, body);
      }
    } catch (err) {
      busy = false;
      saveBtn.disabled = false;
      if (activateBtn) activateBtn.disabled = false;
      const problems = fieldProblems(err);
      const unmatched = problems.length ? showFieldErrors(form, { fieldErrors: () => problems }) : [];
      const nothing = editing ? "Nothing was changed" : "Nothing was created";
      if (err.status === 422) {
        showAlert(`${nothing}: fix the field${problems.length > 1 ? "s" : ""} marked below.`, unmatched.length ? unmatched : problems.length ? [] : [err.message]);
      } else if (err.status === 409) {
        const why = { schedule_locked: "The schedule of an active recurring mission is locked", immutable_field: "This field cannot change once the mission is active", mission_archived: "An archived mission cannot change" }[err.code];
        showAlert(`${nothing}: ${why || "the mission's state does not allow this"} (${err.code}).`, [err.message]);
      } else {
        replace(alert, errorBox(err));
        alert.hidden = false;
      }
      const invalid = form.querySelector('[aria-invalid="true"]');
      alert.scrollIntoView({ block: "nearest" });
      (invalid && problems.length && !unmatched.length ? invalid : alert).focus();
      return;
    }
    if (andActivate) {
      try {
        saved = await api.post(`/v1/missions/${encodeURIComponent(saved.id)}/activate`);
        handOver(saved.id, saved.lint_warnings || []);
        toast(`“${saved.name}” is active.`);
      } catch (err) {
        if (err.code === "lint_failed") {
          handOver(saved.id, lintFindings(err), { refused: true });
          toast("Saved as a draft, but not activated: the lint found errors.", "error");
        } else {
          toast(`Saved as a draft, but not activated: ${err.message}`, "error");
        }
      }
    } else {
      toast(active ? `Saved as revision ${saved.revision}.` : editing ? "Draft saved." : "Draft created.");
    }
    navigate("missions", saved.id);
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    save(false);
  });

  refreshActions();
  if (mission) populate(specOf(mission));
  update();

  const title = editing ? `Edit “${mission.name}”` : "New mission";
  const header = pageHeader(title);
  header.querySelector("h1").id = "mission-form-title";
  const intro = editing
    ? h("p", { class: "muted intro" }, active
      ? `Active, revision ${mission.revision}: saving makes revision ${mission.revision + 1}; running journeys take it up and keep their progress.`
      : `${mission.status === "draft" ? "Draft" : mission.status}: saved in place. ${typeLabel(mission.type)}.`)
    : h("p", { class: "muted intro" }, "A new mission starts as a draft: invisible to users until you activate it.");
  replace(root, h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: href("missions") }, "Missions"),
    editing ? [" / ", h("a", { href: href("missions", mission.id) }, mission.name)] : null), header, intro, form);
  name.focus();
}
