/*
 * <questline-missions>: the end-user missions widget (vanilla ES modules, no build step, no CDN).
 *
 *   <script type="module" src="https://questline.example/widget/questline.js"></script>
 *   <questline-missions api="https://questline.example" token="USER_TOKEN" lang="en"></questline-missions>
 *
 * It calls only `/v1/me/...` on `api` with the user token (from `POST /v1/users/{id}/token`,
 * called by the operator's backend with its client key). What a card shows is the API's projection.
 *
 * Attributes
 *   api             the API's origin (default: this page's origin)
 *   token           the user token; set it again at any time (e.g. after a refresh)
 *   lang            picks the string table ("en" built in; unknown languages fall back to English)
 *   readonly        shows everything, offers no action (e.g. the console's "what the user sees")
 *   token-callback  the name of a global function called when the token has expired (see below)
 *   poll            seconds between refreshes while the page is visible (default 5; 0 = never)
 *   link            a magic link's token to open (default: the page's `?questline_link=` parameter)
 *   signup-url      where a visitor who is not a user yet signs up (a button under a linked mission)
 *
 * Magic links (`link.js`). When the page is loaded with `?questline_link=<token>` (the `url` of
 * `GET /v1/missions/{id}/link`), the widget opens that mission above its tabs: the user's own card,
 * its tab selected; for a visitor without a token (or not yet a user) the card read-only with
 * "sign up in the app to start"; or why the link does not open it. Without a token it calls
 * nothing but the link. Dispatched: `questline:link-opened` (detail `{mission_id, state}`).
 *
 * Token expiry contract. When a call answers 401 the widget pauses and
 *   1. dispatches `questline:token-expired` (a CustomEvent that bubbles and is composed, so it
 *      reaches `document`), whose `detail` is `{provide(token), token: Promise<string>}`:
 *      call `event.detail.provide(newToken)`, or simply set the `token` attribute;
 *   2. calls `window[token-callback](detail)` when that attribute names a function; if it
 *      returns a token (or a promise of one), that token is provided.
 * On the new token the widget retries the refused call and goes on. Several calls refused at once
 * share one event. `detail.token` resolves with the token that was provided.
 * Also dispatched: `questline:error` (detail `{status, code, message}`) when an action fails.
 *
 * Theming: CSS custom properties set on the element (or any ancestor):
 *   --questline-accent (#4f46e5), --questline-accent-text (#fff), --questline-background (#fff),
 *   --questline-surface (#f6f7fb), --questline-text (#1f2430), --questline-muted (#4d5566),
 *   --questline-border (#d6d9e3), --questline-success (#166534), --questline-danger (#b42318),
 *   --questline-radius (12px), --questline-gap (12px), --questline-font (system-ui, …),
 *   --questline-font-size (15px).
 *
 * Stays current: polls every `poll` seconds while the tab is visible, sending each GET's ETag back
 * (If-None-Match; 304 = unchanged, nothing re-rendered); after an action the card is updated from
 * the response at once. Countdowns tick in the browser and refresh the view when they reach 0.
 * Every stored string is rendered as text; links and images only as http(s) (or an action
 * button's app deep link, `myapp://…`, as the API accepts it), never javascript: or data:.
 *
 * Sources (all `GET /v1/me...`): `/missions` (each view's `goal` says what to do: proof kinds,
 * survey questions, what a social check looks for, the verify button's label), `/wallet`,
 * `/inbox`, `/quests`, `/challenges` and `/challenges/config` (the limits of the create form),
 * and the profile (`social`: linked accounts).
 */

import { h, replace } from "../static/lib/dom.js";
import { card, formatDuration, inProgress } from "./cards.js";
import { Client } from "./client.js";
import { categoriesPanel, challengesPanel, inboxPanel, leaderboardsPanel, questsPanel, walletPanel } from "./panels.js";
import { linkToken, renderLink, resolveLink } from "./link.js";
import { CSS } from "./styles.js";
import { translator } from "./strings.js";

const MISSION_TABS = ["overview", "available", "locked", "completed", "missed"];
const OTHER_TABS = ["quests", "challenges", "leaderboards", "wallet", "inbox"];
const TABS = [...MISSION_TABS, ...OTHER_TABS];
const SOURCES = {
  missions: "/missions",
  wallet: "/wallet",
  inbox: "/inbox",
  quests: "/quests",
  challenges: "/challenges",
  challengeLimits: "/challenges/config",
  categories: "/categories",
  leaderboards: "/leaderboards/standings",
  profile: "",
};
let instances = 0;

