import { beforeEach, describe, expect, it } from "vitest";
import { h } from "./dom";
import { morphChildren } from "./morph";
import { samplePanelData } from "./sample";
import { mount, row } from "./testkit";
import { resetWire } from "./wire";

const rowsOf = (parent: Element) => [...parent.querySelectorAll("li")];
const list = (...indexes: number[]) =>
  h("ul", { class: "ssd-timeline-list" }, indexes.map((i) => h("li", { "data-focus": `row:${i}`, "data-index": i }, `#${i}`)));

beforeEach(() => {
  sessionStorage.clear();
  document.body.replaceChildren();
  resetWire();
});

describe("morphChildren", () => {
  it("keeps every node of an equal tree and reports no change", () => {
    const root = h("div");
    morphChildren(root, [list(0, 1, 2)]);
    const before = rowsOf(root);
    expect(morphChildren(root, [list(0, 1, 2)])).toBe(false);
    expect(rowsOf(root)).toEqual(before);
  });

  it("adds a row at the end and drops one at the front without touching the others", () => {
    const root = h("div");
    morphChildren(root, [list(0, 1, 2)]);
    const [, one, two] = rowsOf(root);
    expect(morphChildren(root, [list(1, 2, 3)])).toBe(true);
    const after = rowsOf(root);
    expect(after.map((li) => li.textContent)).toEqual(["#1", "#2", "#3"]);
    expect(after[0]).toBe(one);
    expect(after[1]).toBe(two);
  });

  it("keeps a section when another appears before it, instead of drawing the new one over it", () => {
    const root = h("div");
    const sec = (id: string, text: string) => h("details", { "data-open-id": `sec:${id}` }, h("summary", {}, text));
    morphChildren(root, [sec("ops", "Operations"), sec("diff", "Diff")]);
    const [ops, diff] = [...root.children];
    morphChildren(root, [sec("slowest", "Slowest"), sec("ops", "Operations"), sec("diff", "Diff")]);
    expect([...root.children].map((el) => el.textContent)).toEqual(["Slowest", "Operations", "Diff"]);
    expect(root.children[1]).toBe(ops);
    expect(root.children[2]).toBe(diff);
  });

  it("changes text and attributes in place, and removes attributes the new tree lacks", () => {
    const root = h("div");
    morphChildren(root, [h("span", { class: "a", title: "t" }, "old")]);
    const span = root.firstChild as HTMLElement;
    morphChildren(root, [h("span", { class: "b" }, "new")]);
    expect(root.firstChild).toBe(span);
    expect(span.outerHTML).toBe('<span class="b">new</span>');
  });

  it("leaves the style that layout.ts set, and calls that no change", () => {
    const root = h("div");
    morphChildren(root, [list(0, 1)]);
    const ul = root.firstChild as HTMLElement;
    ul.style.maxHeight = "40px";
    expect(morphChildren(root, [list(0, 1)])).toBe(false);
    expect(ul.style.maxHeight).toBe("40px");
  });

  it("replaces an element whose tag differs", () => {
    const root = h("div");
    morphChildren(root, [h("span", {}, "x")]);
    const fresh = h("b", {}, "x");
    morphChildren(root, [fresh]);
    expect(root.firstChild).toBe(fresh);
    expect(root.childNodes).toHaveLength(1);
  });

  it("copies a box's and a menu's value, which isEqualNode does not compare", () => {
    const root = h("div");
    const draw = (text: string, choice: string) => {
      const input = h("input", { "data-focus": "search" });
      input.value = text;
      const select = h("select", { "data-focus": "op" }, ["a", "b"].map((v) => h("option", { value: v }, v)));
      select.value = choice;
      return h("div", {}, input, select);
    };
    morphChildren(root, [draw("typed", "b")]);
    const input = root.querySelector("input") as HTMLInputElement;
    const select = root.querySelector("select") as HTMLSelectElement;
    expect(morphChildren(root, [draw("", "a")])).toBe(true);
    expect(root.querySelector("input")).toBe(input);
    expect(input.value).toBe("");
    expect(select.value).toBe("a");
  });

  it("copies user text as text, never as markup", () => {
    const root = h("div");
    morphChildren(root, [h("span", {}, "safe")]);
    morphChildren(root, [h("span", { title: '"><img src=x>' }, "<img src=x onerror=alert(1)>")]);
    expect(root.querySelector("img")).toBeNull();
    expect(root.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("the panel across a rerun", () => {
  it("keeps the rows, sections and timeline box already on screen", () => {
    const m = mount(samplePanelData());
    const first = row(m, 0);
    const ops = m.$("ssd-ops");
    const box = m.$("ssd-rerun-row").parentElement as HTMLElement;
    const next = samplePanelData();
    next.timeline.push({ ...next.timeline[4]!, index: 5, trigger_text: "button 'More'" });
    next.total_reruns = 6;
    m.rerender(next);
    expect(row(m, 0)).toBe(first);
    expect(row(m, 5).textContent).toContain("button 'More'");
    expect(m.$("ssd-ops")).toBe(ops);
    expect(m.$("ssd-rerun-row").parentElement).toBe(box);
    expect(m.$$("ssd-rerun-row").map((r) => r.getAttribute("data-index"))).toEqual(["0", "1", "2", "3", "4", "5"]);
  });
});
