import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mount, row } from "./testkit";
import { samplePanelData, XSS_FILE, XSS_KEY, XSS_VALUE } from "./sample";
import type { PanelData } from "./types";

const here = dirname(fileURLToPath(import.meta.url));
const BUNDLE = join(here, "../../st_state_debugger/frontend_dist/index.js");

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
  delete (window as unknown as Record<string, unknown>).__pwned;
});
afterEach(() => document.body.replaceChildren());

const PAYLOADS = [
  XSS_KEY,
  XSS_VALUE,
  "<script>window.__pwned = 1</script>",
  '"><img src=x onerror="window.__pwned=1">',
];

/** Every user-controlled string field set to an XSS payload. */
function hostileData(): PanelData {
  const p = (i: number) => PAYLOADS[i % PAYLOADS.length]!;
  const d = samplePanelData();
  d.session_label = p(2);
  d.redacted_placeholder = p(3);
  d.timeline[3]!.trigger_text = p(0);
  d.timeline[3]!.trigger_kind = p(1);
  const det = d.details.find((x) => x.index === 3)!;
  det.events.push({ seq: 9, op: "write", key: p(2), api: p(3), source: "script", source_text: p(0), file: p(1), line: 1, found: false, value: p(2), reason: p(3) });
  det.errors[0] = {
    ...det.errors[0]!,
    key: p(0),
    type: p(1),
    message: p(2),
    file: p(3),
    explanation: p(1),
    suggestions: [p(2), p(3)],
    history: [{ rerun: 1, seq: 1, op: p(0), source_text: p(1), file: p(2), line: 2, reason: p(3), value: null }],
  };
  det.diff = {
    added: [{ key: p(0), before: null, after: p(1), details: [] }],
    removed: [{ key: p(2), before: p(3), after: null, details: [] }],
    changed: [{ key: p(1), before: p(2), after: p(3), details: [{ path: p(0), change: p(1), old: p(2), new: p(3) }] }],
    mutated_in_place: [p(3)],
    changed_while_paused: [p(0)],
  };
  d.state.push({ key: p(2), type: p(3), summary: p(0), redacted: false, children: [{ key: p(1), type: p(0), summary: p(3), redacted: false }] });
  return d;
}

function assertNoInjectedElements(root: ParentNode): void {
  expect(root.querySelectorAll("img, b, script, iframe, svg")).toHaveLength(0);
  for (const el of root.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames()) expect(attr.startsWith("on"), `attribute ${attr}`).toBe(false);
  }
  expect((window as unknown as Record<string, unknown>).__pwned).toBeUndefined();
}

describe("escaping", () => {
  it("renders the sample's XSS key, value and file name as literal text", () => {
    const m = mount(samplePanelData());
    const text = m.$("ssd-panel").textContent ?? "";
    expect(text).toContain(XSS_KEY);
    expect(text).toContain(XSS_VALUE);
    const op = m.$$("ssd-op")[1]!;
    expect(op.querySelector(".ssd-key")?.textContent).toBe(XSS_KEY);
    expect(op.querySelector(".ssd-value")?.textContent).toBe(XSS_VALUE);
    expect(op.querySelector(".ssd-loc")?.getAttribute("title")).toBe(`${XSS_FILE}:3`);
    const stateEntry = m.$$("ssd-state-entry").find((e) => e.getAttribute("data-key") === XSS_KEY)!;
    expect(stateEntry.querySelector(".ssd-key")?.textContent).toBe(XSS_KEY);
    expect(stateEntry.querySelector(".ssd-summary")?.textContent).toBe(XSS_VALUE);
    assertNoInjectedElements(m.parent);
  });

  it("escapes every user string in every section (header, errors, timeline, ops, diff, state)", () => {
    const m = mount(hostileData());
    row(m, 3).click();
    for (const sel of m.$$("ssd-state-entry")) if (sel.tagName === "DETAILS") (sel as HTMLDetailsElement).open = true;
    const text = m.$("ssd-panel").textContent ?? "";
    for (const p of PAYLOADS) expect(text).toContain(p);
    expect(m.$("ssd-label").textContent).toBe(PAYLOADS[2]);
    expect(m.$("ssd-error-key").textContent).toBe(PAYLOADS[0]);
    expect(m.$("ssd-explanation").textContent).toBe(PAYLOADS[1]);
    assertNoInjectedElements(m.parent);
    // Filtering by a hostile key goes through the select's value, not markup.
    m.$$("ssd-diff-key")[0]!.click();
    expect((m.$("ssd-filter-key") as HTMLSelectElement).value).toBe(PAYLOADS[0]);
    assertNoInjectedElements(m.parent);
  });

  it("escapes every user string in the live debugging extras (watch, callbacks, slowest, restore)", () => {
    const p = (i: number) => PAYLOADS[i % PAYLOADS.length]!;
    const d = hostileData();
    d.watch = [
      { key: p(0), break_on: "any", redacted: false, rows: [{ rerun: 1, change: "changed", value: p(1), source_text: p(2), file: p(3), line: 1 }] },
      { key: p(3), break_on: null, redacted: true, rows: [{ rerun: 2, change: "added", value: p(0), source_text: p(1), file: null, line: null }] },
    ];
    d.timeline[1]!.callbacks = [{ name: p(0), widget: p(1), ms: 3 }];
    d.timeline[4]!.restorable = true;
    d.slowest_callbacks = [{ name: p(2), widget: p(3), ms: 3, rerun: 1 }];
    d.restore_note = p(1);
    const m = mount(d);
    (m.$("ssd-slowest") as HTMLDetailsElement).open = true;
    const text = m.$("ssd-panel").textContent ?? "";
    for (const x of PAYLOADS) expect(text).toContain(x);
    expect(m.$("ssd-watch-key").getAttribute("data-key")).toBe(p(0));
    expect(m.$("ssd-break").getAttribute("data-key")).toBe(p(0));
    expect(m.$("ssd-restore-note").textContent).toBe(p(1));
    assertNoInjectedElements(m.parent);
    // A hostile key goes back to Python as data, unchanged.
    m.$("ssd-unwatch").click();
    expect(m.setTriggerValue).toHaveBeenCalledWith("request", { watch: { key: p(0), on: false } });
  });

  it("escapes hostile strings inside a ShadowRoot too", () => {
    const m = mount(hostileData(), { shadow: true });
    assertNoInjectedElements(m.parent);
    expect(m.$("ssd-panel").textContent).toContain(PAYLOADS[2]);
  });
});

describe("source hygiene", () => {
  const FORBIDDEN = /innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\beval\(|new Function/;

  it("no source file uses an HTML-parsing sink", () => {
    const files = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(files).toContain("index.ts");
    for (const f of files) {
      const src = readFileSync(join(here, f), "utf8");
      expect(FORBIDDEN.test(src), `${f} uses an HTML sink`).toBe(false);
    }
  });

  it.skipIf(!existsSync(BUNDLE))("the built bundle is one self-contained ES module with a default export", () => {
    const js = readFileSync(BUNDLE, "utf8");
    expect(FORBIDDEN.test(js)).toBe(false);
    expect(js).toMatch(/export\s*\{\s*\w+ as default\s*\}/);
    expect(js).not.toMatch(/^\s*import[\s{"']/m);
    expect(js).not.toMatch(/\bimport\(/);
    expect(js).not.toMatch(/https?:\/\//);
    expect(readFileSync(join(dirname(BUNDLE), "index.css"), "utf8")).not.toMatch(/url\(|@import|https?:\/\//);
  });
});
