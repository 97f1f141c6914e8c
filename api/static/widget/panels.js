// The widget's other panels: wallet, inbox, quests, the user's own challenges, and the Overview's
// categories. Stored strings
// (titles, bodies, names, labels) are text nodes only.
// `ctx` = {t, readonly, lang, challengeLimits, act: {markRead, createChallenge, leaveChallenge}}.

import { h } from "../static/lib/dom.js";
import { progressBar, rewardText } from "./cards.js";

const when = (iso, lang) => new Date(iso).toLocaleString(lang || undefined);

export function walletPanel(wallet, ctx) {
  const { t } = ctx;
  const line = (entry) =>
    h(
      "li",
      {},
      h("span", {}, entry.kind === "points" ? t("ledger_points", { points: entry.points }) : entry.label || (entry.item_id ? t("ledger_item", { item: entry.item_id }) : entry.kind)),
      h("span", { class: "small" }, when(entry.created_at, ctx.lang)),
    );
  const list = (entries, render) => (entries && entries.length ? h("ul", { class: "list" }, entries.map(render)) : h("p", { class: "small" }, t("wallet_none")));
  return h(
    "div",
    { class: "wallet" },
    h("div", { class: "section" }, h("h3", {}, t("wallet_points")), h("p", { class: "points", "data-points": String(wallet.points) }, String(wallet.points))),
    h("div", { class: "section" }, h("h3", {}, t("wallet_items")), list(wallet.items, (e) => h("li", {}, h("span", {}, e.label || e.item_id || ""), h("span", { class: "small" }, when(e.created_at, ctx.lang))))),
    h("div", { class: "section" }, h("h3", {}, t("wallet_owed")), list(wallet.owed, (o) => h("li", {}, h("span", {}, o.item_id), h("span", { class: "small" }, when(o.created_at, ctx.lang))))),
    h("div", { class: "section" }, h("h3", {}, t("wallet_ledger")), list(wallet.ledger, line)),
  );
}

/** Leaderboards: each with its top users, your rank and those just around you. Other users show by
 * display name when their profile has one, else by user id (text only). */
export function leaderboardsPanel(boards, ctx) {
  const { t } = ctx;
  if (!boards.length) return h("p", { class: "small" }, t("leaderboards_empty"));
  const score = (b, e) => t(b.kind === "completions" ? "leaderboard_completions" : "leaderboard_points", { score: e.score });
  const row = (b, e) =>
    h(
      "li",
      { class: b.me && e.user_id === b.me.user_id ? "me" : "", "data-rank": String(e.rank), "data-user-id": e.user_id },
      h("span", {}, `${e.rank}. `, b.me && e.user_id === b.me.user_id ? h("strong", {}, t("leaderboard_you")) : e.display_name || e.user_id),
      h("span", { class: "small" }, score(b, e)),
    );
  return h(
    "div",
    { class: "leaderboards" },
    boards.map((b) =>
      h(
        "section",
        { class: "section leaderboard", "data-leaderboard-id": b.id, "aria-label": b.name },
        h("h3", {}, b.name),
        h("p", { class: "small my-rank" }, b.me ? t("leaderboard_your_rank", { rank: b.me.rank, total: b.total }) : t("leaderboard_unranked")),
        b.period.resets_at ? h("p", { class: "small" }, t("leaderboard_resets", { when: when(b.period.resets_at, ctx.lang) })) : null,
        h("h4", {}, t("leaderboard_top")),
        h("ul", { class: "list top" }, b.top.map((e) => row(b, e))),
        b.me && !b.top.some((e) => e.user_id === b.me.user_id)
          ? [h("h4", {}, t("leaderboard_around")), h("ul", { class: "list around" }, b.around.map((e) => row(b, e)))]
          : null,
      ),
    ),
  );
}

export function inboxPanel(inbox, ctx) {
  const { t } = ctx;
  const items = [...(inbox.items || [])].sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  if (!items.length) return h("p", { class: "small" }, t("inbox_empty"));
  return h(
    "ul",
    { class: "list inbox" },
    items.map((item) =>
      h(
        "li",
        {},
        h(
          "article",
          { class: `message ${item.read_at ? "" : "unread"}`, "data-broadcast-id": item.broadcast_id, style: { width: "100%" } },
          h("h3", {}, item.read_at ? null : h("span", { class: "chip badge" }, t("inbox_unread")), item.read_at ? null : " ", item.title),
          h("p", { class: "small" }, when(item.created_at, ctx.lang)),
          h("p", { class: "text" }, item.body),
          !item.read_at && !ctx.readonly
            ? h("div", { class: "actions" }, h("button", { type: "button", class: "secondary mark-read", onclick: (e) => ctx.act.markRead(item, e.currentTarget) }, t("mark_read")))
            : null,
        ),
      ),
    ),
  );
}

