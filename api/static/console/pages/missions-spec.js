// What the missions pages say about a mission spec: its goal, reward, schedule and budget in a few
// words, and which top-level fields changed between two revisions. Pure functions (no DOM).

export const TYPES = [
  ["generally_available", "Generally available"],
  ["locked", "Locked"],
  ["featured", "Featured"],
  ["recurring", "Recurring"],
  ["recurring_on_completion", "Recurring on completion"],
];

export const STATUSES = ["draft", "active", "paused", "archived"];

/** Every top-level field of MissionSpec (domain/missions.py), in the form's order. */
export const SPEC_FIELDS = [
  "name", "description", "type", "opt_in", "start_at", "end_at", "time_to_complete", "recurrence", "timezone",
  "max_completions", "unlock", "trigger", "goal", "reward", "budget_cap", "segments", "tiers", "category_id",
  "quest_id", "callback_url", "action_button", "images", "audience",
];

export function typeLabel(type) {
  return (TYPES.find(([v]) => v === type) || [type, type])[1];
}

/** The spec part of a mission as the API returns it (MissionOut = spec + id, status, ...). */
export function specOf(mission) {
  const spec = {};
  for (const key of SPEC_FIELDS) if (mission[key] !== undefined && mission[key] !== null) spec[key] = mission[key];
  return spec;
}

function num(v) {
  const n = Number(v);
  return Number.isFinite(n) ? n.toLocaleString("en") : String(v);
}

/** "3× deposit", "deposit ≥ 100 in total", "manual: image, link · manual approval", "social: x follow @brand". */
export function goalSummary(goal) {
  if (!goal) return "—";
  if (goal.kind === "event") {
    let text;
    if (goal.amount_min != null && goal.amount_max != null) text = `1× ${goal.event_type} in ${num(goal.amount_min)}–${num(goal.amount_max)}`;
    else if (goal.amount_min != null) text = `${goal.event_type} ≥ ${num(goal.amount_min)} in total`;
    else text = `${goal.count ?? 1}× ${goal.event_type}`;
    if (goal.tags && goal.tags.length) {
      text += ` tagged ${goal.tags.join(goal.tag_match === "all" ? " + " : " | ")}`;
    }
    if (goal.streak) text += ` · per ${goal.streak.period}, ${goal.streak.periods} in a row`;
    return text;
  }
  if (goal.kind === "manual") {
    const approval = goal.approval || { mode: "manual" };
    let how = `${approval.mode} approval`;
    if (approval.mode === "rule") {
      const rule = [approval.min_points != null ? `≥ ${num(approval.min_points)} pts` : null, approval.segment ? `in ${approval.segment}` : null];
      how += ` (${rule.filter(Boolean).join(" or ")})`;
    }
    return `manual: ${(goal.proof || []).join(", ")} · ${how}`;
  }
  if (goal.kind === "social") {
    return `social: ${goal.platform} ${goal.action.replace(/_/g, " ")} ${goal.target}${goal.count > 1 ? ` ×${goal.count}` : ""}`;
  }
  return goal.kind;
}

export function rewardSummary(reward, items = []) {
  if (!reward) return "No reward";
  if (reward.points != null) return `${num(reward.points)} points`;
  if (reward.item != null) {
    const item = items.find((i) => i.id === reward.item);
    return `Item: ${item ? item.name : reward.item}`;
  }
  if (reward.direct != null) return `Direct: ${reward.direct}`;
  return "—";
}

export function recurrenceSummary(rec) {
  if (!rec) return null;
  if (rec.every === "day") return "every day";
  if (rec.every === "week") return `every week on ${(rec.weekdays || []).join(", ")}`;
  if (rec.every === "month") return `every month on day ${rec.day}`;
  return `every ${rec.every}`;
}

/** The budget as `{spent, cap, unit}` (cap null when uncapped). */
export function budgetOf(mission) {
  const cap = mission.budget_cap;
  if (cap && cap.points != null) return { spent: mission.budget_spent || 0, cap: cap.points, unit: "points" };
  if (cap && cap.completions != null) return { spent: mission.budget_completions || 0, cap: cap.completions, unit: "completions" };
  return { spent: mission.budget_spent || 0, cap: null, unit: "points" };
}

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The top-level fields whose value differs between two specs (a field absent on one side counts). */
export function changedFields(before, after) {
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  const empty = (v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  return SPEC_FIELDS.filter((k) => keys.has(k)).filter((k) => {
    const a = before ? before[k] : undefined;
    const b = after ? after[k] : undefined;
    if (empty(a) && empty(b)) return false;
    return canonical(a) !== canonical(b);
  });
}

export function showValue(value) {
  if (value === undefined || value === null) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// --- datetimes: <input type="datetime-local"> holds the browser's local time without an offset ----

function pad(n) {
  return String(n).padStart(2, "0");
}

/** "2026-03-01T12:00" (browser-local, as datetime-local holds it) → ISO 8601 with the browser's
 * offset at that instant, e.g. "2026-03-01T12:00:00+01:00"; "" → null. */
export function localToIso(value) {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An ISO time → the datetime-local value showing the same instant in the browser's time. */
export function isoToLocal(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "UTC+01:00": the browser's offset now, for hints. */
export function browserOffset(date = new Date()) {
  const offset = -date.getTimezoneOffset();
  const abs = Math.abs(offset);
  return `UTC${offset >= 0 ? "+" : "-"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Pydantic-style 422 details (`[{field, reason}]`), or a 409's `{field}` / `{fields}`, as
 * `{field, message}` for ui.showFieldErrors. */
export function fieldProblems(err) {
  const d = err && err.details;
  if (Array.isArray(d)) {
    return d
      .filter((x) => x && typeof x === "object")
      .map((x) => {
        const loc = Array.isArray(x.loc) ? x.loc.filter((p) => p !== "body").join(".") : x.field != null ? String(x.field) : "";
        return { field: loc, message: x.reason || x.msg || x.message || String(x.type || "invalid") };
      });
  }
  if (d && typeof d === "object") {
    if (Array.isArray(d.fields)) return d.fields.map((f) => ({ field: String(f), message: err.message }));
    if (typeof d.field === "string") return [{ field: d.field, message: err.message }];
  }
  return [];
}

// --- the lint (POST /v1/missions/lint; an activation's lint_warnings or 422 lint_failed) ---------

/** The findings of a lint, errors first (the order the API gives). */
export function lintFindings(err) {
  const d = err && err.details;
  return Array.isArray(d) ? d.filter((x) => x && typeof x === "object" && typeof x.severity === "string") : [];
}

/** Findings as `showFieldErrors` takes them: each beside the control of its spec path. */
export function lintProblems(findings) {
  return findings.map((f) => ({ field: String(f.field || ""), message: `${f.severity === "error" ? "Error" : "Warning"}: ${f.message}` }));
}

