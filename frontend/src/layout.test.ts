/**
 * The timeline box refits when its layout changes after the panel was drawn: the
 * way Streamlit's stylesheet arrives a moment after the element (rows unstyled and
 * taller, the box not yet a scroll box), and an element detached and attached again
 * (its scroll position reset). jsdom has no layout: a small model of one stands in
 * (rows of fixed height, a list that scrolls only once styled) and a ResizeObserver
 * that delivers to every observed element, as the browser does when sizes change.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { samplePanelData } from "./sample";
import { mount } from "./testkit";
import type { PanelData } from "./types";

const ROWS = 12;
const STYLED_ROW_PX = 40;
const UNSTYLED_ROW_PX = 150;
const LIST_TOP = 100;

let styled = false;
const scroll = new WeakMap<Element, number>();
const observers = new Set<FakeResizeObserver>();

class FakeResizeObserver {
  readonly targets = new Set<Element>();
  constructor(private readonly cb: ResizeObserverCallback) {
    observers.add(this);
  }
  observe(t: Element): void {
    this.targets.add(t);
  }
  unobserve(t: Element): void {
    this.targets.delete(t);
  }
  disconnect(): void {
    this.targets.clear();
    observers.delete(this);
  }
  /** Entries for every observed element, or only for `only` (the one whose size changed). */
  deliver(only?: Element): void {
    const targets = [...this.targets].filter((t) => !only || t === only);
    if (targets.length) this.cb(targets.map((target) => ({ target }) as ResizeObserverEntry), this as unknown as ResizeObserver);
  }
}

const isList = (el: Element) => el.classList.contains("ssd-timeline-list");
const rowPx = () => (styled ? STYLED_ROW_PX : UNSTYLED_ROW_PX);

function visibleHeight(list: HTMLElement): number {
  const content = list.children.length * rowPx();
  const inline = list.style.maxHeight;
  if (!styled || inline === "none") return content; // unstyled: overflow is visible
  const max = inline === "" ? 240 : parseFloat(inline);
  return Math.min(max, content);
}

const saved = {
  rect: Element.prototype.getBoundingClientRect,
  width: Object.getOwnPropertyDescriptor(Element.prototype, "clientWidth"),
  top: Object.getOwnPropertyDescriptor(Element.prototype, "scrollTop"),
  ro: globalThis.ResizeObserver,
};

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
  styled = false;
  observers.clear();
  globalThis.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
  Object.defineProperty(Element.prototype, "clientWidth", {
    configurable: true,
    get(this: Element) {
      return this.isConnected ? 140 : 0;
    },
  });
  Object.defineProperty(Element.prototype, "scrollTop", {
    configurable: true,
    get(this: Element) {
      return scroll.get(this) ?? 0;
    },
    set(this: HTMLElement, v: number) {
      const most = isList(this) && styled ? Math.max(0, this.children.length * rowPx() - visibleHeight(this)) : 0;
      scroll.set(this, Math.min(Math.max(0, v), most));
    },
  });
  Element.prototype.getBoundingClientRect = function (this: Element): DOMRect {
    const list = this.parentElement;
    if (isList(this)) return { top: LIST_TOP, bottom: LIST_TOP + visibleHeight(this as HTMLElement) } as DOMRect;
    if (list && isList(list)) {
      const top = LIST_TOP + [...list.children].indexOf(this) * rowPx() - list.scrollTop;
      return { top, bottom: top + rowPx() } as DOMRect;
    }
    return { top: 0, bottom: 0 } as DOMRect;
  };
});

afterEach(() => {
  document.body.replaceChildren();
  Element.prototype.getBoundingClientRect = saved.rect;
  for (const [name, d] of [["clientWidth", saved.width], ["scrollTop", saved.top]] as const) {
    if (d) Object.defineProperty(Element.prototype, name, d);
    else delete (Element.prototype as unknown as Record<string, unknown>)[name];
  }
  globalThis.ResizeObserver = saved.ro;
});

