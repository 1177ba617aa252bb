import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import renderPanel from "./index";
import { mount, row, texts } from "./testkit";
import { PLACEHOLDER, samplePanelData, XSS_KEY } from "./sample";
import type { PanelData } from "./types";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => document.body.replaceChildren());

function selectRerun(m: ReturnType<typeof mount>, index: number): void {
  row(m, index).click();
}

describe("panel structure", () => {
  it("renders the sections in order inside one root, latest rerun selected", () => {
    const m = mount(samplePanelData());
    const roots = m.$$("ssd-panel");
    expect(roots).toHaveLength(1);
    expect(roots[0]!.classList.contains("ssd-panel")).toBe(true);
    const order = [...roots[0]!.children].map((c) => c.getAttribute("data-testid") ?? c.className);
    expect(order).toEqual(["ssd-header", "ssd-timeline", "ssd-ops", "ssd-diff", "ssd-state"]);
    expect(row(m, 4).getAttribute("aria-selected")).toBe("true");
  });

  it("header shows the title, session label and an Export button", () => {
    const m = mount(samplePanelData());
    const header = m.parent.querySelector(".ssd-header")!;
    expect(header.textContent).toContain("Session state debugger");
    expect(m.$("ssd-label").textContent).toBe("session 3fa2c1");
    expect(m.$("ssd-export").tagName).toBe("BUTTON");
  });

  it("waits for the first rerun when data is missing or partial", () => {
    for (const d of [undefined, null, {}, { timeline: [] }, { timeline: "nope", details: 3 }]) {
      document.body.replaceChildren();
      const m = mount(d);
      expect(m.$("ssd-waiting").textContent).toBe("waiting for the first rerun");
      expect(m.$$("ssd-timeline")).toHaveLength(0);
    }
  });

  it("tolerates a partial row and detail", () => {
    const m = mount({ session_label: "x", timeline: [{ index: 7 }], details: [{ index: 7, events: [{ seq: 1, op: "read", key: "a" }] }] });
    expect(row(m, 7).textContent).toContain("#7");
    expect(m.$$("ssd-op")).toHaveLength(1);
  });

  it("also renders into a ShadowRoot (isolate_styles=True)", () => {
    const m = mount(samplePanelData(), { shadow: true });
    expect(m.$$("ssd-rerun-row")).toHaveLength(5);
    expect(document.querySelector('[data-testid="ssd-panel"]')).toBeNull();
  });
});

describe("timeline", () => {
  it("has one row per rerun with index, trigger, status, duration and counts", () => {
    const m = mount(samplePanelData());
    const rows = m.$$("ssd-rerun-row");
    expect(rows.map((r) => r.getAttribute("data-index"))).toEqual(["0", "1", "2", "3", "4"]);
    const r1 = row(m, 1).textContent!;
    expect(r1).toContain("#1");
    expect(r1).toContain("button 'Add item' → on_click add_item()");
    expect(r1).toContain("ok");
    expect(r1).toContain("13 ms");
    expect(r1).toContain("R3 W1 D0");
    expect(row(m, 4).textContent).toContain("1.5 s");
    expect(row(m, 3).querySelector(".ssd-status-exception")?.textContent).toBe("exception");
  });

  it("marks reruns with errors and in-place mutations", () => {
    const m = mount(samplePanelData());
    expect(row(m, 3).querySelector(".ssd-mark-error")?.textContent).toBe("!");
    expect(row(m, 1).querySelector(".ssd-mark-mutation")?.textContent).toBe("~");
    expect(row(m, 4).querySelector(".ssd-mark")).toBeNull();
  });

  it("shows 'older reruns dropped' only on overflow", () => {
    expect(mount(samplePanelData()).$$("ssd-overflow")).toHaveLength(0);
    const m = mount({ ...samplePanelData(), overflow: true, total_reruns: 120 });
    expect(m.$("ssd-overflow").textContent).toBe("older reruns dropped");
    expect(m.$("ssd-timeline").textContent).toContain("5 of 120");
  });

  it("clicking or pressing Enter on a row selects it", () => {
    const m = mount(samplePanelData());
    selectRerun(m, 2);
    expect(row(m, 2).getAttribute("aria-selected")).toBe("true");
    expect(row(m, 4).getAttribute("aria-selected")).toBe("false");
    row(m, 1).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(row(m, 1).classList.contains("ssd-selected")).toBe(true);
  });
});

