// Magic links: a page loaded with `?questline_link=<token>` (or a widget with a `link` attribute)
// opens that mission. `GET /v1/me/links/{token}` answers it with the user token, `GET /v1/links/{token}` with no
// credentials for a visitor who has none: the user's own view (shown as a full card, and its tab
// selected), or the mission's card read-only with "sign up in the app to start", or why the link
// does not open it (403 not_registered / not_in_segment, 404 unknown_link / mission_unavailable).

import { h, replace, safeUrl } from "../static/lib/dom.js";
import { card, rewardText } from "./cards.js";
import { ApiError } from "./client.js";

/** The query parameter a link's URL carries (services.links.LINK_PARAM). */
export const LINK_PARAM = "questline_link";

/** The link token this widget opens: its `link` attribute, else the page's `?questline_link=`. */
export function linkToken(el) {
  const own = el.getAttribute("link");
  if (own) return own;
  try {
    return new URLSearchParams(window.location.search).get(LINK_PARAM) || null;
  } catch {
    return null;
  }
}

/** Resolves the link: with the user token when there is one, anonymously otherwise. */
export async function resolveLink(client, token) {
  const path = `/links/${encodeURIComponent(token)}`;
  if (client.getToken()) return (await client.get(path)).body;
  // Anonymous: the public resolver (shared with the widget's origins), not the user's route.
  const response = await fetch(`${client.base}/v1${path}`, { method: "GET", cache: "no-store", mode: "cors" });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) throw new ApiError(response.status, body, null);
  return body;
}

/** The link box: what the link opened (or why it did not), above the tabs. */
export function linkPanel(state, ctx, signupUrl) {
  const { t } = ctx;
  if (state.error) {
    const code = state.error.code;
    const key = ["not_registered", "not_in_segment", "unknown_link", "mission_unavailable"].includes(code) ? `link_${code}` : null;
    return h(
      "section",
      { class: "linked", "data-link-state": code || "error", "aria-label": t("link_title") },
      h("p", { class: "bad" }, key ? t(key) : t("error", { message: state.error.message })),
      code === "not_registered" ? signup(signupUrl, t) : null,
    );
  }
  const body = state.body;
  if (body.view) {
    return h(
      "section",
      { class: "linked", "data-link-state": "open", "aria-label": t("link_title") },
      h("p", { class: "small" }, t("link_opened")),
      card(body.view, ctx),
    );
  }
  const readonly = { ...ctx, readonly: true };
  const shown = body.preview ? card(body.preview, readonly) : bareCard(body.mission, t);
  return h(
    "section",
    { class: "linked", "data-link-state": body.signup_required ? "signup" : "not_eligible", "aria-label": t("link_title") },
    shown,
    h("p", { class: "link-cta" }, body.signup_required ? t("link_signup") : t("link_not_eligible")),
    body.signup_required ? signup(signupUrl, t) : null,
  );
}

function signup(url, t) {
  const href = url ? safeUrl(url) : null;
  return href ? h("a", { class: "button signup", href }, t("link_signup_button")) : null;
}

/** The mission when no card can be projected for a newcomer (only chosen users see it). */
function bareCard(mission, t) {
  const reward = rewardText(mission.reward, t);
  const image = mission.images && mission.images.card ? safeUrl(mission.images.card) : null;
  return h(
    "article",
    { class: "card", "data-mission-id": mission.mission_id, "aria-label": mission.name },
    image ? h("img", { class: "cover", src: image, alt: "", loading: "lazy" }) : null,
    h(
      "div",
      { class: "body" },
      h("h3", { class: "name" }, mission.name),
      mission.description ? h("p", { class: "desc" }, mission.description) : null,
      reward ? h("p", { class: "reward" }, t("reward", { reward })) : null,
    ),
  );
}

/** Renders the link box into `box` (hidden while there is nothing to show). */
export function renderLink(box, state, ctx, signupUrl) {
  if (!state) {
    box.hidden = true;
    replace(box);
    return;
  }
  box.hidden = false;
  replace(box, linkPanel(state, ctx, signupUrl));
}
