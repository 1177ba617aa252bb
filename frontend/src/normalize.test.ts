import { describe, expect, it } from "vitest";
import { normalizeData } from "./normalize";
import { SAMPLE_VOCAB, sampleDebugData, samplePanelData } from "./sample";

const base = () => ({ session_label: "s", timeline: [{ index: 0 }], vocab: SAMPLE_VOCAB });

describe("normalize: live debugging fields", () => {
  it("defaults every new field when an older payload omits them", () => {
    const d = normalizeData(base())!;
    expect(d.paused).toBe(false);
    expect(d.watch).toEqual([]);
    expect(d.slowest_callbacks).toEqual([]);
    expect(d.restore_note).toBe("");
    expect(d.timeline[0]!.callbacks).toEqual([]);
    expect(d.timeline[0]!.restorable).toBe(false);
  });

  it("keeps a well-formed payload as is", () => {
    const sample = sampleDebugData();
    const d = normalizeData(sample)!;
    expect(d.paused).toBe(false);
    expect(d.watch).toEqual(sample.watch);
    expect(d.slowest_callbacks).toEqual(sample.slowest_callbacks);
    expect(d.restore_note).toBe(sample.restore_note);
    expect(d.timeline[1]!.callbacks).toEqual([{ name: "add_item", widget: "add_btn", ms: 12.3 }]);
    expect(d.timeline.map((r) => r.restorable)).toEqual([true, true, true, false, true]);
  });

  it("only a literal true pauses or makes a row restorable", () => {
    expect(normalizeData({ ...base(), paused: "yes" })!.paused).toBe(false);
    expect(normalizeData({ ...base(), paused: true })!.paused).toBe(true);
    expect(normalizeData({ session_label: "s", timeline: [{ index: 0, restorable: 1 }] })!.timeline[0]!.restorable).toBe(false);
  });

  it("drops malformed watch entries and rows, never throws", () => {
    const d = normalizeData({
      ...base(),
      watch: [
        null,
        "counter",
        { break_on: "any" }, // no key
        { key: 3 },
        { key: "a", break_on: "sometimes", redacted: "yes", rows: "nope" },
        {
          key: "b",
          break_on: "widget",
          redacted: true,
          rows: [
            { rerun: 1, change: "changed", value: 5, source_text: null, file: 7, line: "9" },
            { rerun: "2", change: "changed" }, // rerun not a number
            { rerun: 3, change: "exploded" }, // unknown change kind
            { rerun: Number.NaN, change: "added" },
            [],
            { rerun: 4, change: "removed", value: null, source_text: "del st.session_state.b", file: "app.py", line: 12 },
          ],
        },
        { key: "a", break_on: "any" }, // duplicate key: the first one wins
      ],
    })!;
    expect(d.watch).toEqual([
      { key: "a", break_on: null, redacted: false, rows: [] },
      {
        key: "b",
        break_on: "widget",
        redacted: true,
        rows: [
          { rerun: 1, change: "changed", value: "5", source_text: "", file: "7", line: null },
          { rerun: 4, change: "removed", value: null, source_text: "del st.session_state.b", file: "app.py", line: 12 },
        ],
      },
    ]);
    expect(normalizeData({ ...base(), watch: { key: "a" } })!.watch).toEqual([]);
  });

  it("drops malformed slowest callbacks, sorts slowest first and keeps five", () => {
    const ok = (name: string, ms: number) => ({ name, widget: null, ms, rerun: 1 });
    const d = normalizeData({
      ...base(),
      slowest_callbacks: [
        ok("a", 1),
        { name: "", ms: 5, rerun: 1 },
        { name: "no_ms", rerun: 1 },
        { name: "bad_rerun", ms: 9, rerun: "1" },
        { name: 4, ms: 9, rerun: 1 },
        "x",
        ok("b", 50),
        { ...ok("c", 7), widget: "w" },
        ok("d", 3),
        ok("e", 2),
        ok("f", 0.5),
      ],
    })!;
    expect(d.slowest_callbacks!.map((c) => c.name)).toEqual(["b", "c", "d", "e", "a"]);
    expect(d.slowest_callbacks![1]).toEqual({ name: "c", widget: "w", ms: 7, rerun: 1 });
    expect(normalizeData({ ...base(), slowest_callbacks: "slow" })!.slowest_callbacks).toEqual([]);
  });

  it("drops callbacks without a name and nulls a bad duration", () => {
    const d = normalizeData({
      session_label: "s",
      timeline: [{ index: 0, callbacks: [{ name: "f", widget: 3, ms: "12" }, { widget: "w", ms: 1 }, null, { name: "g", ms: 4 }] }],
    })!;
    expect(d.timeline[0]!.callbacks).toEqual([
      { name: "f", widget: "3", ms: null },
      { name: "g", widget: null, ms: 4 },
    ]);
    expect(normalizeData({ session_label: "s", timeline: [{ index: 0, callbacks: "f" }] })!.timeline[0]!.callbacks).toEqual([]);
  });

  it("keeps a string restore note only, and a debugger event source", () => {
    expect(normalizeData({ ...base(), restore_note: 42 })!.restore_note).toBe("");
    const d = samplePanelData();
    d.details[0]!.events[0]!.source = "debugger";
    expect(normalizeData(d)!.details[0]!.events[0]!.source).toBe("debugger");
  });
});