describe("KeyError origin", () => {
  it("is shown first, only for a rerun with errors", () => {
    const m = mount(samplePanelData());
    expect(m.$$("ssd-errors")).toHaveLength(0);
    selectRerun(m, 3);
    const panel = m.$("ssd-panel");
    expect(panel.children[1]!.getAttribute("data-testid")).toBe("ssd-errors");
    const err = m.$("ssd-error");
    expect(m.$("ssd-error-key").textContent).toBe("user_name");
    expect(err.textContent).toContain("KeyError");
    expect(err.querySelector(".ssd-where")?.textContent).toBe("read at app.py:52");
    expect(err.querySelector(".ssd-where .ssd-loc")?.getAttribute("title")).toBe("/home/dev/shop/app.py:52");
    expect(m.$("ssd-explanation").textContent).toContain("deleted in rerun #2 by Streamlit's widget cleanup");
    expect(texts(m.$$("ssd-suggestion"))).toEqual(["user", "username"]);
    const hist = m.$$("ssd-history-item");
    expect(hist).toHaveLength(3);
    expect(hist[0]!.textContent).toContain("#0");
    expect(hist[0]!.textContent).toContain("write");
    expect(hist[0]!.textContent).toContain("app.py:35");
    expect(hist[0]!.textContent).toContain("'Ada'");
    expect(hist[1]!.textContent).toContain("was not rendered in this run");
  });
});

describe("operations", () => {
  it("lists seq, op, key, source text, file:line and value", () => {
    const m = mount(samplePanelData());
    selectRerun(m, 2);
    const ops = m.$$("ssd-op");
    expect(ops).toHaveLength(4);
    const del = ops[2]!;
    expect(del.querySelector(".ssd-seq")?.textContent).toBe("2");
    expect(del.querySelector(".ssd-opname")?.textContent).toBe("delete");
    expect(del.querySelector(".ssd-key")?.textContent).toBe("user_name");
    expect(del.querySelector(".ssd-source")?.getAttribute("data-source")).toBe("streamlit");
    // the reason is shown once: under the label when the label does not already say it
    const label = del.querySelector(".ssd-src")?.textContent ?? "";
    const reason = del.querySelector(".ssd-reason")?.textContent ?? "";
    expect(label + reason).toContain("Streamlit removed its key");
    expect(del.querySelectorAll(".ssd-src")).toHaveLength(1);
    const w = ops[0]!;
    expect(w.querySelector(".ssd-src")?.textContent).toBe("st.checkbox('Show filter', key='show_filter')");
    expect(w.querySelector(".ssd-loc")?.textContent).toBe("app.py:40");
    expect(w.querySelector(".ssd-value")?.textContent).toBe("False");
    expect(m.$("ssd-ops-count").textContent).toBe("4 of 4 ops");
  });

  it("marks a read of a missing key and shows the api for key-less ops", () => {
    const m = mount(samplePanelData());
    expect(m.$$("ssd-op")[5]!.querySelector(".ssd-api")?.textContent).toBe("keys");
    selectRerun(m, 3);
    expect(m.$$("ssd-op")[1]!.querySelector(".ssd-missing")?.textContent).toBe("missing");
  });

  it("notes dropped events", () => {
    const d = samplePanelData();
    d.details[3]!.events_dropped = 12;
    expect(mount(d).$("ssd-ops-results").textContent).toContain("12 older ops dropped");
  });
});

describe("diff", () => {
  it("shows added, removed, changed with detail lines", () => {
    const m = mount(samplePanelData());
    const added = m.$("ssd-diff-added");
    expect(texts([...added.querySelectorAll("[data-testid=ssd-diff-key]")])).toEqual([XSS_KEY, "note"]);
    const changed = m.$("ssd-diff-changed");
    expect(changed.querySelector(".ssd-before")?.textContent).toBe("{'theme': 'light', 'limits': {...}}");
    expect(changed.querySelector(".ssd-after")?.textContent).toBe("{'theme': 'dark', 'limits': {...}}");
    expect(texts([...changed.querySelectorAll(".ssd-diff-detail")])).toEqual([
      "config['theme']: 'light' → 'dark'",
      "config['limits']['max']: 10 → 20",
    ]);
    expect(changed.textContent).toContain("(sampled)");
    selectRerun(m, 2);
    expect(m.$("ssd-diff-removed").textContent).toContain("user_name");
    expect(m.$("ssd-diff-removed").textContent).toContain("'Ada'");
  });

  it("highlights keys mutated in place", () => {
    const m = mount(samplePanelData());
    selectRerun(m, 1);
    expect(texts(m.$$("ssd-mutated-key"))).toEqual(["items"]);
    const entries = m.$$("ssd-diff-entry");
    const items = entries.find((e) => e.querySelector("[data-testid=ssd-diff-key]")?.textContent === "items")!;
    expect(items.classList.contains("ssd-mutated")).toBe(true);
    expect(items.textContent).toContain("items[1]: + 'pear'");
    const counter = entries.find((e) => e.querySelector("[data-testid=ssd-diff-key]")?.textContent === "counter")!;
    expect(counter.classList.contains("ssd-mutated")).toBe(false);
  });

  it("says 'no changes' for an empty diff", () => {
    const m = mount(samplePanelData());
    selectRerun(m, 3);
    expect(m.$("ssd-diff").textContent).toContain("no changes");
  });
});

