/**
 * Render stage: the timeline's scroll box shows whole rows only, the selected
 * one among them.
 *
 * A fixed `max-height` cuts a row through its text and, when the box is scrolled
 * to the top, can hide the selected (latest) rerun. Rows wrap differently at each
 * sidebar width, so the box is sized from the rows themselves after each render
 * and whenever their layout changes (TimelineFitter): as many whole rows as fit in
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
  // Measured where they are: a row's place in the list's content does not depend on
  // the box's height (the scrollbar's gutter is always kept: panel.css), so the box
  // is never unconstrained to measure. Doing so moved everything below the list
  // and back on every fit, and the browser repainted the whole panel for it.
  const spans = measure(list, items);
  const first = spans?.[0];
  const last = spans?.[spans.length - 1];
  if (!spans || !first || !last || last.bottom - first.top <= TIMELINE_MAX_PX) {
    setMaxHeight(list, ""); // no layout yet, or everything fits: no scroll box
    return;
  }
  const selected = Math.max(0, items.findIndex((el) => el.classList.contains("ssd-selected")));
  const [a, b] = windowAround(spans, selected, TIMELINE_MAX_PX);
  setMaxHeight(list, `${(spans[b] as Span).bottom - (spans[a] as Span).top}px`);
  const top = (spans[a] as Span).top - first.top;
  if (list.scrollTop !== top) list.scrollTop = top;
}

/** Write the box's height only when it changes: a write, even of the same value, makes the browser style the box again. */
function setMaxHeight(list: HTMLElement, value: string): void {
  if (list.style.maxHeight !== value) list.style.maxHeight = value;
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
 * Keeps the timeline fitted while its layout changes without a render of ours.
 *
 * One fit right after drawing is not enough: Streamlit attaches the component's
 * stylesheet (a `<link>`) with each element, so for a moment the rows are unstyled
 * (taller, and the box cannot scroll: the scroll position is lost) and then shrink
 * without any width change; the element can also be attached or moved later (a
 * scroll position resets). A `ResizeObserver` on the panel, the list and each row
 * sees all of these (a detached element has size 0, an attached one gets its size
 * back) and refits one frame later: never inside the observer's callback, so a fit
 * that resizes the list cannot start an observer loop, and a fit that changes
 * nothing causes no further notification.
 */
export class TimelineFitter {
  private readonly observer: ResizeObserver | null;
  private observed: Element[] = [];
  private frame = 0;
  private width = -1;

  constructor(private readonly root: HTMLElement) {
    this.observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => this.onResize(entries));
    this.observer?.observe(root);
  }

  /** Fit now (the panel was just drawn) and follow the current list and rows from now on. */
  fit(): void {
    fitTimeline(this.root);
    if (!this.observer) {
      this.schedule(); // no observer: at least once more, when the element is on screen
      return;
    }
    const list = this.root.querySelector(".ssd-timeline-list");
    const now = list ? [list, ...list.children] : [];
    if (now.length === this.observed.length && now.every((el, i) => el === this.observed[i])) return;
    for (const el of this.observed) this.observer.unobserve(el);
    for (const el of now) this.observer.observe(el);
    this.observed = now;
  }

  dispose(): void {
    this.observer?.disconnect();
    this.observed = [];
    if (this.frame && typeof cancelAnimationFrame === "function") cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /**
   * The panel's own height changes with every section opened or closed: only its
   * width re-wraps rows (a refit would undo the user's scrolling of the list).
   */
  private onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const e of entries) {
      if (e.target !== this.root) changed = true;
      else if (this.root.clientWidth !== this.width) {
        this.width = this.root.clientWidth;
        changed = true;
      }
    }
    if (changed) this.schedule();
  }

  private schedule(): void {
    if (this.frame || typeof requestAnimationFrame !== "function") return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      fitTimeline(this.root);
    });
  }
}
