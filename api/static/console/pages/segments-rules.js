// Segment rules (docs/missions.md §7) for people: a rule in words, and a builder of conditions
// joined by "all" or "any", kept in step with the rule's JSON (which may be edited directly).
import { h, replace, button, field } from "../ui.js";
import { select, input } from "./ops-common.js";

const OPS = { eq: "=", ne: "≠", gt: ">", gte: "≥", lt: "<", lte: "≤", in: "is one of", contains: "contains", exists: "is set" };

function show(value) {
  if (Array.isArray(value)) return value.map(show).join(", ");
  return typeof value === "string" ? `“${value}”` : String(value);
}

/** A rule in words: `country = “FR” and points ≥ 100`. */
export function describeRule(rule, nested = false) {
  if (!rule || typeof rule !== "object") return String(rule);
  const [kind, arg] = Object.entries(rule)[0] || [];
  switch (kind) {
    case "points_at_least":
      return `points ≥ ${arg}`;
    case "tier_in":
      return `tier is one of ${(arg || []).join(", ")}`;
    case "attribute":
      return arg.op === "exists" ? `${arg.name} is set` : `${arg.name} ${OPS[arg.op] || arg.op} ${show(arg.value)}`;
    case "joined_before":
      return `joined before ${arg}`;
    case "joined_after":
      return `joined on or after ${arg}`;
    case "completed_mission":
      return `completed mission ${arg}`;
    case "inactive_for":
      return `inactive for ${arg}`;
    case "not":
      return `not (${describeRule(arg, true)})`;
    case "all":
    case "any": {
      const text = (arg || []).map((r) => describeRule(r, true)).join(kind === "all" ? " and " : " or ");
      return nested && arg.length > 1 ? `(${text})` : text || (kind === "all" ? "everyone" : "no one");
    }
    default:
      return JSON.stringify(rule);
  }
}

const KINDS = [
  ["attribute", "Attribute"],
  ["points_at_least", "Points at least"],
  ["tier_in", "Tier is one of"],
  ["joined_before", "Joined before"],
  ["joined_after", "Joined on or after"],
  ["completed_mission", "Completed mission"],
  ["inactive_for", "Inactive for"],
];