describe("state", () => {
  it("lists each key with a short value, nested children in <details>", () => {
    const m = mount(samplePanelData());
    const entries = m.$$("ssd-state-entry").filter((e) => e.parentElement?.classList.contains("ssd-tree"));
    expect(entries.map((e) => e.getAttribute("data-key"))).toEqual(["counter", "items", "config", "api_token", XSS_KEY, "note", "show_filter"]);
    const items = entries[1]!;
    expect(items.tagName).toBe("DETAILS");
    expect(items.querySelector("summary")?.textContent).toContain("['apple', 'pear'] (2 items)");
    expect(items.querySelectorAll(".ssd-children [data-testid=ssd-state-entry]")).toHaveLength(2);
    const limits = entries[2]!.querySelector<HTMLElement>("[data-key=limits]")!;
    expect(limits.tagName).toBe("DETAILS");
    expect(limits.textContent).toContain("max");
  });

  it("shows redacted entries as the placeholder with a lock marker", () => {
    const m = mount(samplePanelData());
    const token = m.$$("ssd-state-entry").find((e) => e.getAttribute("data-key") === "api_token")!;
    expect(token.querySelector(".ssd-redacted")?.textContent).toContain(PLACEHOLDER);
    expect(token.querySelector("[data-testid=ssd-lock]")?.getAttribute("title")).toBe("redacted");
  });

  it("never shows children of a redacted entry", () => {
    const d = samplePanelData();
    d.state = [{ key: "secrets", type: "dict", summary: PLACEHOLDER, redacted: true, children: [{ key: "pw", type: "str", summary: "hunter2", redacted: false }] }];
    const m = mount(d);
    expect(m.$("ssd-state").textContent).not.toContain("hunter2");
  });

  it("in viewer mode shows the state as of the selected rerun when present", () => {
    const d: PanelData = { ...samplePanelData(), mode: "viewer" };
    d.details[1]!.state = [{ key: "only_in_rerun_2", type: "int", summary: "1", redacted: false }];
    const m = mount(d);
    expect(m.$("ssd-state").textContent).toContain("counter");
    selectRerun(m, 2);
    expect(m.$("ssd-state").textContent).toContain("State after #2");
    expect(m.$("ssd-state").textContent).toContain("only_in_rerun_2");
    expect(m.$("ssd-state").textContent).not.toContain("counter");
  });
});

describe("lifecycle", () => {
  it("binds listeners once per parent and returns the same cleanup", () => {
    const m = mount(samplePanelData());
    m.rerender(samplePanelData());
    m.rerender(samplePanelData());
    expect(m.$$("ssd-panel")).toHaveLength(1);
    m.$("ssd-export").click();
    expect(m.setTriggerValue).toHaveBeenCalledTimes(1);
  });

  it("cleanup removes the listeners and the panel", () => {
    const m = mount(samplePanelData());
    const exportButton = m.$("ssd-export");
    m.cleanup();
    exportButton.click();
    expect(m.setTriggerValue).not.toHaveBeenCalled();
    expect(m.$$("ssd-panel")).toHaveLength(0);
    m.rerender(samplePanelData());
    expect(m.$$("ssd-panel")).toHaveLength(1);
  });

  it("reuses a panel root provided by the component's html", () => {
    const host = document.createElement("div");
    const pre = document.createElement("div");
    pre.className = "ssd-panel";
    pre.setAttribute("data-testid", "ssd-panel");
    host.appendChild(pre);
    document.body.appendChild(host);
    const cleanup = renderPanel({ name: "n", key: "k", data: samplePanelData(), parentElement: host, setStateValue: vi.fn(), setTriggerValue: vi.fn() });
    expect(host.querySelectorAll("[data-testid=ssd-panel]")).toHaveLength(1);
    expect(pre.querySelectorAll("[data-testid=ssd-rerun-row]")).toHaveLength(5);
    cleanup?.();
    expect(host.contains(pre)).toBe(true);
  });
});

describe("notices", () => {
  it("shows each notice as text", () => {
    const data = { ...samplePanelData(), notices: ["trace file not written: <b>disk full</b>"] };
    const m = mount(data);
    const n = m.$$("ssd-notice");
    expect(n).toHaveLength(1);
    expect(n[0]!.textContent).toBe("trace file not written: <b>disk full</b>");
    expect(n[0]!.querySelector("b")).toBeNull();
  });
});
