/** Render stage: callback timings (per rerun in the timeline, and the slowest ones of the session). */
import { h, formatDuration, section } from "./dom";
import type { CallbackTiming, SlowCallback } from "./types";

/** "add() · widget add3" (the parentheses are added unless the name already has them). */
export function callbackLabel(name: string, widget: string | null): string {
  const fn = name.endsWith(")") ? name : `${name}()`;
  return widget ? `${fn} · widget ${widget}` : fn;
}

/** One compact span per callback for a timeline row's meta line: the name ellipsizes, the duration stays visible. */
export function renderCallbacks(callbacks: readonly CallbackTiming[] | undefined): HTMLElement[] {
  return (callbacks ?? []).map((cb) => {
    const label = callbackLabel(cb.name, cb.widget);
    const dur = cb.ms === null ? "" : formatDuration(cb.ms);
    return h(
      "span",
      { class: "ssd-callback", "data-testid": "ssd-callback", title: dur ? `${label} ${dur}` : label },
      h("span", { class: "ssd-cb-name" }, label),
      // A whitespace-only node is not rendered in the flex span (CSS gap spaces it) but keeps textContent readable.
      dur ? " " : null,
      dur ? h("span", { class: "ssd-cb-ms" }, dur) : null,
    );
  });
}

/** The "Slowest callbacks" section, or null when there is nothing to show. Rows select their rerun if it is still in the timeline. */
export function renderSlowest(items: readonly SlowCallback[] | undefined, inTimeline: ReadonlySet<number>, open: boolean): HTMLElement | null {
  if (!items?.length) return null;
  return section(
    "slowest",
    "ssd-slowest",
    ["Slowest callbacks ", h("span", { class: "ssd-count" }, String(items.length))],
    open,
    h(
      "div",
      { class: "ssd-slowest-list" },
      items.map((cb) => slowRow(cb, inTimeline.has(cb.rerun))),
    ),
  );
}

/**
 * One slow callback: its text, then "#N" to open its rerun. Only "#N" is a
 * button (named by the rerun, described by the text): the callback's and the
 * widget's names are the app's and never name a panel control.
 */
function slowRow(cb: SlowCallback, selectable: boolean): HTMLElement {
  const text = `${callbackLabel(cb.name, cb.widget)} — ${formatDuration(cb.ms)} in `;
  const rerun = selectable
    ? h(
        "button",
        { type: "button", class: "ssd-link ssd-slowest-open", "data-testid": "ssd-slowest-open", "data-action": "select", "data-index": cb.rerun, title: `show rerun #${cb.rerun} (${callbackLabel(cb.name, cb.widget)}, ${formatDuration(cb.ms)})` },
        `#${cb.rerun}`,
      )
    : h("span", { class: "ssd-gone", title: "this rerun is no longer in the timeline" }, `#${cb.rerun}`);
  return h("div", { class: "ssd-slowest-row", "data-testid": "ssd-slowest-row" }, text, rerun);
}
