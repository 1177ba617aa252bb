import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { choose, mount, row, texts } from "./testkit";
import { sampleDebugData, samplePanelData } from "./sample";
import type { PanelData, TimelineRow } from "./types";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => document.body.replaceChildren());

const viewer = (d: PanelData): PanelData => ({ ...d, mode: "viewer" });

describe("pause and resume", () => {
  it("live: Pause sends {pause: true}; no paused badge", () => {
    const m = mount(sampleDebugData());
    const b = m.$("ssd-pause");
    expect(b.tagName).toBe("BUTTON");
    expect(b.textContent).toBe("Pause");
    expect(b.getAttribute("data-action")).toBe("pause");
    expect(m.$$("ssd-paused")).toHaveLength(0);
    b.click();
    expect(m.setTriggerValue).toHaveBeenCalledTimes(1);
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { pause: true });
  });

  it("paused: a badge, and Resume sends {resume: true}", () => {
    const m = mount({ ...sampleDebugData(), paused: true });
    expect(m.$("ssd-paused").textContent).toBe("paused");
    const b = m.$("ssd-pause");
    expect(b.textContent).toBe("Resume");
    expect(b.getAttribute("data-action")).toBe("resume");
    b.click();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { resume: true });
    expect(m.setStateValue).not.toHaveBeenCalled();
  });

  it("sits in the header beside Export and Open in a tab, and keeps focus when it flips", () => {
    const m = mount(sampleDebugData());
    const actions = m.$("ssd-export").parentElement!;
    expect([...actions.children].map((c) => c.getAttribute("data-testid"))).toEqual(["ssd-pause", "ssd-export", "ssd-inspect"]);
    m.$("ssd-pause").focus();
    m.rerender({ ...sampleDebugData(), paused: true });
    expect(document.activeElement?.textContent).toBe("Resume");
  });

  it("viewer mode has no Pause button", () => {
    const m = mount(viewer(sampleDebugData()));
    expect(m.$$("ssd-pause")).toHaveLength(0);
    expect(m.$$("ssd-export")).toHaveLength(1);
  });
});

describe("timeline gaps", () => {
  function withIndices(indices: number[]): PanelData {
    const d = samplePanelData();
    const proto = d.timeline[0]!;
    d.timeline = indices.map((index): TimelineRow => ({ ...proto, index, trigger_text: `run ${index}` }));
    d.details = [];
    return d;
  }

  it("marks reruns that were not recorded between two rows, as non-selectable rows", () => {
    const m = mount(withIndices([3, 4, 5, 9, 11, 12]));
    const gaps = m.$$("ssd-gap");
    expect(texts(gaps)).toEqual(["#6–#8 not recorded (paused)", "#10 not recorded (paused)"]);
    const list = m.parent.querySelector(".ssd-timeline-list")!;
    const order = [...list.children].map((c) => c.getAttribute("data-index") ?? c.getAttribute("data-testid"));
    expect(order).toEqual(["3", "4", "5", "ssd-gap", "9", "ssd-gap", "11", "12"]);
    for (const g of gaps) {
      expect(g.hasAttribute("data-action")).toBe(false);
      expect(g.hasAttribute("tabindex")).toBe(false);
    }
    gaps[0]!.click();
    expect(m.setTriggerValue).not.toHaveBeenCalled();
    expect(row(m, 12).getAttribute("aria-selected")).toBe("true");
    expect(m.$$("ssd-rerun-row")).toHaveLength(6);
  });

  it("no gap rows when indices are consecutive (an overflowed start is not a gap)", () => {
    expect(mount(withIndices([40, 41, 42])).$$("ssd-gap")).toHaveLength(0);
  });
});

describe("callback durations and restore marks in the timeline", () => {
  it("one span per callback in the row's meta line", () => {
    const m = mount(sampleDebugData());
    const cb1 = row(m, 1).querySelectorAll<HTMLElement>(".ssd-rerun-meta [data-testid=ssd-callback]");
    expect(texts([...cb1])).toEqual(["add_item() · widget add_btn 12 ms"]);
    expect(cb1[0]!.getAttribute("title")).toBe("add_item() · widget add_btn 12 ms");
    // no widget → no "· widget"; ms null → no duration; a name with parentheses keeps them
    expect(texts([...row(m, 4).querySelectorAll("[data-testid=ssd-callback]")])).toEqual(["load_token() 1.4 s", "on_note() · widget note"]);
    expect(row(m, 2).querySelectorAll("[data-testid=ssd-callback]")).toHaveLength(0);
  });

  it("rows triggered by a restore get a class and a mark", () => {
    const d = sampleDebugData();
    d.timeline[2]!.trigger_kind = "restore";
    d.timeline[2]!.trigger_text = "restored state after #1";
    const m = mount(d);
    expect(row(m, 2).classList.contains("ssd-restore-row")).toBe(true);
    const mark = row(m, 2).querySelector(".ssd-mark-restore")!;
    expect(mark.textContent).toBe("↺");
    expect(mark.getAttribute("title")).toBe("restored");
    expect(row(m, 1).classList.contains("ssd-restore-row")).toBe(false);
    expect(row(m, 1).querySelector(".ssd-mark-restore")).toBeNull();
  });
});

