// Building blocks every console page uses, so the pages look and behave alike.
import { h, replace } from "/static/lib/dom.js";

export { h, replace };

/** The page's title row: <h1> and the page's main actions. */
export function pageHeader(title, ...actions) {
  return h("header", { class: "page-header" }, h("h1", {}, title), h("div", { class: "actions" }, actions));
}

/** A button; `kind` is primary|secondary|danger|ghost. */
export function button(label, onclick, { kind = "secondary", type = "button", ...attrs } = {}) {
  return h("button", { type, class: `btn btn-${kind}`, onclick, ...attrs }, label);
}

/** A status pill (draft, active, archived, pending, approved, ...). */
export function badge(text, tone = text) {
  return h("span", { class: `badge badge-${String(tone).replace(/[^a-z_]/gi, "")}` }, String(text).replace(/_/g, " "));
}

/** A table: columns are `{label, cell: row => node|string, class?}`; empty shows `empty`. */
export function table(columns, rows, { empty = "Nothing here yet.", caption, onRowClick } = {}) {
  if (!rows.length) return h("p", { class: "empty" }, empty);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      caption ? h("caption", { class: "sr-only" }, caption) : null,
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.class }, c.label)))),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            onRowClick ? { class: "clickable", onclick: () => onRowClick(row) } : {},
            columns.map((c) => h("td", { class: c.class }, c.cell(row))),
          ),
        ),
      ),
    ),
  );
}

/** A labelled form field. `input` is the control; `name` ties it to 422 details (`goal.count`). */
export function field(label, input, { name, hint, id } = {}) {
  const controlId = id || input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = controlId;
  if (name) input.dataset.field = name;
  const error = h("p", { class: "field-error", id: `${controlId}-error`, role: "alert", hidden: true });
  const hintEl = hint ? h("p", { class: "hint", id: `${controlId}-hint` }, hint) : null;
  input.setAttribute("aria-describedby", [hintEl ? `${controlId}-hint` : null, `${controlId}-error`].filter(Boolean).join(" "));
  return h("div", { class: "field", "data-field-wrap": name || null }, h("label", { for: controlId }, label), input, hintEl, error);
}

/** Shows an ApiError's field details beside the fields they name (by `data-field`); returns those
 * that matched no field, for the form's general error. */
export function showFieldErrors(form, err) {
  clearFieldErrors(form);
  const unmatched = [];
  for (const { field: name, message } of err.fieldErrors ? err.fieldErrors() : []) {
    const control = findControl(form, name);
    if (!control) {
      unmatched.push(name ? `${name}: ${message}` : message);
      continue;
    }
    control.setAttribute("aria-invalid", "true");
    const box = document.getElementById(`${control.id}-error`);
    if (box) {
      box.textContent = message;
      box.hidden = false;
    }
  }
  return unmatched;
}

function findControl(form, name) {
  if (!name) return null;
  const parts = name.split(".");
  // The longest prefix that names a control: `goal.count` then `goal`.
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    const el = form.querySelector(`[data-field="${CSS.escape(key)}"]`);
    if (el) return el;
  }
  return null;
}

export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of form.querySelectorAll(".field-error")) {
    el.textContent = "";
    el.hidden = true;
  }
}

/** A short message at the top of the page (role=status); `kind` is ok|error. */
export function toast(message, kind = "ok") {
  let region = document.getElementById("toasts");
  if (!region) {
    region = h("div", { id: "toasts", class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(region);
  }
  const item = h("div", { class: `toast toast-${kind}` }, message);
  region.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000);
}

/** An error box for a failed load or action (ApiError or any Error). */
export function errorBox(err) {
  const code = err && err.code ? ` (${err.code})` : "";
  return h("div", { class: "error-box", role: "alert" }, h("strong", {}, "Something went wrong"), h("p", {}, `${err.message || err}${code}`));
}

/** A progress bar with an accessible name and value. */
export function progressBar(value, max, label) {
  const pct = max > 0 ? Math.min(100, Math.round((100 * value) / max)) : 0;
  return h(
    "div",
    { class: "bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": String(max), "aria-valuenow": String(value), "aria-label": label },
    h("div", { class: "bar-fill", style: { width: `${pct}%` } }),
  );
}

/** "3 min ago", "in 2 h", from an ISO time. */
export function relativeTime(iso, now = Date.now()) {
  if (!iso) return "—";
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const [n, unit] = abs < 60 ? [abs, "s"] : abs < 3600 ? [Math.round(abs / 60), "min"] : abs < 86400 ? [Math.round(abs / 3600), "h"] : [Math.round(abs / 86400), "d"];
  return seconds < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

/** A time as the admin's locale shows it, with the ISO value as a tooltip. */
export function when(iso) {
  if (!iso) return "—";
  return h("time", { datetime: iso, title: iso }, new Date(iso).toLocaleString());
}

/** A loading placeholder. */
export function loading(text = "Loading…") {
  return h("p", { class: "loading", role: "status" }, text);
}

/** Runs `load` and renders its result into `el`; errors become an error box. */
export async function loadInto(el, load) {
  replace(el, loading());
  try {
    const node = await load();
    replace(el, node);
  } catch (err) {
    replace(el, errorBox(err));
  }
}

/** A simple modal dialog (native <dialog>); resolves to the form's values or null when cancelled. */
export function dialog(title, body, { submitLabel = "Save", kind = "primary" } = {}) {
  return new Promise((resolve) => {
    const form = h("form", { method: "dialog", class: "dialog-form" }, h("h2", {}, title), body,
      h("div", { class: "actions" }, button("Cancel", () => { el.close(); resolve(null); }), button(submitLabel, null, { kind, type: "submit" })));
    const el = h("dialog", { class: "dialog", "aria-label": title }, form);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      resolve(new FormData(form));
      el.close();
    });
    el.addEventListener("close", () => { el.remove(); resolve(null); });
    document.body.append(el);
    el.showModal();
  });
}

/** Loads a page's own stylesheet (e.g. "pages/review.css", relative to the console) once. */
export function stylesheet(path) {
  const url = new URL(path, new URL("./", import.meta.url)).href;
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === url)) {
    document.head.append(h("link", { rel: "stylesheet", href: url }));
  }
}
