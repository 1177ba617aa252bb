/**
 * Render stage helpers: every piece of text goes in through `createTextNode`.
 *
 * Keys, values, file names and messages come from the user's app, so nothing here
 * ever parses a string as markup. Attribute names are always literals from this
 * code; attribute values may be user text (safe: attributes are not parsed).
 */

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Create an element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  appendAll(node, children);
  return node;
}

/** Append children, turning strings and numbers into text nodes. */
export function appendAll(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** "app.py:42" from a file path and line; the basename only (the full path goes in a title). */
export function fileLine(file: string | null | undefined, line: number | null | undefined): string {
  if (!file) return "";
  const base = file.split(/[\\/]/).pop() || file;
  return line === null || line === undefined ? base : `${base}:${line}`;
}

/** A span with file:line text and the full path as its tooltip (empty string when unknown). */
export function fileLineEl(file: string | null | undefined, line: number | null | undefined): HTMLElement | null {
  const label = fileLine(file, line);
  if (!label) return null;
  return h("span", { class: "ssd-loc", title: line === null || line === undefined ? file : `${file}:${line}` }, label);
}

/** Short, deterministic duration text. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A collapsible section whose open state the panel remembers under `id`. */
export function section(id: string, testid: string, title: Child[], open: boolean, ...body: (Child | Child[])[]): HTMLDetailsElement {
  const details = h(
    "details",
    { class: `ssd-section ssd-section-${id}`, "data-testid": testid, "data-open-id": `sec:${id}`, open },
    h("summary", { class: "ssd-section-title" }, ...title),
  );
  appendAll(details, body);
  return details;
}
