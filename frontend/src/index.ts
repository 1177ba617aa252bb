/**
 * Render stage entry: the Components v2 default export for the sidebar panel.
 *
 * Streamlit calls this on every data or theme change with the same
 * `parentElement`, and calls only the last returned cleanup on unmount, so one
 * `Panel` per parent (WeakMap) keeps its listeners bound once.
 */
import type { CleanupFunction, FrontendRenderer, FrontendRendererArgs } from "@streamlit/component-v2-lib";
import { Panel, type Host } from "./panel";
import type { PanelData, PanelTriggers } from "./types";
import "./panel.css";

const panels = new WeakMap<Host, { panel: Panel; cleanup: CleanupFunction }>();

export type PanelArgs = FrontendRendererArgs<PanelTriggers, PanelData | undefined>;

const renderPanel: FrontendRenderer<PanelTriggers, PanelData | undefined> = (args: PanelArgs): CleanupFunction => {
  const host = args.parentElement;
  let entry = panels.get(host);
  if (!entry) {
    const panel = new Panel(host);
    const cleanup = (): void => {
      panel.dispose();
      if (panels.get(host)?.panel === panel) panels.delete(host);
    };
    entry = { panel, cleanup };
    panels.set(host, entry);
  }
  try {
    entry.panel.update(args.data, (name, value) => args.setTriggerValue(name, value));
  } catch (err) {
    // Stop the panel, not the app: show the failure as text and keep going.
    console.error("st_state_debugger panel failed to render", err);
    const note = document.createElement("div");
    note.className = "ssd-note ssd-crash";
    note.textContent = `panel error: ${err instanceof Error ? err.message : String(err)}`;
    entry.panel.root.replaceChildren(note);
  }
  return entry.cleanup;
};

export default renderPanel;