export class QuestlineMissions extends HTMLElement {
  static get observedAttributes() {
    return ["token", "lang", "readonly", "api", "poll", "link"];
  }

  constructor() {
    super();
    this.uid = `ql${++instances}`;
    this.attachShadow({ mode: "open" });
    this.data = { missions: null, wallet: null, inbox: null, quests: null, challenges: null, challengeLimits: null, categories: null, profile: null };
    this.selected = "overview";
    this.cooldowns = new Map();
    this.cardCache = new Map();
    // Cards whose "why didn't this count?" is open (kept open when a card is rebuilt).
    this.whyOpen = new Set();
    this.refreshing = null;
    this.error = null;
  }

  get t() {
    return translator(this.getAttribute("lang") || "en");
  }

  get readonly() {
    return this.hasAttribute("readonly");
  }

  connectedCallback() {
    if (!this.client) this.build();
    this.client.base = (this.getAttribute("api") || "").replace(/\/+$/, "");
    document.addEventListener("visibilitychange", this.onVisible);
    this.link = linkToken(this);
    if (this.link) this.openLink();
    this.load();
    this.opened();
    this.startTimers();
  }

  disconnectedCallback() {
    clearInterval(this.ticker);
    clearInterval(this.poller);
    document.removeEventListener("visibilitychange", this.onVisible);
  }

  attributeChangedCallback(name, old, value) {
    if (!this.client || old === value) return;
    if (name === "token") {
      if (this.refreshing && value) {
        const { resolve } = this.refreshing;
        this.refreshing = null;
        this.setStatus("");
        resolve(value);
      } else {
        this.client.cache.clear();
        if (this.link) this.openLink();
        this.load();
      }
    } else if (name === "api") {
      this.client.base = (value || "").replace(/\/+$/, "");
      this.client.cache.clear();
      this.load();
    } else if (name === "poll") {
      this.startTimers();
    } else if (name === "link") {
      this.link = linkToken(this);
      this.linked = null;
      if (this.link) this.openLink();
      else this.render();
    } else {
      this.cardCache.clear();
      this.render();
    }
  }

