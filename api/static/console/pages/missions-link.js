// A mission's magic link (GET/PUT /v1/missions/{id}/link: the URL with a copy button, who it opens
// the mission for) and its uploaded card and page images (POST /v1/missions/{id}/images?slot=...,
// then "Use" sets the spec's `images` with PATCH), shown on the mission's page.
import { h, replace, button, toast, errorBox, field, dialog } from "../ui.js";

const AUDIENCES = [
  ["registered", "Registered users"],
  ["anyone", "Anyone (also people who are not users yet)"],
  ["segment", "Members of a segment"],
];

/** Copies `text`, with the old way when the Clipboard API is unavailable (plain http, old browsers). */
async function copy(text, input) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    input.select();
    document.execCommand("copy");
  }
  toast("Link copied.");
}

/** The "Magic link" card: loads the link, then shows it (or the error) in place. */
export function linkCard(api, path) {
  const box = h("section", { class: "card link-card", "aria-labelledby": "link-title" },
    h("h2", { id: "link-title" }, "Magic link"), h("p", { class: "muted" }, "Loading the link…"));
  Promise.all([api.get(`${path}/link`), api.get("/v1/segments").catch(() => [])])
    .then(([link, segments]) => fill(box, api, path, link, segments))
    .catch((err) => replace(box, h("h2", { id: "link-title" }, "Magic link"), errorBox(err)));
  return box;
}

function fill(box, api, path, link, segments) {
  const url = h("input", { type: "text", readonly: true, class: "link-url", value: link.url, "aria-label": "Magic link URL", style: { flex: "1", "min-width": "0" } });
  url.addEventListener("focus", () => url.select());
  const current = link.audience.startsWith("segment:") ? "segment" : link.audience;
  const kind = h("select", { name: "audience" }, AUDIENCES.map(([v, label]) => h("option", { value: v }, label)));
  kind.value = current;
  const segment = h("select", { name: "segment" }, segments.map((s) => h("option", { value: s.id }, s.name)));
  if (current === "segment") segment.value = link.audience.slice("segment:".length);
  const segmentField = field("Segment", segment, { id: "link-segment", name: "audience" });
  segmentField.hidden = current !== "segment";
  kind.addEventListener("change", () => { segmentField.hidden = kind.value !== "segment"; });
  const status = h("div", { class: "card-status", role: "status", "aria-live": "polite" });
  const source = { link: "set on the link", spec: "from the mission's spec", default: "the default" }[link.audience_source] || "";

  async function save(audience) {
    status.textContent = "Saving…";
    try {
      const saved = await api.put(`${path}/link`, { audience });
      toast("Link audience saved.");
      fill(box, api, path, saved, segments);
    } catch (err) {
      replace(status, errorBox(err));
    }
  }

  async function rotate() {
    const ok = await dialog("Make a new link?", h("p", {}, "The current link stops opening the mission at once; share the new one instead."),
      { submitLabel: "Make a new link", kind: "danger" });
    if (!ok) return;
    status.textContent = "Making a new link…";
    try {
      const rotated = await api.post(`${path}/link/rotate`);
      toast("A new link is made; the old one no longer opens the mission.");
      fill(box, api, path, rotated, segments);
    } catch (err) {
      replace(status, errorBox(err));
    }
  }

  replace(box,
    h("h2", { id: "link-title" }, "Magic link"),
    h("p", { class: "muted" }, "Share it: it opens this mission in the widget."),
    h("div", { class: "link-row", style: { display: "flex", gap: ".5rem", "align-items": "center" } }, url, button("Copy", () => copy(link.url, url), { kind: "secondary", "aria-label": "Copy the magic link" })),
    h("p", { class: "link-audience" }, "Opens for: ", h("strong", {}, link.audience), source ? ` (${source})` : ""),
    h("form", {
      class: "link-form",
      onsubmit: (e) => {
        e.preventDefault();
        if (kind.value === "segment" && !segment.value) {
          replace(status, h("p", { class: "field-error" }, "Choose a segment (create one on the Segments page)."));
          return;
        }
        save(kind.value === "segment" ? `segment:${segment.value}` : kind.value);
      },
    },
    field("Who may open it", kind, { id: "link-audience", name: "audience" }),
    segmentField,
    h("div", { class: "actions" },
      button("Save audience", null, { kind: "primary", type: "submit" }),
      link.audience_source === "link" ? button("Use the spec's", () => save(null), { kind: "ghost" }) : null,
      button("New link", rotate, { kind: "ghost", "aria-label": "Make a new link (the old one stops working)" }))),
    status);
}

