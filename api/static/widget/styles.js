// The widget's stylesheet (inside its shadow root). Every colour, the radius and the font come from
// CSS custom properties the host page may set on `questline-missions` (documented in questline.js).

export const CSS = `
:host {
  --_accent: var(--questline-accent, #4f46e5);
  --_accent-text: var(--questline-accent-text, #ffffff);
  --_bg: var(--questline-background, #ffffff);
  --_surface: var(--questline-surface, #f6f7fb);
  --_text: var(--questline-text, #1f2430);
  --_muted: var(--questline-muted, #4d5566);
  --_border: var(--questline-border, #d6d9e3);
  --_success: var(--questline-success, #166534);
  --_danger: var(--questline-danger, #b42318);
  --_radius: var(--questline-radius, 12px);
  --_gap: var(--questline-gap, 12px);
  display: block;
  box-sizing: border-box;
  max-width: 100%;
  font-family: var(--questline-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--questline-font-size, 15px);
  color: var(--_text);
  background: var(--_bg);
  line-height: 1.4;
}
*, *::before, *::after { box-sizing: inherit; }
.root { padding: var(--_gap); max-width: 100%; overflow-wrap: anywhere; }
h2 { font-size: 1.25em; margin: 0 0 var(--_gap); }
h3 { font-size: 1.05em; margin: 0; }
.note { color: var(--_muted); font-size: .9em; margin: 0 0 var(--_gap); }
[role=tablist] { display: flex; flex-wrap: wrap; gap: 4px; border-bottom: 1px solid var(--_border); margin-bottom: var(--_gap); }
[role=tab] {
  font: inherit; font-size: .92em; background: none; color: var(--_text); border: 0;
  border-bottom: 3px solid transparent; padding: 8px 8px; cursor: pointer; border-radius: 6px 6px 0 0;
}
[role=tab][aria-selected=true] { border-bottom-color: var(--_accent); font-weight: 600; }
[role=tab]:focus-visible, button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
  outline: 3px solid var(--_accent); outline-offset: 2px;
}
.count { display: inline-block; min-width: 1.5em; margin-left: 4px; padding: 0 5px; border-radius: 999px; background: var(--_surface); border: 1px solid var(--_border); font-size: .85em; }
.cards { display: grid; gap: var(--_gap); grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr)); }
.card { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; display: flex; flex-direction: column; min-width: 0; }
.card img.cover { width: 100%; aspect-ratio: 16 / 7; object-fit: cover; display: block; background: var(--_border); }
.card .body { padding: var(--_gap); display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.card p { margin: 0; }
.desc { color: var(--_muted); white-space: pre-wrap; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.chip { font-size: .8em; padding: 1px 8px; border-radius: 999px; border: 1px solid var(--_border); background: var(--_bg); }
.chip.badge { background: var(--_accent); color: var(--_accent-text); border-color: var(--_accent); font-weight: 600; }
.bar { height: 8px; border-radius: 999px; background: var(--_border); overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--_accent); width: 0; transition: width .3s; }
.small { font-size: .88em; color: var(--_muted); }
.timer { font-variant-numeric: tabular-nums; font-size: .9em; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
button, .button {
  font: inherit; font-size: .92em; border-radius: calc(var(--_radius) / 2); padding: 7px 14px; cursor: pointer;
  border: 1px solid var(--_accent); background: var(--_accent); color: var(--_accent-text); text-decoration: none; display: inline-block;
}
.link-box { margin: 0 0 var(--_gap); }
.linked { border: 2px solid var(--_accent); border-radius: var(--_radius); padding: var(--_gap); display: grid; gap: var(--_gap); }
.linked > p { margin: 0; }
a.button.signup { justify-self: start; text-decoration: none; }
button.secondary, .button.secondary { background: var(--_bg); color: var(--_accent); }
button:disabled { cursor: not-allowed; background: var(--_border); border-color: var(--_border); color: var(--_muted); }
.feedback { border-left: 3px solid var(--_danger); padding-left: 8px; white-space: pre-wrap; }
.ok { color: var(--_success); font-weight: 600; }
.bad { color: var(--_danger); }
form { display: flex; flex-direction: column; gap: 6px; }
label { font-size: .9em; display: flex; flex-direction: column; gap: 2px; }
input, select, textarea { font: inherit; padding: 6px 8px; border: 1px solid var(--_muted); border-radius: 6px; background: var(--_bg); color: var(--_text); max-width: 100%; min-width: 0; }
fieldset { border: 1px solid var(--_border); border-radius: 6px; padding: 6px 8px; margin: 0; min-width: 0; }
legend { font-size: .9em; padding: 0 4px; }
.radios { display: flex; flex-wrap: wrap; gap: 10px; }
.radios label { flex-direction: row; align-items: center; gap: 4px; }
.section { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap); margin-bottom: var(--_gap); }
.points { font-size: 2em; font-weight: 700; }
ul.list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
ul.list li { display: flex; justify-content: space-between; gap: 8px; flex-wrap: wrap; }
details.why { margin-top: 8px; }
details.why summary { cursor: pointer; }
details.why[open] summary { margin-bottom: 6px; }
.message { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap); display: flex; flex-direction: column; gap: 4px; }
.message.unread { border-left: 4px solid var(--_accent); }
.message .text { white-space: pre-wrap; }
.status { min-height: 1.2em; }
.root > .status:empty { display: none; }
[hidden] { display: none !important; }
`;
