// Users: look one up (#/users), then see them (#/users/<id>): profile, tier and segments, wallet and
// ledger, what they see (the widget itself, read-only, on a token minted with the admin key), their
// journeys with a link to each workflow in the Temporal UI; grant a featured mission, unlock a
// locked one. Routes: GET /v1/users/{id}, GET /v1/users/{id}/wallet, GET /v1/users/{id}/journeys,
// POST /v1/users/{id}/token, GET /v1/segments, GET /v1/missions, POST /v1/missions/{id}/grants|unlock.
import { h, replace, pageHeader, button, field, table, when, loadInto, stylesheet } from "../ui.js";
import { attributesList, journeysTable, ledgerTable } from "./users-parts.js";
import { explainPanel } from "./users-explain.js";
import { actsPanel } from "./users-acts.js";
import { userView } from "./users-view.js";
import { streaksTable } from "./users-streaks.js";

function lookupForm(navigate, current = "") {
  const input = h("input", { name: "user_id", type: "search", value: current, required: true, autocomplete: "off", spellcheck: "false" });
  const form = h(
    "form",
    { class: "toolbar users-lookup", role: "search", "aria-label": "Look up a user" },
    field("User id", input, { id: "users-lookup", hint: "The id your app gives the user (as sent in events)." }),
    button("Look up", null, { kind: "primary", type: "submit" }),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const id = input.value.trim();
    if (id) navigate("users", id);
  });
  return { form, input };
}

export async function render(ctx) {
  const { root, api, params, navigate } = ctx;
  stylesheet("pages/users.css");
  const userId = params[0];
  if (!userId) {
    const { form, input } = lookupForm(navigate);
    replace(
      root,
      pageHeader("Users"),
      h("section", { class: "card" }, h("h2", {}, "Look up a user"), form,
        h("p", { class: "muted" }, "See what a user sees, their wallet and ledger, segments and journeys; grant or unlock a mission for them.")),
    );
    input.focus();
    return undefined;
  }

  const { form } = lookupForm(navigate, userId);
  const profileBox = h("div", {});
  const walletBox = h("div", {});
  const journeysBox = h("div", {});
  const streaksBox = h("div", {});
  const explainBox = h("div", { id: "user-explain" });
  const actsBox = h("div", {});
  const view = userView(api, userId);

  const loadProfile = () =>
    loadInto(profileBox, async () => {
      const [profile, segments] = await Promise.all([
        api.get(`/v1/users/${encodeURIComponent(userId)}`),
        api.get("/v1/segments").catch(() => []),
      ]);
      const names = new Map((segments || []).map((s) => [s.id, s.name]));
      return h(
        "div",
        {},
        h(
          "div",
          { class: "grid users-stats" },
          h("div", { class: "stat", id: "user-points" }, h("div", { class: "value" }, String(profile.points)), h("div", { class: "label" }, "points")),
          h("div", { class: "stat", id: "user-tier" }, h("div", { class: "value" }, profile.effective_tier || "—"), h("div", { class: "label" },
            profile.tier ? `tier (set: ${profile.tier})` : "tier (by points)")),
          h("div", { class: "stat", id: "user-joined" }, h("div", { class: "value users-joined" }, profile.joined_at ? when(profile.joined_at) : "—"), h("div", { class: "label" }, "joined")),
          h("div", { class: "stat", id: "user-time-zone" }, h("div", { class: "value" }, profile.time_zone || "—"), h("div", { class: "label" }, "time zone")),
        ),
        h("h3", {}, "Segments"),
        profile.segments.length
          ? h("ul", { class: "chips", id: "user-segments", "aria-label": "Segments" }, profile.segments.map((id) =>
              h("li", {}, h("a", { href: ctx.href("segments", id), class: "chip", title: id }, names.get(id) || id))))
          : h("p", { class: "muted", id: "user-segments" }, "In no segment."),
        h("h3", {}, "Attributes"),
        attributesList(profile.attributes, "No attributes."),
        h("h3", {}, "Linked accounts"),
        attributesList(profile.social, "No linked social account."),
      );
    });

  const loadWallet = () =>
    loadInto(walletBox, async () => {
      const wallet = await api.get(`/v1/users/${encodeURIComponent(userId)}/wallet`);
      return h(
        "div",
        {},
        h("p", { class: "users-balance" }, h("strong", { id: "wallet-points" }, String(wallet.points)), " points"),
        h("h3", {}, "Items"),
        table(
          [
            { label: "Item", cell: (e) => e.label || e.item_id || "—" },
            { label: "From mission", cell: (e) => (e.mission_id ? h("a", { href: ctx.href("missions", e.mission_id) }, e.mission_id) : "—") },
            { label: "When", cell: (e) => when(e.created_at) },
          ],
          wallet.items || [],
          { empty: "No items.", caption: "Items" },
        ),
        (wallet.owed || []).length
          ? [h("h3", {}, "Owed (out of stock when earned)"), table(
              Object.keys(wallet.owed[0]).map((k) => ({ label: k.replace(/_/g, " "), cell: (o) => (o[k] === null || o[k] === undefined ? "—" : typeof o[k] === "object" ? JSON.stringify(o[k]) : String(o[k])) })),
              wallet.owed,
              { caption: "Owed items" },
            )]
          : null,
        h("h3", {}, "Ledger"),
        ledgerTable(wallet.ledger || [], ctx.href),
      );
    });

  const loadJourneys = () =>
    loadInto(journeysBox, async () => {
      const items = await api.all(`/v1/users/${encodeURIComponent(userId)}/journeys`, { limit: 500 }, 1000);
      return journeysTable(items, ctx.href, (j) => {
        replace(explainBox, explainPanel(api, userId, j.mission_id));
        explainBox.scrollIntoView({ block: "nearest" });
      });
    });

  const loadStreaks = () => loadInto(streaksBox, () => streaksTable(api, userId, ctx.href));

  function refreshAll() {
    loadProfile();
    loadWallet();
    loadJourneys();
    loadStreaks();
    view.refresh();
  }

  replace(
    root,
    pageHeader(`User ${userId}`, button("Refresh", refreshAll, { id: "user-refresh" })),
    form,
    h("div", { class: "users-layout" },
      h("div", { class: "users-main" },
        h("section", { class: "card", "aria-labelledby": "h-sees" }, h("h2", { id: "h-sees" }, "What the user sees"),
          h("p", { class: "hint" }, "The widget itself, read-only, on a short-lived token for this user: the same projection their app shows."), view.node),
        h("section", { class: "card", "aria-labelledby": "h-streaks" }, h("h2", { id: "h-streaks" }, "Streaks and freezes"), streaksBox),
        h("section", { class: "card", "aria-labelledby": "h-wallet" }, h("h2", { id: "h-wallet" }, "Wallet and ledger"), walletBox),
        h("section", { class: "card", "aria-labelledby": "h-journeys" }, h("h2", { id: "h-journeys" }, "Journeys"), journeysBox, explainBox),
      ),
      h("div", { class: "users-side" },
        h("section", { class: "card", "aria-labelledby": "h-profile" }, h("h2", { id: "h-profile" }, "Profile"), profileBox),
        h("section", { class: "card", "aria-labelledby": "h-acts" }, h("h2", { id: "h-acts" }, "Act for this user"), actsBox),
      ),
    ),
  );
  replace(actsBox, actsPanel(api, userId, () => {
    refreshAll();
  }));
  refreshAll();
  return () => view.destroy();
}

