/**
 * Bridge contract, Python → JS: the `data` argument of the sidebar component.
 *
 * MUST stay in sync with the view model built by `st_state_debugger/panel/view.py`.
 * Field names are snake_case on both sides (STYLE.md §4).
 */

export type PanelData = {
  version: 1;
  mode: "live" | "viewer";
  session_label: string;
  /** Older reruns were dropped by the history cap. */
  overflow: boolean;
  total_reruns: number;
  /** Oldest first; bounded. */
  timeline: TimelineRow[];
  /** Full details for some reruns (latest ones + any requested). A row without details is selectable: request it. */
  details: RerunDetail[];
  /** Current state (or, in viewer mode, state as of the selected rerun is in details[].state if present). */
  state: StateEntry[];
  /** When non-null, the JS triggers a download of content (application/x-ndjson) ONCE per distinct filename. */
  export: { filename: string; content: string } | null;
  /** e.g. "‹redacted›" */
  redacted_placeholder: string;
  /** Problems the developer should know about, e.g. "trace file not written: disk full". */
  notices?: string[];
  /** Live mode: recording is paused (reruns meanwhile leave gaps in the timeline indices). */
  paused?: boolean;
  /** Pinned keys, in pin order. */
  watch?: WatchView[];
  /** At most 5, slowest first. */
  slowest_callbacks?: SlowCallback[];
  /** Shown beside the restore button, e.g. "Side effects outside session state (files, databases, API calls) are not undone." */
  restore_note?: string;
  /** What a break can do when hit (Python's `breakpoints.BREAK_ACTIONS`): "raise", "breakpoint". */
  break_actions?: string[];
  /** The enumerations (ops, sources, statuses…): the panel's filters and menus are built from these. */
  vocab: Vocabulary;
  /** Live mode, in the render that answers `{inspect: true}` only: the inspector's URL or why it did not open. */
  inspector?: InspectorStatus | null;
};

/** `LiveStatus.inspector` (panel/view.py): `url` is `http://127.0.0.1:PORT/` or null; `error` is text or null. */
export type InspectorStatus = { url: string | null; error: string | null };

/**
 * The debugger's enumerations, sent in every payload (`st_state_debugger/vocab.py`,
 * `enumerations()`), as the trace header's `codes` are: the frontend keeps no copies.
 */
export type Vocabulary = {
  ops: string[];
  sources: string[];
  trigger_kinds: string[];
  statuses: string[];
  break_sources: string[];
};

/** One of `vocab.break_sources`; "off" is only ever sent (never received: null means off). */
export type BreakSource = string;

export type WatchChange = "added" | "changed" | "removed" | "mutated";

export type WatchRow = {
  rerun: number;
  change: WatchChange;
  value: string | null;
  source_text: string;
  file: string | null;
  line: number | null;
};

export type WatchView = {
  key: string;
  /** null = not breaking; otherwise raise when the key is written from that source. */
  break_on: BreakSource | null;
  /** What the break does: "raise" (StateBreakpoint) or "breakpoint" (the developer's debugger). */
  break_action?: string;
  redacted: boolean;
  /** Oldest first, one row per rerun where the key's value changed (bounded by Python). */
  rows: WatchRow[];
};

export type SlowCallback = { name: string; widget: string | null; ms: number; rerun: number };

export type CallbackTiming = { name: string; widget: string | null; ms: number | null };

export type TimelineRow = {
  index: number;
  trigger_text: string;
  trigger_kind: string;
  /** One of `vocab.statuses`. */
  status: string;
  duration_ms: number;
  reads: number;
  writes: number;
  deletes: number;
  has_errors: boolean;
  has_mutations: boolean;
  internal: boolean;
  /** Callbacks run at the start of this rerun, in call order. */
  callbacks?: CallbackTiming[];
  /** Live mode: the state as of the end of this rerun can be restored. */
  restorable?: boolean;
};

export type RerunDetail = {
  index: number;
  trigger_text: string;
  status: string;
  duration_ms: number;
  events: EventView[];
  events_dropped: number;
  diff: DiffView;
  errors: ErrorView[];
  state?: StateEntry[];
};

export type EventView = {
  seq: number;
  /** One of `vocab.ops`. */
  op: string;
  key: string | null;
  api: string;
  /** One of `vocab.sources`; "debugger": a write or delete made by a restore. */
  source: string;
  source_text: string;
  file: string | null;
  line: number | null;
  found: boolean | null;
  value: string | null;
  reason: string | null;
};

export type DiffView = {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: DiffEntry[];
  mutated_in_place: string[];
  /** Keys that changed in reruns not recorded (paused): a subset of added/removed/changed. */
  changed_while_paused: string[];
};

export type DiffEntry = {
  key: string;
  before: string | null;
  after: string | null;
  details: { path: string; change: string; old: string | null; new: string | null }[];
  sampled?: boolean;
};

export type ErrorView = {
  key: string;
  type: string;
  message: string;
  file: string | null;
  line: number | null;
  explanation: string;
  suggestions: string[];
  history: {
    rerun: number;
    seq: number;
    op: string;
    source_text: string;
    file: string | null;
    line: number | null;
    reason: string | null;
    value: string | null;
  }[];
};

export type StateEntry = {
  key: string;
  type: string;
  summary: string;
  redacted: boolean;
  children?: StateEntry[];
};

/**
 * Bridge contract, JS → Python: the only trigger the panel sets.
 *
 * MUST stay in sync with the parser in `st_state_debugger/panel/requests.py`.
 */
export type RequestPayload =
  | { rerun: number }
  | { export: true }
  | { pause: true }
  | { resume: true }
  | { watch: { key: string; on: boolean } }
  | { break_on: { key: string; source: BreakSource | "off"; action?: string } }
  | { restore: number }
  /** "Open in a tab": start (or find) this session's full-width inspector (inspect.ts). */
  | { inspect: true }
  /** The panel's held data does not fit the last payload: send a full snapshot (wire.ts). */
  | { sync: true };

/** Trigger shape for `FrontendRenderer<PanelTriggers, ...>`; the panel never calls `setStateValue`. */
export interface PanelTriggers {
  [name: string]: unknown;
  request: RequestPayload;
}
