// Building DOM without HTML strings: every stored string (names, descriptions, feedback, proofs,
// broadcast bodies, some of them written by end users) becomes a text node, never markup.
// Shared by the widget (/widget/) and the console (/console/).

/** Creates an element: h("button", {class: "x", onclick: fn, disabled: true}, "text", child, [more]).
 * Attributes whose value is null/undefined/false are left out; `on*` functions become listeners;
 * strings among the children become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "style" && typeof value === "object") {
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, String(v));
    } else if (name === "href" || name === "src") {
      const safe = safeUrl(String(value));
      if (safe) el.setAttribute(name, safe);
    } else if (name in el && typeof value !== "string" && name !== "class") {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (strings as text, arrays flattened, null/false skipped). */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** The URL if it is http(s) (absolute or relative to the page), or one of `schemes` (e.g. a
 * mission's deep-link scheme "myapp:"); otherwise null, so javascript: and data: never load. */
export function safeUrl(url, schemes = []) {
  if (!url) return null;
  let parsed;
  try {
    parsed = new URL(url, document.baseURI);
  } catch {
    return null;
  }
  const allowed = ["http:", "https:", "blob:", ...schemes.map((s) => (s.endsWith(":") ? s : `${s}:`))];
  if (parsed.protocol === "blob:" && !url.startsWith("blob:")) return null;
  return allowed.includes(parsed.protocol) ? url : null;
}
