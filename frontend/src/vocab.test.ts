import { describe, expect, it } from "vitest";
import { normalizeData } from "./normalize";
import { sampleDebugData, samplePanelData } from "./sample";
import { choose, mount, row } from "./testkit";

/** A vocabulary no copy in the frontend could know: the panel must follow it. */
const VOCAB = {
  ops: ["read", "write"],
  sources: ["script", "callback", "teleport"],
  trigger_kinds: ["initial"],
  statuses: ["ok", "stopped", "paused_by_moon"],
  break_sources: ["any", "teleport"],
};

const optionValues = (el: HTMLElement): string[] => Array.from((el as HTMLSelectElement).options, (o) => o.value);

describe("the enumerations come from the payload (vocab), the frontend keeps no copies", () => {
  it("builds the op and source filters from data.vocab", () => {
    const m = mount({ ...samplePanelData(), vocab: VOCAB });
    expect(optionValues(m.$("ssd-filter-op"))).toEqual(["", "read", "write"]);
    expect(optionValues(m.$("ssd-filter-source"))).toEqual(["", "script", "callback", "teleport"]);
    m.cleanup();
  });

  it("builds the break select from data.vocab.break_sources and sends only those", () => {
    const m = mount({ ...sampleDebugData(), vocab: VOCAB });
    const select = m.$$("ssd-break")[0] as HTMLSelectElement;
    expect(optionValues(select)).toEqual(["off", "any", "teleport"]);
    choose(select, "teleport");
    expect(m.setTriggerValue).toHaveBeenLastCalledWith("request", { break_on: { key: select.getAttribute("data-key"), source: "teleport" } });
    m.cleanup();
  });

  it("keeps statuses and break sources the payload lists, and only those", () => {
    const raw = {
      session_label: "s",
      timeline: [{ index: 0, status: "paused_by_moon" }, { index: 1, status: "exception" }],
      watch: [{ key: "a", break_on: "teleport" }, { key: "b", break_on: "widget" }],
      vocab: VOCAB,
    };
    const d = normalizeData(raw)!;
    expect(d.timeline.map((r) => r.status)).toEqual(["paused_by_moon", "ok"]);
    expect(d.watch!.map((w) => w.break_on)).toEqual(["teleport", null]);
    expect(d.vocab.sources).toEqual(VOCAB.sources);
    const m = mount(raw);
    expect(row(m, 0).querySelector(".ssd-status")?.textContent).toBe("paused_by_moon");
    m.cleanup();
  });

  it("offers nothing it was not told of when the payload has no vocabulary", () => {
    const m = mount({ ...samplePanelData(), vocab: undefined });
    expect(optionValues(m.$("ssd-filter-source"))).toEqual([""]);
    expect(normalizeData({ session_label: "s", timeline: [{ index: 0, status: "exception" }] })!.timeline[0]!.status).toBe("ok");
    m.cleanup();
  });
});
