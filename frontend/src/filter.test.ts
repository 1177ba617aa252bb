import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventKeys, filterEvents, isFiltered, matchesFilter } from "./filter";
import { choose, mount, row, texts, typeInto } from "./testkit";
import { samplePanelData, XSS_KEY } from "./sample";
import type { EventView } from "./types";

const none = { search: "", key: "", op: "", source: "" } as const;
const events = (): EventView[] => samplePanelData().details[3]!.events;

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
});
afterEach(() => document.body.replaceChildren());

describe("matchesFilter", () => {
  it("search matches key, value, file and source text, case-insensitively", () => {
    const evs = events();
    const keysOf = (search: string) => filterEvents(evs, { ...none, search }).map((e) => e.seq);
    expect(keysOf("NOTE")).toEqual([0]); // key and source text
    expect(keysOf("onmouseover")).toEqual([1, 2]); // value
    expect(keysOf("auth.py")).toEqual([3]); // file
    expect(keysOf("list(st.session_state")).toEqual([5]); // source text
    expect(keysOf("   ")).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("key, op and source filters combine", () => {
    const evs = events();
    expect(filterEvents(evs, { ...none, key: XSS_KEY }).map((e) => e.seq)).toEqual([1, 2]);
    expect(filterEvents(evs, { ...none, key: XSS_KEY, op: "read" }).map((e) => e.seq)).toEqual([2]);
    expect(filterEvents(evs, { ...none, source: "callback" }).map((e) => e.seq)).toEqual([3]);
    expect(matchesFilter(evs[0]!, { ...none, source: "script" })).toBe(false);
  });

  it("eventKeys is sorted and skips key-less ops; isFiltered", () => {
    expect(eventKeys(events())).toEqual([XSS_KEY, "api_token", "counter", "note"]);
    expect(isFiltered(none)).toBe(false);
    expect(isFiltered({ ...none, op: "read" })).toBe(true);
  });
});

describe("filter controls", () => {
  it("the search box filters the operations and keeps its element (focus)", () => {
    const m = mount(samplePanelData());
    const search = m.$("ssd-search") as HTMLInputElement;
    search.focus();
    typeInto(search, "counter");
    expect(m.$$("ssd-op")).toHaveLength(1);
    expect(m.$("ssd-ops-count").textContent).toBe("1 of 6 ops");
    expect(m.$("ssd-search")).toBe(search);
    expect(document.activeElement).toBe(search);
    typeInto(search, "/home/dev/shop/auth");
    expect(texts(m.$$("ssd-op").map((o) => o.querySelector(".ssd-key")!))).toEqual(["api_token"]);
  });

  it("the key, op and source selects filter", () => {
    const m = mount(samplePanelData());
    const keySel = m.$("ssd-filter-key") as HTMLSelectElement;
    expect([...keySel.options].map((o) => o.value)).toEqual(["", XSS_KEY, "api_token", "counter", "note"]);
    choose(keySel, XSS_KEY);
    expect(m.$$("ssd-op")).toHaveLength(2);
    choose(m.$("ssd-filter-op") as HTMLSelectElement, "write");
    expect(m.$$("ssd-op").map((o) => o.getAttribute("data-seq"))).toEqual(["1"]);
    choose(m.$("ssd-filter-key") as HTMLSelectElement, "");
    choose(m.$("ssd-filter-source") as HTMLSelectElement, "widget");
    expect(m.$$("ssd-op").map((o) => o.getAttribute("data-seq"))).toEqual(["0"]);
  });

  it("'clear filters' resets everything", () => {
    const m = mount(samplePanelData());
    typeInto(m.$("ssd-search") as HTMLInputElement, "zzz");
    choose(m.$("ssd-filter-op") as HTMLSelectElement, "delete");
    expect(m.$$("ssd-op")).toHaveLength(0);
    m.$("ssd-clear-filters").click();
    expect(m.$$("ssd-op")).toHaveLength(6);
    expect((m.$("ssd-search") as HTMLInputElement).value).toBe("");
    expect((m.$("ssd-filter-op") as HTMLSelectElement).value).toBe("");
    expect(m.$$("ssd-clear-filters")).toHaveLength(0);
  });

  it("clicking a diff key filters the operations to that key", () => {
    const m = mount(samplePanelData());
    typeInto(m.$("ssd-search") as HTMLInputElement, "something");
    const link = m.$$("ssd-diff-key").find((k) => k.textContent === "note")!;
    link.click();
    expect((m.$("ssd-filter-key") as HTMLSelectElement).value).toBe("note");
    expect((m.$("ssd-search") as HTMLInputElement).value).toBe("");
    expect(m.$$("ssd-op").map((o) => o.querySelector(".ssd-key")?.textContent)).toEqual(["note"]);
  });

  it("a mutated-in-place key and a suggestion chip also set the key filter, even if absent from the rerun", () => {
    const m = mount(samplePanelData());
    row(m, 1).click();
    m.$("ssd-mutated-key").click();
    expect(m.$$("ssd-op").map((o) => o.getAttribute("data-seq"))).toEqual(["0", "3"]);
    row(m, 3).click();
    m.$$("ssd-suggestion")[1]!.click();
    const keySel = m.$("ssd-filter-key") as HTMLSelectElement;
    expect(keySel.value).toBe("username");
    expect(m.$$("ssd-op")).toHaveLength(0);
  });
});
