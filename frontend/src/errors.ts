/** Render stage: KeyError origin (a missing key, where it was read, why, and its history). */
import { h, fileLineEl, section } from "./dom";
import type { ErrorView, RerunDetail } from "./types";

/** The section, or null when the rerun has no errors (it is then not shown at all). */
export function renderErrors(detail: RerunDetail, open: boolean): HTMLElement | null {
  if (!detail.errors.length) return null;
  return section(
    "errors",
    "ssd-errors",
    ["KeyError origin ", h("span", { class: "ssd-count" }, String(detail.errors.length))],
    open,
    detail.errors.map(renderError),
  );
}

/**
 * A key that filters the operations by itself when clicked, with a small "ops"
 * button beside it for the keyboard and assistive technology. The key is never
 * the name of a control (a user's `get_by_role("button", name="greet")` must not
 * find the panel): the button is named "ops" and described by the key (title);
 * the key itself is text that a mouse click also accepts.
 */
export function keyLink(key: string, testid: string, extraClass = ""): HTMLElement {
  return h(
    "span",
    { class: `ssd-keyref ${extraClass}`.trim() },
    h("span", { class: "ssd-key ssd-key-link", "data-action": "filter-key", "data-key": key, "data-testid": testid, title: "show this key's operations" }, key),
    h(
      "button",
      { type: "button", class: "ssd-key-ops", "data-action": "filter-key", "data-key": key, "data-testid": "ssd-key-ops", title: `show the operations on ${key}` },
      "ops",
    ),
  );
}

function renderError(err: ErrorView): HTMLElement {
  const where = fileLineEl(err.file, err.line);
  return h(
    "div",
    { class: "ssd-error", "data-testid": "ssd-error" },
    h("div", { class: "ssd-error-title" }, h("span", { class: "ssd-errtype" }, err.type || "KeyError"), " ", keyLink(err.key, "ssd-error-key")),
    err.message ? h("div", { class: "ssd-errmsg" }, err.message) : null,
    where ? h("div", { class: "ssd-where" }, "read at ", where) : null,
    err.explanation ? h("p", { class: "ssd-explain", "data-testid": "ssd-explanation" }, err.explanation) : null,
    err.suggestions.length
      ? h(
          "div",
          { class: "ssd-suggestions" },
          "did you mean ",
          err.suggestions.map((s) => keyLink(s, "ssd-suggestion", "ssd-chip")),
        )
      : null,
    err.history.length
      ? h(
          "ol",
          { class: "ssd-history", "aria-label": "history of the key" },
          err.history.map((x) =>
            h(
              "li",
              { class: `ssd-history-item ssd-op-${x.op}`, "data-testid": "ssd-history-item" },
              h("span", { class: "ssd-idx" }, `#${x.rerun}`),
              " ",
              h("span", { class: "ssd-opname" }, x.op),
              " ",
              h("span", { class: "ssd-src" }, x.source_text),
              " ",
              fileLineEl(x.file, x.line),
              x.reason !== null && !x.source_text.includes(x.reason)
                ? h("div", { class: "ssd-reason" }, x.reason)
                : x.value !== null
                  ? h("div", { class: "ssd-value" }, x.value)
                  : null,
            ),
          ),
        )
      : h("div", { class: "ssd-note" }, "no recorded history for this key"),
  );
}