describe("slowest callbacks", () => {
  it("is a closed section after the timeline, one line per callback", () => {
    const m = mount(sampleDebugData());
    const sec = m.$("ssd-slowest") as HTMLDetailsElement;
    expect(sec.tagName).toBe("DETAILS");
    expect(sec.open).toBe(false);
    expect(sec.querySelector("summary")?.textContent).toBe("Slowest callbacks 3");
    expect(texts(m.$$("ssd-slowest-row"))).toEqual([
      "load_token() — 1.4 s in #4",
      "add_item() · widget add_btn — 12 ms in #1",
      "reset() · widget reset_btn — 3 ms in #-7",
    ]);
    const order = [...m.$("ssd-panel").children].map((c) => c.getAttribute("data-testid"));
    expect(order.indexOf("ssd-slowest")).toBe(order.indexOf("ssd-restore-bar") + 1);
    expect(order.indexOf("ssd-restore-bar")).toBe(order.indexOf("ssd-timeline") + 1);
  });

  it("clicking a line selects its rerun (and requests details when missing)", () => {
    const m = mount(sampleDebugData());
    const rows = m.$$("ssd-slowest-row");
    // only "#N" is a control (the callback's name is the app's: never a control's name)
    expect(texts(m.$$("ssd-slowest-open"))).toEqual(["#4", "#1"]);
    rows[1]!.querySelector<HTMLElement>("[data-testid=ssd-slowest-open]")!.click();
    expect(row(m, 1).getAttribute("aria-selected")).toBe("true");
    expect(m.setTriggerValue).not.toHaveBeenCalled();
    // a rerun no longer in the timeline is shown but cannot be selected
    expect(rows[2]!.querySelector("[data-action]")).toBeNull();
    rows[2]!.click();
    expect(row(m, 1).getAttribute("aria-selected")).toBe("true");
    const d = sampleDebugData();
    d.slowest_callbacks = [{ name: "init", widget: null, ms: 80, rerun: 0 }];
    const b = mount(d);
    b.$("ssd-slowest-open").click();
    expect(b.setTriggerValue).toHaveBeenCalledWith("request", { rerun: 0 });
  });

  it("is absent when empty; viewer mode shows it too", () => {
    expect(mount(samplePanelData()).$$("ssd-slowest")).toHaveLength(0);
    expect(mount(viewer(sampleDebugData())).$$("ssd-slowest-row")).toHaveLength(3);
  });
});

describe("restore", () => {
  it("offers to restore the selected restorable rerun, with the note", () => {
    const m = mount(sampleDebugData());
    const b = m.$("ssd-restore");
    expect(b.tagName).toBe("BUTTON");
    expect(b.textContent).toBe("Restore state after #4");
    expect(b.getAttribute("data-index")).toBe("4");
    expect(m.$("ssd-restore-note").textContent).toBe("Side effects outside session state (files, databases, API calls) are not undone.");
    row(m, 1).click();
    m.$("ssd-restore").click();
    expect(m.setTriggerValue).toHaveBeenCalledTimes(1);
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { restore: 1 });
  });

  it("falls back to a default note", () => {
    const m = mount({ ...sampleDebugData(), restore_note: undefined });
    expect(m.$("ssd-restore-note").textContent).toBe("Side effects outside session state are not undone.");
  });

  it("is absent when the selected rerun is not restorable, in viewer mode, and for old payloads", () => {
    const m = mount(sampleDebugData());
    row(m, 3).click();
    expect(m.$$("ssd-restore")).toHaveLength(0);
    expect(m.$$("ssd-restore-note")).toHaveLength(0);
    expect(mount(viewer(sampleDebugData())).$$("ssd-restore")).toHaveLength(0);
    expect(mount(samplePanelData()).$$("ssd-restore")).toHaveLength(0);
  });
});

describe("debugger source", () => {
  it("the source filter offers writes made by a restore", () => {
    const d = samplePanelData();
    d.details[3]!.events[0]!.source = "debugger";
    d.details[3]!.events[0]!.source_text = "restore of #2";
    const m = mount(d);
    const sel = m.$("ssd-filter-source") as HTMLSelectElement;
    const opt = [...sel.options].find((o) => o.value === "debugger");
    expect(opt?.textContent).toBe("debugger (restore)");
    choose(sel, "debugger");
    expect(m.$$("ssd-op").map((o) => o.getAttribute("data-seq"))).toEqual(["0"]);
    expect(m.$("ssd-op").querySelector(".ssd-source-debugger")?.textContent).toBe("restore of #2");
    m.cleanup();
    // the choice survives a remount
    const b = mount(d);
    expect((b.$("ssd-filter-source") as HTMLSelectElement).value).toBe("debugger");
  });
});
