/**
 * A realistic `PanelData` for tests and manual checks: five reruns with an initial
 * run, a callback rerun with an in-place mutation, a widget rerun whose cleanup
 * deletes a key, a KeyError with its origin, a redacted key and XSS-looking
 * keys and values. Rerun #0 has no details (the panel must request them).
 */
import type { PanelData, Vocabulary } from "./types";

export const XSS_KEY = "<img src=x onerror=alert(1)>";
export const XSS_VALUE = "</div><b onmouseover=alert(1)>";
export const XSS_FILE = "pages/<script>alert(1)</script>.py";
export const PLACEHOLDER = "‹redacted›";

/**
 * The enumerations as Python sends them (`st_state_debugger/vocab.py`,
 * `enumerations()`); a fixture, not a copy the panel reads: the panel only ever
 * reads `data.vocab` (tests/unit/test_panel_view.py checks this one matches).
 */
export const SAMPLE_VOCAB: Vocabulary = {
  ops: ["read", "write", "delete"],
  sources: ["script", "callback", "widget", "streamlit", "debugger"],
  trigger_kinds: ["initial", "widget", "form_submit", "rerun", "fragment", "page", "debugger", "restore"],
  statuses: ["ok", "exception", "stopped", "rerun_requested"],
  break_sources: ["any", "script", "callback", "widget", "streamlit"],
};

