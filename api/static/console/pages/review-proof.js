// A submission's proof, shown as what it is: an uploaded image or video inline (a document as a download; fetched with the
// admin key: the proof route needs it, so a plain src cannot load it), a link as a safe http(s)
// link, text as text, survey answers as question → answer. Proofs are written by end users: every
// value becomes a text node (h()), never markup, and only http(s) URLs become links.
import { h, replace, errorBox, loading } from "../ui.js";
import { safeUrl } from "/static/lib/dom.js";

function formatBytes(n) {
  if (typeof n !== "number") return "";
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** An http(s) link that opens in a new tab without giving the page a handle on the console. */
export function externalLink(url, text = url) {
  const safe = /^https?:\/\//i.test(String(url)) ? safeUrl(String(url)) : null;
  if (!safe) return h("span", { class: "proof-unsafe" }, h("code", {}, String(url)), " (not an http(s) link: not linked)");
  return h("a", { href: safe, rel: "noopener noreferrer", target: "_blank", class: "proof-link" }, text);
}

function uploadFacts(upload) {
  return h(
    "p",
    { class: "hint proof-file" },
    [upload.filename, upload.content_type, formatBytes(upload.size)].filter(Boolean).join(" · "),
  );
}

async function media(box, sub, api, keep) {
  const kind = sub.proof.kind;
  const upload = sub.proof.upload;
  replace(box, loading(`Loading the ${kind}…`));
  let url;
  try {
    url = await api.blobUrl(`/v1/submissions/${encodeURIComponent(sub.id)}/proof`);
  } catch (err) {
    replace(box, errorBox(err), uploadFacts(upload));
    return;
  }
  keep(url);
  const label = `${kind === "image" ? "Image" : "Video"} proof from ${sub.user_id}${upload.filename ? ` (${upload.filename})` : ""}`;
  const el =
    kind === "video"
      ? h("video", { src: url, controls: true, preload: "metadata", class: "proof-media", "aria-label": label })
      : h("img", { src: url, alt: label, class: "proof-media" });
  replace(box, el, uploadFacts(upload));
}

/** An uploaded document (a PDF): fetched with the admin key, opened from a blob: link (never inline). */
async function documentProof(box, sub, api, keep) {
  const upload = sub.proof.upload;
  replace(box, loading("Loading the document…"));
  let url;
  try {
    url = await api.blobUrl(`/v1/submissions/${encodeURIComponent(sub.id)}/proof`);
  } catch (err) {
    replace(box, errorBox(err), uploadFacts(upload));
    return;
  }
  keep(url);
  const name = upload.filename || `${sub.id}.pdf`;
  replace(box, h("p", {}, h("a", { href: url, download: name, class: "proof-document" }, `Download the document (${name})`)), uploadFacts(upload));
}

function survey(sub, mission) {
  const questions = new Map(((mission.goal && mission.goal.questions) || []).map((q) => [q.id, q.text]));
  const answers = sub.proof.value && typeof sub.proof.value === "object" ? Object.entries(sub.proof.value) : [];
  if (!answers.length) return h("p", { class: "muted" }, "No answers.");
  return h(
    "dl",
    { class: "proof-survey" },
    answers.map(([id, answer]) => [h("dt", {}, questions.get(id) || id), h("dd", {}, String(answer))]),
  );
}

/** Renders `sub`'s proof into `box`; `keep(url)` is told of every blob: URL made, to revoke later. */
export function renderProof(box, sub, mission, api, keep) {
  const { kind, value, upload } = sub.proof;
  if ((kind === "image" || kind === "video") && upload && typeof upload === "object") {
    media(box, sub, api, keep);
    return;
  }
  if (kind === "image" || kind === "video") {
    // A URL the user gave (not an upload): not loaded into the console, linked.
    replace(box, h("p", {}, `${kind === "image" ? "Image" : "Video"} at `, externalLink(value)));
    return;
  }
  if (kind === "document" && upload && typeof upload === "object") {
    documentProof(box, sub, api, keep);
    return;
  }
  if (kind === "linkedin_post") {
    replace(box, h("p", {}, "LinkedIn post: ", externalLink(value)));
    return;
  }
  if (kind === "link") {
    replace(box, h("p", {}, externalLink(value)));
    return;
  }
  if (kind === "survey") {
    replace(box, survey(sub, mission));
    return;
  }
  replace(box, h("blockquote", { class: "proof-text" }, String(value ?? "")));
}
