import { beforeEach, describe, expect, it, vi } from "vitest";
import renderPanel from "./index";
import { samplePanelData } from "./sample";
import type { PanelData } from "./types";
import { resetWire } from "./wire";

// The live panel is two elements (panel/host.py): the panel, mounted with the same
// data every rerun so that its element and DOM stay, and a data element, new every
// rerun, that hands it the payload through a mailbox on window.
const HOST_MARK = ["st_state_debugger:live"];

type Args = Parameters<typeof renderPanel>[0];

function element(name: string): { parent: HTMLElement; setTriggerValue: ReturnType<typeof vi.fn>; render: (data: unknown) => () => void } {
  const parent = document.createElement("div");
  document.body.appendChild(parent);
  const setTriggerValue = vi.fn();
  const render = (data: unknown) =>
    renderPanel({ name, key: "k", data: data as PanelData, parentElement: parent, setStateValue: vi.fn(), setTriggerValue } as Args) as () => void;
  return { parent, setTriggerValue, render };
}

const rows = (parent: HTMLElement) => [...parent.querySelectorAll('[data-testid="ssd-rerun-row"]')].map((r) => r.getAttribute("data-index"));

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
  delete (window as unknown as { __ssdPanelMailbox?: unknown }).__ssdPanelMailbox;
  resetWire();
});

describe("the live panel fed by its data element", () => {
  it("draws what the data element carries, and keeps its DOM across reruns", () => {
    const view = element("st_state_debugger.panel_view");
    view.render(HOST_MARK);
    expect(view.parent.querySelector('[data-testid="ssd-waiting"]')).not.toBeNull();
    const root = view.parent.querySelector('[data-testid="ssd-panel"]');
    element("st_state_debugger.panel").render(samplePanelData());
    expect(rows(view.parent)).toEqual(["0", "1", "2", "3", "4"]);
    const next = samplePanelData();
    next.timeline = next.timeline.slice(0, 3);
    view.render(HOST_MARK); // the next rerun: the panel again, with the same data
    element("st_state_debugger.panel").render(next); // and a new data element
    expect(rows(view.parent)).toEqual(["0", "1", "2"]);
    expect(view.parent.querySelector('[data-testid="ssd-panel"]')).toBe(root);
  });

  it("takes a payload carried before the panel was mounted", () => {
    element("st_state_debugger.panel").render(samplePanelData());
    const view = element("st_state_debugger.panel_view");
    view.render(HOST_MARK);
    expect(rows(view.parent)).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("draws nothing in the data element itself", () => {
    const carrier = element("st_state_debugger.panel");
    carrier.render(samplePanelData());
    expect(carrier.parent.childNodes).toHaveLength(0);
  });

  it("sends requests through the panel's own trigger", () => {
    const view = element("st_state_debugger.panel_view");
    view.render(HOST_MARK);
    element("st_state_debugger.panel").render(samplePanelData());
    (view.parent.querySelector('[data-testid="ssd-pause"]') as HTMLElement).click();
    expect(view.setTriggerValue).toHaveBeenCalledWith("request", { pause: true });
  });

  it("stops reading the mailbox once unmounted, and a new panel picks up the last payload", () => {
    const view = element("st_state_debugger.panel_view");
    const cleanup = view.render(HOST_MARK);
    element("st_state_debugger.panel").render(samplePanelData());
    cleanup();
    const again = element("st_state_debugger.panel_view");
    again.render(HOST_MARK);
    expect(rows(again.parent)).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("the viewer's panel, mounted with its data, is drawn from it directly", () => {
    const view = element("st_state_debugger.panel_view");
    view.render(samplePanelData());
    expect(rows(view.parent)).toEqual(["0", "1", "2", "3", "4"]);
  });
});
