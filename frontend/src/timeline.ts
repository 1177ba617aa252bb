/**
 * Render stage: the header line and the timeline of reruns.
 *
 * Accessible names never carry the app's keys or labels (a user's own
 * `get_by_role("button", name="Greet")` must find only the app's button): a row
 * is named "rerun #N" and its trigger text is its description (title).
 */
import { renderCallbacks } from "./callbacks";
import { renderPauseControls } from "./controls";
import { h, formatDuration, section } from "./dom";
import type { PanelData, TimelineRow } from "./types";

const STATUS_LABEL: Record<string, string> = {
  ok: "ok",
  exception: "exception",
  stopped: "stopped",
  rerun_requested: "rerun",
};

export function renderHeader(data: PanelData | null): HTMLElement {
  const notices = (data?.notices ?? []).map((n) => h("div", { class: "ssd-note ssd-notice", "data-testid": "ssd-notice", role: "status" }, n));
  return h(
    "div",
    { class: "ssd-header" },
    notices.length ? h("div", { class: "ssd-notices" }, notices) : null,
    h("span", { class: "ssd-title" }, "Session state debugger"),
    h("span", { class: "ssd-label", "data-testid": "ssd-label", title: data?.session_label || null }, data?.session_label ?? ""),
    data?.mode === "viewer" ? h("span", { class: "ssd-badge", title: "viewing a saved trace" }, "viewer") : null,
    h(
      "span",
      { class: "ssd-actions" },
      renderPauseControls(data),
      h(
        "button",
        { type: "button", class: "ssd-button", "data-testid": "ssd-export", "data-action": "export", "data-focus": "export", title: "Download the trace as JSON Lines" },
        "Export",
      ),
      data?.mode === "live"
        ? h(
            "button",
            {
              type: "button",
              class: "ssd-button",
              "data-testid": "ssd-inspect",
              "data-action": "inspect",
              "data-focus": "inspect",
              title: "This session in the full-width inspector, in a new browser tab (local only)",
            },
            "Open in a tab",
          )
        : null,
    ),
  );
}

export function renderTimeline(data: PanelData, selected: number, open: boolean, pinned = false): HTMLElement {
  const loaded = new Set(data.details.map((d) => d.index));
  const list = h(
    "div",
    { class: "ssd-timeline-list", role: "listbox", "aria-label": "reruns" },
    data.timeline.flatMap((row, i) => {
      const prev = data.timeline[i - 1];
      const gap = prev && row.index > prev.index + 1 ? renderGap(prev.index + 1, row.index - 1) : null;
      return [gap, renderRow(row, row.index === selected, loaded.has(row.index))];
    }),
  );
  return section(
    "timeline",
    "ssd-timeline",
    ["Timeline ", h("span", { class: "ssd-count" }, `${data.timeline.length} of ${data.total_reruns}`)],
    open,
    data.overflow ? h("div", { class: "ssd-note ssd-overflow", "data-testid": "ssd-overflow" }, "older reruns dropped") : null,
    pinned ? renderPinned(selected, data.timeline[data.timeline.length - 1]?.index ?? selected) : null,
    list,
  );
}

/** "pinned to #3 · latest #7 [follow latest]": the panel stays on #3 until the user asks to follow again. */
function renderPinned(selected: number, latest: number): HTMLElement {
  return h(
    "div",
    { class: "ssd-pinned", "data-testid": "ssd-pinned", role: "status" },
    h("span", { class: "ssd-pinned-text" }, `pinned to #${selected} · latest #${latest}`),
    h(
      "button",
      { type: "button", class: "ssd-button ssd-follow", "data-testid": "ssd-follow", "data-action": "follow", "data-focus": "follow", title: "Show each new rerun as it arrives" },
      "follow latest",
    ),
  );
}

/** Reruns missing between two recorded ones (recording was paused): shown, not selectable. */
function renderGap(first: number, last: number): HTMLElement {
  const range = first === last ? `#${first}` : `#${first}–#${last}`;
  return h("div", { class: "ssd-gap", "data-testid": "ssd-gap", role: "none" }, `${range} not recorded (paused)`);
}

/** The row's tooltip and accessible description: its trigger, status and counts. */
function rowDescription(row: TimelineRow): string {
  const trigger = row.trigger_text || row.trigger_kind;
  return `${trigger} · ${STATUS_LABEL[row.status] ?? row.status} · R${row.reads} W${row.writes} D${row.deletes}`;
}

function renderRow(row: TimelineRow, selected: boolean, loaded: boolean): HTMLElement {
  const classes = ["ssd-rerun"];
  if (selected) classes.push("ssd-selected");
  if (row.internal) classes.push("ssd-internal");
  if (!loaded) classes.push("ssd-unloaded");
  const restore = row.trigger_kind === "restore";
  if (restore) classes.push("ssd-restore-row");
  return h(
    "div",
    {
      class: classes.join(" "),
      "data-testid": "ssd-rerun-row",
      "data-index": row.index,
      "data-action": "select",
      "data-focus": `row:${row.index}`,
      role: "option",
      tabindex: 0,
      "aria-selected": String(selected),
      // The name is generic; the trigger (an app key or label) is the description.
      "aria-label": `rerun #${row.index}`,
      title: rowDescription(row),
    },
    h(
      "div",
      { class: "ssd-rerun-line" },
      h("span", { class: "ssd-idx" }, `#${row.index}`),
      restore ? h("span", { class: "ssd-mark ssd-mark-restore", title: "restored" }, "↺") : null,
      row.has_errors ? h("span", { class: "ssd-mark ssd-mark-error", title: "KeyError in this rerun" }, "!") : null,
      row.has_mutations ? h("span", { class: "ssd-mark ssd-mark-mutation", title: "in-place mutation" }, "~") : null,
      h("span", { class: "ssd-trigger" }, row.trigger_text),
    ),
    h(
      "div",
      { class: "ssd-rerun-meta" },
      h("span", { class: `ssd-status ssd-status-${row.status}` }, STATUS_LABEL[row.status] ?? row.status),
      h("span", { class: "ssd-dur" }, formatDuration(row.duration_ms)),
      h("span", { class: "ssd-rwd", title: "reads / writes / deletes" }, `R${row.reads} W${row.writes} D${row.deletes}`),
      renderCallbacks(row.callbacks),
    ),
  );
}
