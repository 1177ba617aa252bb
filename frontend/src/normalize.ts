/**
 * Render stage: make a possibly partial or malformed `data` safe to render.
 *
 * The Python side is trusted to follow the contract in types.ts, but the panel
 * must never throw on `undefined`, an older payload or a half-built view model.
 */
import type {
  CallbackTiming,
  DiffView,
  EventView,
  InspectorStatus,
  PanelData,
  RerunDetail,
  SlowCallback,
  StateEntry,
  TimelineRow,
  Vocabulary,
  WatchChange,
  WatchRow,
  WatchView,
} from "./types";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objs = (v: unknown): Obj[] => arr(v).filter(isObj);
const num = (v: unknown, d = 0): number => (typeof v === "number" && Number.isFinite(v) ? v : d);
const str = (v: unknown, d = ""): string => (typeof v === "string" ? v : v === null || v === undefined ? d : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export const DEFAULT_PLACEHOLDER = "‹redacted›";
const WATCH_CHANGES: readonly string[] = ["added", "changed", "removed", "mutated"];
const MAX_SLOWEST = 5;

/** Returns null when there is nothing to show yet (no data or no rerun recorded). */
export function normalizeData(raw: unknown): PanelData | null {
  if (!isObj(raw)) return null;
  const vocab = normalizeVocab(raw.vocab);
  const timeline = objs(raw.timeline).map((r) => normalizeRow(r, vocab));
  const exp = isObj(raw.export) ? raw.export : null;
  return {
    version: 1,
    mode: raw.mode === "viewer" ? "viewer" : "live",
    session_label: str(raw.session_label),
    overflow: raw.overflow === true,
    total_reruns: num(raw.total_reruns, timeline.length),
    timeline,
    details: objs(raw.details).map(normalizeDetail),
    state: normalizeState(raw.state),
    export:
      exp && typeof exp.filename === "string" && exp.filename && typeof exp.content === "string"
        ? { filename: exp.filename, content: exp.content }
        : null,
    redacted_placeholder: str(raw.redacted_placeholder, DEFAULT_PLACEHOLDER) || DEFAULT_PLACEHOLDER,
    notices: Array.isArray(raw.notices) ? raw.notices.filter((n): n is string => typeof n === "string") : [],
    paused: raw.paused === true,
    watch: normalizeWatch(raw.watch, vocab),
    slowest_callbacks: normalizeSlowest(raw.slowest_callbacks),
    restore_note: typeof raw.restore_note === "string" ? raw.restore_note : "",
    break_actions: Array.isArray(raw.break_actions) ? raw.break_actions.filter((a): a is string => typeof a === "string" && a !== "") : [],
    vocab,
    inspector: normalizeInspector(raw.inspector),
  };
}

/** `{url, error}` with each a string or null; nothing usable is no answer. */
function normalizeInspector(v: unknown): InspectorStatus | null {
  if (!isObj(v)) return null;
  const url = typeof v.url === "string" && v.url !== "" ? v.url : null;
  const error = typeof v.error === "string" && v.error !== "" ? v.error : null;
  return url === null && error === null ? null : { url, error };
}

/** The payload's enumerations (Python's `vocab.py`); a missing list is empty, so nothing unknown is offered. */
function normalizeVocab(v: unknown): Vocabulary {
  const o = isObj(v) ? v : {};
  const list = (x: unknown): string[] => arr(x).filter((s): s is string => typeof s === "string" && s !== "");
  return {
    ops: list(o.ops),
    sources: list(o.sources),
    trigger_kinds: list(o.trigger_kinds),
    statuses: list(o.statuses),
    break_sources: list(o.break_sources),
  };
}

function normalizeRow(r: Obj, vocab: Vocabulary): TimelineRow {
  const status = str(r.status, "ok");
  return {
    index: num(r.index),
    trigger_text: str(r.trigger_text),
    trigger_kind: str(r.trigger_kind),
    status: vocab.statuses.includes(status) ? status : "ok",
    duration_ms: num(r.duration_ms),
    reads: num(r.reads),
    writes: num(r.writes),
    deletes: num(r.deletes),
    has_errors: r.has_errors === true,
    has_mutations: r.has_mutations === true,
    internal: r.internal === true,
    callbacks: objs(r.callbacks)
      .filter((c) => typeof c.name === "string" && c.name !== "")
      .map((c): CallbackTiming => ({ name: str(c.name), widget: strOrNull(c.widget), ms: numOrNull(c.ms) })),
    restorable: r.restorable === true,
  };
}

/** Entries without a string key, duplicates and rows without a rerun index or a known change are dropped. */
function normalizeWatch(v: unknown, vocab: Vocabulary): WatchView[] {
  const seen = new Set<string>();
  const out: WatchView[] = [];
  for (const w of objs(v)) {
    if (typeof w.key !== "string" || seen.has(w.key)) continue;
    seen.add(w.key);
    const breakOn = vocab.break_sources.find((s) => s === w.break_on) ?? null;
    const rows = objs(w.rows)
      .filter((r) => numOrNull(r.rerun) !== null && typeof r.change === "string" && WATCH_CHANGES.includes(r.change))
      .map(
        (r): WatchRow => ({
          rerun: num(r.rerun),
          change: r.change as WatchChange,
          value: strOrNull(r.value),
          source_text: str(r.source_text),
          file: strOrNull(r.file),
          line: numOrNull(r.line),
        }),
      );
    // an older payload has no break_action: the break raises (the panel offers no choice then)
    const action = typeof w.break_action === "string" ? { break_action: w.break_action } : {};
    out.push({ key: w.key, break_on: breakOn, ...action, redacted: w.redacted === true, rows });
  }
  return out;
}

/** Items need a name, a duration and a rerun index; kept slowest first, at most five. */
function normalizeSlowest(v: unknown): SlowCallback[] {
  return objs(v)
    .filter((c) => typeof c.name === "string" && c.name !== "" && numOrNull(c.ms) !== null && numOrNull(c.rerun) !== null)
    .map((c): SlowCallback => ({ name: str(c.name), widget: strOrNull(c.widget), ms: num(c.ms), rerun: num(c.rerun) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, MAX_SLOWEST);
}

function normalizeDetail(d: Obj): RerunDetail {
  const diff = isObj(d.diff) ? d.diff : {};
  const detail: RerunDetail = {
    index: num(d.index),
    trigger_text: str(d.trigger_text),
    status: str(d.status),
    duration_ms: num(d.duration_ms),
    events: objs(d.events).map(normalizeEvent),
    events_dropped: num(d.events_dropped),
    diff: normalizeDiff(diff),
    errors: objs(d.errors).map((e) => ({
      key: str(e.key),
      type: str(e.type, "KeyError"),
      message: str(e.message),
      file: strOrNull(e.file),
      line: numOrNull(e.line),
      explanation: str(e.explanation),
      suggestions: arr(e.suggestions).map((s) => str(s)),
      history: objs(e.history).map((x) => ({
        rerun: num(x.rerun),
        seq: num(x.seq),
        op: str(x.op),
        source_text: str(x.source_text),
        file: strOrNull(x.file),
        line: numOrNull(x.line),
        reason: strOrNull(x.reason),
        value: strOrNull(x.value),
      })),
    })),
  };
  if (Array.isArray(d.state)) detail.state = normalizeState(d.state);
  return detail;
}

function normalizeEvent(e: Obj): EventView {
  return {
    seq: num(e.seq),
    op: str(e.op, "read"),
    key: strOrNull(e.key),
    api: str(e.api),
    source: str(e.source, "script"),
    source_text: str(e.source_text),
    file: strOrNull(e.file),
    line: numOrNull(e.line),
    found: typeof e.found === "boolean" ? e.found : null,
    value: strOrNull(e.value),
    reason: strOrNull(e.reason),
  };
}

function normalizeDiff(d: Obj): DiffView {
  const entries = (v: unknown) =>
    objs(v).map((x) => ({
      key: str(x.key),
      before: strOrNull(x.before),
      after: strOrNull(x.after),
      details: objs(x.details).map((c) => ({
        path: str(c.path),
        change: str(c.change),
        old: strOrNull(c.old),
        new: strOrNull(c.new),
      })),
      sampled: x.sampled === true,
    }));
  return {
    added: entries(d.added),
    removed: entries(d.removed),
    changed: entries(d.changed),
    mutated_in_place: arr(d.mutated_in_place).map((k) => str(k)),
    changed_while_paused: arr(d.changed_while_paused).map((k) => str(k)),
  };
}

function normalizeState(v: unknown): StateEntry[] {
  return objs(v).map((s) => {
    const entry: StateEntry = { key: str(s.key), type: str(s.type), summary: str(s.summary), redacted: s.redacted === true };
    if (Array.isArray(s.children)) entry.children = normalizeState(s.children);
    return entry;
  });
}
