// Segments & tiers: every segment with its rule in words and its member count; create a rule or
// static segment (a rule builder, or the rule as JSON); upload a static segment's members as CSV
// with the refused rows listed by line; edit the tier thresholds.
import { h, replace, pageHeader, button, badge, table, field, toast, errorBox, loading, when, stylesheet } from "../ui.js";
import { formAlert, formError, clearFormError, input, select, section, postText, numberOrNull, shortId } from "./ops-common.js";
import { ruleBuilder, describeRule } from "./segments-rules.js";

export async function render(ctx) {
  stylesheet("pages/ops-common.css");
  const { root, api } = ctx;
  const formBox = h("div");
  const listBox = h("div", { "aria-live": "polite" }, loading());
  const uploadBox = h("div");
  const tiersBox = h("div", {}, loading());
  let segments = [];
  let tiers = [];

  const newButton = button("New segment", () => openForm(), { kind: "primary", id: "new-segment" });
  replace(
    root,
    pageHeader("Segments & tiers", newButton),
    h("p", { class: "muted" }, "A rule segment is evaluated for every user and kept up to date; a static segment holds the users of the CSV files you upload."),
    formBox,
    section("Segments", "segments-title", listBox, uploadBox),
    section("Tiers", "tiers-title", tiersBox),
  );

  async function loadSegments() {
    try {
      segments = await api.get("/v1/segments");
    } catch (err) {
      replace(listBox, errorBox(err));
      return;
    }
    replace(
      listBox,
      table(
        [
          { label: "Name", cell: (s) => h("span", {}, h("strong", {}, s.name), h("span", { class: "cell-sub" }, shortId(s.id))) },
          { label: "Kind", cell: (s) => badge(s.kind, s.kind === "rule" ? "active" : "draft") },
          { label: "Rule", cell: (s) => (s.rule ? h("span", { class: "rule-text" }, describeRule(s.rule)) : h("span", { class: "muted" }, "Uploaded members")) },
          { label: "Members", class: "num", cell: (s) => h("span", { "data-members": s.id }, String(s.members)) },
          { label: "Created", cell: (s) => when(s.created_at) },
          {
            label: "Actions",
            cell: (s) =>
              h(
                "div",
                { class: "actions" },
                button("Edit", () => openForm(s, true), { "aria-label": `Edit ${s.name}` }),
                s.kind === "static"
                  ? button("Upload CSV", () => openUpload(s), { "aria-label": `Upload CSV to ${s.name}` })
                  : button("Copy as new", () => openForm(s), { kind: "ghost", "aria-label": `Copy as new: ${s.name}` }),
              ),
          },
        ],
        segments,
        { caption: "Segments", empty: "No segments yet. Create one with “New segment”." },
      ),
    );
  }

  /** The create form; with `edit`, the form changing `from` (its name, and a rule segment's rule). */
  function openForm(from = null, edit = false) {
    const alert = formAlert();
    const name = input({ name: "name", required: true, maxlength: 200, autocomplete: "off", value: edit ? from.name : "" });
    const kind = select([["rule", "Rule: evaluated for every user"], ["static", "Static: members uploaded as CSV"]], { name: "kind", disabled: edit }, edit ? from.kind : "rule");
    const builder = ruleBuilder({ tiers: tiers.map((t) => t.name), initial: from ? from.rule : null });
    const ruleArea = h("div", {}, builder.node);
    const sync = () => {
      ruleArea.hidden = kind.value !== "rule";
    };
    kind.addEventListener("change", sync);
    sync();
    const title = edit ? `Edit “${from.name}”` : "New segment";
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "segment-form-title", novalidate: true },
      h("h2", { id: "segment-form-title" }, title),
      edit && from.kind === "rule" ? h("p", { class: "hint" }, "Saving a new rule re-evaluates it for every user at once: who now matches enters, who no longer does leaves.") : null,
      alert,
      h("div", { class: "form-grid" }, field("Name", name, { name: "name" }), field("Kind", kind, { name: "kind" })),
      ruleArea,
      h("div", { class: "actions" }, button(edit ? "Save segment" : "Create segment", null, { kind: "primary", type: "submit" }), button("Cancel", () => replace(formBox))),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      const body = { name: name.value.trim() };
      if (kind.value === "rule") {
        try {
          body.rule = builder.value();
        } catch (err) {
          builder.showJsonError(err.message);
          return;
        }
      }
      try {
        const created = edit ? await api.patch(`/v1/segments/${encodeURIComponent(from.id)}`, body) : await api.post("/v1/segments", body);
        replace(formBox);
        toast(`Segment “${created.name}” ${edit ? "saved" : "created"} with ${created.members} member${created.members === 1 ? "" : "s"}.`);
        await loadSegments();
        newButton.focus();
      } catch (err) {
        formError(form, alert, err);
      }
    });
    replace(formBox, form);
    name.focus();
  }

  function openUpload(segment) {
    const alert = formAlert();
    const file = h("input", { type: "file", name: "file", accept: ".csv,text/csv,text/plain", required: true });
    const result = h("div", { class: "result", "aria-live": "polite" });
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "upload-title" },
      h("h2", { id: "upload-title" }, `Upload members to “${segment.name}”`),
      h("p", { class: "hint" }, "A CSV file whose header row names a user_id column; other columns are ignored. Rows that are refused are listed by line; the others are added."),
      alert,
      field("CSV file", file, { name: "file" }),
      h("div", { class: "actions" }, button("Upload", null, { kind: "primary", type: "submit" }), button("Close", () => replace(uploadBox))),
      result,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      replace(result);
      const chosen = file.files && file.files[0];
      if (!chosen) {
        alert.textContent = "Choose a CSV file first.";
        alert.hidden = false;
        file.focus();
        return;
      }
      let done;
      try {
        done = await postText(api, `/v1/segments/${encodeURIComponent(segment.id)}/members`, await chosen.text());
      } catch (err) {
        // A file that is not CSV at all, or without a user_id header, is refused whole (by line too).
        const lines = Array.isArray(err.details) ? err.details.filter((d) => d && d.line != null) : [];
        alert.textContent = `${err.message}${err.code ? ` (${err.code})` : ""}`;
        alert.hidden = false;
        if (lines.length) replace(result, uploadErrors(lines));
        return;
      }
      replace(
        result,
        h("p", { class: "upload-summary" }, h("strong", {}, `Added ${done.added}`), `, ${done.already_members} already member${done.already_members === 1 ? "" : "s"}, ${done.errors.length} row${done.errors.length === 1 ? "" : "s"} refused.`),
        done.errors.length ? uploadErrors(done.errors) : null,
      );
      await loadSegments();
    });
    replace(uploadBox, form);
    file.focus();
  }

  function uploadErrors(errors) {
    return h(
      "div",
      { class: "upload-errors" },
      h("h3", {}, "Refused rows"),
      table([{ label: "Line", class: "num", cell: (e) => String(e.line) }, { label: "Why", cell: (e) => String(e.reason) }], errors, { caption: "Refused rows by line" }),
    );
  }

  async function loadTiers() {
    try {
      tiers = (await api.get("/v1/tiers")).tiers;
    } catch (err) {
      replace(tiersBox, errorBox(err));
      return;
    }
    renderTiers();
  }

  function renderTiers() {
    const alert = formAlert();
    const rows = h("tbody");
    const addRow = (tier = { name: "", min_points: null }) => {
      const i = rows.children.length;
      const nameIn = input({ value: tier.name, maxlength: 200, "aria-label": `Tier ${i + 1} name`, "data-field": `tiers.${i}.name`, class: "tier-name" });
      const pointsIn = input({ type: "number", min: 0, step: 1, value: tier.min_points ?? "", "aria-label": `Tier ${i + 1} points threshold`, "data-field": `tiers.${i}.min_points`, class: "tier-points" });
      nameIn.id = `tier-${i}-name`;
      pointsIn.id = `tier-${i}-points`;
      const errName = h("p", { class: "field-error", id: `${nameIn.id}-error`, role: "alert", hidden: true });
      const errPoints = h("p", { class: "field-error", id: `${pointsIn.id}-error`, role: "alert", hidden: true });
      nameIn.setAttribute("aria-describedby", errName.id);
      pointsIn.setAttribute("aria-describedby", errPoints.id);
      const row = h(
        "tr",
        { class: "tier-row" },
        h("td", {}, nameIn, errName),
        h("td", {}, pointsIn, errPoints),
        h("td", {}, button("Remove", () => { row.remove(); renumber(); }, { kind: "ghost", "aria-label": `Remove tier ${i + 1}` })),
      );
      rows.append(row);
    };
    const renumber = () => {
      [...rows.children].forEach((row, i) => {
        const [nameIn, pointsIn] = row.querySelectorAll("input");
        nameIn.dataset.field = `tiers.${i}.name`;
        pointsIn.dataset.field = `tiers.${i}.min_points`;
        nameIn.setAttribute("aria-label", `Tier ${i + 1} name`);
        pointsIn.setAttribute("aria-label", `Tier ${i + 1} points threshold`);
      });
    };
    tiers.forEach((t) => addRow(t));
    const none = h("p", { class: "empty" }, "No tiers yet. Add one: users reach it at its points threshold.");
    none.hidden = tiers.length > 0;
    new MutationObserver(() => { none.hidden = rows.children.length > 0; }).observe(rows, { childList: true });
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "tiers-form-title", novalidate: true },
      h("h3", { id: "tiers-form-title" }, "Tier thresholds"),
      h("p", { class: "hint" }, "A user reaches a tier at its points threshold; a tier without a threshold is only ever set explicitly (PUT /v1/users/{id} with a tier)."),
      alert,
      h("div", { class: "table-wrap" }, h("table", {}, h("caption", { class: "sr-only" }, "Tiers"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Tier"), h("th", { scope: "col" }, "Reached at (points)"), h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Actions")))),
        rows)),
      none,
      h("div", { class: "actions" }, button("Add tier", () => { addRow(); rows.lastElementChild.querySelector("input").focus(); }, { id: "add-tier" }), button("Save tiers", null, { kind: "primary", type: "submit" })),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      const body = {
        tiers: [...rows.children].map((row) => {
          const [nameIn, pointsIn] = row.querySelectorAll("input");
          return { name: nameIn.value.trim(), min_points: numberOrNull(pointsIn.value) };
        }),
      };
      try {
        tiers = (await api.put("/v1/tiers", body)).tiers;
        toast("Tiers saved.");
        renderTiers();
      } catch (err) {
        formError(form, alert, err);
      }
    });
    replace(tiersBox, form);
  }

  await Promise.all([loadSegments(), loadTiers()]);
}