export function samplePanelData(): PanelData {
  return {
    version: 1,
    mode: "live",
    session_label: "session 3fa2c1",
    overflow: false,
    total_reruns: 5,
    timeline: [
      { index: 0, trigger_text: "initial run", trigger_kind: "initial", status: "ok", duration_ms: 41.2, reads: 2, writes: 4, deletes: 0, has_errors: false, has_mutations: false, internal: false },
      { index: 1, trigger_text: "button 'Add item' → on_click add_item()", trigger_kind: "callback", status: "ok", duration_ms: 12.7, reads: 3, writes: 1, deletes: 0, has_errors: false, has_mutations: true, internal: false },
      { index: 2, trigger_text: "checkbox 'Show filter' changed", trigger_kind: "widget", status: "ok", duration_ms: 9.1, reads: 2, writes: 1, deletes: 1, has_errors: false, has_mutations: false, internal: false },
      { index: 3, trigger_text: "button 'Apply'", trigger_kind: "widget", status: "exception", duration_ms: 6.4, reads: 2, writes: 0, deletes: 0, has_errors: true, has_mutations: false, internal: false },
      { index: 4, trigger_text: "text_input 'Note' changed", trigger_kind: "widget", status: "ok", duration_ms: 1530, reads: 3, writes: 3, deletes: 0, has_errors: false, has_mutations: false, internal: false },
    ],
    details: [
      {
        index: 1,
        trigger_text: "button 'Add item' → on_click add_item()",
        status: "ok",
        duration_ms: 12.7,
        events: [
          { seq: 0, op: "read", key: "items", api: "__getitem__", source: "callback", source_text: "items = st.session_state['items']", file: "/home/dev/shop/app.py", line: 12, found: true, value: "['apple']", reason: null },
          { seq: 1, op: "read", key: "counter", api: "__getattr__", source: "script", source_text: "st.session_state.counter", file: "/home/dev/shop/app.py", line: 20, found: true, value: "1", reason: null },
          { seq: 2, op: "write", key: "counter", api: "__setattr__", source: "script", source_text: "st.session_state.counter += 1", file: "/home/dev/shop/app.py", line: 21, found: null, value: "2", reason: null },
          { seq: 3, op: "read", key: "items", api: "__getitem__", source: "script", source_text: "st.write(st.session_state['items'])", file: "/home/dev/shop/app.py", line: 30, found: true, value: "['apple', 'pear']", reason: null },
        ],
        events_dropped: 0,
        diff: {
          added: [],
          removed: [],
          changed: [
            { key: "counter", before: "1", after: "2", details: [{ path: "counter", change: "values_changed", old: "1", new: "2" }] },
            { key: "items", before: "['apple']", after: "['apple', 'pear']", details: [{ path: "items[1]", change: "iterable_item_added", old: null, new: "'pear'" }] },
          ],
          mutated_in_place: ["items"],
          changed_while_paused: [],
        },
        errors: [],
      },
      {
        index: 2,
        trigger_text: "checkbox 'Show filter' changed",
        status: "ok",
        duration_ms: 9.1,
        events: [
          { seq: 0, op: "write", key: "show_filter", api: "widget", source: "widget", source_text: "st.checkbox('Show filter', key='show_filter')", file: "/home/dev/shop/app.py", line: 40, found: null, value: "False", reason: null },
          { seq: 1, op: "read", key: "show_filter", api: "__getitem__", source: "script", source_text: "if st.session_state['show_filter']:", file: "/home/dev/shop/app.py", line: 41, found: true, value: "False", reason: null },
          { seq: 2, op: "delete", key: "user_name", api: "widget_cleanup", source: "streamlit", source_text: "widget cleanup", file: null, line: null, found: null, value: "'Ada'", reason: "widget 'user_name' was not rendered in this run, so Streamlit removed its key" },
          { seq: 3, op: "read", key: "api_token", api: "__getitem__", source: "script", source_text: "token = st.session_state['api_token']", file: "/home/dev/shop/app.py", line: 8, found: true, value: PLACEHOLDER, reason: null },
        ],
        events_dropped: 0,
        diff: {
          added: [],
          removed: [{ key: "user_name", before: "'Ada'", after: null, details: [] }],
          changed: [{ key: "show_filter", before: "True", after: "False", details: [{ path: "show_filter", change: "values_changed", old: "True", new: "False" }] }],
          mutated_in_place: [],
          changed_while_paused: [],
        },
        errors: [],
      },
      {
        index: 3,
        trigger_text: "button 'Apply'",
        status: "exception",
        duration_ms: 6.4,
        events: [
          { seq: 0, op: "read", key: "show_filter", api: "__getitem__", source: "script", source_text: "if st.session_state['show_filter']:", file: "/home/dev/shop/app.py", line: 41, found: true, value: "False", reason: null },
          { seq: 1, op: "read", key: "user_name", api: "__getitem__", source: "script", source_text: "name = st.session_state['user_name']", file: "/home/dev/shop/app.py", line: 52, found: false, value: null, reason: null },
        ],
        events_dropped: 0,
        diff: { added: [], removed: [], changed: [], mutated_in_place: [], changed_while_paused: [] },
        errors: [
          {
            key: "user_name",
            type: "KeyError",
            message: "st.session_state has no key \"user_name\".",
            file: "/home/dev/shop/app.py",
            line: 52,
            explanation:
              "'user_name' was deleted in rerun #2 by Streamlit's widget cleanup: its text_input was not rendered in that run. Keep the widget rendered, or copy its value to another key.",
            suggestions: ["user", "username"],
            history: [
              { rerun: 0, seq: 3, op: "write", source_text: "st.text_input('Name', key='user_name')", file: "/home/dev/shop/app.py", line: 35, reason: null, value: "'Ada'" },
              { rerun: 2, seq: 2, op: "delete", source_text: "widget cleanup", file: null, line: null, reason: "widget 'user_name' was not rendered in this run, so Streamlit removed its key", value: null },
              { rerun: 3, seq: 1, op: "read", source_text: "name = st.session_state['user_name']", file: "/home/dev/shop/app.py", line: 52, reason: "key missing", value: null },
            ],
          },
        ],
      },
      {
        index: 4,
        trigger_text: "text_input 'Note' changed",
        status: "ok",
        duration_ms: 1530,
        events: [
          { seq: 0, op: "write", key: "note", api: "widget", source: "widget", source_text: "st.text_input('Note', key='note')", file: "/home/dev/shop/app.py", line: 60, found: null, value: "'hello'", reason: null },
          { seq: 1, op: "write", key: XSS_KEY, api: "__setitem__", source: "script", source_text: "st.session_state[payload] = html", file: XSS_FILE, line: 3, found: null, value: XSS_VALUE, reason: null },
          { seq: 2, op: "read", key: XSS_KEY, api: "__getitem__", source: "script", source_text: "st.markdown(st.session_state[payload])", file: XSS_FILE, line: 4, found: true, value: XSS_VALUE, reason: null },
          { seq: 3, op: "write", key: "api_token", api: "__setitem__", source: "callback", source_text: "st.session_state['api_token'] = load_token()", file: "/home/dev/shop/auth.py", line: 17, found: null, value: PLACEHOLDER, reason: null },
          { seq: 4, op: "read", key: "counter", api: "__getattr__", source: "script", source_text: "st.session_state.counter", file: "/home/dev/shop/app.py", line: 20, found: true, value: "2", reason: null },
          { seq: 5, op: "read", key: null, api: "keys", source: "script", source_text: "list(st.session_state.keys())", file: "/home/dev/shop/app.py", line: 70, found: null, value: null, reason: null },
        ],
        events_dropped: 0,
        diff: {
          added: [
            { key: XSS_KEY, before: null, after: XSS_VALUE, details: [] },
            { key: "note", before: null, after: "'hello'", details: [] },
          ],
          removed: [],
          changed: [
            {
              key: "config",
              before: "{'theme': 'light', 'limits': {...}}",
              after: "{'theme': 'dark', 'limits': {...}}",
              details: [
                { path: "config['theme']", change: "values_changed", old: "'light'", new: "'dark'" },
                { path: "config['limits']['max']", change: "values_changed", old: "10", new: "20" },
              ],
              sampled: true,
            },
          ],
          mutated_in_place: [],
          changed_while_paused: [],
        },
        errors: [],
      },
    ],
    state: [
      { key: "counter", type: "int", summary: "2", redacted: false },
      {
        key: "items",
        type: "list",
        summary: "['apple', 'pear'] (2 items)",
        redacted: false,
        children: [
          { key: "0", type: "str", summary: "'apple'", redacted: false },
          { key: "1", type: "str", summary: "'pear'", redacted: false },
        ],
      },
      {
        key: "config",
        type: "dict",
        summary: "{'theme': 'dark', 'limits': {...}}",
        redacted: false,
        children: [
          { key: "theme", type: "str", summary: "'dark'", redacted: false },
          { key: "limits", type: "dict", summary: "{'max': 20}", redacted: false, children: [{ key: "max", type: "int", summary: "20", redacted: false }] },
        ],
      },
      { key: "api_token", type: "str", summary: PLACEHOLDER, redacted: true },
      { key: XSS_KEY, type: "str", summary: XSS_VALUE, redacted: false },
      { key: "note", type: "str", summary: "'hello'", redacted: false },
      { key: "show_filter", type: "bool", summary: "False", redacted: false },
    ],
    export: null,
    redacted_placeholder: PLACEHOLDER,
    vocab: SAMPLE_VOCAB,
  };
}

