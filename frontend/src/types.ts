/**
 * Bridge contract, Python → JS: the `data` argument of the sidebar component.
 *
 * MUST stay in sync with the view model built by `st_state_debugger/sidebar.py`.
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
};

export type TimelineRow = {
  index: number;
  trigger_text: string;
  trigger_kind: string;
  status: "ok" | "exception" | "stopped" | "rerun_requested";
  duration_ms: number;
  reads: number;
  writes: number;
  deletes: number;
  has_errors: boolean;
  has_mutations: boolean;
  internal: boolean;
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
  op: "read" | "write" | "delete";
  key: string | null;
  api: string;
  source: "script" | "callback" | "widget" | "streamlit";
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
 * MUST stay in sync with the `on_request_change` handler in `sidebar.py`.
 */
export type RequestPayload = { rerun: number } | { export: true };

/** Trigger shape for `FrontendRenderer<PanelTriggers, ...>`; the panel never calls `setStateValue`. */
export interface PanelTriggers {
  [name: string]: unknown;
  request: RequestPayload;
}
