// Notifications: each event's template (saved, or the default; a placeholder the API does not know
// shows beside its field), the channels that deliver them (signed webhook, email, Slack), and the
// deliveries with their attempts and last answer; a failed one can be retried from here.
import { h, replace, pageHeader, button, badge, table, field, toast, errorBox, loading, when, relativeTime, stylesheet } from "../ui.js";
import { select, section, shortId, poller, formAlert, formError, clearFormError, input, checkbox } from "./ops-common.js";

const EVENTS = [
  ["mission_created", "Mission available"],
  ["mission_declined", "Submission declined"],
  ["mission_completed", "Mission completed"],
  ["send_update", "Send Update"],
];
const KINDS = [
  ["webhook", "Signed webhook"],
  ["slack", "Slack incoming webhook"],
  ["email", "Email (SMTP)"],
];
const STATUSES = [
  ["failed", "Failed (gave up)"],
  ["pending", "Pending (being retried)"],
  ["delivered", "Delivered"],
  ["skipped", "Skipped (nothing to send)"],
  ["all", "All"],
];

function answer(d) {
  if (d.last_status === null && !d.last_error) return h("span", { class: "muted" }, d.attempts ? "No answer" : "Not tried yet");
  const code = d.last_status === null ? null : d.kind === "email" ? `SMTP ${d.last_status}` : `HTTP ${d.last_status}`;
  return h(
    "span",
    { class: "answer" },
    code ? h("strong", {}, code) : null,
    d.last_error && !d.last_error.startsWith(code || "\u0000") ? h("span", { class: "cell-sub" }, d.last_error) : null,
  );
}

