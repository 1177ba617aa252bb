/**
 * Render stage: the timeline's scroll box shows whole rows only, the selected
 * one among them.
 *
 * A fixed `max-height` cuts a row through its text and, when the box is scrolled
 * to the top, can hide the selected (latest) rerun. Rows wrap differently at each
 * sidebar width, so the box is sized from the rows themselves after each render
 * and whenever the panel's width changes: as many whole rows as fit in
 * `TIMELINE_MAX_PX`, ending at the latest rerun when the selection allows,
 * scrolled so the first of them is at the top.
 */

export const TIMELINE_MAX_PX = 240;

type Span = { top: number; bottom: number };

/** Size and scroll `.ssd-timeline-list` inside `root`; a no-op while it has no layout (closed, detached, jsdom). */
export function fitTimeline(root: HTMLElement): void {
  const list = root.querySelector<HTMLElement>(".ssd-timeline-list");
  if (!list) return;
  const items = [...list.children] as HTMLElement[];
  // Measure unconstrained, then constrain: one synchronous layout, no visible flicker.
  list.style.maxHeight = "none";
  const spans = measure(list, items);
  if (!spans) {
    list.style.maxHeight = "";
    return;
  }
  const first = spans[0] as Span;
  const last = spans[spans.length - 1] as Span;
  if (last.bottom - first.top <= TIMELINE_MAX_PX) return; // everything fits: no scroll box
  const selected = Math.max(0, items.findIndex((el) => el.classList.contains("ssd-selected")));
  const [a, b] = windowAround(spans, selected, TIMELINE_MAX_PX);
  list.style.maxHeight = `${(spans[b] as Span).bottom - (spans[a] as Span).top}px`;
  list.scrollTop = (spans[a] as Span).top - first.top;
}

/** Each item's top and bottom in the list's content coordinates, or null without layout. */
function measure(list: HTMLElement, items: HTMLElement[]): Span[] | null {
  if (!items.length || !list.isConnected || list.clientWidth === 0) return null;
  const origin = list.getBoundingClientRect().top - list.scrollTop;
  const spans = items.map((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top - origin, bottom: r.bottom - origin };
  });
  return spans.some((s) => s.bottom > s.top) ? spans : null;
}

/**
 * The inclusive range [a, b] of whole items, at most `max` px tall (at least the
 * selected item), that contains `selected` and ends as late as possible.
 */
export function windowAround(spans: readonly Span[], selected: number, max: number): [number, number] {
  const height = (a: number, b: number) => (spans[b] as Span).bottom - (spans[a] as Span).top;
  const lastIndex = spans.length - 1;
  let b = lastIndex;
  let a = b;
  while (a > 0 && height(a - 1, b) <= max) a--;
  if (selected >= a) return [a, b];
  a = b = selected;
  while (b < lastIndex && height(a, b + 1) <= max) b++;
  while (a > 0 && height(a - 1, b) <= max) a--;
  return [a, b];
}

/**
 * Refit the timeline when the panel's width changes (the sidebar is dragged, or
 * the panel is laid out for the first time). Returns the disconnect function.
 */
export function watchWidth(root: HTMLElement, onChange: () => void): () => void {
  if (typeof ResizeObserver === "undefined") return () => undefined;
  let width = -1;
  const observer = new ResizeObserver(() => {
    // Height changes are ours (the fitted list): only a new width re-wraps rows.
    if (root.clientWidth === width) return;
    width = root.clientWidth;
    onChange();
  });
  observer.observe(root);
  return () => observer.disconnect();
}
