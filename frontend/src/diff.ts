/**
 * Render stage: what the selected rerun changed (added, removed, changed, mutated
 * in place, changed while paused).
 */
import { h, section, type Child } from "./dom";
import { keyLink } from "./errors";
import type { DiffEntry, RerunDetail } from "./types";

type Kind = "added" | "removed" | "changed";

export function renderDiff(detail: RerunDetail | null, index: number, open: boolean): HTMLElement {
  const title = [`Diff #${index}`];
  if (!detail) return section("diff", "ssd-diff", title, open, h("div", { class: "ssd-note" }, "not loaded"));
  const { diff } = detail;
  const mutated = new Set(diff.mutated_in_place);
  const groups: Child[] = [
    group("added", "added", diff.added, mutated),
    group("removed", "removed", diff.removed, mutated),
    group("changed", "changed", diff.changed, mutated),
  ];
  groups.push(
    keyGroup("mutated", "mutated in place", "changed without assignment (e.g. list.append)", diff.mutated_in_place, "ssd-mutated"),
    // A distinct mark: their writes happened in reruns that were not recorded, so
    // neither "mutated in place" nor an event of this rerun explains them.
    keyGroup("paused", "changed while paused (not recorded)", "changed in reruns that were not recorded (paused)", diff.changed_while_paused, "ssd-paused-change"),
  );
  const empty = !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.mutated_in_place.length;
  return section("diff", "ssd-diff", title, open, empty ? h("div", { class: "ssd-note" }, "no changes") : groups);
}

/** A group that names keys already shown above (in added/removed/changed) with one more fact about them. */
function keyGroup(kind: string, head: string, note: string, keys: string[], keyClass: string): HTMLElement | null {
  if (!keys.length) return null;
  return h(
    "div",
    { class: `ssd-diff-group ssd-diff-${kind}`, "data-testid": `ssd-diff-${kind}` },
    h("div", { class: "ssd-diff-head" }, head),
    h("div", { class: "ssd-note" }, note),
    keys.map((k) => keyLink(k, `ssd-${kind}-key`, keyClass)),
  );
}

function group(kind: Kind, label: string, entries: DiffEntry[], mutated: Set<string>): HTMLElement | null {
  if (!entries.length) return null;
  return h(
    "div",
    { class: `ssd-diff-group ssd-diff-${kind}`, "data-testid": `ssd-diff-${kind}` },
    h("div", { class: "ssd-diff-head" }, `${label} (${entries.length})`),
    entries.map((e) => renderEntry(kind, e, mutated.has(e.key))),
  );
}

function renderEntry(kind: Kind, e: DiffEntry, mutated: boolean): HTMLElement {
  let value: Child[];
  if (kind === "added") value = [h("span", { class: "ssd-value ssd-after" }, e.after ?? "")];
  else if (kind === "removed") value = [h("span", { class: "ssd-value ssd-before" }, e.before ?? "")];
  else
    value = [
      h("span", { class: "ssd-value ssd-before" }, e.before ?? ""),
      h("span", { class: "ssd-arrow" }, " → "),
      h("span", { class: "ssd-value ssd-after" }, e.after ?? ""),
    ];
  return h(
    "div",
    { class: `ssd-diff-entry${mutated ? " ssd-mutated" : ""}`, "data-testid": "ssd-diff-entry" },
    h("div", { class: "ssd-diff-key" }, keyLink(e.key, "ssd-diff-key"), e.sampled ? h("span", { class: "ssd-note", title: "compared on a sample" }, " (sampled)") : null),
    h("div", { class: "ssd-diff-value" }, value),
    e.details.length
      ? h(
          "ul",
          { class: "ssd-diff-details" },
          e.details.map((d) => h("li", { class: "ssd-diff-detail", title: d.change || null }, detailText(d))),
        )
      : null,
  );
}

/** "path: old → new", or "+ new" / "− old" for items that appeared or vanished. */
export function detailText(d: DiffEntry["details"][number]): string {
  if (d.old === null && d.new !== null) return `${d.path}: + ${d.new}`;
  if (d.new === null && d.old !== null) return `${d.path}: − ${d.old}`;
  if (d.old === null && d.new === null) return `${d.path}: ${d.change}`;
  return `${d.path}: ${d.old} → ${d.new}`;
}
