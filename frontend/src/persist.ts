/**
 * Render stage: UI state that survives re-renders and remounts.
 *
 * Streamlit remounts a keyless component whenever its data changes, so the
 * selected rerun, filters and open sections live in `sessionStorage`, keyed by
 * the session label. Storage may be unavailable (privacy modes, sandboxing):
 * then an in-memory map keeps the panel usable for the page's lifetime.
 */

import type { Vocabulary } from "./types";

/** "" = all, else one of the payload's `vocab.ops`. */
export type OpFilter = string;
/** "" = all, else one of the payload's `vocab.sources`. */
export type SourceFilter = string;

export type UiState = {
  /** null = follow the latest rerun; a number = the user pinned that older rerun. */
  selected: number | null;
  /** The latest rerun index the panel has drawn: a restore row newer than this is followed. */
  seen: number | null;
  search: string;
  key: string;
  op: OpFilter;
  source: SourceFilter;
  /** Open/closed state of `<details>` by their data-open-id. */
  open: Record<string, boolean>;
  /** Export filenames already downloaded (each is downloaded once). */
  downloaded: string[];
  /** "Open in a tab" clicks, and how many of them an answer was acted on (each opens once). */
  inspectAsked: number;
  inspectHandled: number;
  /** What the last answer did (inspect.ts `Outcome`), "" before any. */
  inspectOutcome: string;
};

export const STORAGE_PREFIX = "st_state_debugger:ui:";
const MAX_DOWNLOADED = 50;
const MAX_OPEN = 500;

const memory = new Map<string, string>();

export function defaultUi(): UiState {
  return {
    selected: null, seen: null, search: "", key: "", op: "", source: "", open: {}, downloaded: [],
    inspectAsked: 0, inspectHandled: 0, inspectOutcome: "",
  };
}

export function storageKey(sessionLabel: string): string {
  return STORAGE_PREFIX + sessionLabel;
}

function readRaw(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function writeRaw(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    memory.set(key, value);
  }
}

/**
 * Load the remembered UI state; anything unreadable falls back to defaults, and an
 * op or source filter the payload's vocabulary does not list is dropped.
 */
export function loadUi(sessionLabel: string, vocab: Pick<Vocabulary, "ops" | "sources">): UiState {
  const ui = defaultUi();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readRaw(storageKey(sessionLabel)) ?? "null");
  } catch {
    return ui;
  }
  if (typeof parsed !== "object" || parsed === null) return ui;
  const p = parsed as Record<string, unknown>;
  if (typeof p.selected === "number" && Number.isFinite(p.selected)) ui.selected = p.selected;
  if (typeof p.seen === "number" && Number.isFinite(p.seen)) ui.seen = p.seen;
  if (typeof p.search === "string") ui.search = p.search;
  if (typeof p.key === "string") ui.key = p.key;
  if (typeof p.op === "string" && vocab.ops.includes(p.op)) ui.op = p.op;
  if (typeof p.source === "string" && vocab.sources.includes(p.source)) ui.source = p.source;
  if (typeof p.open === "object" && p.open !== null) {
    for (const [k, v] of Object.entries(p.open)) if (typeof v === "boolean") ui.open[k] = v;
  }
  if (Array.isArray(p.downloaded)) ui.downloaded = p.downloaded.filter((f): f is string => typeof f === "string");
  const count = (v: unknown): number => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : 0);
  ui.inspectAsked = count(p.inspectAsked);
  ui.inspectHandled = Math.min(count(p.inspectHandled), ui.inspectAsked);
  if (typeof p.inspectOutcome === "string") ui.inspectOutcome = p.inspectOutcome;
  return ui;
}

/** Persist the UI state, keeping the bounded lists bounded. */
export function saveUi(sessionLabel: string, ui: UiState): void {
  const openKeys = Object.keys(ui.open);
  const open: Record<string, boolean> = {};
  for (const k of openKeys.slice(-MAX_OPEN)) open[k] = ui.open[k] as boolean;
  const trimmed: UiState = { ...ui, open, downloaded: ui.downloaded.slice(-MAX_DOWNLOADED) };
  writeRaw(storageKey(sessionLabel), JSON.stringify(trimmed));
}
