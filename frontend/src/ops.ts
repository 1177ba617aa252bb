/** Render stage: the selected rerun's operations, with search and filters. */
import { h, fileLineEl, section } from "./dom";
import { eventKeys, filterEvents, isFiltered, type OpsFilter } from "./filter";
import type { EventView, RerunDetail, Vocabulary } from "./types";

/** Wording only: a source whose option says more than its name. */
const SOURCE_LABEL: Record<string, string> = { debugger: "debugger (restore)" };

/** A filter's options: "all …", then the payload's list (`vocab.ops` / `vocab.sources`). */
function options(all: string, names: readonly string[], labels: Record<string, string> = {}): [string, string][] {
  return [["", all], ...names.map((n): [string, string] => [n, labels[n] ?? n])];
}

/** The whole section; `detail` is null while the rerun's details are being requested. */
export function renderOps(
  detail: RerunDetail | null,
  index: number,
  f: OpsFilter,
  open: boolean,
  pending: boolean,
  vocab: Pick<Vocabulary, "ops" | "sources">,
): HTMLElement {
  const keys = detail ? eventKeys(detail.events) : [];
  if (f.key && !keys.includes(f.key)) keys.unshift(f.key);
  const search = h("input", {
    type: "search",
    class: "ssd-search",
    "data-testid": "ssd-search",
    "data-focus": "search",
    placeholder: "search key, value, file, source",
    "aria-label": "search operations",
  });
  search.value = f.search;
  const controls = h(
    "div",
    { class: "ssd-controls" },
    search,
    select("key", "ssd-filter-key", [["", "all keys"], ...keys.map((k): [string, string] => [k, k])], f.key, true),
    select("op", "ssd-filter-op", options("all ops", vocab.ops), f.op),
    select("source", "ssd-filter-source", options("all sources", vocab.sources, SOURCE_LABEL), f.source),
  );
  const body = detail ? renderOpsResults(detail, f) : renderMissing(index, pending);
  return section("ops", "ssd-ops", [`Operations #${index}`], open, controls, body);
}

/** The filtered list only: re-rendered alone while typing so the search box keeps focus. */
export function renderOpsResults(detail: RerunDetail, f: OpsFilter): HTMLElement {
  const shown = filterEvents(detail.events, f);
  return h(
    "div",
    { class: "ssd-ops-results", "data-testid": "ssd-ops-results" },
    h(
      "div",
      { class: "ssd-note" },
      h("span", { "data-testid": "ssd-ops-count" }, `${shown.length} of ${detail.events.length} ops`),
      detail.events_dropped > 0 ? ` (${detail.events_dropped} older ops dropped)` : null,
      isFiltered(f) ? h("button", { type: "button", class: "ssd-link", "data-action": "clear-filters", "data-testid": "ssd-clear-filters" }, "clear filters") : null,
    ),
    shown.map(renderOp),
  );
}

export function renderMissing(index: number, pending: boolean): HTMLElement {
  return h(
    "div",
    { class: "ssd-note ssd-missing-detail", "data-testid": "ssd-missing-detail" },
    pending ? `loading details of #${index}…` : `details of #${index} are not loaded `,
    pending ? null : h("button", { type: "button", class: "ssd-link", "data-action": "load", "data-index": index, "data-testid": "ssd-load-detail" }, "load"),
  );
}

/**
 * A filter's <select>. With `appKeys` its options show the app's keys but are named
 * "key 1", "key 2"… with the key as their description (title): a user's own
 * `get_by_role("option", name="greet")` must find only the app's controls.
 */
function select(name: string, testid: string, options: [string, string][], value: string, appKeys = false): HTMLSelectElement {
  const el = h("select", { class: "ssd-select", "data-filter": name, "data-testid": testid, "data-focus": `filter:${name}`, "aria-label": `filter by ${name}` });
  for (const [i, [v, label]] of options.entries()) {
    const named = appKeys && v !== "";
    const opt = h("option", named ? { "aria-label": `key ${i}`, title: label } : {}, label);
    opt.value = v;
    el.appendChild(opt);
  }
  el.value = value;
  return el;
}

function renderOp(ev: EventView): HTMLElement {
  return h(
    "div",
    { class: `ssd-op ssd-op-${ev.op}`, "data-testid": "ssd-op", "data-seq": ev.seq },
    h(
      "div",
      { class: "ssd-op-line" },
      h("span", { class: "ssd-seq" }, String(ev.seq)),
      h("span", { class: "ssd-opname", title: ev.api || null }, ev.op),
      ev.key !== null ? h("span", { class: "ssd-key" }, ev.key) : h("span", { class: "ssd-api" }, ev.api),
      ev.found === false ? h("span", { class: "ssd-missing", title: "the key was not there" }, "missing") : null,
    ),
    h(
      "div",
      { class: "ssd-op-src" },
      // source_text already names the source ("callback add() · widget add3",
      // "Streamlit: <reason>"): one label, coloured by source, no repetition.
      h("span", { class: `ssd-src ssd-source ssd-source-${ev.source}`, "data-source": ev.source }, ev.source_text),
      " ",
      fileLineEl(ev.file, ev.line),
    ),
    ev.value !== null ? h("div", { class: "ssd-value" }, ev.value) : null,
    ev.reason !== null && !ev.source_text.includes(ev.reason) ? h("div", { class: "ssd-reason" }, ev.reason) : null,
  );
}
