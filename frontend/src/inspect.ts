/**
 * Render stage: the header's "Open in a tab" (live mode): the session's full-width
 * inspector (Python's `inspector.py`, `st-state-debugger view --follow FILE`) in a
 * new browser tab.
 *
 * Popup blockers allow a new tab only inside the click, so the click opens an empty
 * tab at once (it says "starting the inspector…") and sends `{inspect: true}`; the
 * payload that answers carries `inspector: {url, error}`. The tab is pointed at the
 * URL only when it is the local inspector's address (`http://127.0.0.1:PORT/`);
 * anything else, or a blocked tab, is shown in the panel as text. Each click is
 * answered once (persist.ts counts asked and handled), so redraws never reopen it.
 */
import { h } from "./dom";
import type { InspectorStatus, PanelData } from "./types";

/** The only address a tab is ever pointed at: the inspector Python starts on this machine. */
export const INSPECTOR_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}\/$/;
export const STARTING_TEXT = "starting the inspector…";

export function isInspectorUrl(url: unknown): url is string {
  return typeof url === "string" && INSPECTOR_URL.test(url);
}

/**
 * The tab opened by the last click, waiting for its URL: shared by every panel of
 * the page (the click may land on a panel Streamlit replaces before the answer).
 * `undefined`: none waiting; `null`: the browser refused to open one.
 */
let waiting: Window | null | undefined;

/** Inside the click: an empty tab that says the inspector is starting (null if blocked). */
export function openWaitingTab(): Window | null {
  let tab: Window | null = null;
  try {
    tab = window.open("", "_blank");
  } catch {
    tab = null;
  }
  if (tab) {
    try {
      tab.opener = null; // the inspector's page gets no handle on the app's page
      tab.document.title = "st_state_debugger inspector";
      tab.document.body.textContent = STARTING_TEXT;
    } catch {
      // a browser that does not let us write into the blank tab: it still gets the URL
    }
  }
  waiting = tab;
  return tab;
}

export type Outcome = "opened" | "blocked" | "refused" | "error";

/**
 * Answer the waiting click with the payload's `inspector`: point the tab at a
 * local inspector URL, or tell it (and the caller) why not. Called once per click.
 */
export function answerWaitingTab(status: InspectorStatus): Outcome {
  const tab = waiting;
  waiting = undefined;
  const alive = tab && !tab.closed ? tab : null;
  if (status.url !== null && isInspectorUrl(status.url)) {
    if (!alive) return "blocked";
    alive.location.href = status.url;
    return "opened";
  }
  const why = status.error ?? `not opened: ${status.url ?? "no address"} is not a local inspector address`;
  if (alive) {
    try {
      alive.document.body.textContent = why;
    } catch {
      alive.close();
    }
  }
  return status.error !== null ? "error" : "refused";
}

/** The inspector's answer in the panel, as text (never a link: the user copies it). */
export function renderInspectorNote(data: PanelData, outcome: Outcome | null): HTMLElement | null {
  const status = data.inspector;
  if (!status) return null;
  let text: string;
  if (status.error !== null) text = status.error;
  else if (!isInspectorUrl(status.url)) text = `inspector not opened: ${status.url ?? ""} is not a local inspector address`;
  else if (outcome === "blocked") text = `the browser blocked the new tab: open the inspector at ${status.url}`;
  else text = `inspector: ${status.url}`;
  return h("div", { class: "ssd-note ssd-inspector", "data-testid": "ssd-inspector", role: "status" }, text);
}
