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
};

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
      v.live ? breakControl(w, v.breakSources) : w.break_on ? h("span", { class: "ssd-note ssd-break-label" }, `breaks on ${w.break_on}`) : null,
    ),
    w.rows.length ? renderTable(w, v) : h("div", { class: "ssd-note" }, "no change recorded yet"),
  );
}

function breakControl(w: WatchView, sources: readonly string[]): HTMLElement {
  return h("label", { class: "ssd-break-label" }, "break on ", breakSelect(w, sources));
}

function breakSelect(w: WatchView, sources: readonly string[]): HTMLSelectElement {
  const el = h("select", {
    class: "ssd-select ssd-break",
    "data-testid": "ssd-break",
    "data-key": w.key,
    "data-focus": `break:${w.key}`,
    // Named by its <label> ("break on"); the key is in the description.
    title: `raise an exception where ${w.key} is written from the chosen source`,
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
