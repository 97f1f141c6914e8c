// The Questline console: a shell (sign-in, navigation, a hash router) around one module per page
// in ./pages/. Every call goes to the public admin API with the admin key, which is kept in
// sessionStorage: it lasts as long as the browser tab, never on disk beyond the session.
import { createApi, ApiError } from "./api.js";
import { h, replace, button, errorBox, loading } from "./ui.js";

const KEY_STORAGE = "questline.console.adminKey";

/** The pages, in the navigation's order: `route` is the first path segment after `#/`. */
export const PAGES = [
  { route: "missions", label: "Missions", module: "missions" },
  { route: "review", label: "Review queue", module: "review" },
  { route: "users", label: "Users", module: "users" },
  { route: "segments", label: "Segments & tiers", module: "segments" },
  { route: "broadcasts", label: "Broadcasts", module: "broadcasts" },
  { route: "shop", label: "Shop", module: "shop" },
  { route: "callbacks", label: "Callbacks", module: "callbacks" },
  { route: "notifications", label: "Notifications", module: "notifications" },
  { route: "jobs", label: "Jobs", module: "jobs" },
  { route: "challenges", label: "Challenges", module: "challenges" },
  { route: "leaderboards", label: "Leaderboards", module: "leaderboards" },
  { route: "stats", label: "Statistics", module: "stats" },
];

const app = document.getElementById("app");
let cleanup = null;
// Each navigation's number: a page that finishes loading after the admin moved on is dropped.
let routeSeq = 0;

function storedKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

function signOut() {
  sessionStorage.removeItem(KEY_STORAGE);
  location.hash = "";
  start();
}

async function checkKey(key) {
  const api = createApi(key);
  await api.get("/v1/missions", { limit: 1 });
  return api;
}

function signIn(message) {
  app.className = "signin";
  const input = h("input", { id: "admin-key", type: "password", name: "key", autocomplete: "off", required: true, spellcheck: "false" });
  const error = h("p", { class: "field-error", id: "admin-key-error", role: "alert", hidden: !message }, message || "");
  input.setAttribute("aria-describedby", "admin-key-hint admin-key-error");
  const form = h(
    "form",
    { class: "signin-card", "aria-labelledby": "signin-title" },
    h("h1", { id: "signin-title" }, "Questline console"),
    h("p", { class: "muted" }, "Sign in with the admin key. It stays in this browser tab only and is forgotten when you close it."),
    h("div", { class: "field" }, h("label", { for: "admin-key" }, "Admin key"), input,
      h("p", { class: "hint", id: "admin-key-hint" }, "`make run` prints the dev stack's admin key."), error),
    button("Sign in", null, { kind: "primary", type: "submit" }),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const key = input.value.trim();
    error.hidden = true;
    try {
      await checkKey(key);
    } catch (err) {
      error.textContent =
        err.status === 401 ? "That key is not valid here." : err.status === 403 ? "That key is valid but it is not the admin key." : err.message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    sessionStorage.setItem(KEY_STORAGE, key);
    start();
  });
  replace(app, h("main", { id: "main" }, form));
  input.focus();
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, qs] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { route: parts[0] || "missions", params: parts.slice(1), query: new URLSearchParams(qs || "") };
}

/** Goes to a console route, e.g. navigate("missions", id) or navigate("users", id, {tab: "x"}). */
export function navigate(route, ...rest) {
  const query = rest.length && typeof rest[rest.length - 1] === "object" ? new URLSearchParams(rest.pop()).toString() : "";
  location.hash = `#/${[route, ...rest].map(encodeURIComponent).join("/")}${query ? `?${query}` : ""}`;
}

/** The href of a console route, for links. */
export function href(route, ...rest) {
  return `#/${[route, ...rest].map(encodeURIComponent).join("/")}`;
}

function shell(api) {
  app.className = "shell";
  const nav = h(
    "nav",
    { class: "sidebar", "aria-label": "Console" },
    h("a", { class: "brand", href: "#/missions" }, "Questline"),
    h("ul", {}, PAGES.map((p) => h("li", {}, h("a", { href: `#/${p.route}`, "data-route": p.route }, p.label)))),
    h("div", { class: "sidebar-foot" }, h("a", { href: "/docs" }, "API reference"), button("Sign out", signOut, { kind: "ghost", id: "sign-out" })),
  );
  const main = h("main", { id: "main", tabindex: "-1" });
  replace(app, h("a", { class: "skip", href: "#main", onclick: (e) => { e.preventDefault(); main.focus(); } }, "Skip to content"), nav, main);
  return { nav, main };
}

async function route(api, nav, main) {
  if (cleanup) {
    try {
      cleanup();
    } catch {
      /* a page's cleanup never blocks the next page */
    }
    cleanup = null;
  }
  const { route: name, params, query } = parseHash();
  const page = PAGES.find((p) => p.route === name);
  for (const a of nav.querySelectorAll("a[data-route]")) {
    if (a.dataset.route === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (!page) {
    replace(main, h("h1", {}, "Not found"), h("p", {}, `There is no console page “${name}”.`));
    return;
  }
  document.title = `${page.label} · Questline console`;
  const seq = ++routeSeq;
  // Each page renders into its own element, swapped in only while it is still the current one.
  const root = h("div", { class: "page" });
  replace(main, loading());
  try {
    const mod = await import(`./pages/${page.module}.js`);
    if (seq !== routeSeq) return;
    replace(main, root);
    const ctx = { root, api, params, query, navigate, href };
    const result = await mod.render(ctx);
    if (seq !== routeSeq) {
      if (typeof result === "function") result();
      return;
    }
    if (typeof result === "function") cleanup = result;
  } catch (err) {
    if (seq !== routeSeq) return;
    if (err instanceof ApiError && err.status === 401) {
      sessionStorage.removeItem(KEY_STORAGE);
      signIn("The admin key is no longer accepted: sign in again.");
      return;
    }
    replace(main, errorBox(err));
  }
}

let hashListener = null;

async function start() {
  const key = storedKey();
  if (hashListener) window.removeEventListener("hashchange", hashListener);
  if (!key) {
    signIn();
    return;
  }
  let api;
  try {
    api = await checkKey(key);
  } catch (err) {
    sessionStorage.removeItem(KEY_STORAGE);
    signIn(err.status === 401 || err.status === 403 ? "The stored key is no longer accepted: sign in again." : err.message);
    return;
  }
  const { nav, main } = shell(api);
  hashListener = () => route(api, nav, main);
  window.addEventListener("hashchange", hashListener);
  await route(api, nav, main);
}

start();
