import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount } from "./testkit";
import { sampleDebugData } from "./sample";
import type { PanelData } from "./types";
import { ASK_AGAIN_AFTER, merge, receive, resetWire, unpack } from "./wire";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
  resetWire();
});
afterEach(() => document.body.replaceChildren());

type Obj = Record<string, unknown>;

/** A full snapshot of `d` as wire.py sends it first. */
function full(d: PanelData, seq = 1): Obj {
  return { ...d, sync: { seq, base: seq - 1, full: true }, timeline_from: d.timeline[0]?.index ?? 0, details_drop: [], state_drop: [] };
}

/** The payload after one more rerun: its row, its details, one state key changed, one gone. */
function next(d: PanelData, seq: number): { payload: Obj; data: PanelData } {
  const last = d.timeline[d.timeline.length - 1]!;
  const row = { ...last, index: last.index + 1, trigger_text: "widget add", has_errors: false };
  const detail = { ...d.details[d.details.length - 1]!, index: row.index, errors: [] };
  const changed = { ...d.state[0]!, summary: "changed" };
  const gone = d.state.length > 1 ? [d.state[1]!.key] : [];
  const data: PanelData = {
    ...d,
    timeline: [...d.timeline, row],
    details: [...d.details, detail],
    state: [changed, ...d.state.slice(gone.length + 1)],
    total_reruns: d.total_reruns + 1,
  };
  const { vocab: _vocab, ...top } = data;
  const payload = {
    ...top,
    sync: { seq, base: seq - 1, full: false },
    timeline: [row],
    timeline_from: d.timeline[0]!.index,
    details: [detail],
    details_drop: [],
    state: [changed],
    state_drop: gone,
  };
  return { payload, data };
}

const indexes = (m: ReturnType<typeof mount>) => m.$$("ssd-rerun-row").map((r) => r.getAttribute("data-index"));

