import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mount, row } from "./testkit";
import { samplePanelData } from "./sample";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("request trigger", () => {
  it("asks Python for a rerun's details when they are missing", () => {
    const m = mount(samplePanelData());
    row(m, 0).click();
    expect(m.setTriggerValue).toHaveBeenCalledTimes(1);
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { rerun: 0 });
    expect(m.$("ssd-missing-detail").textContent).toContain("loading details of #0");
    expect(row(m, 0).getAttribute("aria-selected")).toBe("true");

    // Python answers with the details: they are shown.
    const d = samplePanelData();
    d.details.unshift({ ...d.details[0]!, index: 0, trigger_text: "initial run" });
    m.rerender(d);
    expect(m.$$("ssd-missing-detail")).toHaveLength(0);
    expect(m.$$("ssd-op").length).toBeGreaterThan(0);
  });

  it("does not request rows whose details are present; 'load' retries a missing one", () => {
    const m = mount(samplePanelData());
    row(m, 2).click();
    row(m, 4).click();
    expect(m.setTriggerValue).not.toHaveBeenCalled();
    row(m, 0).click();
    m.cleanup();
    const b = mount(samplePanelData());
    expect(b.$("ssd-missing-detail").textContent).toContain("not loaded");
    b.$("ssd-load-detail").click();
    expect(b.setTriggerValue).toHaveBeenCalledWith("request", { rerun: 0 });
  });

  it("Export asks Python for the trace", () => {
    const m = mount(samplePanelData());
    m.$("ssd-export").click();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { export: true });
  });

  it("never sets state values", () => {
    const m = mount(samplePanelData());
    for (const i of [0, 1, 2, 3, 4]) row(m, i).click();
    m.$("ssd-export").click();
    expect(m.setStateValue).not.toHaveBeenCalled();
  });
});

describe("export download", () => {
  function stubDownloads() {
    const createObjectURL = vi.fn((_: Blob) => "blob:test");
    const revokeObjectURL = vi.fn();
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const clicks: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.href });
    });
    return { createObjectURL, clicks };
  }

  it("downloads data.export once per distinct filename, across re-renders and remounts", async () => {
    const { createObjectURL, clicks } = stubDownloads();
    const withExport = (filename: string) => ({ ...samplePanelData(), export: { filename, content: '{"a":1}\n{"b":2}\n' } });
    const m = mount(withExport("trace-1.jsonl"));
    expect(clicks).toEqual([{ download: "trace-1.jsonl", href: "blob:test" }]);
    const blob = createObjectURL.mock.calls[0]![0];
    expect(blob.type).toBe("application/x-ndjson");
    expect(await blob.text()).toBe('{"a":1}\n{"b":2}\n');

    m.rerender(withExport("trace-1.jsonl"));
    m.cleanup();
    const b = mount(withExport("trace-1.jsonl"));
    expect(clicks).toHaveLength(1);

    b.rerender(withExport("trace-2.jsonl"));
    expect(clicks.map((c) => c.download)).toEqual(["trace-1.jsonl", "trace-2.jsonl"]);
    expect(document.querySelectorAll("a[download]")).toHaveLength(0);
  });

  it("does nothing without an export", () => {
    const { clicks } = stubDownloads();
    mount(samplePanelData());
    expect(clicks).toHaveLength(0);
  });
});
