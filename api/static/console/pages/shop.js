// Shop: the bonus-shop items with their stock and the item rewards owed while out of stock;
// create an item, restock one (a restock hands the new units to owed rewards first, oldest first).
import { h, replace, pageHeader, button, badge, table, field, toast, errorBox, loading, when, stylesheet } from "../ui.js";
import { formAlert, formError, clearFormError, input, section, numberOrNull, shortId } from "./ops-common.js";

/** Open owed rewards of an item: how many (up to 500, then "500+"), and the oldest ones. */
async function owedOf(api, itemId) {
  const page = await api.get(`/v1/items/${encodeURIComponent(itemId)}/owed`, { status: "open", limit: 500 });
  return { count: page.items.length, more: Boolean(page.next_cursor), items: page.items };
}

export async function render(ctx) {
  stylesheet("pages/ops-common.css");
  const { root, api } = ctx;
  const formBox = h("div");
  const listBox = h("div", {}, loading());
  const owedBox = h("div");

  const newButton = button("New item", () => openForm(), { kind: "primary", id: "new-item" });
  replace(
    root,
    pageHeader("Shop", newButton),
    h("p", { class: "muted" }, "Missions can reward an item. When it is out of stock the reward is owed, and handed out as soon as you restock."),
    formBox,
    section("Items", "items-title", listBox, owedBox),
  );

  function stockCell(item) {
    if (item.stock === null) return h("span", {}, "Unlimited");
    if (item.stock === 0) return h("span", {}, "0 ", badge("out of stock", "failed"));
    return String(item.stock);
  }

  async function loadList() {
    let items;
    try {
      items = await api.all("/v1/items", { limit: 500 });
    } catch (err) {
      replace(listBox, errorBox(err));
      return;
    }
    const owed = await Promise.all(items.map((i) => owedOf(api, i.id).catch(() => null)));
    const rows = items.map((item, n) => ({ item, owed: owed[n] }));
    replace(
      listBox,
      table(
        [
          { label: "Item", cell: ({ item }) => h("span", {}, h("strong", {}, item.name), h("span", { class: "cell-sub" }, shortId(item.id)), item.description ? h("span", { class: "cell-sub" }, item.description) : null) },
          { label: "Stock", class: "num", cell: ({ item }) => h("span", { "data-stock": item.id }, stockCell(item)) },
          {
            label: "Owed",
            class: "num",
            cell: ({ item, owed: o }) =>
              h("span", { "data-owed": item.id }, o === null ? "—" : o.count === 0 ? "0" : button(`${o.count}${o.more ? "+" : ""} owed`, () => showOwed(item, o), { kind: "ghost", "aria-label": `${o.count}${o.more ? "+" : ""} owed: show who is owed ${item.name}` })),
          },
          { label: "Updated", cell: ({ item }) => when(item.updated_at) },
          { label: "Restock", cell: ({ item }) => restockForm(item) },
        ],
        rows,
        { caption: "Shop items", empty: "The shop is empty. Add an item with “New item”." },
      ),
    );
  }

  function restockForm(item) {
    const stock = input({ type: "number", min: 0, step: 1, value: item.stock ?? "", "aria-label": `New stock of ${item.name}`, "data-field": "stock", placeholder: "unlimited" });
    stock.id = `stock-${item.id}`;
    const err = h("p", { class: "field-error", id: `${stock.id}-error`, role: "alert", hidden: true });
    stock.setAttribute("aria-describedby", err.id);
    const alert = formAlert();
    const form = h("form", { class: "inline-form", "aria-label": `Restock ${item.name}`, novalidate: true }, stock, button("Set stock", null, { type: "submit", "aria-label": `Set stock of ${item.name}` }), err, alert);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      try {
        const changed = await api.patch(`/v1/items/${encodeURIComponent(item.id)}`, { stock: numberOrNull(stock.value) });
        const s = changed.item.stock;
        toast(`${item.name}: stock ${s === null ? "unlimited" : s}${changed.fulfilled ? `, ${changed.fulfilled} owed reward${changed.fulfilled === 1 ? "" : "s"} handed out` : ""}.`);
        replace(owedBox);
        await loadList();
      } catch (error) {
        formError(form, alert, error);
      }
    });
    return form;
  }

  function showOwed(item, owed) {
    replace(
      owedBox,
      h(
        "div",
        { class: "form-card", role: "region", "aria-labelledby": "owed-title" },
        h("h3", { id: "owed-title" }, `Owed: ${item.name}`),
        table(
          [
            { label: "User", cell: (o) => h("code", {}, o.user_id) },
            { label: "Mission", cell: (o) => (o.mission_id ? shortId(o.mission_id) : "—") },
            { label: "Owed since", cell: (o) => when(o.created_at) },
          ],
          owed.items,
          { caption: `Users owed ${item.name}`, empty: "Nobody is owed this item." },
        ),
        h("div", { class: "actions" }, button("Close", () => replace(owedBox))),
      ),
    );
  }

  function openForm() {
    const alert = formAlert();
    const id = input({ name: "id", maxlength: 200, autocomplete: "off", placeholder: "e.g. mug", pattern: "[A-Za-z0-9_.\\-]+" });
    const name = input({ name: "name", maxlength: 200, required: true, autocomplete: "off" });
    const description = h("textarea", { name: "description", maxlength: 2000, rows: 2 });
    const stock = input({ type: "number", name: "stock", min: 0, step: 1, placeholder: "unlimited" });
    const form = h(
      "form",
      { class: "form-card", "aria-labelledby": "item-form-title", novalidate: true },
      h("h2", { id: "item-form-title" }, "New item"),
      alert,
      h(
        "div",
        { class: "form-grid" },
        field("Name", name, { name: "name" }),
        field("Id (optional)", id, { name: "id", hint: "Letters, digits, _ . - ; generated when blank. Missions reward it by this id." }),
        field("Stock", stock, { name: "stock", hint: "Blank for unlimited." }),
      ),
      field("Description", description, { name: "description" }),
      h("div", { class: "actions" }, button("Create item", null, { kind: "primary", type: "submit" }), button("Cancel", () => replace(formBox))),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearFormError(form, alert);
      const body = { name: name.value.trim(), stock: numberOrNull(stock.value) };
      if (id.value.trim()) body.id = id.value.trim();
      if (description.value.trim()) body.description = description.value;
      try {
        const created = await api.post("/v1/items", body);
        replace(formBox);
        toast(`Item “${created.name}” added.`);
        await loadList();
        newButton.focus();
      } catch (err) {
        formError(form, alert, err);
      }
    });
    replace(formBox, form);
    name.focus();
  }

  await loadList();
}