  build() {
    this.client = new Client({
      base: this.getAttribute("api"),
      getToken: () => this.getAttribute("token") || "",
      onExpired: () => this.tokenExpired(),
    });
    const style = document.createElement("style");
    style.textContent = CSS;
    this.tablist = h("div", { role: "tablist", onkeydown: (e) => this.onTabKey(e) });
    this.tabs = {};
    for (const key of TABS) {
      this.tabs[key] = h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `${this.uid}-tab-${key}`,
          "aria-controls": `${this.uid}-panel`,
          "data-tab": key,
          onclick: () => this.select(key),
        },
        h("span", { class: "label" }),
        h("span", { class: "count", hidden: true }),
      );
      this.tablist.append(this.tabs[key]);
    }
    this.panel = h("div", { role: "tabpanel", id: `${this.uid}-panel`, tabindex: "0", class: "panel" });
    this.status = h("p", { class: "status note", role: "status", "aria-live": "polite" });
    this.heading = h("h2", {});
    this.note = h("p", { class: "note readonly-note" });
    this.linkBox = h("div", { class: "link-box", hidden: true });
    this.root = h("div", { class: "root" }, this.heading, this.note, this.status, this.linkBox, this.tablist, this.panel);
    this.shadowRoot.append(style, this.root);
    this.onVisible = () => {
      if (document.visibilityState === "visible") this.load();
    };
  }

  startTimers() {
    clearInterval(this.ticker);
    clearInterval(this.poller);
    // A quarter-second tick keeps each countdown within 250 ms of the true second.
    this.ticker = setInterval(() => this.tick(), 250);
    const seconds = Number(this.getAttribute("poll") ?? 5);
    if (seconds > 0) {
      this.poller = setInterval(() => {
        if (document.visibilityState === "visible") this.load();
      }, seconds * 1000);
    }
  }

  /** The token has expired: asks the host for a new one (event + optional callback) once. */
  tokenExpired() {
    if (this.refreshing) return this.refreshing.promise;
    let resolve;
    const promise = new Promise((r) => {
      resolve = r;
    });
    this.refreshing = { promise, resolve };
    this.setStatus(this.t("token_expired"));
    const provide = (token) => {
      if (token && typeof token === "string") this.setAttribute("token", token);
    };
    const detail = { provide, token: promise };
    this.dispatchEvent(new CustomEvent("questline:token-expired", { bubbles: true, composed: true, detail }));
    const name = this.getAttribute("token-callback");
    const callback = name ? window[name] : null;
    if (typeof callback === "function") {
      Promise.resolve()
        .then(() => callback(detail))
        .then(provide, () => {});
    }
    return promise;
  }

  /** Tells Questline the widget was opened (`questline.widget_opened`, once per page load; the
   * server counts one per user per minute). A preview (readonly) is not an open. */
  opened() {
    if (this.openSent || this.readonly || this.linkOnly) return;
    this.openSent = true;
    this.client.send("POST", "/widget-opened").catch(() => {
      this.openSent = false;
    });
  }

  /** Fetches what changed (ETags) and re-renders only then. */
  async load() {
    if (this.linkOnly) return this.render();
    if (this.loading) return this.loading;
    this.loading = (async () => {
      try {
        const entries = Object.entries(SOURCES);
        const results = await Promise.all(entries.map(([, path]) => this.client.get(path)));
        let changed = false;
        results.forEach((result, i) => {
          if (result.changed || this.data[entries[i][0]] === null) {
            this.data[entries[i][0]] = result.body;
            changed = true;
          }
        });
        if (changed || this.error) {
          this.error = null;
          this.render();
        }
      } catch (err) {
        this.error = err;
        this.render();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  tick() {
    const t = this.t;
    // Only the cards whose countdown reached zero are rebuilt: another card's form (a proof being
    // written, a file chosen) must survive a neighbour's timer running out.
    const fired = [];
    for (const el of this.shadowRoot.querySelectorAll("[data-ends]")) {
      const left = Number(el.dataset.ends) - Date.now();
      const text = t(el.dataset.template, { time: formatDuration(left, t) });
      if (el.textContent !== text) el.textContent = text;
      if (left <= 0 && el.dataset.refresh && !el.dataset.fired) {
        el.dataset.fired = "1";
        const owner = el.closest("[data-mission-id]");
        fired.push(owner ? owner.dataset.missionId : null);
      }
    }
    if (fired.length) {
      if (fired.includes(null)) this.cardCache.clear();
      for (const id of fired) this.cardCache.delete(id);
      this.render();
      this.load();
      setTimeout(() => this.load(), 1500);
    }
  }

  setStatus(text) {
    if (this.status) this.status.textContent = text;
  }

  select(key, focus = false) {
    this.selected = key;
    this.render();
    if (focus) this.tabs[key].focus();
  }

  onTabKey(e) {
    const index = TABS.indexOf(this.selected);
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    this.select(TABS[(moves[e.key] + TABS.length) % TABS.length], true);
  }

  missionsOf(tab) {
    const all = (this.data.missions && this.data.missions.items) || [];
    if (tab !== "overview") return all.filter((v) => v.tab === tab);
    const featured = (v) => (v.chips || []).includes("featured");
    const open = all.filter((v) => v.tab === "available" || (v.tab === "locked" && featured(v)));
    const rank = (v) => (featured(v) ? 0 : v.tab === "available" && inProgress(v) ? 1 : 2);
    return open.map((v, i) => [rank(v), i, v]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
  }

  ctx() {
    return {
      t: this.t,
      lang: this.getAttribute("lang") || undefined,
      readonly: this.readonly,
      profile: this.data.profile,
      challengeLimits: this.data.challengeLimits,
      cooldownUntil: (view) => this.cooldowns.get(view.mission_id) || null,
      why: {
        isOpen: (id) => this.whyOpen.has(id),
        toggle: (id, open) => (open ? this.whyOpen.add(id) : this.whyOpen.delete(id)),
        load: (view) => this.explain(view),
      },
      act: {
        optIn: (view, button) => this.act(button, () => this.client.send("POST", `/missions/${enc(view.mission_id)}/opt-in`), (v) => this.putMission(v)),
        verify: (view, button) => this.verify(view, button),
        submit: (view, proof) => this.submitted(view, this.client.send("POST", `/missions/${enc(view.mission_id)}/submissions`, { proof })),
        upload: (view, kind, file, onProgress) => this.submitted(view, this.client.upload(`/missions/${enc(view.mission_id)}/submissions`, kind, file, onProgress)),
        markRead: (item, button) =>
          this.act(button, () => this.client.send("POST", `/inbox/${enc(item.broadcast_id)}/read`), (read) => {
            const items = this.data.inbox.items.map((i) => (i.broadcast_id === read.broadcast_id ? read : i));
            this.data.inbox = { ...this.data.inbox, items };
            this.render();
          }),
        createChallenge: async (body) => {
          const created = await this.client.send("POST", "/challenges", body);
          const items = [...((this.data.challenges && this.data.challenges.items) || []), created];
          this.data.challenges = { ...(this.data.challenges || {}), items };
          this.setStatus(this.t("created"));
          this.render();
        },
        leaveChallenge: (challenge, button) =>
          this.act(button, () => this.client.send("DELETE", `/challenges/${enc(challenge.id)}`), () => {
            const items = this.data.challenges.items.filter((c) => c.id !== challenge.id);
            this.data.challenges = { ...this.data.challenges, items };
            this.render();
          }),
      },
    };
  }

  /** Runs an action from `button`: disabled meanwhile; the answer goes to `apply`; errors are shown. */
  async act(button, call, apply) {
    if (this.readonly) return;
    if (button) button.disabled = true;
    try {
      apply(await call());
      this.setStatus("");
    } catch (err) {
      this.failed(err);
      if (button) button.disabled = false;
    }
  }

  failed(err) {
    this.setStatus(this.t("error", { message: err.message }));
    this.dispatchEvent(
      new CustomEvent("questline:error", { bubbles: true, composed: true, detail: { status: err.status, code: err.code, message: err.message } }),
    );
  }

  async verify(view, button) {
    if (this.readonly) return;
    button.disabled = true;
    try {
      this.putMission(await this.client.send("POST", `/missions/${enc(view.mission_id)}/verify`));
      this.setStatus("");
    } catch (err) {
      if (err.status === 429) {
        this.cooldowns.set(view.mission_id, Date.now() + (err.retryAfter || 5) * 1000);
        this.cardCache.delete(view.mission_id);
        this.render();
      }
      this.failed(err);
    }
  }

  /** After a submission: the card shows it waiting at once, then the mission as the API has it. */
  async submitted(view, call) {
    if (this.readonly) return;
    const submission = await call;
    const pending = submission && submission.status === "pending";
    this.putMission({ ...view, submission, status: pending ? "pending" : view.status });
    try {
      const { body } = await this.client.get(`/missions/${enc(view.mission_id)}`);
      this.putMission(body);
    } catch {
      /* the next poll brings it */
    }
  }

  /** The user's events of the mission, explained (`GET /v1/me/missions/{id}/explain`), every page. */
  async explain(view) {
    const base = `/missions/${enc(view.mission_id)}/explain?limit=500`;
    let { body } = await this.client.get(base);
    const events = [...body.events];
    for (let pages = 1; body.next_cursor && pages < 20; pages += 1) {
      ({ body } = await this.client.get(`${base}&cursor=${enc(body.next_cursor)}`));
      events.push(...body.events);
    }
    return { ...body, events };
  }

  /** A visitor with a magic link and no token: only the linked mission is shown (nothing else is theirs). */
  get linkOnly() {
    return Boolean(this.link) && !this.getAttribute("token");
  }

  /** Opens the magic link: the user's own card (its tab selected), a read-only card, or why not. */
  async openLink() {
    try {
      const body = await resolveLink(this.client, this.link);
      this.linked = { body };
      if (body.view && MISSION_TABS.includes(body.view.tab)) this.selected = body.view.tab;
    } catch (err) {
      this.linked = { error: err };
    }
    this.render();
    const body = this.linked.body;
    const state = this.linkBox.firstChild ? this.linkBox.firstChild.dataset.linkState : null;
    const detail = { mission_id: body ? body.mission.mission_id : null, state };
    this.dispatchEvent(new CustomEvent("questline:link-opened", { bubbles: true, composed: true, detail }));
    if (typeof this.linkBox.scrollIntoView === "function") this.linkBox.scrollIntoView({ block: "nearest" });
  }

  putMission(view) {
    const linked = this.linked && this.linked.body;
    if (linked && linked.view && linked.view.mission_id === view.mission_id) this.linked = { body: { ...linked, view } };
    const items = ((this.data.missions && this.data.missions.items) || []).slice();
    const at = items.findIndex((v) => v.mission_id === view.mission_id);
    if (at >= 0) items[at] = view;
    else items.push(view);
    this.data.missions = { ...(this.data.missions || {}), items };
    this.render();
  }

  render() {
    if (!this.client) return;
    const t = this.t;
    this.heading.textContent = t("title");
    this.note.textContent = this.readonly ? t("readonly_note") : "";
    this.note.hidden = !this.readonly;
    this.tablist.setAttribute("aria-label", t("tabs_label"));
    for (const key of TABS) {
      const tab = this.tabs[key];
      const on = key === this.selected;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      tab.querySelector(".label").textContent = t(`tab_${key}`);
      const count = tab.querySelector(".count");
      const n = this.countOf(key);
      count.hidden = n === null;
      count.textContent = n === null ? "" : String(n);
    }
    // The linked card follows the user's missions as they are polled (progress, status).
    const linkedView = this.linked && this.linked.body && this.linked.body.view;
    const fresh = linkedView && this.data.missions ? (this.data.missions.items || []).find((v) => v.mission_id === linkedView.mission_id) : null;
    if (fresh && JSON.stringify(fresh) !== JSON.stringify(linkedView)) this.linked = { body: { ...this.linked.body, view: fresh } };
    if (this.linkShown !== this.linked) {
      this.linkShown = this.linked;
      renderLink(this.linkBox, this.linked, this.ctx(), this.getAttribute("signup-url"));
    }
    this.tablist.hidden = this.linkOnly;
    this.panel.hidden = this.linkOnly;
    if (this.linkOnly) return;
    this.panel.setAttribute("aria-labelledby", this.tabs[this.selected].id);
    this.panel.dataset.view = this.selected;
    if (this.error && this.data.missions === null) {
      replace(this.panel, h("p", { class: "bad" }, t("error", { message: this.error.message })), h("button", { type: "button", onclick: () => this.load() }, t("retry")));
      return;
    }
    if (this.data.missions === null) {
      replace(this.panel, h("p", { class: "small" }, t("loading")));
      return;
    }
    const ctx = this.ctx();
    const key = this.selected;
    if (MISSION_TABS.includes(key)) {
      const views = this.missionsOf(key);
      // The Overview leads with the categories, each with its count and a few missions.
      const lead = key === "overview" && this.data.categories ? categoriesPanel(this.data.categories, this.data.missions.items || [], ctx) : null;
      if (!views.length) {
        replace(this.panel, lead, h("p", { class: "small" }, t("empty_missions")));
        return;
      }
      const cards = views.map((view) => this.cardFor(view, ctx));
      const grid = this.panel.querySelector(":scope > .cards") || h("div", { class: "cards" });
      // Keep unchanged cards (and what the user is typing into them); replace the rest.
      const leadNow = this.panel.querySelector(":scope > .categories");
      if (grid.parentNode !== this.panel) replace(this.panel, lead, grid);
      else if (lead && leadNow) leadNow.replaceWith(lead);
      else if (lead) this.panel.prepend(lead);
      else if (leadNow) leadNow.remove();
      const same = grid.children.length === cards.length && cards.every((c, i) => grid.children[i] === c);
      if (!same) grid.replaceChildren(...cards);
    } else if (key === "wallet") {
      replace(this.panel, this.data.wallet ? walletPanel(this.data.wallet, ctx) : null);
    } else if (key === "inbox") {
      replace(this.panel, this.data.inbox ? inboxPanel(this.data.inbox, ctx) : null);
    } else if (key === "quests") {
      const byId = new Map(((this.data.missions && this.data.missions.items) || []).map((v) => [v.mission_id, v]));
      replace(this.panel, this.data.quests ? questsPanel(this.data.quests, byId, ctx) : null);
    } else if (key === "challenges") {
      replace(this.panel, this.data.challenges ? challengesPanel(this.data.challenges, ctx) : null);
    } else if (key === "leaderboards") {
      replace(this.panel, this.data.leaderboards ? leaderboardsPanel(this.data.leaderboards, ctx) : null);
    }
  }

  cardFor(view, ctx) {
    // A social card also shows whether the profile links an account on its platform.
    const platform = view.goal && view.goal.platform;
    const social = ctx.profile && ctx.profile.social;
    const linked = platform && social ? Boolean(social[platform]) : null;
    const signature = JSON.stringify([view, this.cooldowns.get(view.mission_id) || 0, ctx.readonly, ctx.lang, linked]);
    const cached = this.cardCache.get(view.mission_id);
    if (cached && cached.signature === signature) return cached.el;
    const el = card(view, ctx);
    this.cardCache.set(view.mission_id, { signature, el });
    return el;
  }

  countOf(key) {
    if (MISSION_TABS.includes(key)) return this.data.missions ? this.missionsOf(key).length : null;
    if (key === "inbox") return this.data.inbox ? this.data.inbox.items.filter((i) => !i.read_at).length : null;
    return null;
  }
}

function enc(id) {
  return encodeURIComponent(id);
}

if (!customElements.get("questline-missions")) customElements.define("questline-missions", QuestlineMissions);
