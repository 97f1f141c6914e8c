// "What the user sees": the end-user widget itself (<questline-missions readonly>), on a short-lived
// user token the console mints with the admin key (POST /v1/users/{id}/token), renewed when it
// expires. Without the widget's script, the same projection as a read-only table
// (GET /v1/users/{id}/missions).
import { h, replace, table, badge, errorBox, loading } from "../ui.js";

const WIDGET = "/widget/questline.js";

async function mint(api, userId) {
  const issued = await api.post(`/v1/users/${encodeURIComponent(userId)}/token`);
  return issued.token;
}

function progressText(p) {
  if (!p) return "—";
  return `${p.current} / ${p.target}${p.unit ? ` ${p.unit}` : ""}`;
}

async function fallbackTable(api, userId) {
  const page = await api.get(`/v1/users/${encodeURIComponent(userId)}/missions`);
  const items = page.items || [];
  return h(
    "div",
    { class: "users-projection" },
    h("p", { class: "hint" }, "The widget could not be loaded: the user's missions as the API projects them."),
    table(
      [
        { label: "Mission", cell: (v) => v.name },
        { label: "Tab", cell: (v) => badge(v.tab) },
        { label: "State", cell: (v) => badge(v.status) },
        { label: "Chips", cell: (v) => (v.chips || []).map((c) => (typeof c === "string" ? c : c.kind || JSON.stringify(c))).join(", ") || "—" },
        { label: "Progress", cell: (v) => progressText(v.progress) },
        { label: "Completions", cell: (v) => String(v.completions), class: "num" },
      ],
      items,
      { empty: "The user sees no mission.", caption: "Missions the user sees" },
    ),
  );
}

/** The view's node, `refresh()` (reload now) and `destroy()` (stop polling). */
export function userView(api, userId) {
  const node = h("div", { class: "users-view", id: "user-view" }, loading("Loading what the user sees…"));
  let widget = null;
  let destroyed = false;

  async function renew(e) {
    try {
      e.detail.provide(await mint(api, userId));
    } catch {
      /* the widget shows its own expired note */
    }
  }

  async function start() {
    let token;
    try {
      token = await mint(api, userId);
    } catch (err) {
      replace(node, errorBox(err));
      return;
    }
    try {
      await import(WIDGET);
      if (!customElements.get("questline-missions")) throw new Error("the widget did not define <questline-missions>");
    } catch {
      try {
        replace(node, await fallbackTable(api, userId));
      } catch (err) {
        replace(node, errorBox(err));
      }
      return;
    }
    if (destroyed) return;
    widget = document.createElement("questline-missions");
    widget.setAttribute("api", location.origin);
    widget.setAttribute("readonly", "");
    widget.setAttribute("lang", document.documentElement.lang || "en");
    widget.setAttribute("token", token);
    widget.addEventListener("questline:token-expired", renew);
    replace(node, widget);
  }

  start();
  return {
    node,
    refresh() {
      if (widget && typeof widget.load === "function") widget.load();
      else if (!widget && node.querySelector(".users-projection")) fallbackTable(api, userId).then((t) => replace(node, t), () => {});
    },
    destroy() {
      destroyed = true;
      if (widget) widget.remove();
    },
  };
}
