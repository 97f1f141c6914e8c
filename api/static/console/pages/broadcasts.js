// Broadcasts ("Send Updates"): every broadcast with its audience, schedule, status and delivered
// count (kept current while any is still sending); compose one to a segment, now or at a time,
// optionally also for everyone who enters the segment later.
import { h, replace, pageHeader, button, badge, table, field, toast, errorBox, loading, when, relativeTime, stylesheet } from "../ui.js";
import { formAlert, formError, clearFormError, input, select, checkbox, section, poller } from "./ops-common.js";

export async function render(ctx) {
  stylesheet("pages/ops-common.css");
  const { root, api, href } = ctx;
  const formBox = h("div");
  const listBox = h("div", {}, loading());
  let segments = [];
  let broadcasts = [];

  const composeButton = button("Compose", () => openForm(), { kind: "primary", id: "compose" });
  replace(
    root,
    pageHeader("Broadcasts", composeButton),
    h("p", { class: "muted" }, "Send Updates reach each member of a segment's inbox once, now or at the time you pick."),
    formBox,
    section("Sent and scheduled", "broadcasts-title", listBox),
  );

  const segmentName = (id) => (segments.find((s) => s.id === id) || {}).name;

  function schedule(b) {
    if (b.sent_at) return h("span", {}, "Sent ", when(b.sent_at));
    if (b.send_at) return h("span", {}, "At ", when(b.send_at), h("span", { class: "cell-sub" }, relativeTime(b.send_at)));
    return "Now";
  }

  async function loadList() {
    const [page, segs] = await Promise.all([api.get("/v1/broadcasts", { limit: 100 }), api.get("/v1/segments")]);
    broadcasts = page.items;
    segments = segs;
    replace(
      listBox,
      table(
        [
          { label: "Title", cell: (b) => h("span", {}, h("strong", {}, b.title), h("span", { class: "cell-sub" }, b.body.length > 120 ? `${b.body.slice(0, 118)}…` : b.body)) },
          {
            label: "Audience",
            cell: (b) =>
              h("span", {}, h("a", { href: `${href("segments")}` }, segmentName(b.segment_id) || b.segment_id), b.on_entry ? h("span", { class: "cell-sub" }, "and everyone who enters it later") : null),
          },
          { label: "Schedule", cell: schedule },
          { label: "Status", cell: (b) => badge(b.status, b.status === "sent" ? "delivered" : b.status) },
          { label: "Delivered", class: "num", cell: (b) => h("span", { "data-delivered": b.id }, String(b.delivered)) },
        ],
        broadcasts,
        { caption: "Broadcasts", empty: "No broadcasts yet. Compose one to reach a segment's inboxes." },
      ),
      page.next_cursor ? h("p", { class: "hint" }, "Showing the newest 100.") : null,
    );
  }

  async function openForm() {
    try {
      segments = await api.get("/v1/segments");
    } catch (err) {
      replace(formBox, errorBox(err));
      return;
    }
    const alert = formAlert();
    const title = input({ name: "title", maxlength: 200, required: true, autocomplete: "off" });
    const body = h("textarea", { name: "body", maxlength: 10000, required: true, rows: 4 });
    const segment = select([["", "Choose a segment…"], ...segments.map((s) => [s.id, `${s.name} (${s.members} member${s.members === 1 ? "" : "s"})`])], { name: "segment_id", required: true });
    const nowRadio = h("input", { type: "radio", name: "when", value: "now", id: "when-now", checked: true });
    const laterRadio = h("input", { type: "radio", name: "when", value: "later", id: "when-later" });
    const sendAt = input({ type: "datetime-local", name: "send_at", disabled: true });
    const sync = () => {
      sendAt.disabled = !laterRadio.checked;
    };
    nowRadio.addEventListener("change", sync);
    laterRadio.addEventListener("change", sync);
    const onEntry = checkbox("Also send it to everyone who enters the segment later (on entry)", { name: "on_entry", "data-field": "on_entry" });
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "compose-title", novalidate: true },
      h("h2", { id: "compose-title" }, "Compose a broadcast"),
      alert,
      field("Title", title, { name: "title" }),
      field("Message", body, { name: "body", hint: "Shown as plain text in the user's inbox." }),
      field("Audience", segment, {
        name: "segment_id",
        hint: segments.length ? "A broadcast goes to one segment's members; to reach everyone, use a rule segment that matches all users." : "There are no segments yet: create one on the Segments page first.",
      }),
      h(
        "fieldset",
        {},
        h("legend", {}, "When"),
        h("div", { class: "radio-row" }, h("label", { for: "when-now" }, nowRadio, "Send now"), h("label", { for: "when-later" }, laterRadio, "Schedule for")),
        field("Send at (your time zone)", sendAt, { name: "send_at" }),
      ),
      onEntry.node,
      h("div", { class: "actions" }, button("Send", null, { kind: "primary", type: "submit", id: "send-broadcast" }), button("Cancel", () => replace(formBox))),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      const payload = { title: title.value, body: body.value, segment_id: segment.value, on_entry: onEntry.box.checked };
      if (laterRadio.checked) {
        if (!sendAt.value) {
          formError(form, alert, { message: "Pick when to send it.", fieldErrors: () => [{ field: "send_at", message: "Pick a date and time, or choose “Send now”." }] });
          return;
        }
        payload.send_at = new Date(sendAt.value).toISOString();
      }
      try {
        const created = await api.post("/v1/broadcasts", payload);
        replace(formBox);
        toast(created.send_at ? `“${created.title}” is scheduled.` : `“${created.title}” is on its way.`);
        await loadList();
        composeButton.focus();
      } catch (err) {
        formError(form, alert, err);
      }
    });
    replace(formBox, form);
    title.focus();
  }

  try {
    await loadList();
  } catch (err) {
    replace(listBox, errorBox(err));
  }
  // Delivered counts grow in the background while a broadcast is sending (or waiting for its time).
  const recent = (b) => Date.now() - new Date(b.created_at).getTime() < 120_000;
  return poller(loadList, 2000, () => broadcasts.some((b) => b.status !== "sent" || recent(b)));
}
