/**
 * Render stage: put a freshly drawn tree on screen by changing only the nodes that differ.
 *
 * The panel draws its whole tree from the data on every update (one truth, simple
 * code). Putting that tree on screen by replacing the old one made the browser
 * style, lay out and paint the whole panel after every rerun, and made the
 * timeline's fitter observe a new list and new rows each time (the README's "The
 * panel in the browser" has the figures). Between two reruns most of the tree is
 * equal (the timeline gains a row, a few counts change), so the old nodes stay and
 * only what differs is changed, moved or added.
 *
 * The rules, and why:
 * - A child with a `data-focus` id (timeline rows, buttons, inputs) or a
 *   `data-open-id` (sections, expandable values) is matched by that id, so a row
 *   added at the end or dropped at the front moves no other row, and a section that
 *   appears (the slowest callbacks, the errors) is not drawn over the one after it;
 *   other children are matched by position.
 * - An element is reused only for the same tag; its attributes become the new
 *   ones, except `style`, which only layout.ts sets (the timeline's fitted height).
 * - A form control's live `value` is copied from the new tree: `isEqualNode`
 *   compares attributes, and a render sets a box's or menu's value as a property.
 * - Nothing here reads a string as markup: nodes are moved, and text is copied as
 *   text (`CharacterData.data`).
 */

/** A child's identity across renders, when it has one: a control's focus id or a section's open-state id. */
function keyOf(node: Node): string | null {
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  return el.getAttribute("data-focus") ?? el.getAttribute("data-open-id");
}

const CONTROLS = "input, select, textarea";

/** Set when anything on screen changed (the caller refits the timeline only then). */
type Changes = { any: boolean };

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function isControl(node: Element): node is Control {
  return node.tagName === "INPUT" || node.tagName === "SELECT" || node.tagName === "TEXTAREA";
}

/** Copy each control's live value from `next` to its twin in `old` (two trees of equal shape, as isEqualNode found). */
function syncValues(old: Element, next: Element, changes: Changes): void {
  syncValue(old, next, changes);
  const olds = old.querySelectorAll<Control>(CONTROLS);
  if (!olds.length) return;
  const nexts = next.querySelectorAll<Control>(CONTROLS);
  olds.forEach((el, i) => {
    const twin = nexts[i];
    if (twin) syncValue(el, twin, changes);
  });
}

function syncValue(old: Element, next: Element, changes: Changes): void {
  if (isControl(old) && isControl(next) && old.value !== next.value) {
    old.value = next.value;
    changes.any = true;
  }
}

function syncAttributes(old: Element, next: Element, changes: Changes): void {
  for (const name of old.getAttributeNames()) {
    if (name !== "style" && !next.hasAttribute(name)) {
      old.removeAttribute(name);
      changes.any = true;
    }
  }
  for (const name of next.getAttributeNames()) {
    if (name === "style") continue;
    const value = next.getAttribute(name) as string;
    if (old.getAttribute(name) !== value) {
      old.setAttribute(name, value);
      changes.any = true;
    }
  }
}

/**
 * Make `old` show what `next` shows, if it can be reused (same node type and tag):
 * returns whether it was reused, and marks `changes.any` when anything moved or changed.
 */
function morphNode(old: Node, next: Node, changes: Changes): boolean {
  if (old.nodeType !== next.nodeType) return false;
  if (old.nodeType !== Node.ELEMENT_NODE) {
    const o = old as CharacterData;
    const n = next as CharacterData;
    if (o.data !== n.data) {
      o.data = n.data;
      changes.any = true;
    }
    return true;
  }
  const o = old as Element;
  const n = next as Element;
  if (o.tagName !== n.tagName) return false;
  if (o.isEqualNode(n)) {
    syncValues(o, n, changes);
    return true;
  }
  // Unequal on layout.ts's `style` alone changes nothing here: the walk finds no difference.
  syncAttributes(o, n, changes);
  patch(o, [...n.childNodes], changes); // moves some of n's children into o: the trees differ after
  syncValue(o, n, changes); // a menu's value after its options
  return true;
}

function patch(parent: Node, next: readonly Node[], changes: Changes): void {
  const keyed = new Map<string, Node>();
  for (const child of parent.childNodes) {
    const key = keyOf(child);
    if (key !== null && !keyed.has(key)) keyed.set(key, child);
  }
  let cursor: Node | null = parent.firstChild;
  for (const node of next) {
    const key = keyOf(node);
    let candidate: Node | null = null;
    if (key !== null) {
      candidate = keyed.get(key) ?? null;
      keyed.delete(key);
    } else if (cursor && keyOf(cursor) === null) {
      candidate = cursor;
    }
    const chosen = candidate && morphNode(candidate, node, changes) ? candidate : node;
    if (chosen === cursor) {
      cursor = cursor.nextSibling;
    } else {
      parent.insertBefore(chosen, cursor);
      changes.any = true;
    }
  }
  while (cursor) {
    const gone = cursor;
    cursor = cursor.nextSibling;
    parent.removeChild(gone);
    changes.any = true;
  }
}

/**
 * Make `parent`'s children look exactly like `next` (nodes of a freshly drawn tree,
 * not attached anywhere), reusing every old node that can be. Returns whether
 * anything on screen changed. Nodes of `next` that were not needed are left detached.
 */
export function morphChildren(parent: Node, next: readonly Node[]): boolean {
  const changes: Changes = { any: false };
  patch(parent, next, changes);
  return changes.any;
}
