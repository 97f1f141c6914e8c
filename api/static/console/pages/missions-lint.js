// The mission lint in the console: a list of findings (POST /v1/missions/lint, an activation's
// `lint_warnings` or its 422 `lint_failed`), and the findings the form hands to the detail page it
// opens after "Save and activate" (kept here for one render of that mission's page).
import { h } from "../ui.js";

/** A list of findings, errors first as the API orders them (every string shown as text). */
export function lintList(findings) {
  return h("ul", { class: "lint-findings" }, findings.map((f) => {
    const kind = f.severity === "error" ? "error" : "warning";
    return h("li", { class: `lint-finding lint-${kind}` },
      // The console's own badge tones (console.css): red for errors, amber for warnings.
      h("span", { class: `badge ${kind === "error" ? "badge-error" : "badge-draft"}` }, kind === "error" ? "Error" : "Warning"), " ",
      f.field ? [h("code", {}, String(f.field)), " "] : null,
      h("span", {}, String(f.message)), " ",
      h("span", { class: "muted lint-code" }, `(${String(f.code)})`));
  }));
}

/** How many errors and warnings, in words ("1 error, 2 warnings"). */
export function lintCount(findings) {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  return [errors ? `${errors} error${errors === 1 ? "" : "s"}` : null, warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : null]
    .filter(Boolean).join(", ") || "no findings";
}

const handed = new Map();

/** Hands the findings of an activation to the next render of that mission's detail page:
 *  `refused` when the lint refused it (the page offers "Activate anyway"). */
export function handOver(missionId, findings, { refused = false } = {}) {
  if (findings && findings.length) handed.set(missionId, { findings, refused });
}

/** The findings handed over for this mission, once. */
export function takeHandedOver(missionId) {
  const got = handed.get(missionId) || null;
  handed.delete(missionId);
  return got;
}
