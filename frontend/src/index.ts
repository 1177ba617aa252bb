/**
 * Render stage entry: the Components v2 default export for the sidebar panel.
 *
 * Streamlit calls this on every data or theme change with the same
 * `parentElement`, and calls only the last returned cleanup on unmount, so one
 * `Panel` per parent (WeakMap) keeps its listeners bound once.
 *
 * The live panel is two elements (`panel/host.py`). The panel itself
 * (`st_state_debugger.panel_view`) is mounted with the same data every rerun, so
 * its element, shadow root and DOM stay (an unkeyed element's identity follows its
 * data: with the payload in it, every rerun mounted a new panel). The payload comes
 * in a small element of its own (`st_state_debugger.panel`, new every rerun), which
 * drops it in a mailbox on `window` that the panel reads: the two are separate
 * modules (one URL each), and the page is the one realm they share. The viewer
 * mounts `panel_view` with its data directly.
 */
import type { CleanupFunction, FrontendRenderer, FrontendRendererArgs } from "@streamlit/component-v2-lib";
import { Panel, type Host } from "./panel";
import type { PanelData, PanelTriggers } from "./types";
import "./panel.css";

type Entry = {
  panel: Panel;
  cleanup: CleanupFunction;
  trigger: (name: string, value: unknown) => void;
  /** The mailbox's seq last drawn, and the reader that draws a newer one. */
  seen: number;
  read: () => void;
};
const panels = new WeakMap<Host, Entry>();

/** The live panel's data element: carries the payload, draws nothing. */
const CARRIER_NAME = "st_state_debugger.panel";
/** What the live panel element is mounted with every rerun (`host.py` HOST_DATA). */
const HOST_MARK = "st_state_debugger:live";

type Mailbox = { payload: unknown; seq: number; readers: Set<() => void> };

function mailbox(): Mailbox {
  const w = window as unknown as { __ssdPanelMailbox?: Mailbox };
  w.__ssdPanelMailbox ??= { payload: undefined, seq: 0, readers: new Set() };
  return w.__ssdPanelMailbox;
}

function isHostMark(data: unknown): boolean {
  return Array.isArray(data) && data.length === 1 && data[0] === HOST_MARK;
}

/** The carrier's render: hand the payload to the live panel (now, or when it mounts). */
function carry(data: unknown): CleanupFunction {
  const box = mailbox();
  box.payload = data;
  box.seq += 1;
  for (const read of [...box.readers]) read();
  return () => {};
}

export type PanelArgs = FrontendRendererArgs<PanelTriggers, PanelData | undefined>;

function show(entry: Entry, data: unknown): void {
  try {
    entry.panel.update(data, entry.trigger);
  } catch (err) {
    // Stop the panel, not the app: show the failure as text and keep going.
    console.error("st_state_debugger panel failed to render", err);
    const note = document.createElement("div");
    note.className = "ssd-note ssd-crash";
    note.textContent = `panel error: ${err instanceof Error ? err.message : String(err)}`;
    entry.panel.root.replaceChildren(note);
  }
}

const renderPanel: FrontendRenderer<PanelTriggers, PanelData | undefined> = (args: PanelArgs): CleanupFunction => {
  if (args.name === CARRIER_NAME) return carry(args.data);
  const host = args.parentElement;
  const live = isHostMark(args.data);
  let entry = panels.get(host);
  if (!entry) {
    const panel = new Panel(host);
    const box = mailbox();
    const made: Entry = { panel, cleanup: () => {}, trigger: () => {}, seen: 0, read: () => {} };
    made.read = (): void => {
      if (made.seen === box.seq) return;
      made.seen = box.seq;
      show(made, box.payload);
    };
    made.cleanup = (): void => {
      box.readers.delete(made.read);
      panel.dispose();
      if (panels.get(host)?.panel === panel) panels.delete(host);
    };
    if (live) box.readers.add(made.read);
    entry = made;
    panels.set(host, entry);
  }
  entry.trigger = (name, value) => args.setTriggerValue(name, value);
  if (!live) show(entry, args.data);
  else if (mailbox().seq === 0) show(entry, undefined); // nothing carried yet: "waiting for the first rerun"
  else entry.read();
  return entry.cleanup;
};

export default renderPanel;
