import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { samplePanelData } from "./sample";
import { mount, row, texts } from "./testkit";

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => document.body.replaceChildren());

/** Rerun #1 as the first one recorded after a pause: `counter` and `show` changed in unrecorded reruns. */
function afterPause(): unknown {
  const data = samplePanelData() as unknown as { details: { index: number; diff: Record<string, unknown> }[] };
  const first = data.details.find((d) => d.index === 1)!;
  first.diff = {
    added: [{ key: "show", before: null, after: "True", details: [] }],
    removed: [],
    changed: [{ key: "counter", before: "1", after: "2", details: [] }],
    mutated_in_place: [],
    changed_while_paused: ["counter", "show"],
  };
  return data;
}

describe("diff: changed while paused", () => {
  it("shows keys changed while paused as their own group, never as mutated in place", () => {
    const m = mount(afterPause());
    row(m, 1).click();
    const group = m.$("ssd-diff-paused");
    expect(group.querySelector(".ssd-diff-head")?.textContent).toBe("changed while paused (not recorded)");
    expect(texts(m.$$("ssd-paused-key"))).toEqual(["counter", "show"]);
    expect(m.$$("ssd-diff-mutated")).toHaveLength(0);
    // the values are still shown where they belong: added and changed
    expect(m.$("ssd-diff-added").textContent).toContain("show");
    expect(m.$("ssd-diff-changed").textContent).toContain("counter");
  });

  it("a paused key filters the operations by that key, like any key in the diff", () => {
    const m = mount(afterPause());
    row(m, 1).click();
    m.$$("ssd-paused-key")[0]!.click();
    expect((m.$("ssd-filter-key") as HTMLSelectElement).value).toBe("counter");
    expect(m.$$("ssd-op").map((o) => o.querySelector(".ssd-key")?.textContent)).toEqual(["counter", "counter"]);
  });

  it("has no paused group when nothing changed while paused, or when the payload predates the field", () => {
    const m = mount(samplePanelData());
    row(m, 1).click();
    expect(m.$$("ssd-diff-paused")).toHaveLength(0);
    const old = samplePanelData() as unknown as { details: { diff: Record<string, unknown> }[] };
    for (const d of old.details) delete d.diff.changed_while_paused;
    const m2 = mount(old);
    row(m2, 1).click();
    expect(m2.$$("ssd-diff-paused")).toHaveLength(0);
    expect(m2.$$("ssd-diff-mutated")).toHaveLength(1);
  });
});
