/** Render stage: the session state tree (nested values expandable, redacted ones locked). */
import { h, section } from "./dom";
import type { StateEntry } from "./types";
import { pinButton } from "./watch";

export type StateView = {
  entries: StateEntry[];
  title: string;
  placeholder: string;
  open: Record<string, boolean>;
  /** Watched top-level keys; null = no pin buttons (viewer mode, or a past rerun's state). */
  watched: ReadonlySet<string> | null;
};

export function renderState(v: StateView, open: boolean): HTMLElement {
  const body = v.entries.length
    ? h("div", { class: "ssd-tree" }, v.entries.map((e) => renderEntry(e, [e.key], v)))
    : h("div", { class: "ssd-note" }, "empty");
  return section("state", "ssd-state", [v.title, " ", h("span", { class: "ssd-count" }, String(v.entries.length))], open, body);
}

/** Stable id for a nested node's open state. */
export function nodeId(path: string[]): string {
  return `state:${JSON.stringify(path)}`;
}

function line(e: StateEntry, placeholder: string, pin: HTMLElement | null): HTMLElement[] {
  const parts = [h("span", { class: "ssd-key" }, e.key), h("span", { class: "ssd-type" }, e.type)];
  if (pin) parts.unshift(pin);
  if (e.redacted) {
    parts.push(
      h(
        "span",
        { class: "ssd-summary ssd-redacted" },
        // Drawn in CSS (no emoji font needed); the label is for screen readers.
        h("span", { class: "ssd-lock", title: "redacted", role: "img", "aria-label": "redacted", "data-testid": "ssd-lock" }),
        placeholder,
      ),
    );
  } else {
    // Clamped to three lines in CSS: the whole summary is the tooltip.
    parts.push(h("span", { class: "ssd-summary", title: e.summary }, e.summary));
  }
  return parts;
}

function renderEntry(e: StateEntry, path: string[], v: StateView): HTMLElement {
  // A redacted value never shows its children, even if some were sent.
  const kids = e.redacted ? [] : (e.children ?? []);
  const attrs = { "data-testid": "ssd-state-entry", "data-key": e.key };
  const pin = path.length === 1 && v.watched ? pinButton(e.key, v.watched.has(e.key)) : null;
  const parts = line(e, v.placeholder, pin);
  if (!kids.length) return h("div", { ...attrs, class: "ssd-leaf" }, parts);
  const id = nodeId(path);
  return h(
    "details",
    { ...attrs, class: "ssd-node", "data-open-id": id, open: v.open[id] === true },
    h("summary", { class: "ssd-node-line" }, parts),
    h("div", { class: "ssd-children" }, kids.map((c) => renderEntry(c, [...path, c.key], v))),
  );
}
