import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultUi, loadUi, saveUi, storageKey } from "./persist";
import { choose, mount, row, typeInto } from "./testkit";
import { samplePanelData } from "./sample";
import type { PanelData, TimelineRow } from "./types";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => document.body.replaceChildren());

const selected = (m: ReturnType<typeof mount>) => m.$$("ssd-rerun-row").find((r) => r.getAttribute("aria-selected") === "true")?.getAttribute("data-index");

function withNewRerun(d: PanelData): PanelData {
  const last = d.timeline[d.timeline.length - 1]!;
  const next: TimelineRow = { ...last, index: last.index + 1, trigger_text: "new", has_errors: false };
  return { ...d, timeline: [...d.timeline, next], details: [...d.details, { ...d.details[3]!, index: next.index }], total_reruns: d.total_reruns + 1 };
}

describe("persistence", () => {
  it("keeps the selection, filters and search across a remount (new parent)", () => {
    const a = mount(samplePanelData());
    row(a, 2).click();
    typeInto(a.$("ssd-search") as HTMLInputElement, "show");
    choose(a.$("ssd-filter-op") as HTMLSelectElement, "read");
    choose(a.$("ssd-filter-source") as HTMLSelectElement, "script");
    a.cleanup();

    const b = mount(samplePanelData());
    expect(selected(b)).toBe("2");
    expect((b.$("ssd-search") as HTMLInputElement).value).toBe("show");
    expect((b.$("ssd-filter-op") as HTMLSelectElement).value).toBe("read");
    expect((b.$("ssd-filter-source") as HTMLSelectElement).value).toBe("script");
    expect(b.$$("ssd-op").map((o) => o.getAttribute("data-seq"))).toEqual(["1"]);
  });

  it("keeps an older selection when new reruns arrive, but follows the latest by default", () => {
    const a = mount(samplePanelData());
    expect(selected(a)).toBe("4");
    a.rerender(withNewRerun(samplePanelData()));
    expect(selected(a)).toBe("5");

    row(a, 1).click();
    a.cleanup();
    const b = mount(withNewRerun(samplePanelData()));
    expect(selected(b)).toBe("1");

    // Selecting the latest row means "follow the latest" again.
    row(b, 5).click();
    b.cleanup();
    const c = mount(withNewRerun(withNewRerun(samplePanelData())));
    expect(selected(c)).toBe("6");
  });

  it("falls back to the latest when the remembered rerun is gone", () => {
    const a = mount(samplePanelData());
    row(a, 0).click();
    a.cleanup();
    const d = samplePanelData();
    d.timeline = d.timeline.slice(2);
    d.overflow = true;
    const b = mount(d);
    expect(selected(b)).toBe("4");
  });

  it("keeps UI state per session label", () => {
    const a = mount(samplePanelData());
    row(a, 1).click();
    a.cleanup();
    const b = mount({ ...samplePanelData(), session_label: "another session" });
    expect(selected(b)).toBe("4");
  });

  it("remembers open and closed sections and state nodes", async () => {
    const a = mount(samplePanelData());
    const ops = a.$("ssd-ops") as HTMLDetailsElement;
    expect(ops.open).toBe(true);
    ops.open = false;
    const items = a.$$("ssd-state-entry").find((e) => e.getAttribute("data-key") === "items") as HTMLDetailsElement;
    expect(items.open).toBe(false);
    items.open = true;
    // jsdom fires `toggle` asynchronously, like browsers.
    await new Promise((r) => setTimeout(r, 20));
    a.cleanup();
    const b = mount(samplePanelData());
    expect((b.$("ssd-ops") as HTMLDetailsElement).open).toBe(false);
    expect((b.$$("ssd-state-entry").find((e) => e.getAttribute("data-key") === "items") as HTMLDetailsElement).open).toBe(true);
    expect((b.$("ssd-diff") as HTMLDetailsElement).open).toBe(true);
  });

  it("loadUi survives garbage and unknown values; saveUi round-trips", () => {
    sessionStorage.setItem(storageKey("s"), "{not json");
    const vocab = { ops: ["read", "write", "delete"], sources: ["script", "callback"] };
    expect(loadUi("s", vocab)).toEqual(defaultUi());
    sessionStorage.setItem(storageKey("s"), JSON.stringify({ selected: "3", op: "drop", source: "callback", open: { a: true, b: "x" } }));
    expect(loadUi("s", vocab)).toMatchObject({ selected: null, op: "", source: "callback", open: { a: true } });
    const ui = { ...defaultUi(), selected: 3, search: "q", downloaded: ["t.jsonl"] };
    saveUi("s", ui);
    expect(loadUi("s", vocab)).toEqual(ui);
  });
});
