// The user's streaks on the user page: each streak goal they see (GET /v1/users/{id}/missions,
// `streak`) and each streak challenge (GET /v1/users/{id}/challenges), with the streak now, the
// best, the freezes held and used, and the latest periods a freeze or a repair kept.
import { h, table } from "../ui.js";

/** The table of the user's streaks (missions, then challenges). */
export async function streaksTable(api, userId, href) {
  const id = encodeURIComponent(userId);
  const [missions, challenges] = await Promise.all([
    api.get(`/v1/users/${id}/missions`).catch(() => ({ items: [] })),
    api.get(`/v1/users/${id}/challenges`).catch(() => ({ items: [] })),
  ]);
  const rows = [
    ...(missions.items || [])
      .filter((v) => v.streak)
      .map((v) => ({ id: v.mission_id, name: v.name, kind: "mission", current: v.streak.current, best: v.streak.best, freezes: v.streak.freezes, used: v.streak.freezes_used, frozen: v.streak.frozen || [] })),
    ...(challenges.items || [])
      .filter((c) => c.kind !== "milestone")
      .map((c) => ({ id: c.id, name: c.name, kind: "challenge", current: c.progress.streak, best: c.progress.best, freezes: c.progress.freezes || 0, used: c.progress.freezes_used || 0, frozen: [] })),
  ];
  return h(
    "div",
    { id: "user-streaks" },
    table(
      [
        { label: "Streak", cell: (r) => (r.kind === "mission" ? h("a", { href: href("missions", r.id) }, r.name) : h("span", {}, r.name, h("span", { class: "cell-sub" }, "challenge"))) },
        { label: "Now", class: "num", cell: (r) => String(r.current) },
        { label: "Best", class: "num", cell: (r) => String(r.best) },
        { label: "Freezes held", class: "num", cell: (r) => h("span", { "data-freezes": "" }, String(r.freezes)) },
        { label: "Freezes used", class: "num", cell: (r) => String(r.used) },
        { label: "Kept by a freeze or repair", cell: (r) => (r.frozen.length ? r.frozen.join(", ") : "—") },
      ],
      rows,
      { empty: "No streak: the user sees no streak goal and runs no streak challenge.", caption: "Streaks" },
    ),
  );
}
