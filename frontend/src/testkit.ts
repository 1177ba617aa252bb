/** Test helpers only (imported by *.test.ts, never by index.ts, so not bundled). */
import { vi } from "vitest";
import renderPanel from "./index";
import type { PanelData } from "./types";

export type Mounted = {
  host: HTMLElement;
  parent: HTMLElement | ShadowRoot;
  setTriggerValue: ReturnType<typeof vi.fn>;
  setStateValue: ReturnType<typeof vi.fn>;
  cleanup: () => void;
  /** Render again into the same parent (Streamlit's update path). */
  rerender: (data: unknown) => void;
  $: (testid: string) => HTMLElement;
  $$: (testid: string) => HTMLElement[];
};

export function mount(data: unknown, opts: { shadow?: boolean } = {}): Mounted {
  const host = document.createElement("div");
  document.body.appendChild(host);
  const parent: HTMLElement | ShadowRoot = opts.shadow ? host.attachShadow({ mode: "open" }) : host;
  const setTriggerValue = vi.fn();
  const setStateValue = vi.fn();
  const call = (d: unknown) =>
    renderPanel({ name: "st_state_debugger", key: "k", data: d as PanelData, parentElement: parent, setStateValue, setTriggerValue }) as () => void;
  let cleanup = call(data);
  const $$ = (testid: string) => [...parent.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];
  return {
    host,
    parent,
    setTriggerValue,
    setStateValue,
    cleanup: () => cleanup(),
    rerender: (d) => {
      cleanup = call(d);
    },
    $: (testid) => {
      const el = $$(testid)[0];
      if (!el) throw new Error(`no element with data-testid=${testid}`);
      return el;
    },
    $$,
  };
}

/** The row of the timeline with this rerun index. */
export function row(m: Mounted, index: number): HTMLElement {
  const el = m.$$("ssd-rerun-row").find((r) => r.getAttribute("data-index") === String(index));
  if (!el) throw new Error(`no timeline row #${index}`);
  return el;
}

export function typeInto(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

export const texts = (els: Element[]): string[] => els.map((e) => e.textContent ?? "");