/** "12" → 12, "true" → true, else the text. */
function scalar(text) {
  const t = text.trim();
  if (t === "true" || t === "false") return t === "true";
  if (t !== "" && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

let counter = 0;

function conditionRow(onChange, onRemove, tiers, initial) {
  const n = ++counter;
  const kind = select(KINDS, { "aria-label": "Condition", class: "cond-kind" }, initial ? Object.keys(initial)[0] : "attribute");
  const inputsBox = h("div", { class: "cond-inputs" });
  let read = () => null;

  function build(prefill) {
    const k = kind.value;
    const arg = prefill && Object.keys(prefill)[0] === k ? prefill[k] : undefined;
    if (k === "attribute") {
      const name = input({ value: arg?.name ?? "", placeholder: "country", class: "cond-attr-name" });
      const op = select(Object.entries(OPS).map(([v, l]) => [v, `${l} (${v})`]), { class: "cond-op" }, arg?.op ?? "eq");
      const value = input({ value: arg && arg.value !== undefined ? (Array.isArray(arg.value) ? arg.value.join(", ") : String(arg.value)) : "", placeholder: "FR", class: "cond-value" });
      const valueField = field("Value", value, { id: `cond-${n}-value`, hint: "For “is one of”, separate values with commas." });
      op.addEventListener("change", () => { valueField.hidden = op.value === "exists"; onChange(); });
      valueField.hidden = op.value === "exists";
      replace(inputsBox, field("Attribute", name, { id: `cond-${n}-name` }), field("Test", op, { id: `cond-${n}-op` }), valueField);
      read = () => {
        const cond = { name: name.value.trim(), op: op.value };
        if (op.value === "in") cond.value = value.value.split(",").map(scalar).filter((v) => v !== "");
        else if (op.value !== "exists") cond.value = scalar(value.value);
        return { attribute: cond };
      };
    } else if (k === "points_at_least") {
      const v = input({ type: "number", min: 0, step: 1, value: arg ?? "" });
      replace(inputsBox, field("Points", v, { id: `cond-${n}-points` }));
      read = () => ({ points_at_least: v.value === "" ? null : Number(v.value) });
    } else if (k === "tier_in") {
      const v = input({ value: (arg || []).join(", "), placeholder: tiers.join(", ") || "gold, platinum" });
      replace(inputsBox, field("Tiers", v, { id: `cond-${n}-tiers`, hint: tiers.length ? `Known tiers: ${tiers.join(", ")}` : "Separate tiers with commas." }));
      read = () => ({ tier_in: v.value.split(",").map((s) => s.trim()).filter(Boolean) });
    } else if (k === "joined_before" || k === "joined_after") {
      const v = input({ type: "datetime-local", value: arg ? String(arg).slice(0, 16) : "" });
      replace(inputsBox, field("Date and time (your time zone)", v, { id: `cond-${n}-when` }));
      read = () => ({ [k]: v.value ? new Date(v.value).toISOString() : "" });
    } else if (k === "completed_mission") {
      const v = input({ value: arg ?? "", placeholder: "mission id" });
      replace(inputsBox, field("Mission id", v, { id: `cond-${n}-mission` }));
      read = () => ({ completed_mission: v.value.trim() });
    } else {
      const v = input({ value: arg ?? "P30D", placeholder: "P30D" });
      replace(inputsBox, field("Duration (ISO 8601, e.g. P30D)", v, { id: `cond-${n}-duration` }));
      read = () => ({ inactive_for: v.value.trim() });
    }
    for (const el of inputsBox.querySelectorAll("input, select")) el.addEventListener("input", onChange);
  }

  kind.addEventListener("change", () => { build(null); onChange(); });
  build(initial);
  const kindField = field("Condition", kind, { id: `cond-${n}-kind` });
  const row = h("div", { class: "cond-row" }, kindField, inputsBox, button("Remove", () => onRemove(row), { kind: "ghost", "aria-label": `Remove condition ${n}` }));
  row.read = () => read();
  return row;
}

/** The builder: `node` to show, `value()` the rule (throws on bad JSON), `showJsonError(msg)`. */
export function ruleBuilder({ tiers = [], initial = null } = {}) {
  const rows = h("div", { class: "cond-rows" });
  const join = select([["all", "all of these (and)"], ["any", "any of these (or)"]], {}, initial && initial.any ? "any" : "all");
  const json = h("textarea", { class: "rule-json mono", rows: 4, spellcheck: "false" });
  const preview = h("p", { class: "hint rule-preview", "aria-live": "polite" });
  let jsonEdited = false;

  const sync = () => {
    jsonEdited = false;
    const conditions = [...rows.children].map((r) => r.read());
    const rule = conditions.length === 1 ? conditions[0] : { [join.value]: conditions };
    json.value = JSON.stringify(rule, null, 1).replace(/\n\s*/g, " ");
    preview.textContent = `Members: users whose ${describeRule(rule)}.`;
    json.removeAttribute("aria-invalid");
  };
  const remove = (row) => {
    row.remove();
    sync();
  };
  const add = (cond) => rows.append(conditionRow(sync, remove, tiers, cond));

  const top = initial && (initial.all || initial.any);
  if (top && top.every((c) => c && KINDS.some(([k]) => k in c))) top.forEach(add);
  else if (initial && KINDS.some(([k]) => k in initial)) add(initial);
  else if (!initial) add(null);
  join.addEventListener("change", sync);
  json.addEventListener("input", () => {
    jsonEdited = true;
    try {
      preview.textContent = `Members: users whose ${describeRule(JSON.parse(json.value))}.`;
      json.removeAttribute("aria-invalid");
    } catch {
      preview.textContent = "The JSON is not valid yet.";
    }
  });
  sync();
  if (initial && !rows.children.length) {
    json.value = JSON.stringify(initial);
    jsonEdited = true;
    preview.textContent = `Members: users whose ${describeRule(initial)}.`;
  }

  const jsonField = field("Rule as JSON", json, { name: "rule", id: "rule-json", hint: "Follows the conditions above; edit it for nesting (not, all inside any, …). What is here is what is saved." });
  const node = h(
    "fieldset",
    { class: "rule-builder" },
    h("legend", {}, "Rule"),
    field("Members match", join, { id: "rule-join" }),
    rows,
    h("div", { class: "actions" }, button("Add condition", () => { add(null); sync(); rows.lastElementChild.querySelector("select").focus(); }, { id: "add-condition" })),
    preview,
    jsonField,
  );
  return {
    node,
    value() {
      if (!jsonEdited) sync();
      try {
        return JSON.parse(json.value);
      } catch (err) {
        throw new Error(`The rule is not valid JSON: ${err.message}`);
      }
    },
    showJsonError(message) {
      json.setAttribute("aria-invalid", "true");
      const box = document.getElementById("rule-json-error");
      if (box) {
        box.textContent = message;
        box.hidden = false;
      }
      json.focus();
    },
  };
}
