import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { windowAround } from "./layout";
import { mount, row } from "./testkit";
import { sampleDebugData } from "./sample";
import type { PanelData, TimelineRow } from "./types";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => document.body.replaceChildren());

const selected = (m: ReturnType<typeof mount>) => m.$$("ssd-rerun-row").find((r) => r.getAttribute("aria-selected") === "true")?.getAttribute("data-index");

/** The payload after one more rerun; the older details drop out as Python's bounded payload does. */
function plus(d: PanelData, kind = "widget", text = "widget add"): PanelData {
  const last = d.timeline[d.timeline.length - 1]!;
  const next: TimelineRow = { ...last, index: last.index + 1, trigger_kind: kind, trigger_text: text, has_errors: false, restorable: true };
  const detail = { ...d.details[d.details.length - 1]!, index: next.index, errors: [] };
  return { ...d, timeline: [...d.timeline, next], details: [...d.details.slice(1), detail], total_reruns: d.total_reruns + 1 };
}

describe("following the latest rerun", () => {
  it("shows no pinned bar while following, and selects each new rerun", () => {
    const m = mount(sampleDebugData());
    expect(m.$$("ssd-pinned")).toHaveLength(0);
    m.rerender(plus(sampleDebugData()));
    expect(selected(m)).toBe("5");
    expect(m.$$("ssd-pinned")).toHaveLength(0);
  });

  it("an older row pins it: the bar says so, and one click follows the latest again", () => {
    const d = sampleDebugData();
    const m = mount(d);
    row(m, 2).click();
    const later = plus(plus(d));
    m.rerender(later);
    expect(selected(m)).toBe("2");
    expect(m.$("ssd-pinned").textContent).toContain("pinned to #2 · latest #6");
    m.$("ssd-follow").click();
    expect(selected(m)).toBe("6");
    expect(m.$$("ssd-pinned")).toHaveLength(0);
    expect(m.setTriggerValue).not.toHaveBeenCalled(); // a panel-only action: no request, no rerun
    m.rerender(plus(later));
    expect(selected(m)).toBe("7");
  });

  it("after Restore the restore rerun is selected, with its details, not the restored one", () => {
    const d = sampleDebugData();
    const m = mount(d);
    row(m, 2).click();
    m.$("ssd-restore").click();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { restore: 2 });
    const after = plus(d, "restore", "↺ restore of #2");
    m.rerender(after);
    expect(selected(m)).toBe("5");
    expect(m.$$("ssd-missing-detail")).toHaveLength(0);
    expect(m.$("ssd-ops").textContent).toContain("Operations #5");
    expect(m.$$("ssd-pinned")).toHaveLength(0);
  });

  it("a restore row arriving while pinned (restore sent by another way) is followed too", () => {
    const d = sampleDebugData();
    const m = mount(d);
    row(m, 1).click();
    m.rerender(plus(d));
    expect(selected(m)).toBe("1");
    m.rerender(plus(plus(d), "restore", "↺ restore of #1"));
    expect(selected(m)).toBe("6");
  });

  it("two drawings of one session's panel agree: follow latest clicked in one is what the other shows", () => {
    // Streamlit can keep the previous element while the next one draws (a remount):
    // the new one loads the pinned rerun, then the click lands on the old one.
    const later = plus(plus(sampleDebugData()));
    const old = mount(later);
    row(old, 2).click();
    const drawn = mount(later);
    expect(selected(drawn)).toBe("2");
    old.$("ssd-follow").click();
    expect(selected(drawn)).toBe("6");
    expect(drawn.$$("ssd-pinned")).toHaveLength(0);
    old.host.remove(); // Streamlit drops the stale element; the new one stays and keeps following
    drawn.rerender(plus(later));
    expect(selected(drawn)).toBe("7");
  });

  it("an action on a stale drawing starts from the session's current choice, not its own old copy", () => {
    const later = plus(plus(sampleDebugData()));
    const a = mount(later);
    const b = mount(later);
    row(b, 2).click(); // pinned in b…
    expect(selected(a)).toBe("2"); // …is pinned in a too
    a.$("ssd-follow").click();
    expect(selected(b)).toBe("6");
    b.rerender(plus(later));
    expect(selected(b)).toBe("7");
  });

  it("the selected row is marked by the selection colour class, not the error one", () => {
    const m = mount(sampleDebugData());
    row(m, 3).click(); // rerun #3 has an error
    expect(row(m, 3).classList.contains("ssd-selected")).toBe(true);
    expect(row(m, 3).className).not.toMatch(/error|red/);
  });
});

describe("timeline window (whole rows, the selected one among them)", () => {
  const spans = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ top: i * 40, bottom: i * 40 + 38 }));

  it("ends at the latest row when the selection is among the last rows", () => {
    expect(windowAround(spans, 9, 240)).toEqual([4, 9]);
    expect(windowAround(spans, 5, 240)).toEqual([4, 9]);
  });

  it("starts at an older selected row and fills forward with whole rows", () => {
    expect(windowAround(spans, 1, 240)).toEqual([1, 6]);
  });

  it("keeps a row taller than the box on its own", () => {
    expect(windowAround([{ top: 0, bottom: 500 }, { top: 500, bottom: 540 }], 0, 240)).toEqual([0, 0]);
  });
});
