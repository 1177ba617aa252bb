/** Render stage: the operations filters (search, key, op, source). */
import type { EventView } from "./types";
import type { UiState } from "./persist";

export type OpsFilter = Pick<UiState, "search" | "key" | "op" | "source">;

/** True when the event passes every active filter; search matches key, value, file and source text. */
export function matchesFilter(ev: EventView, f: OpsFilter): boolean {
  if (f.key && ev.key !== f.key) return false;
  if (f.op && ev.op !== f.op) return false;
  if (f.source && ev.source !== f.source) return false;
  const needle = f.search.trim().toLowerCase();
  if (!needle) return true;
  return [ev.key, ev.value, ev.file, ev.source_text].some((s) => typeof s === "string" && s.toLowerCase().includes(needle));
}

export function filterEvents(events: readonly EventView[], f: OpsFilter): EventView[] {
  return events.filter((ev) => matchesFilter(ev, f));
}

/** Distinct keys of a rerun's events, sorted, for the key filter select. */
export function eventKeys(events: readonly EventView[]): string[] {
  const keys = new Set<string>();
  for (const ev of events) if (ev.key !== null) keys.add(ev.key);
  return [...keys].sort();
}

export function isFiltered(f: OpsFilter): boolean {
  return Boolean(f.search.trim() || f.key || f.op || f.source);
}
