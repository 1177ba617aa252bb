/**
 * Render stage: what a full re-render must keep — the focused control (and a
 * text box's caret). The selected rerun is kept in view by layout.ts.
 *
 * Focusable controls carry a stable `data-focus` id. A render keeps the nodes that
 * did not change (morph.ts), but one that did (a different element, or the filtered
 * operations list, which is replaced whole) loses focus, so focus is found again by
 * that id.
 */

export type FocusMark = { id: string; start: number | null; end: number | null };

export function captureFocus(root: HTMLElement): FocusMark | null {
  const doc = root.getRootNode() as Document | ShadowRoot;
  const active = doc.activeElement as HTMLInputElement | null;
  const id = active && root.contains(active) ? active.getAttribute("data-focus") : null;
  if (!active || !id) return null;
  const text = active.tagName === "INPUT";
  return { id, start: text ? active.selectionStart : null, end: text ? active.selectionEnd : null };
}

export function restoreFocus(root: HTMLElement, f: FocusMark | null): void {
  if (!f) return;
  for (const el of root.querySelectorAll<HTMLInputElement>("[data-focus]")) {
    if (el.getAttribute("data-focus") !== f.id) continue;
    el.focus({ preventScroll: true });
    if (f.start !== null && f.end !== null) el.setSelectionRange?.(f.start, f.end);
    return;
  }
}
