// Small helpers shared by the operations pages (segments, broadcasts, shop, callbacks, jobs, challenges).
import { h, showFieldErrors, clearFieldErrors } from "../ui.js";
import { ApiError } from "../api.js";

/** The API's 422 details are `{field, reason}`: make `err.fieldErrors()` read `reason` too. */
export function withReasons(err) {
  if (err && Array.isArray(err.details)) {
    err.fieldErrors = () =>
      err.details
        .filter((d) => d && typeof d === "object")
        .map((d) => ({
          field: d.field != null ? String(d.field) : Array.isArray(d.loc) ? d.loc.filter((p) => p !== "body").join(".") : "",
          message: d.reason || d.msg || d.message || String(d.type || "invalid"),
        }));
  }
  return err;
}

/** Shows an API error on a form: details beside their fields, the rest in the form's own alert box. */
export function formError(form, box, err) {
  const unmatched = showFieldErrors(form, withReasons(err));
  const first = form.querySelector('[aria-invalid="true"]');
  const general = unmatched.length ? unmatched.join("; ") : first ? "" : err.message;
  box.textContent = general ? `${err.message && unmatched.length ? `${err.message} — ` : ""}${general}` : "Check the fields marked below.";
  box.hidden = false;
  if (first) first.focus();
}

/** Clears a form's field errors and its alert box. */
export function clearFormError(form, box) {
  clearFieldErrors(form);
  box.textContent = "";
  box.hidden = true;
}

/** A form's general error box (hidden until an error). */
export function formAlert() {
  return h("p", { class: "form-alert", role: "alert", hidden: true });
}

/** An input; `attrs` as h() takes them. */
export function input(attrs = {}) {
  return h("input", { type: "text", ...attrs });
}

/** A <select> of `[value, label]` pairs. */
export function select(options, attrs = {}, value = undefined) {
  const el = h("select", attrs, options.map(([v, label]) => h("option", { value: v }, label)));
  if (value !== undefined && value !== null) el.value = String(value);
  return el;
}

/** A labelled checkbox. */
export function checkbox(label, attrs = {}) {
  const box = h("input", { type: "checkbox", ...attrs });
  const id = attrs.id || `c-${Math.random().toString(36).slice(2, 9)}`;
  box.id = id;
  return { box, node: h("div", { class: "checkbox field" }, box, h("label", { for: id }, label)) };
}

/** A section of a page: an <h2> (with an id for aria-labelledby) and its content. */
export function section(title, id, ...children) {
  return h("section", { class: "ops-section", "aria-labelledby": id }, h("h2", { id }, title), children);
}

/** The number of a text field, or null when blank (NaN is left for the API to refuse). */
export function numberOrNull(value) {
  const text = String(value ?? "").trim();
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** POSTs raw text (e.g. a CSV file) with the admin key; errors as ApiError like api.js's. */
export async function postText(api, path, text, contentType = "text/csv") {
  let response;
  try {
    response = await fetch(path, { method: "POST", headers: { Authorization: `Bearer ${api.key}`, "Content-Type": contentType }, body: text });
  } catch (err) {
    throw new ApiError(0, "network_error", `The API did not answer (${err.message}).`);
  }
  const raw = await response.text();
  let data = null;
  try {
    data = raw ? JSON.parse(raw) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const e = (data && data.error) || {};
    throw new ApiError(response.status, e.code, e.message || raw.slice(0, 200), e.details);
  }
  return data;
}

/** Repeats `fn` every `ms` while `shouldRun()` holds; returns a stop function (for the page's cleanup). */
export function poller(fn, ms, shouldRun = () => true) {
  let timer = null;
  let stopped = false;
  const tick = async () => {
    timer = null;
    if (stopped) return;
    if (shouldRun()) {
      try {
        await fn();
      } catch {
        /* the next tick tries again; the page shows its own errors */
      }
    }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  timer = setTimeout(tick, ms);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** A short id for tables (full id as a tooltip). */
export function shortId(id) {
  const text = String(id ?? "");
  return h("code", { title: text }, text.length > 22 ? `${text.slice(0, 20)}…` : text);
}

/** A reward ({points} | {item} | {direct} | null) in words. */
export function rewardText(reward) {
  if (!reward) return "No reward";
  if (reward.points != null) return `${reward.points} points`;
  if (reward.item != null) return `Item ${reward.item}`;
  if (reward.direct != null) return String(reward.direct);
  return JSON.stringify(reward);
}
