/**
 * Render stage: watched (pinned) keys, each with its break-on select and the
 * history of its value, one row per rerun where it changed.
 *
 * Pin, unwatch and break controls exist in live mode only; a viewer shows the
 * recorded history alone. Their accessible names are generic ("watch",
 * "unwatch", "break on"): the key goes in the description (title), so a user's
 * `get_by_role("button", name=<their label>)` never also finds a panel control.
 */
import { h, fileLineEl, section } from "./dom";
import type { WatchRow, WatchView } from "./types";

export type WatchPanel = {
  watch: readonly WatchView[];
  live: boolean;
  placeholder: string;
  /** Reruns still in the timeline (only those are selectable). */
  inTimeline: ReadonlySet<number>;
  /** The sources Python accepts a break on (`vocab.break_sources` of the payload). */
  breakSources: readonly string[];
  /** What a break can do when hit (`break_actions` of the payload); empty = raise only, no choice shown. */
  breakActions?: readonly string[];
};

/** Wording of the break actions; an action Python adds later shows its own name. */
const ACTION_LABEL: Record<string, string> = { raise: "stop the run", breakpoint: "open my debugger" };

/** The break select's options: off, then the payload's break sources. */
function breakOptions(sources: readonly string[]): [string, string][] {
  return [["off", "off"], ...sources.map((s): [string, string] => [s, s === "any" ? "any source" : s])];
}

/** The small toggle beside a top-level state key: pressed when the key is watched. */
export function pinButton(key: string, watched: boolean): HTMLElement {
  return h("button", {
    type: "button",
    class: "ssd-pin",
    "data-testid": "ssd-pin",
    "data-key": key,
    "data-action": watched ? "unwatch" : "watch",
    "data-focus": `pin:${key}`,
    "aria-label": "watch",
    "aria-pressed": String(watched),
    title: watched ? `watching ${key}: click to stop` : `watch ${key}`,
  });
}

/** The "Watch" section, or null when no key is watched. */
export function renderWatch(v: WatchPanel, open: boolean): HTMLElement | null {
  if (!v.watch.length) return null;
  return section(
    "watch",
    "ssd-watch",
    ["Watch ", h("span", { class: "ssd-count" }, String(v.watch.length))],
    open,
    v.watch.map((w) => renderKey(w, v)),
  );
}

function renderKey(w: WatchView, v: WatchPanel): HTMLElement {
  const classes = ["ssd-watch-key"];
  if (w.break_on) classes.push("ssd-breaking");
  return h(
    "div",
    { class: classes.join(" "), "data-testid": "ssd-watch-key", "data-key": w.key },
    h(
      "div",
      { class: "ssd-watch-head" },
      h("span", { class: "ssd-key ssd-watch-name", title: w.key }, w.key),
      v.live
        ? h(
            "button",
            { type: "button", class: "ssd-link ssd-unwatch", "data-testid": "ssd-unwatch", "data-action": "unwatch", "data-key": w.key, title: `stop watching ${w.key}` },
            "unwatch",
          )
        : null,
      v.live ? breakControl(w, v.breakSources, v.breakActions ?? []) : w.break_on ? h("span", { class: "ssd-note ssd-break-label" }, `breaks on ${w.break_on}`) : null,
    ),
    w.rows.length ? renderTable(w, v) : h("div", { class: "ssd-note" }, "no change recorded yet"),
  );
}

function breakControl(w: WatchView, sources: readonly string[], actions: readonly string[]): HTMLElement {
  const label = h("label", { class: "ssd-break-label" }, "break on ", breakSelect(w, sources));
  if (!w.break_on || actions.length < 2) return label;
  return h("span", { class: "ssd-break-controls" }, label, " ", h("label", { class: "ssd-break-label" }, "then ", actionSelect(w, actions)));
}

/** What the break does when hit: stop the run (raise) or hand the moment to the developer's debugger. */
function actionSelect(w: WatchView, actions: readonly string[]): HTMLSelectElement {
  const el = h("select", {
    class: "ssd-select ssd-break-action",
    "data-testid": "ssd-break-action",
    "data-key": w.key,
    "data-source": w.break_on ?? "off",
    "data-focus": `break-action:${w.key}`,
    // Named by its <label> ("then"); the key is in the description.
    title: `what happens when ${w.key} is about to be written: stop the run, or call breakpoint() (PYTHONBREAKPOINT's debugger) before the write`,
  });
  for (const a of actions) {
    const opt = h("option", {}, ACTION_LABEL[a] ?? a);
    opt.value = a;
    el.appendChild(opt);
  }
  el.value = w.break_action && actions.includes(w.break_action) ? w.break_action : (actions[0] ?? "raise");
  return el;
}

function breakSelect(w: WatchView, sources: readonly string[]): HTMLSelectElement {
  const el = h("select", {
    class: "ssd-select ssd-break",
    "data-testid": "ssd-break",
    "data-key": w.key,
    "data-focus": `break:${w.key}`,
    // Named by its <label> ("break on"); the key is in the description.
    title: `stop where ${w.key} is about to be written from the chosen source`,
    "data-break-action": w.break_action ?? "raise",
  });
  for (const [value, label] of breakOptions(sources)) {
    const opt = h("option", {}, label);
    opt.value = value;
    el.appendChild(opt);
  }
  el.value = w.break_on ?? "off";
  return el;
}

function renderTable(w: WatchView, v: WatchPanel): HTMLElement {
  return h(
    "table",
    { class: "ssd-watch-table", "data-testid": "ssd-watch-table" },
    // Two columns (the change under its rerun): the value keeps most of a narrow sidebar.
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "rerun"), h("th", { scope: "col" }, "value"))),
    h("tbody", {}, w.rows.map((r) => renderRow(r, w.redacted, v))),
  );
}

function renderRow(r: WatchRow, redacted: boolean, v: WatchPanel): HTMLElement {
  const rerun = v.inTimeline.has(r.rerun)
    ? h("button", { type: "button", class: "ssd-link ssd-idx", "data-action": "select", "data-index": r.rerun, title: `show rerun #${r.rerun}` }, `#${r.rerun}`)
    : h("span", { class: "ssd-idx ssd-gone", title: "this rerun is no longer in the timeline" }, `#${r.rerun}`);
  // A removed key has no value; otherwise a redacted key shows the placeholder whatever was sent.
  const value = redacted && r.change !== "removed"
    ? h("span", { class: "ssd-value ssd-redacted" }, h("span", { class: "ssd-lock", title: "redacted", role: "img", "aria-label": "redacted", "data-testid": "ssd-lock" }), v.placeholder)
    : h("span", { class: "ssd-value" }, r.value ?? "—");
  const where = fileLineEl(r.file, r.line);
  return h(
    "tr",
    { class: `ssd-watch-row ssd-change-${r.change}`, "data-testid": "ssd-watch-row", "data-rerun": r.rerun },
    h("td", { class: "ssd-watch-rerun" }, rerun, h("div", { class: "ssd-watch-change" }, r.change)),
    h(
      "td",
      { class: "ssd-watch-value" },
      value,
      r.source_text || where ? h("div", { class: "ssd-watch-src" }, h("span", { class: "ssd-src" }, r.source_text), where ? [" at ", where] : null) : null,
    ),
  );
}
