import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { choose, mount, row, texts } from "./testkit";
import { PLACEHOLDER, sampleDebugData, samplePanelData } from "./sample";
import type { PanelData } from "./types";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => document.body.replaceChildren());

const viewer = (d: PanelData): PanelData => ({ ...d, mode: "viewer" });
const pin = (m: ReturnType<typeof mount>, key: string) => m.$$("ssd-pin").find((p) => p.getAttribute("data-key") === key)!;
const block = (m: ReturnType<typeof mount>, key: string) => m.$$("ssd-watch-key").find((b) => b.getAttribute("data-key") === key)!;

describe("pin buttons in the state section", () => {
  it("one per top-level key, none for nested entries", () => {
    const m = mount(samplePanelData());
    const pins = m.$$("ssd-pin");
    expect(pins.map((p) => p.getAttribute("data-key"))).toEqual(["counter", "items", "config", "api_token", samplePanelData().state[4]!.key, "note", "show_filter"]);
    for (const p of pins) {
      expect(p.tagName).toBe("BUTTON");
      expect(p.closest("[data-testid=ssd-state]")).not.toBeNull();
      expect(p.textContent).toBe("");
    }
    // named "watch" (never by the key: see names.test.ts), described by the key
    expect(pin(m, "items").getAttribute("aria-label")).toBe("watch");
    expect(pin(m, "items").getAttribute("title")).toBe("watch items");
    expect(pin(m, "items").getAttribute("aria-pressed")).toBe("false");
  });

  it("pinning sends {watch: {key, on: true}}", () => {
    const m = mount(samplePanelData());
    pin(m, "items").click();
    expect(m.setTriggerValue).toHaveBeenCalledTimes(1);
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { watch: { key: "items", on: true } });
    // the <details> of a nested value does not toggle
    expect((m.$$("ssd-state-entry").find((e) => e.getAttribute("data-key") === "items") as HTMLDetailsElement).open).toBe(false);
  });

  it("a watched key's pin is pressed and unwatches", () => {
    const m = mount(sampleDebugData());
    const p = pin(m, "counter");
    expect(p.getAttribute("aria-pressed")).toBe("true");
    expect(p.getAttribute("data-action")).toBe("unwatch");
    expect(pin(m, "items").getAttribute("aria-pressed")).toBe("false");
    p.click();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { watch: { key: "counter", on: false } });
  });

  it("viewer mode has no pins", () => {
    const m = mount(viewer(sampleDebugData()));
    expect(m.$$("ssd-pin")).toHaveLength(0);
  });
});