export function questsPanel(quests, missionsById, ctx) {
  const { t } = ctx;
  const items = quests.items || [];
  if (!items.length) return h("p", { class: "small" }, t("quests_empty"));
  return h(
    "div",
    { class: "cards" },
    items.map((q) => {
      const reward = rewardText(q.reward, t);
      const done = new Set(q.completed_mission_ids || []);
      return h(
        "article",
        { class: "card quest", "data-quest-id": q.quest_id },
        h(
          "div",
          { class: "body" },
          h("h3", {}, q.name),
          q.description ? h("p", { class: "desc" }, q.description) : null,
          progressBar(q.progress.current, q.progress.target, q.progress.unit, t, `${t("progress_label")}: ${q.name}`),
          reward ? h("p", {}, t("reward", { reward })) : null,
          q.status === "completed" ? h("p", { class: "ok" }, t("quest_completed")) : null,
          h(
            "ul",
            { class: "list small" },
            (q.mission_ids || []).map((id) => h("li", {}, h("span", {}, (missionsById.get(id) || {}).name || id), done.has(id) ? h("span", { class: "ok" }, "✓") : null)),
          ),
        ),
      );
    }),
  );
}

export function challengesPanel(challenges, ctx) {
  const { t } = ctx;
  const items = challenges.items || [];
  const list = items.length
    ? h(
        "div",
        { class: "cards" },
        items.map((c) =>
          h(
            "article",
            { class: "card challenge", "data-challenge-id": c.id },
            h(
              "div",
              { class: "body" },
              h("h3", {}, c.name),
              h("p", { class: "small" }, c.event_type),
              c.kind === "milestone"
                ? [
                    progressBar(c.progress.total.current, c.progress.total.target, "events", t, `${t("progress_label")}: ${c.name}`),
                    h("p", {}, t("challenge_total", { current: c.progress.total.current, target: c.progress.total.target })),
                  ]
                : [
                    progressBar(c.progress.streak, c.progress.periods, `${c.period}s`, t, `${t("progress_label")}: ${c.name}`),
                    h("p", {}, t("challenge_streak", { streak: c.progress.streak, periods: c.progress.periods, period: t(`period_${c.period}`), best: c.progress.best })),
                    h("p", { class: "small" }, t("challenge_today", { period: t(`period_${c.period}`), current: c.progress.today.current, target: c.progress.today.target })),
                    h("p", { class: "small streak-freezes" }, t("streak_freezes", { held: c.progress.freezes || 0, used: c.progress.freezes_used || 0 })),
                  ],
              c.status === "completed" ? h("p", { class: "ok" }, t("challenge_completed")) : null,
              ctx.readonly ? null : h("div", { class: "actions" }, h("button", { type: "button", class: "secondary leave", onclick: (e) => ctx.act.leaveChallenge(c, e.currentTarget) }, t("challenge_leave"))),
            ),
          ),
        ),
      )
    : h("p", { class: "small" }, t("challenges_empty"));
  return h("div", {}, list, ctx.readonly ? null : challengeForm(ctx));
}

/** Clamps `value` into [min, max] (either may be null). */
function clamp(value, min, max) {
  let v = value;
  if (min != null && v < min) v = min;
  if (max != null && v > max) v = max;
  return v;
}

function rangeText(min, max, t) {
  if (min != null && max != null) return t("challenge_range", { min, max });
  if (min != null) return t("challenge_at_least", { min });
  return "";
}

/** The create form within the operator's limits (`GET /v1/me/challenges/config`): a select of the
 * enabled event types and number inputs bounded by the minima and maxima (the API checks them too). */