/** The "Images" card: upload a card or page image; "Use" points the spec's `images` at it. */
export function imagesCard(api, path, mission, refresh) {
  const status = h("div", { class: "card-status", role: "status", "aria-live": "polite" });
  const file = h("input", { type: "file", name: "file", accept: "image/png,image/jpeg,image/webp,image/gif" });
  const slot = h("select", { name: "slot" }, h("option", { value: "card" }, "Card"), h("option", { value: "page" }, "Page"));
  const result = h("div", { class: "image-result" });
  const earlier = h("div", { class: "image-list" });
  const inUse = new Set(Object.values(mission.images || {}));

  /** One uploaded image: a thumbnail, its slot and size, and "Use" unless the spec points at it. */
  function imageRow(image) {
    return h("li", { class: "image-row", "data-image-id": image.id },
      h("img", { src: image.url, alt: `${image.slot} image ${image.filename || image.id}`, style: { "max-width": "96px", "max-height": "64px" } }),
      h("span", {}, ` ${image.slot} · ${image.content_type} · ${Math.ceil(image.size / 1024)} KiB `),
      inUse.has(image.url)
        ? h("strong", {}, "in use")
        : [mission.status === "archived" ? null : button(`Use as the ${image.slot} image`, () => use(image.slot, image.url), { kind: "secondary" }),
          " ", button("Delete", (e) => remove(image, e.target.closest("li")), { kind: "ghost", "aria-label": `Delete the ${image.slot} image ${image.filename || image.id}` })]);
  }

  async function remove(image, item) {
    status.textContent = "Deleting…";
    try {
      await api.del(`${path}/images/${encodeURIComponent(image.id)}`);
      status.textContent = "";
      item.remove();
      toast("Image deleted.");
    } catch (err) {
      replace(status, errorBox(err));
    }
  }

  api.get(`${path}/images`)
    .then((list) => replace(earlier, list.items.length
      ? [h("h3", {}, "Uploaded"), h("ul", { class: "plain" }, list.items.slice(0, 10).map(imageRow))]
      : null))
    .catch((err) => replace(earlier, errorBox(err)));

  async function use(which, url) {
    status.textContent = "Saving…";
    try {
      await api.patch(path, { images: { ...(mission.images || {}), [which]: url } });
      toast(`The ${which} image is set.`);
      await refresh();
    } catch (err) {
      replace(status, errorBox(err));
    }
  }

  const form = h("form", {
    class: "image-form",
    onsubmit: async (e) => {
      e.preventDefault();
      if (!file.files[0]) {
        replace(status, h("p", { class: "field-error" }, "Choose an image file."));
        return;
      }
      const data = new FormData();
      data.append("file", file.files[0], file.files[0].name);
      status.textContent = "Uploading…";
      try {
        const image = await api.upload(`${path}/images?slot=${encodeURIComponent(slot.value)}`, data);
        status.textContent = "";
        replace(result,
          h("img", { src: image.url, alt: `Uploaded ${image.slot} image`, class: "image-preview", style: { "max-width": "100%", "max-height": "160px" } }),
          h("p", {}, h("code", {}, image.url)),
          mission.status === "archived" ? null : button(`Use as the ${image.slot} image`, () => use(image.slot, image.url), { kind: "primary" }));
      } catch (err) {
        replace(status, errorBox(err));
      }
    },
  },
  field("Image (png, jpeg, webp or gif)", file, { id: "image-file", name: "file" }),
  field("For", slot, { id: "image-slot", name: "slot" }),
  h("div", { class: "actions" }, button("Upload", null, { kind: "secondary", type: "submit" })));
  return h("section", { class: "card images-card", "aria-labelledby": "images-title" },
    h("h2", { id: "images-title" }, "Images"), form, status, result, earlier);
}
