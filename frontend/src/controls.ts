/**
 * Render stage: the live-mode controls that ask Python to act (pause or resume
 * recording, watch a key, break on its writes, restore a rerun's state), and the
 * request each one sends.
 *
 * The panel changes nothing itself: every control sends a `RequestPayload`
 * (types.ts) and the rerun that follows brings the new view model.
 */
import { h } from "./dom";
import type { PanelData, RequestPayload } from "./types";

export const RESTORE_NOTE_FALLBACK = "Side effects outside session state are not undone.";

/** The paused badge (when paused) and, in live mode only, the Pause/Resume button. */
export function renderPauseControls(data: PanelData | null): HTMLElement[] {
  if (!data) return [];
  const paused = data.paused === true;
  const out: HTMLElement[] = [];
  if (paused) out.push(h("span", { class: "ssd-badge ssd-paused", "data-testid": "ssd-paused", title: "reruns are not being recorded" }, "paused"));
  if (data.mode === "live") {
    out.push(
      h(
        "button",
        {
          type: "button",
          class: "ssd-button",
          "data-testid": "ssd-pause",
          "data-action": paused ? "resume" : "pause",
          // Same focus id for both labels: focus stays on the button when it flips.
          "data-focus": "pause",
          title: paused ? "Record reruns again" : "Stop recording reruns until resumed",
        },
        paused ? "Resume" : "Pause",
      ),
    );
  }
  return out;
}

/** "Restore state after #N" for the selected rerun, live mode only, when Python says it can be restored. */
export function renderRestoreBar(data: PanelData, index: number): HTMLElement | null {
  const row = data.timeline.find((r) => r.index === index);
  if (data.mode !== "live" || row?.restorable !== true) return null;
  return h(
    "div",
    { class: "ssd-restore-bar", "data-testid": "ssd-restore-bar" },
    h(
      "button",
      { type: "button", class: "ssd-button ssd-restore", "data-testid": "ssd-restore", "data-action": "restore", "data-index": index, "data-focus": "restore" },
      `Restore state after #${index}`,
    ),
    h("span", { class: "ssd-note ssd-restore-note", "data-testid": "ssd-restore-note" }, data.restore_note || RESTORE_NOTE_FALLBACK),
  );
}

/** The request a clicked control sends, or null when `el` is not one of these controls (or is malformed). */
export function requestFor(el: Element): RequestPayload | null {
  const action = el.getAttribute("data-action");
  const key = el.getAttribute("data-key");
  const rawIndex = el.getAttribute("data-index");
  const index = rawIndex === null || rawIndex === "" ? NaN : Number(rawIndex);
  switch (action) {
    case "export":
      return { export: true };
    case "pause":
      return { pause: true };
    case "resume":
      return { resume: true };
    case "watch":
    case "unwatch":
      return key === null ? null : { watch: { key, on: action === "watch" } };
    case "restore":
      return Number.isInteger(index) ? { restore: index } : null;
    default:
      return null;
  }
}

/** The request a changed break select sends, or null when `el` is not a break select. */
export function breakRequest(el: Element): RequestPayload | null {
  const testid = el.getAttribute("data-testid");
  if (el.tagName !== "SELECT" || (testid !== "ssd-break" && testid !== "ssd-break-action")) return null;
  const key = el.getAttribute("data-key");
  const value = (el as HTMLSelectElement).value;
  if (key === null) return null;
  // the select's options are the payload's break sources or actions (watch.ts): anything else is off / raise
  const offered = Array.from((el as HTMLSelectElement).options, (o) => o.value);
  if (testid === "ssd-break-action") {
    const source = el.getAttribute("data-source") ?? "off";
    if (source === "off") return null;
    return { break_on: { key, source, action: offered.includes(value) ? value : "raise" } };
  }
  const source = offered.includes(value) ? value : "off";
  const action = el.getAttribute("data-break-action");
  return { break_on: source !== "off" && action && action !== "raise" ? { key, source, action } : { key, source } };
}