function challengeForm(ctx) {
  const { t } = ctx;
  const limits = ctx.challengeLimits;
  if (limits && !limits.enabled) return h("p", { class: "small section challenges-disabled" }, t("challenge_disabled"));
  const status = h("p", { class: "status small", role: "status" });
  const hint = (text, id) => h("span", { class: "small hint", id }, text);
  const uid = `qc${++challengeForms}`;
  const name = h("input", { type: "text", name: "name", required: true, maxlength: "200" });
  const types = (limits && limits.event_types) || null;
  const eventType = types
    ? h("select", { name: "event_type", required: true }, types.map((type) => h("option", { value: type }, type)))
    : h("input", { type: "text", name: "event_type", required: true, maxlength: "200" });
  const minCount = limits ? limits.min_count : 1;
  const maxCount = limits ? limits.max_count : null;
  const count = h("input", {
    type: "number",
    name: "count",
    min: String(minCount ?? 1),
    max: maxCount != null ? String(maxCount) : undefined,
    step: "1",
    value: String(clamp(1, minCount, maxCount)),
    required: true,
    "aria-describedby": `${uid}-count`,
  });
  const minAmount = limits ? limits.min_amount : null;
  const maxAmount = limits ? limits.max_amount : null;
  const amount = h("input", {
    type: "number",
    name: "amount",
    min: minAmount != null ? String(minAmount) : "0",
    max: maxAmount != null ? String(maxAmount) : undefined,
    step: "any",
    value: minAmount != null ? String(minAmount) : "",
    "aria-describedby": `${uid}-amount`,
  });
  const kind = h(
    "select",
    {
      name: "target_kind",
      onchange: () => {
        const amounts = kind.value === "amount";
        countRow.hidden = amounts;
        amountRow.hidden = !amounts;
        count.required = !amounts;
        amount.required = amounts;
      },
    },
    h("option", { value: "count" }, t("challenge_target_count")),
    h("option", { value: "amount" }, t("challenge_target_amount")),
  );
  const periodNames = (limits && limits.periods) || ["day", "week"];
  const period = h("select", { name: "period" }, periodNames.map((p) => h("option", { value: p }, t(`period_${p}`))));
  const minPeriods = limits ? limits.min_periods : 1;
  const maxPeriods = limits ? limits.max_periods : null;
  const periods = h("input", {
    type: "number",
    name: "periods",
    min: String(minPeriods ?? 1),
    max: maxPeriods != null ? String(maxPeriods) : undefined,
    step: "1",
    value: String(clamp(7, minPeriods, maxPeriods)),
    required: true,
    "aria-describedby": `${uid}-periods`,
  });
  // A field with its limits beside it (the hint describes the input; it is not part of its name).
  const field = (label, input, min, max, id, attrs = {}) => {
    const text = rangeText(min, max, t);
    if (!text) input.removeAttribute("aria-describedby");
    return h("div", { class: "field", ...attrs }, h("label", {}, label, input), text ? hint(text, id) : null);
  };
  const countRow = field(t("challenge_target"), count, minCount, maxCount, `${uid}-count`);
  const amountRow = field(t("challenge_target_amount_value"), amount, minAmount, maxAmount, `${uid}-amount`, { hidden: true });
  return h(
    "form",
    {
      class: "section challenge-form",
      onsubmit: async (e) => {
        e.preventDefault();
        status.textContent = "";
        const target = kind.value === "amount" ? { amount: Number(amount.value) } : { count: Number(count.value) };
        try {
          await ctx.act.createChallenge({
            name: name.value,
            event_type: eventType.value,
            target,
            period: period.value,
            periods: Number(periods.value),
          });
        } catch (err) {
          const details = Array.isArray(err.details) ? err.details.map((d) => `${d.field}: ${d.reason}`).join("; ") : "";
          status.textContent = t("error", { message: details || err.message });
        }
      },
    },
    h("h3", {}, t("challenge_create")),
    limits ? h("p", { class: "small" }, t("challenge_limit_active", { max: limits.max_active_per_user })) : null,
    h("label", {}, t("challenge_name"), name),
    h("label", {}, t("challenge_event_type"), eventType),
    h("label", {}, t("challenge_target_kind"), kind),
    countRow,
    amountRow,
    h("label", {}, t("challenge_period"), period),
    field(t("challenge_periods"), periods, minPeriods, maxPeriods, `${uid}-periods`),
    h("div", { class: "actions" }, h("button", { type: "submit" }, t("challenge_create"))),
    status,
  );
}

let challengeForms = 0;

/** The Overview's categories (`GET /v1/me/categories`): each with its count and its first few
 * missions (available first), from the missions already loaded; missions in no category are left out. */
export function categoriesPanel(categories, missions, ctx, few = 3) {
  const { t } = ctx;
  const named = (categories.items || []).filter((c) => c.id !== null);
  if (!named.length) return null;
  const order = { available: 0, locked: 1, completed: 2, missed: 3 };
  const entry = (c) => {
    const mine = missions.filter((v) => v.category_id === c.id).sort((a, b) => (order[a.tab] ?? 9) - (order[b.tab] ?? 9));
    const more = Math.max(0, c.count - few);
    return h(
      "li",
      { class: "category", "data-category-id": c.id },
      h("h4", {}, h("span", { class: "name" }, c.name || c.id), " ", h("span", { class: "count small", "data-count": String(c.count) }, t("category_count", { count: c.count }))),
      h("ul", { class: "category-missions" }, mine.slice(0, few).map((v) => h("li", { "data-mission-id": v.mission_id, "data-tab": v.tab }, h("span", {}, v.name), " ", h("span", { class: "small" }, t(`tab_${v.tab}`))))),
      more ? h("p", { class: "small more" }, t("category_more", { count: more })) : null,
    );
  };
  return h("section", { class: "section categories", "aria-label": t("categories_title") }, h("h3", {}, t("categories_title")), h("ul", { class: "list category-list" }, named.map(entry)));
}