function manyReruns(): PanelData {
  const data = samplePanelData();
  const template = data.timeline[1]!;
  data.timeline = Array.from({ length: ROWS }, (_, index) => ({ ...template, index }));
  return data;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function deliverAndWait(): Promise<void> {
  for (const o of [...observers]) o.deliver();
  await frame();
  await frame();
}

/** Where the selected row is against the list's visible box, and how many rows are cut. */
function places(host: ParentNode): { selected: string; cut: number; scrollTop: number } {
  const list = host.querySelector<HTMLElement>(".ssd-timeline-list")!;
  const box = list.getBoundingClientRect();
  let selected = "none";
  let cut = 0;
  for (const el of list.children) {
    const r = el.getBoundingClientRect();
    const place = r.top >= box.top && r.bottom <= box.bottom ? "in" : r.bottom <= box.top || r.top >= box.bottom ? "out" : "cut";
    if (place === "cut") cut++;
    if (el.classList.contains("ssd-selected")) selected = place;
  }
  return { selected, cut, scrollTop: list.scrollTop };
}

describe("timeline box refit", () => {
  it("refits when Streamlit's stylesheet arrives after the panel was drawn: the latest row is in view, whole", async () => {
    const m = mount(manyReruns());
    await deliverAndWait(); // the first observation, while the rows are still unstyled
    styled = true; // the <link> loaded: rows shrink, the list becomes a scroll box, no width changed
    await deliverAndWait();
    expect(places(m.parent)).toEqual({ selected: "in", cut: 0, scrollTop: (ROWS - 6) * STYLED_ROW_PX });
    expect(m.parent.querySelector<HTMLElement>(".ssd-timeline-list")!.style.maxHeight).toBe("240px");
  });

  it("refits when the element is detached and attached again (its scroll position was reset)", async () => {
    styled = true;
    const m = mount(manyReruns());
    await deliverAndWait();
    expect(places(m.parent).selected).toBe("in");
    m.host.remove();
    await deliverAndWait(); // sizes went to 0
    const list = m.parent.querySelector<HTMLElement>(".ssd-timeline-list")!;
    scroll.delete(list); // what a browser does to a box that lost its layout
    document.body.appendChild(m.host);
    await deliverAndWait(); // sizes came back
    expect(places(m.parent)).toEqual({ selected: "in", cut: 0, scrollTop: (ROWS - 6) * STYLED_ROW_PX });
  });

  it("measures the rows where they are: the box is never unconstrained to measure (that moved, and repainted, everything below it)", async () => {
    styled = true;
    const m = mount(manyReruns());
    await deliverAndWait();
    const list = m.parent.querySelector<HTMLElement>(".ssd-timeline-list")!;
    const styles: string[] = [];
    const seen = new MutationObserver((records) => styles.push(...records.map((r) => r.oldValue ?? "")));
    seen.observe(list, { attributes: true, attributeOldValue: true, attributeFilter: ["style"] });
    const next = manyReruns();
    next.timeline.push({ ...next.timeline[0]!, index: ROWS });
    m.rerender(next);
    await deliverAndWait();
    styles.push(...seen.takeRecords().map((r) => r.oldValue ?? ""), list.getAttribute("style") ?? "");
    seen.disconnect();
    expect(m.parent.querySelector(".ssd-timeline-list")).toBe(list);
    expect(styles.filter((s) => s.includes("none"))).toEqual([]);
    expect(list.style.maxHeight).toBe("240px");
    expect(places(m.parent)).toEqual({ selected: "in", cut: 0, scrollTop: (ROWS + 1 - 6) * STYLED_ROW_PX });
  });

  it("does not refit when only the panel's height changes (the user's scrolling of the list is kept)", async () => {
    styled = true;
    const m = mount(manyReruns());
    await deliverAndWait();
    const list = m.parent.querySelector<HTMLElement>(".ssd-timeline-list")!;
    list.scrollTop = 0; // the user scrolls up to look at older reruns
    const panel = m.parent.querySelector(".ssd-panel")!;
    for (const o of [...observers]) o.deliver(panel); // a section opened below: the panel grew
    await frame();
    await frame();
    expect(list.scrollTop).toBe(0);
  });
});