describe("payloads carry what changed; the panel keeps what it received", () => {
  it("a delta merges onto the held data: the new row and details, changed and removed state keys", () => {
    const d = sampleDebugData();
    const m = mount(full(d));
    const { payload, data } = next(d, 2);
    m.rerender(payload);
    expect(indexes(m)).toEqual(data.timeline.map((r) => String(r.index)));
    expect(m.$("ssd-ops").textContent).toContain(`Operations #${data.timeline[data.timeline.length - 1]!.index}`);
    const keys = m.$$("ssd-state-entry").map((e) => e.getAttribute("data-key"));
    expect(keys).not.toContain(d.state[1]!.key);
    expect(m.setTriggerValue).not.toHaveBeenCalled();
  });

  it("a remount (new parent, as Streamlit does for each new payload) shows everything held, not just the delta", () => {
    const d = sampleDebugData();
    const a = mount(full(d));
    a.cleanup();
    a.host.remove();
    const { payload, data } = next(d, 2);
    const b = mount(payload);
    expect(indexes(b)).toEqual(data.timeline.map((r) => String(r.index)));
    expect(b.$$("ssd-missing-detail")).toHaveLength(0);
    expect(b.setTriggerValue).not.toHaveBeenCalled();
  });

  it("a payload that does not fit asks once for a full snapshot, and the full one restores the whole view", () => {
    const d = sampleDebugData();
    const m = mount(full(d));
    const two = next(d, 2);
    const three = next(two.data, 3);
    m.rerender(three.payload); // payload 2 never arrived
    expect(m.setTriggerValue).toHaveBeenCalledTimes(1);
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { sync: true });
    const four = next(three.data, 4);
    m.rerender(four.payload); // still a gap: asked already
    expect(m.setTriggerValue).toHaveBeenCalledTimes(1);
    let last = four.data;
    for (let seq = 5; seq < 5 + ASK_AGAIN_AFTER - 2; seq++) {
      last = next(last, seq).data;
      m.rerender(next(last, seq + 100).payload); // still gaps: no new request yet
    }
    expect(m.setTriggerValue).toHaveBeenCalledTimes(1);
    m.rerender(next(last, 300).payload); // the request was lost: asked again
    expect(m.setTriggerValue).toHaveBeenCalledTimes(2);
    m.rerender(full(four.data, 400));
    expect(indexes(m)).toEqual(four.data.timeline.map((r) => String(r.index)));
    m.rerender(next(four.data, 401).payload); // fits again
    expect(m.setTriggerValue).toHaveBeenCalledTimes(2);
  });

  it("a payload whose window (sync.base) covers what is held applies: one skipped payload costs no snapshot", () => {
    const d = sampleDebugData();
    const m = mount(full(d));
    const two = next(d, 2);
    const three = next(two.data, 3);
    const both = { ...three.payload, sync: { seq: 3, base: 1, full: false }, timeline: [...(two.payload.timeline as Obj[]), ...(three.payload.timeline as Obj[])] };
    m.rerender(both); // payload 2 never arrived, payload 3 carries what changed since 1
    expect(m.setTriggerValue).not.toHaveBeenCalled();
    expect(indexes(m)).toEqual(three.data.timeline.map((r) => String(r.index)));
  });

  it("nothing held (a page reload) and a delta: a full snapshot is asked for", () => {
    const m = mount(next(sampleDebugData(), 7).payload);
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { sync: true });
  });

  it("a late payload older than the one held changes nothing", () => {
    const d = sampleDebugData();
    receive(full(d));
    const two = next(d, 2);
    receive(two.payload);
    const late = receive(full(d, 1));
    expect((late.data as PanelData).timeline).toHaveLength(two.data.timeline.length);
    expect(late.askFull).toBe(false);
  });

  it("merge drops rows before timeline_from and details named in details_drop", () => {
    const d = sampleDebugData();
    const out = merge(full(d), { sync: { seq: 2, base: 1, full: false }, timeline: [], timeline_from: 2, details: [{ index: 4, status: "ok", patch: true }, { index: 99, status: "ok", patch: true }], details_drop: [1], state: [], state_drop: [] });
    expect((out.timeline as { index: number }[]).map((r) => r.index)).toEqual(d.timeline.filter((r) => r.index >= 2).map((r) => r.index));
    const details = out.details as { index: number; status: string; events: unknown[] }[];
    expect(details.map((x) => x.index)).not.toContain(1);
    const four = details.find((x) => x.index === 4)!;
    expect(four.status).toBe("ok");
    expect(four.events.length).toBeGreaterThan(0); // a patch keeps the fields it does not name
    expect(details.map((x) => x.index)).not.toContain(99); // a patch of details not held is dropped
  });

  it("a packed payload ({notices, panel: JSON}) is unpacked; unreadable JSON is no payload", () => {
    const d = sampleDebugData();
    const { notices, ...rest } = full(d) as Obj & { notices: string[] };
    const m = mount({ notices, panel: JSON.stringify(rest) });
    expect(indexes(m)).toEqual(d.timeline.map((r) => String(r.index)));
    expect(unpack({ notices: [], panel: "{not json" })).toBeNull();
    expect(unpack(d)).toBe(d);
  });

  it("the data as Python sends it, a one-item list (a dict would be scanned for DataFrames), is unwrapped", () => {
    const d = sampleDebugData();
    const { notices, ...rest } = full(d) as Obj & { notices: string[] };
    const m = mount([{ notices, panel: JSON.stringify(rest) }]);
    expect(indexes(m)).toEqual(d.timeline.map((r) => String(r.index)));
    expect(unpack([d])).toBe(d);
    const two = [d, d];
    expect(unpack(two)).toBe(two); // not the one-item list: left as it is
  });

  it("a whole PanelData without sync (the viewer) passes through", () => {
    const d = sampleDebugData();
    expect(receive(d).data).toBe(d);
  });
});
