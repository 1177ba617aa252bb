import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { INSPECTOR_URL, isInspectorUrl, STARTING_TEXT } from "./inspect";
import { sampleDebugData } from "./sample";
import { mount } from "./testkit";
import type { PanelData } from "./types";

/** A stand-in for the tab `window.open` returns: counts every navigation. */
function fakeTab() {
  const tab = {
    closed: false,
    opener: {} as unknown,
    navigations: [] as string[],
    document: { title: "", body: { textContent: "" } },
    location: {} as { href: string },
    close: vi.fn(),
  };
  Object.defineProperty(tab.location, "href", { set: (url: string) => tab.navigations.push(url), get: () => "about:blank" });
  return tab;
}

const answer = (inspector: PanelData["inspector"]): PanelData => ({ ...sampleDebugData(), inspector });

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe("the inspector URL check", () => {
  it("accepts only the local inspector's root", () => {
    expect(isInspectorUrl("http://127.0.0.1:8501/")).toBe(true);
    expect(isInspectorUrl("http://127.0.0.1:1/")).toBe(true);
    for (const hostile of [
      "javascript:alert(1)",
      "javascript:alert(1)//http://127.0.0.1:8501/",
      "http://evil/",
      "http://evil.com:8501/",
      "http://127.0.0.1.evil.com/",
      "http://127.0.0.1.evil.com:8501/",
      "http://127.0.0.1:8501@evil.com/",
      "data:text/html,<script>alert(1)</script>",
      "https://127.0.0.1:8501/",
      "http://localhost:8501/",
      "http://127.0.0.1:8501/x",
      "http://127.0.0.1:123456/",
      "http://127.0.0.1:8501/\nhttp://evil/",
      " http://127.0.0.1:8501/",
      "",
      null,
      42,
    ]) {
      expect(isInspectorUrl(hostile), String(hostile)).toBe(false);
    }
    expect(INSPECTOR_URL.flags).not.toContain("m"); // ^ and $ anchor the whole string
  });
});

describe("Open in a tab", () => {
  it("opens a waiting tab inside the click, asks Python, and points the tab at the URL once", () => {
    const tab = fakeTab();
    const open = vi.spyOn(window, "open").mockReturnValue(tab as unknown as Window);
    const m = mount(sampleDebugData());
    const button = m.$("ssd-inspect");
    expect(button.tagName).toBe("BUTTON");
    expect(button.textContent).toBe("Open in a tab"); // the accessible name: no app key or label
    button.click();
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith("", "_blank");
    expect(tab.document.body.textContent).toBe(STARTING_TEXT);
    expect(tab.opener).toBeNull();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { inspect: true });
    expect(tab.navigations).toEqual([]);

    const url = "http://127.0.0.1:8765/";
    m.rerender(answer({ url, error: null }));
    expect(tab.navigations).toEqual([url]);
    m.rerender(answer({ url, error: null })); // a redraw of the same answer (theme change, remount)
    m.rerender(answer({ url, error: null }));
    expect(tab.navigations).toEqual([url]);
    expect(m.$("ssd-inspector").textContent).toBe(`inspector: ${url}`);
    expect(open).toHaveBeenCalledTimes(1);

    const second = fakeTab();
    open.mockReturnValue(second as unknown as Window);
    m.$("ssd-inspect").click(); // a second click: a second tab, pointed at the URL once too
    m.rerender(answer({ url, error: null }));
    expect(second.navigations).toEqual([url]);
  });

  it("never navigates to anything but a local inspector URL, and shows it as text", () => {
    for (const hostile of ["javascript:alert(1)", "http://evil/", "http://127.0.0.1.evil.com/", "data:text/html,<b>x</b>"]) {
      sessionStorage.clear();
      document.body.replaceChildren();
      const tab = fakeTab();
      vi.spyOn(window, "open").mockReturnValue(tab as unknown as Window);
      const m = mount(sampleDebugData());
      m.$("ssd-inspect").click();
      m.rerender(answer({ url: hostile, error: null }));
      expect(tab.navigations, hostile).toEqual([]);
      expect(tab.document.body.textContent).toContain("not opened");
      const note = m.$("ssd-inspector");
      expect(note.textContent).toContain(hostile);
      expect(note.querySelector("a, b, script")).toBeNull();
    }
  });

  it("a blocked tab: the URL is shown in the panel as text", () => {
    vi.spyOn(window, "open").mockReturnValue(null);
    const m = mount(sampleDebugData());
    m.$("ssd-inspect").click();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { inspect: true });
    m.rerender(answer({ url: "http://127.0.0.1:8765/", error: null }));
    const note = m.$("ssd-inspector");
    expect(note.textContent).toBe("the browser blocked the new tab: open the inspector at http://127.0.0.1:8765/");
    expect(note.querySelector("a")).toBeNull();
  });

  it("an error is shown as text, in the panel and in the waiting tab", () => {
    const tab = fakeTab();
    vi.spyOn(window, "open").mockReturnValue(tab as unknown as Window);
    const m = mount(sampleDebugData());
    m.$("ssd-inspect").click();
    const error = 'the inspector did not open: <img src=x onerror="alert(1)">';
    m.rerender(answer({ url: null, error }));
    expect(m.$("ssd-inspector").textContent).toBe(error);
    expect(m.parent.querySelector("img")).toBeNull();
    expect(tab.document.body.textContent).toBe(error);
    expect(tab.navigations).toEqual([]);
  });

  it("an answer nobody clicked for opens nothing; the viewer has no such button", () => {
    const open = vi.spyOn(window, "open");
    const m = mount(answer({ url: "http://127.0.0.1:8765/", error: null }));
    expect(open).not.toHaveBeenCalled();
    expect(m.$("ssd-inspector").textContent).toBe("inspector: http://127.0.0.1:8765/");
    const v = mount({ ...sampleDebugData(), mode: "viewer" });
    expect(v.$$("ssd-inspect")).toHaveLength(0);
  });
});