export async function render(ctx) {
  stylesheet("pages/ops-common.css");
  const { root, api, query, navigate, href } = ctx;
  const event = EVENTS.some(([v]) => v === query.get("event")) ? query.get("event") : "mission_completed";
  const chosen = query.get("status") ?? "failed";
  const status = chosen === "all" ? "" : chosen;
  const templateBox = h("div", {}, loading());
  const channelsBox = h("div", {}, loading());
  const deliveriesBox = h("div", {}, loading());
  const updateBox = h("div", {}, loading());
  const live = h("div", { class: "sr-only", role: "status", "aria-live": "polite" });
  const watching = new Map();

  const eventPicker = select(EVENTS, { id: "tpl-event" }, event);
  eventPicker.addEventListener("change", () => navigate("notifications", { event: eventPicker.value, status: chosen }));
  const statusFilter = select(STATUSES, { id: "delivery-status" }, chosen);
  const filterForm = h("form", { class: "toolbar", "aria-label": "Filter deliveries" }, field("Show", statusFilter), button("Apply", null, { type: "submit" }));
  filterForm.addEventListener("submit", (e) => {
    e.preventDefault();
    navigate("notifications", { event, status: statusFilter.value });
  });

  replace(
    root,
    pageHeader("Notifications"),
    h("p", { class: "muted" }, "Users hear about missions made available to them, declined submissions, completions and your updates, through the channels below. A mission with notify: false sends nothing."),
    section("Template", "templates-title", h("div", { class: "toolbar" }, field("Event", eventPicker)), templateBox),
    section("Channels", "channels-title", channelsBox),
    section("Send Update", "update-title", updateBox),
    section("Deliveries", "deliveries-title", filterForm, deliveriesBox),
    live,
  );

  function templateForm(tpl) {
    const alert = formAlert();
    const subject = input({ value: tpl.subject, required: true, maxlength: 500 });
    const text = h("textarea", { rows: 4, required: true }, tpl.text);
    const html = h("textarea", { rows: 4 }, tpl.html || "");
    const previewBox = h("section", { class: "form-card", "aria-labelledby": "tpl-preview-title", hidden: true });
    const names = Object.entries(tpl.placeholders).map(([name, what]) => h("li", {}, h("code", {}, `{{${name}}}`), ` ${what}`));
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "tpl-form-title", novalidate: true },
      h("h3", { id: "tpl-form-title" }, `Template: ${EVENTS.find(([v]) => v === tpl.event)[1]}`),
      h("p", { class: "hint", "data-template-state": "" }, tpl.default ? "The default template (not saved yet)." : ["Saved ", when(tpl.updated_at), "."]),
      alert,
      field("Subject", subject, { name: "subject", id: "tpl-subject" }),
      field("Text", text, { name: "text", id: "tpl-text", hint: "Plain text: email's text part, Slack and webhooks." }),
      field("HTML (optional)", html, { name: "html", id: "tpl-html", hint: "The email's HTML part; values are escaped. Empty: the text in paragraphs." }),
      h("details", {}, h("summary", {}, "Placeholders"), h("ul", {}, names)),
      h(
        "div",
        { class: "actions" },
        button("Save template", null, { kind: "primary", type: "submit" }),
        button("Preview", () => preview(), {}),
        tpl.default ? null : button("Reset to default", () => reset(), { kind: "ghost" }),
      ),
      previewBox,
    );
    function draft() {
      const body = { subject: subject.value, text: text.value };
      if (html.value.trim()) body.html = html.value;
      return body;
    }
    async function preview() {
      clearFormError(form, alert);
      try {
        const shown = await api.post(`/v1/notifications/templates/${encodeURIComponent(tpl.event)}/preview`, { template: draft() });
        // Shown as text, never as markup: the HTML part is its source.
        replace(
          previewBox,
          h("h4", { id: "tpl-preview-title" }, "Preview (sample values)"),
          h("dl", { class: "preview" },
            h("dt", {}, "Subject"), h("dd", { "data-preview": "subject" }, shown.subject),
            h("dt", {}, "Text"), h("dd", {}, h("pre", { "data-preview": "text" }, shown.text)),
            h("dt", {}, "Email HTML (source)"), h("dd", {}, h("pre", { "data-preview": "html" }, shown.html)),
            h("dt", {}, "Slack"), h("dd", {}, h("pre", { "data-preview": "slack" }, shown.slack))),
        );
        previewBox.hidden = false;
      } catch (err) {
        if (Array.isArray(err.details)) {
          err.details = err.details.map((d) => (d && typeof d.field === "string" ? { ...d, field: d.field.replace(/^template\./, "") } : d));
        }
        formError(form, alert, err);
      }
    }
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      try {
        const saved = await api.put(`/v1/notifications/templates/${encodeURIComponent(tpl.event)}`, draft());
        toast("Template saved.");
        replace(templateBox, templateForm(saved));
      } catch (err) {
        formError(form, alert, err);
      }
    });
    async function reset() {
      try {
        const back = await api.del(`/v1/notifications/templates/${encodeURIComponent(tpl.event)}`);
        toast("Template reset to the default.");
        replace(templateBox, templateForm(back));
      } catch (err) {
        formError(form, alert, err);
      }
    }
    return form;
  }

  async function loadTemplate() {
    try {
      replace(templateBox, templateForm(await api.get(`/v1/notifications/templates/${encodeURIComponent(event)}`)));
    } catch (err) {
      replace(templateBox, errorBox(err));
    }
  }

  function channelForm() {
    const alert = formAlert();
    const kind = select(KINDS, {}, "webhook");
    const name = input({ required: true, maxlength: 200 });
    const url = input({ type: "url", placeholder: "https://…" });
    const attribute = input({ placeholder: "email" });
    const boxes = EVENTS.map(([value, label]) => ({ value, ...checkbox(label, { checked: true, value }) }));
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "channel-form-title", novalidate: true },
      h("h3", { id: "channel-form-title" }, "Add a channel"),
      alert,
      h("div", { class: "form-grid" }, field("Kind", kind, { name: "kind", id: "ch-kind" }), field("Name", name, { name: "name", id: "ch-name" })),
      field("URL", url, { name: "url", id: "ch-url", hint: "Webhook and Slack: where to POST. Email: leave empty (the SMTP server is in the settings)." }),
      field("Email attribute", attribute, { name: "email_attribute", id: "ch-email_attribute", hint: "Email only: the user attribute holding the address (default email)." }),
      h("fieldset", { "data-field": "events", id: "ch-events" }, h("legend", {}, "Events it carries"), boxes.map((b) => b.node), h("p", { class: "field-error", id: "ch-events-error", role: "alert", hidden: true })),
      h("div", { class: "actions" }, button("Add channel", null, { kind: "primary", type: "submit" })),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      const body = { kind: kind.value, name: name.value.trim(), events: boxes.filter((b) => b.box.checked).map((b) => b.value) };
      if (url.value.trim()) body.url = url.value.trim();
      if (attribute.value.trim()) body.email_attribute = attribute.value.trim();
      try {
        await api.post("/v1/notifications/channels", body);
        toast("Channel added.");
        await loadChannels();
      } catch (err) {
        formError(form, alert, err);
      }
    });
    return form;
  }

  async function loadChannels() {
    let page;
    try {
      page = await api.get("/v1/notifications/channels");
    } catch (err) {
      replace(channelsBox, errorBox(err));
      return;
    }
    replace(
      channelsBox,
      table(
        [
          { label: "Channel", cell: (c) => h("span", {}, c.name, h("span", { class: "cell-sub" }, shortId(c.id))) },
          { label: "Kind", cell: (c) => badge(c.kind) },
          { label: "Target", cell: (c) => (c.kind === "email" ? `user attribute ${c.email_attribute || "email"}` : c.url) },
          { label: "Events", cell: (c) => c.events.map((ev) => EVENTS.find(([v]) => v === ev)?.[1] || ev).join(", ") },
          { label: "Delete", cell: (c) => button("Delete", () => remove(c), { kind: "danger", "aria-label": `Delete channel ${c.name}` }) },
        ],
        page.items,
        { caption: "Channels", empty: "No channels yet: notifications are not sent anywhere." },
      ),
      channelForm(),
    );
  }

  async function remove(channel) {
    if (!confirm(`Delete the channel ${channel.name}? What it has not sent yet is skipped.`)) return;
    try {
      await api.del(`/v1/notifications/channels/${encodeURIComponent(channel.id)}`);
      toast("Channel deleted.");
      await loadChannels();
    } catch (err) {
      toast(err.message, "error");
    }
  }

  function updateForm(missions) {
    const alert = formAlert();
    const mission = select(missions.map((m) => [m.id, `${m.name} (${m.id})`]), {});
    const text = h("textarea", { rows: 3, required: true, maxlength: 5000 });
    const users = input({ placeholder: "all users with a journey" });
    const result = h("p", { class: "hint", role: "status", "data-update-result": "" });
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "update-form-title", novalidate: true },
      h("h3", { id: "update-form-title" }, "Send an update to a mission's users"),
      alert,
      field("Mission", mission, { name: "mission_id", id: "up-mission" }),
      field("Message", text, { name: "text", id: "up-text", hint: "The send_update template's {{customText}}." }),
      field("Only these users", users, { name: "user_ids", id: "up-users", hint: "User ids separated by commas; empty: every user with a journey of the mission." }),
      h("div", { class: "actions" }, button("Send update", null, { kind: "primary", type: "submit" })),
      result,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      result.textContent = "";
      const body = { text: text.value };
      const listed = users.value.split(",").map((u) => u.trim()).filter(Boolean);
      if (listed.length) body.user_ids = listed;
      try {
        const sent = await api.post(`/v1/missions/${encodeURIComponent(mission.value)}/updates`, body);
        result.textContent = sent.fanout_id
          ? "Sending to every user with a journey of the mission, in the background: the deliveries appear below as they are enqueued."
          : `Sent to ${sent.users} user${sent.users === 1 ? "" : "s"}: ${sent.deliveries} deliver${sent.deliveries === 1 ? "y" : "ies"} enqueued.`;
        toast("Update sent.");
        await loadDeliveries();
      } catch (err) {
        formError(form, alert, err);
      }
    });
    return form;
  }

  async function loadUpdate() {
    try {
      // Every active mission, page by page (an operator may run hundreds), newest first in the list.
      const active = (await api.all("/v1/missions", { status: "active", limit: 500 }, 5000)).reverse();
      replace(updateBox, active.length ? updateForm(active) : h("p", { class: "empty" }, "No active missions to send an update about."));
    } catch (err) {
      replace(updateBox, errorBox(err));
    }
  }

  function resultCell(d) {
    const cell = h("div", { class: "retry-result", "data-result": d.id, "aria-live": "polite" });
    if (d.status === "failed") cell.append(button("Retry", () => retry(d, cell), { kind: "primary", "aria-label": `Retry delivery ${d.id}` }));
    return cell;
  }

  async function retry(d, cell) {
    replace(cell, h("span", { class: "muted" }, "Retrying…"));
    try {
      const again = await api.post(`/v1/notifications/deliveries/${encodeURIComponent(d.id)}/retry`);
      replace(cell, badge(again.status), h("span", { class: "cell-sub" }, "Sending again…"));
      watching.set(d.id, cell);
    } catch (err) {
      replace(cell, h("span", { class: "field-error" }, err.message), button("Retry", () => retry(d, cell), { kind: "primary", "aria-label": `Retry delivery ${d.id}` }));
    }
  }

  async function checkWatched() {
    for (const [id, cell] of [...watching]) {
      const d = await api.get(`/v1/notifications/deliveries/${encodeURIComponent(id)}`);
      if (d.status === "pending") continue;
      watching.delete(id);
      const row = cell.closest("tr");
      if (row) {
        replace(row.querySelector("[data-status]"), badge(d.status));
        replace(row.querySelector("[data-answer]"), answer(d));
        replace(row.querySelector("[data-attempts]"), String(d.attempts));
      }
      if (d.status === "delivered") {
        replace(cell, badge("delivered"), h("span", { class: "cell-sub" }, "Delivered."));
        live.textContent = `Delivery ${id} delivered.`;
        toast("Notification delivered.");
      } else {
        replace(cell, badge(d.status), h("span", { class: "cell-sub" }, `Not delivered: ${d.last_error || d.status}`), d.status === "failed" ? button("Retry", () => retry(d, cell), { kind: "primary", "aria-label": `Retry delivery ${d.id}` }) : null);
        live.textContent = `Delivery ${id} ${d.status} again.`;
      }
    }
  }

  async function loadDeliveries() {
    let page;
    try {
      page = await api.get("/v1/notifications/deliveries", { status: status || undefined, limit: 100 });
    } catch (err) {
      replace(deliveriesBox, errorBox(err));
      return;
    }
    replace(
      deliveriesBox,
      table(
        [
          { label: "Delivery", cell: (d) => h("span", {}, shortId(d.id), h("span", { class: "cell-sub" }, EVENTS.find(([v]) => v === d.event)?.[1] || d.event), h("span", { class: "cell-sub" }, when(d.created_at))) },
          { label: "User", cell: (d) => h("a", { href: href("users", d.user_id) }, d.user_id) },
          { label: "Mission", cell: (d) => (d.mission_id ? h("a", { href: href("missions", d.mission_id) }, shortId(d.mission_id)) : "—") },
          { label: "Channel", cell: (d) => badge(d.kind) },
          { label: "Status", cell: (d) => h("span", { "data-status": "" }, badge(d.status)) },
          { label: "Last answer", cell: (d) => h("span", { "data-answer": "" }, answer(d)) },
          {
            label: "Attempts",
            class: "num",
            cell: (d) =>
              h(
                "span",
                {},
                h("span", { "data-attempts": "" }, String(d.attempts)),
                d.last_attempt_at ? h("span", { class: "cell-sub", title: d.last_attempt_at }, `last ${relativeTime(d.last_attempt_at)}`) : null,
              ),
          },
          { label: "Retry", cell: resultCell },
        ],
        page.items,
        { caption: "Deliveries", empty: status === "failed" ? "No failed deliveries." : "No deliveries here." },
      ),
      page.next_cursor ? h("p", { class: "hint" }, "Showing the newest 100.") : null,
    );
  }

  await Promise.all([loadTemplate(), loadChannels(), loadUpdate(), loadDeliveries()]);
  return poller(checkWatched, 1000, () => watching.size > 0);
}