/**
 * The sample with the live debugging extras: callback timings, restorable
 * reruns, the slowest callbacks and three watched keys (one breaking, one
 * redacted, one without recorded changes).
 */
export function sampleDebugData(): PanelData {
  const d = samplePanelData();
  d.timeline[1]!.callbacks = [{ name: "add_item", widget: "add_btn", ms: 12.3 }];
  d.timeline[4]!.callbacks = [
    { name: "load_token", widget: null, ms: 1402 },
    { name: "on_note()", widget: "note", ms: null },
  ];
  for (const r of d.timeline) r.restorable = r.index !== 3;
  d.slowest_callbacks = [
    { name: "load_token", widget: null, ms: 1402, rerun: 4 },
    { name: "add_item", widget: "add_btn", ms: 12.3, rerun: 1 },
    { name: "reset", widget: "reset_btn", ms: 3, rerun: -7 },
  ];
  d.watch = [
    {
      key: "counter",
      break_on: "callback",
      redacted: false,
      rows: [
        { rerun: 0, change: "added", value: "1", source_text: "st.session_state.counter = 1", file: "/home/dev/shop/app.py", line: 10 },
        { rerun: 1, change: "changed", value: "2", source_text: "st.session_state.counter += 1", file: "/home/dev/shop/app.py", line: 21 },
      ],
    },
    {
      key: "api_token",
      break_on: null,
      redacted: true,
      rows: [{ rerun: 4, change: "added", value: "sk-live-1234", source_text: "callback load_token()", file: null, line: null }],
    },
    { key: "note", break_on: null, redacted: false, rows: [] },
  ];
  d.restore_note = "Side effects outside session state (files, databases, API calls) are not undone.";
  return d;
}
