import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount } from "./testkit";
import { sampleDebugData } from "./sample";
import type { PanelData } from "./types";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => document.body.replaceChildren());

/** Accessible name as Playwright/Chromium compute it for these elements: aria-label, else a <label>, else the text. */
function accessibleName(el: HTMLElement): string {
  const label = el.getAttribute("aria-label");
  if (label !== null) return label;
  const wrapping = el.closest("label");
  if (wrapping) return [...wrapping.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("").trim();
  return (el.textContent ?? "").trim();
}

const CONTROLS = "button, select, input, option, [role=option], [role=button], a[href], summary";

function appKeys(d: PanelData): string[] {
  const keys = new Set<string>(d.state.map((s) => s.key));
  for (const w of d.watch ?? []) keys.add(w.key);
  for (const det of d.details) {
    for (const e of det.events) if (e.key) keys.add(e.key);
    for (const e of det.errors) for (const s of [e.key, ...e.suggestions]) keys.add(s);
  }
  return [...keys].filter((k) => k.length >= 3);
}

describe("accessible names never carry an app key", () => {
  it("no control of the panel (pins, watch, break, key links, slowest, timeline rows) is named by a key", () => {
    const d = sampleDebugData();
    const m = mount(d);
    (m.$("ssd-slowest") as HTMLDetailsElement).open = true;
    const keys = appKeys(d);
    expect(keys).toContain("counter");
    const controls = [...m.parent.querySelectorAll<HTMLElement>(CONTROLS)].filter((el) => el.tagName !== "SUMMARY" || !el.closest(".ssd-node"));
    expect(controls.length).toBeGreaterThan(20);
    for (const el of controls) {
      const name = accessibleName(el).toLowerCase();
      for (const key of keys) expect(name, `${el.outerHTML.slice(0, 120)} is named by ${key}`).not.toContain(key.toLowerCase());
    }
  });

  it("the key is the description instead (title), and a click on the key text still filters", () => {
    const m = mount(sampleDebugData());
    const pin = m.$$("ssd-pin").find((p) => p.getAttribute("data-key") === "counter")!;
    expect(pin.getAttribute("aria-label")).toBe("watch");
    expect(pin.getAttribute("title")).toContain("counter");
    const ops = m.$$("ssd-key-ops");
    expect(ops.length).toBeGreaterThan(0);
    for (const b of ops) {
      expect(b.textContent).toBe("ops");
      expect(b.getAttribute("title")).toContain(b.getAttribute("data-key")!);
    }
    const keyFilter = m.$("ssd-filter-key") as HTMLSelectElement;
    const options = [...keyFilter.options].filter((o) => o.value !== "");
    expect(options.length).toBeGreaterThan(0);
    for (const [i, o] of options.entries()) {
      expect(o.getAttribute("aria-label")).toBe(`key ${i + 1}`);
      expect(o.getAttribute("title")).toBe(o.value); // the key, as the description
      expect(o.textContent).toBe(o.value); // and still what a sighted user reads
    }
    const row = m.$$("ssd-rerun-row")[1]!;
    expect(row.getAttribute("aria-label")).toBe("rerun #1");
    expect(row.getAttribute("title")).toContain("add_item");
  });
});
