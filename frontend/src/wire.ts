/**
 * Render stage: the live panel's payloads carry only what changed
 * (`st_state_debugger/panel/wire.py`); this store keeps what was received.
 *
 * The store lives in the module, per session label, so it outlives Streamlit's
 * remounts of the unkeyed element (a new parent on every data change; the module
 * is loaded once per page). A payload applies on top of any payload from `sync.base`
 * on (a skipped one costs nothing); one that does not (a run Streamlit stopped before its element arrived, two
 * updates batched into one, a page reload) is a gap: the panel shows its best
 * merge and asks for a full snapshot (`{ sync: true }`), again after
 * `ASK_AGAIN_AFTER` payloads that still do not fit (the request was lost). A payload older than
 * the one held (a late effect of a replaced element) changes nothing.
 *
 * MUST stay in sync with `merge` in `wire.py`.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const ITEM_FIELDS = new Set(["timeline", "details", "state"]);

type Held = {
  /** The seq of the last payload applied; null after a gap until a full one arrives. */
  seq: number | null;
  data: Obj;
  /** Payloads received since a full snapshot was asked for (0 = not asked). */
  asked: number;
};

/** Ask again after this many payloads that still do not fit (the request was lost). */
export const ASK_AGAIN_AFTER = 5;

const store = new Map<string, Held>();

export type Received = {
  /** The whole PanelData to normalize and render. */
  data: unknown;
  /** Ask Python for a full snapshot now (once per gap). */
  askFull: boolean;
};

/** Forget every session's data (tests). */
export function resetWire(): void {
  store.clear();
}

/** Apply one payload: a whole `PanelData` (the viewer, older payloads) passes through. */
export function receive(packed: unknown): Received {
  const raw = unpack(packed);
  if (!isObj(raw) || !isObj(raw.sync)) return { data: raw, askFull: false };
  const seq = num(raw.sync.seq);
  const base = num(raw.sync.base);
  const full = raw.sync.full === true;
  const label = typeof raw.session_label === "string" ? raw.session_label : "";
  const held = store.get(label);
  if (!full && held && held.seq !== null && seq !== null && seq <= held.seq) return { data: held.data, askFull: false };
  if (full && held && held.seq !== null && seq !== null && seq < held.seq) return { data: held.data, askFull: false };
  // a delta carries what changed since any of the payloads from `base` on (wire.py WINDOW)
  const fits = full || (held !== undefined && held.seq !== null && base !== null && seq !== null && base <= held.seq && held.seq < seq);
  const data = merge(full ? null : (held?.data ?? null), raw);
  const waited = fits ? 0 : (held?.asked ?? 0);
  const askFull = !fits && (waited === 0 || waited >= ASK_AGAIN_AFTER);
  store.set(label, { seq: fits ? seq : null, data, asked: fits ? 0 : askFull ? 1 : waited + 1 });
  return { data, askFull };
}

/**
 * The live payload comes packed (`wire.py` pack): `{notices, panel: "<JSON>"}`, so
 * Streamlit scans one string instead of every field. Unreadable JSON is no payload
 * (a gap: the next one is asked for in full).
 */
export function unpack(sent: unknown): unknown {
  // host.mount sends the data as a one-item list (a dict would make Streamlit scan it
  // for DataFrames, importing numpy/pandas/pyarrow on the server).
  const data = Array.isArray(sent) && sent.length === 1 ? (sent[0] as unknown) : sent;
  if (!isObj(data) || typeof data.panel !== "string") return data;
  try {
    const inner: unknown = JSON.parse(data.panel);
    return isObj(inner) ? { ...inner, notices: data.notices } : null;
  } catch {
    return null;
  }
}

/** `payload` applied on top of `view` (null: nothing held, or a full payload). */
export function merge(view: Obj | null, payload: Obj): Obj {
  const base: Obj = view ?? {};
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(payload)) if (!ITEM_FIELDS.has(k)) out[k] = v;

  const first = num(payload.timeline_from) ?? -Infinity;
  const rows = new Map<number, Obj>();
  for (const r of [...objs(base.timeline), ...objs(payload.timeline)]) {
    const i = num(r.index);
    if (i !== null) rows.set(i, r);
  }
  out.timeline = [...rows.keys()].filter((i) => i >= first).sort((a, b) => a - b).map((i) => rows.get(i));

  const details = new Map<number, Obj>();
  for (const d of objs(base.details)) {
    const i = num(d.index);
    if (i !== null) details.set(i, d);
  }
  for (const d of objs(payload.details)) {
    const i = num(d.index);
    if (i === null) continue;
    if (d.patch !== true) details.set(i, d);
    else {
      // a patch of details not held (their payload was skipped) is dropped: they are asked for when shown
      const held = details.get(i);
      if (held) details.set(i, { ...held, ...d, patch: undefined });
    }
  }
  for (const i of Array.isArray(payload.details_drop) ? payload.details_drop : []) if (typeof i === "number") details.delete(i);
  out.details = [...details.keys()].sort((a, b) => a - b).map((i) => details.get(i));

  const state = new Map<string, Obj>();
  for (const e of [...objs(base.state), ...objs(payload.state)]) if (typeof e.key === "string") state.set(e.key, e);
  for (const k of Array.isArray(payload.state_drop) ? payload.state_drop : []) if (typeof k === "string") state.delete(k);
  out.state = [...state.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => state.get(k));
  return out;
}