describe("watch section", () => {
  it("is shown right above State, one block per watched key in pin order", () => {
    const m = mount(sampleDebugData());
    const order = [...m.$("ssd-panel").children].map((c) => c.getAttribute("data-testid"));
    expect(order.slice(-2)).toEqual(["ssd-watch", "ssd-state"]);
    const sec = m.$("ssd-watch") as HTMLDetailsElement;
    expect(sec.open).toBe(true);
    expect(sec.querySelector("summary")?.textContent).toBe("Watch 3");
    expect(m.$$("ssd-watch-key").map((b) => b.getAttribute("data-key"))).toEqual(["counter", "api_token", "note"]);
    expect(block(m, "counter").querySelector(".ssd-watch-name")?.textContent).toBe("counter");
  });

  it("is absent when nothing is watched", () => {
    expect(mount(samplePanelData()).$$("ssd-watch")).toHaveLength(0);
    expect(mount({ ...samplePanelData(), watch: [] }).$$("ssd-watch")).toHaveLength(0);
  });

  it("the unwatch button sends {watch: {key, on: false}}", () => {
    const m = mount(sampleDebugData());
    block(m, "note").querySelector<HTMLElement>("[data-testid=ssd-unwatch]")!.click();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { watch: { key: "note", on: false } });
  });

  it("a set break offers what it does when hit (the payload's break_actions): stop the run or open the developer's debugger", () => {
    const d = { ...sampleDebugData(), break_actions: ["raise", "breakpoint"] };
    const m = mount(d);
    const actions = m.$$("ssd-break-action") as HTMLSelectElement[];
    expect(actions.map((s) => s.getAttribute("data-key"))).toEqual(["counter"]); // only where a break is set
    expect([...actions[0]!.options].map((o) => [o.value, o.textContent])).toEqual([["raise", "stop the run"], ["breakpoint", "open my debugger"]]);
    expect(actions[0]!.value).toBe("raise");
    expect(actions[0]!.closest("label")?.textContent).toContain("then");
    choose(actions[0]!, "breakpoint");
    expect(m.setTriggerValue).toHaveBeenLastCalledWith("request", { break_on: { key: "counter", source: "callback", action: "breakpoint" } });
    // drawn with the action Python reports; changing the source keeps it
    d.watch![0]!.break_action = "breakpoint";
    m.rerender(d);
    expect((m.$$("ssd-break-action")[0] as HTMLSelectElement).value).toBe("breakpoint");
    choose(m.$$("ssd-break")[0] as HTMLSelectElement, "script");
    expect(m.setTriggerValue).toHaveBeenLastCalledWith("request", { break_on: { key: "counter", source: "script", action: "breakpoint" } });
    // no actions in the payload (an older Python): no choice shown
    const old = mount(sampleDebugData());
    expect(old.$$("ssd-break-action")).toHaveLength(0);
  });

  it("the break select shows break_on and sends {break_on: {key, source}}", () => {
    const m = mount(sampleDebugData());
    const selects = m.$$("ssd-break") as HTMLSelectElement[];
    expect(selects.map((s) => s.getAttribute("data-key"))).toEqual(["counter", "api_token", "note"]);
    expect(selects.map((s) => s.value)).toEqual(["callback", "off", "off"]);
    expect([...selects[0]!.options].map((o) => [o.value, o.textContent])).toEqual([
      ["off", "off"],
      ["any", "any source"],
      ["script", "script"],
      ["callback", "callback"],
      ["widget", "widget"],
      ["streamlit", "streamlit"],
    ]);
    expect(block(m, "counter").classList.contains("ssd-breaking")).toBe(true);
    expect(block(m, "note").classList.contains("ssd-breaking")).toBe(false);

    choose(selects[2]!, "any");
    expect(m.setTriggerValue).toHaveBeenLastCalledWith("request", { break_on: { key: "note", source: "any" } });
    choose(selects[0]!, "off");
    expect(m.setTriggerValue).toHaveBeenLastCalledWith("request", { break_on: { key: "counter", source: "off" } });
    expect(m.setTriggerValue).toHaveBeenCalledTimes(2);
    // not a filter: the operations filters are untouched
    expect((m.$("ssd-filter-source") as HTMLSelectElement).value).toBe("");
  });

  it("table rows: rerun link, change kind, value and where it was written", () => {
    const m = mount(sampleDebugData());
    const table = block(m, "counter").querySelector<HTMLElement>("[data-testid=ssd-watch-table]")!;
    expect(table.tagName).toBe("TABLE");
    const rows = [...table.querySelectorAll<HTMLElement>("[data-testid=ssd-watch-row]")];
    expect(rows).toHaveLength(2);
    const cells = (r: HTMLElement) => [...r.children].map((c) => c.textContent);
    expect(cells(rows[0]!)).toEqual(["#0added", "1st.session_state.counter = 1 at app.py:10"]);
    expect(rows[0]!.querySelector(".ssd-watch-change")?.textContent).toBe("added");
    expect(rows[1]!.querySelector(".ssd-value")?.textContent).toBe("2");
    expect(rows[1]!.querySelector(".ssd-src")?.textContent).toBe("st.session_state.counter += 1");
    expect(rows[1]!.querySelector(".ssd-loc")?.getAttribute("title")).toBe("/home/dev/shop/app.py:21");

    const link = rows[1]!.querySelector<HTMLElement>("[data-action=select]")!;
    expect(link.getAttribute("data-index")).toBe("1");
    link.click();
    expect(row(m, 1).getAttribute("aria-selected")).toBe("true");
    // the panel re-rendered: query again
    m.$("ssd-watch-row").querySelector<HTMLElement>("[data-action=select]")!.click();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { rerun: 0 });
  });

  it("a redacted key shows the placeholder, never the value; no file → no 'at'", () => {
    const m = mount(sampleDebugData());
    const r = block(m, "api_token").querySelector<HTMLElement>("[data-testid=ssd-watch-row]")!;
    expect(r.querySelector(".ssd-redacted")?.textContent).toBe(PLACEHOLDER);
    expect(r.querySelector("[data-testid=ssd-lock]")).not.toBeNull();
    expect(m.$("ssd-watch").textContent).not.toContain("sk-live-1234");
    expect(r.querySelector(".ssd-watch-src")?.textContent).toBe("callback load_token()");
  });

  it("a null value shows a dash; a key without rows says so", () => {
    const d = sampleDebugData();
    d.watch![0]!.rows.push({ rerun: 2, change: "removed", value: null, source_text: "widget cleanup", file: null, line: null });
    const m = mount(d);
    const rows = block(m, "counter").querySelectorAll<HTMLElement>("[data-testid=ssd-watch-row]");
    expect(rows[2]!.querySelector(".ssd-value")?.textContent).toBe("—");
    expect(rows[2]!.classList.contains("ssd-change-removed")).toBe(true);
    expect(block(m, "note").querySelector("[data-testid=ssd-watch-table]")).toBeNull();
    expect(block(m, "note").textContent).toContain("no change recorded yet");
  });

  it("viewer mode shows the history without controls", () => {
    const m = mount(viewer(sampleDebugData()));
    expect(m.$$("ssd-watch-key")).toHaveLength(3);
    expect(m.$$("ssd-watch-row")).toHaveLength(3);
    expect(m.$$("ssd-break")).toHaveLength(0);
    expect(m.$$("ssd-unwatch")).toHaveLength(0);
    expect(block(m, "counter").textContent).toContain("breaks on callback");
    expect(texts(m.$$("ssd-watch-row").map((r) => r.querySelector(".ssd-watch-change")!))).toEqual(["added", "changed", "added"]);
  });

  it("keeps focus on a break select across the re-render that follows", () => {
    const m = mount(sampleDebugData());
    const sel = m.$$("ssd-break")[1] as HTMLSelectElement;
    sel.focus();
    choose(sel, "script");
    const d = sampleDebugData();
    d.watch![1]!.break_on = "script";
    m.rerender(d);
    const now = m.$$("ssd-break")[1] as HTMLSelectElement;
    expect(now).toBe(sel); // the redraw changes only what differs: the menu itself stays
    expect(now.value).toBe("script");
    expect(document.activeElement).toBe(now);
  });
});
