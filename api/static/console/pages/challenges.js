// Challenges: the operator's configuration of user-created challenges (which event types, the
// reward, the limits) as a form, 422 details beside their fields; and users' challenges, read-only.
import { h, replace, pageHeader, badge, table, field, toast, errorBox, loading, when, button, stylesheet } from "../ui.js";
import { formAlert, formError, clearFormError, input, select, section, numberOrNull, shortId, rewardText } from "./ops-common.js";

const LIMITS = [
  ["max_active_per_user", "Running challenges per user (at most)", "Completed ones do not count."],
  ["min_periods", "Periods in a row (at least)", "E.g. 3: a challenge must last at least 3 days or weeks."],
  ["max_periods", "Periods in a row (at most)", ""],
  ["min_count", "Events per period (at least)", "The smallest per-period count a user may set."],
  ["max_count", "Events per period (at most)", "Blank: no limit."],
  ["min_amount", "Amount per period (at least)", "Blank: no limit."],
  ["max_amount", "Amount per period (at most)", "Blank: no limit."],
  ["max_rewarded_per_period", "Rewarded challenges per user per reward period", "A completion beyond it counts and pays nothing."],
];

function goalText(goal) {
  if (!goal) return "—";
  const parts = [goal.event_type];
  if (goal.count != null) parts.push(`${goal.count}×`);
  if (goal.amount_min != null) parts.push(`amount ≥ ${goal.amount_min}`);
  if (goal.streak) parts.push(`per ${goal.streak.period}, ${goal.streak.periods} in a row`);
  return parts.filter(Boolean).join(" · ");
}

export async function render(ctx) {
  stylesheet("pages/ops-common.css");
  const { root, api } = ctx;
  const configBox = h("div", {}, loading());
  const listBox = h("div", {}, loading());
  replace(
    root,
    pageHeader("Challenges"),
    h("p", { class: "muted" }, "Users build their own streak challenges within these limits, on the event types you enable; the reward is yours, never theirs."),
    section("Configuration", "config-title", configBox),
    section("Users' challenges", "user-challenges-title", listBox),
  );

  function configForm(config) {
    const alert = formAlert();
    const eventTypes = h("textarea", { rows: 2, spellcheck: "false" });
    eventTypes.value = (config.event_types || []).join(", ");
    const r = config.reward || {};
    const rewardKind = select(
      [["none", "No reward"], ["points", "Points"], ["item", "A shop item"], ["direct", "A direct reward (text)"]],
      { "data-field": "reward" },
      r.points != null ? "points" : r.item != null ? "item" : r.direct != null ? "direct" : "none",
    );
    const rewardValue = input({ value: r.points ?? r.item ?? r.direct ?? "" });
    const rewardField = field("Reward value", rewardValue, { name: "reward.value", hint: "Points: a number; item: the shop item's id; direct: what the user gets." });
    const syncReward = () => {
      rewardField.hidden = rewardKind.value === "none";
      rewardValue.dataset.field = `reward.${rewardKind.value}`;
    };
    rewardKind.addEventListener("change", syncReward);
    syncReward();
    const limits = Object.fromEntries(LIMITS.map(([key]) => [key, input({ type: "text", inputmode: "decimal", value: config[key] ?? "" })]));
    const period = select([["day", "A calendar day"], ["week", "An ISO week (from Monday)"]], {}, config.reward_period);
    const timezone = input({ value: config.timezone || "UTC", autocomplete: "off", spellcheck: "false" });
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "config-form-title", novalidate: true },
      h("h3", { id: "config-form-title" }, "Challenge configuration"),
      alert,
      field("Event types users may challenge", eventTypes, { name: "event_types", id: "cfg-event_types", hint: "Separate with commas. None: users cannot create challenges." }),
      h("div", { class: "form-grid" }, field("Reward per completed challenge", rewardKind, { name: "reward", id: "cfg-reward" }), rewardField),
      h("fieldset", {}, h("legend", {}, "Limits"), h("div", { class: "form-grid" }, LIMITS.map(([key, label, hint]) => field(label, limits[key], { name: key, id: `cfg-${key}`, hint: hint || undefined })))),
      h("div", { class: "form-grid" }, field("Reward period", period, { name: "reward_period", id: "cfg-reward_period" }), field("Time zone", timezone, { name: "timezone", id: "cfg-timezone", hint: "An IANA zone, e.g. Europe/Paris: the days of challenges whose user gives none, and of the reward period." })),
      h("div", { class: "actions" }, button("Save configuration", null, { kind: "primary", type: "submit" })),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      const kind = rewardKind.value;
      const raw = rewardValue.value.trim();
      const body = {
        event_types: eventTypes.value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean),
        reward: kind === "none" ? null : { [kind]: kind === "points" ? numberOrNull(raw) : raw },
        reward_period: period.value,
        timezone: timezone.value.trim(),
      };
      for (const [key] of LIMITS) {
        const value = numberOrNull(limits[key].value);
        if (value !== null) body[key] = key.endsWith("_amount") && typeof value === "number" ? String(value) : value;
      }
      try {
        const saved = await api.put("/v1/challenges/config", body);
        toast("Challenge configuration saved.");
        replace(configBox, configForm(saved));
      } catch (err) {
        formError(form, alert, err);
      }
    });
    return form;
  }

  async function loadConfig() {
    try {
      replace(configBox, configForm(await api.get("/v1/challenges/config")));
    } catch (err) {
      replace(configBox, errorBox(err));
    }
  }

  async function loadList() {
    try {
      const page = await api.get("/v1/missions", { challenges: true, limit: 200 });
      // Each owner's own view of their challenges (the streak now), as the widget shows it.
      const owners = [...new Set(page.items.map((m) => m.owner_user_id).filter(Boolean))].slice(0, 50);
      const views = new Map();
      await Promise.all(
        owners.map(async (owner) => {
          try {
            for (const v of (await api.get(`/v1/users/${encodeURIComponent(owner)}/challenges`)).items) views.set(v.id, v);
          } catch {
            /* the streak column stays empty for this user */
          }
        }),
      );
      const streak = (m) => {
        const v = views.get(m.id);
        if (!v) return h("span", { class: "muted" }, m.status === "archived" ? "Left" : "—");
        const p = v.progress;
        return h("span", {}, `${p.streak} of ${p.periods}`, h("span", { class: "cell-sub" }, `best ${p.best}`));
      };
      replace(
        listBox,
        table(
          [
            { label: "User", cell: (m) => h("code", {}, m.owner_user_id || "—") },
            { label: "Challenge", cell: (m) => h("span", {}, h("strong", {}, m.name), h("span", { class: "cell-sub" }, shortId(m.id))) },
            { label: "Goal", cell: (m) => goalText(m.goal) },
            { label: "Streak", cell: streak },
            { label: "Reward", cell: (m) => rewardText(m.reward) },
            { label: "Status", cell: (m) => badge(m.status === "archived" ? "left or ended" : m.status, m.status) },
            { label: "Created", cell: (m) => when(m.created_at) },
          ],
          page.items,
          { caption: "Users' challenges", empty: "No user has created a challenge yet." },
        ),
        page.next_cursor ? h("p", { class: "hint" }, "Showing the oldest 200.") : null,
      );
    } catch (err) {
      replace(listBox, errorBox(err));
    }
  }

  await Promise.all([loadConfig(), loadList()]);
}
