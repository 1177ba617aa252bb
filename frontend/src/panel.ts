/**
 * Render stage: one panel per `parentElement`, its listeners bound once.
 *
 * Data flows one way: Python sends `PanelData`, the panel renders it; the only
 * way back is `setTriggerValue("request", ...)` (select a rerun without
 * details, export, and the live controls of controls.ts). UI state (selection,
 * filters, open sections) is persisted per session label so it survives
 * Streamlit's remounts, and that stored copy is the one truth: Streamlit can keep
 * the previous element on screen while the next one draws, so two `Panel`s of one
 * session may be live at once. Each reads the stored state before acting and
 * redraws the others after saving, so a click on either is what both show (a
 * private copy per instance let the new one re-pin a rerun the user had just
 * unpinned in the old one).
 */
import { renderSlowest } from "./callbacks";
import { breakRequest, renderRestoreBar, requestFor } from "./controls";
import { h } from "./dom";
import { downloadText } from "./download";
import { renderDiff } from "./diff";
import { renderErrors } from "./errors";
import { captureFocus, restoreFocus } from "./focus";
import { morphChildren } from "./morph";
import { answerWaitingTab, openWaitingTab, renderInspectorNote, type Outcome } from "./inspect";
import { TimelineFitter } from "./layout";
import { normalizeData } from "./normalize";
import { renderMissing, renderOps, renderOpsResults } from "./ops";
import { defaultUi, loadUi, saveUi, type UiState } from "./persist";
import { renderState } from "./state";
import { renderHeader, renderTimeline } from "./timeline";
import type { PanelData, RequestPayload } from "./types";
import { renderWatch } from "./watch";
import { receive } from "./wire";

export type TriggerFn = (name: "request", value: RequestPayload) => void;
export type Host = HTMLElement | ShadowRoot;

/** Every panel not yet disposed: siblings of one session redraw when one saves. */
const livePanels = new Set<Panel>();

export class Panel {
  readonly root: HTMLElement;
  private readonly created: boolean;
  private data: PanelData | null = null;
  private label: string | null = null;
  private ui: UiState = defaultUi();
  private trigger: TriggerFn = () => undefined;
  private readonly pending = new Set<number>();
  private readonly listeners: [string, EventListener, boolean][] = [];
  private readonly fitter: TimelineFitter;

  constructor(host: Host) {
    const existing = host.querySelector<HTMLElement>('[data-testid="ssd-panel"]');
    this.created = !existing;
    this.root = existing ?? h("div", { class: "ssd-panel", "data-testid": "ssd-panel" });
    // A root supplied by the component's html= gets the class too: every style is scoped to it.
    this.root.classList.add("ssd-panel");
    if (this.created) host.appendChild(this.root);
    this.listen("click", (e) => this.onClick(e));
    this.listen("keydown", (e) => this.onKeydown(e as KeyboardEvent));
    this.listen("input", (e) => this.onInput(e));
    this.listen("change", (e) => this.onChange(e));
    // `toggle` does not bubble: listen in the capture phase.
    this.listen("toggle", (e) => this.onToggle(e), true);
    this.fitter = new TimelineFitter(this.root);
    livePanels.add(this);
  }

  /** Called on every render of the component (new data, theme change). */
  update(rawData: unknown, trigger: TriggerFn): void {
    this.trigger = trigger;
    const got = receive(rawData);
    this.data = normalizeData(got.data);
    this.label = this.data?.session_label ?? "";
    this.reload();
    if (this.data) for (const d of this.data.details) this.pending.delete(d.index);
    this.followRestore();
    this.answerInspect();
    this.render();
    this.maybeDownload();
    // A payload that did not fit what the panel holds: one full snapshot, asked once.
    if (got.askFull) trigger("request", { sync: true });
  }

  dispose(): void {
    livePanels.delete(this);
    for (const [type, fn, capture] of this.listeners) this.root.removeEventListener(type, fn, capture);
    this.listeners.length = 0;
    this.fitter.dispose();
    if (this.created) this.root.remove();
  }

  /** The rerun shown: the remembered one if still in the timeline, else the latest. */
  selectedIndex(): number | null {
    const tl = this.data?.timeline ?? [];
    const last = tl[tl.length - 1];
    if (!last) return null;
    if (this.ui.selected !== null && tl.some((r) => r.index === this.ui.selected)) return this.ui.selected;
    this.ui.selected = null;
    return last.index;
  }

  /** The user pinned an older rerun (shown with a "follow latest" button); false = following the latest. */
  pinned(): boolean {
    const tl = this.data?.timeline ?? [];
    return this.ui.selected !== null && this.selectedIndex() !== tl[tl.length - 1]?.index;
  }

  /**
   * A restore rerun that arrived since the last render is where the user asked
   * to go: follow the latest again (the pinned rerun was only the restore's source).
   */
  private followRestore(): void {
    const tl = this.data?.timeline ?? [];
    const latest = tl[tl.length - 1]?.index;
    if (latest === undefined) return;
    const seen = this.ui.seen;
    if (seen !== null && latest > seen && tl.some((r) => r.index > seen && r.trigger_kind === "restore")) this.ui.selected = null;
    if (seen === latest) return;
    this.ui.seen = latest;
    this.save(false);
  }

  private listen(type: string, fn: EventListener, capture = false): void {
    this.root.addEventListener(type, fn, capture);
    this.listeners.push([type, fn, capture]);
  }

  /** The session's stored UI state (another live panel of the session may have changed it). */
  private reload(): void {
    if (this.label === null) return;
    this.ui = loadUi(this.label, this.data?.vocab ?? { ops: [], sources: [] });
  }

  /**
   * Store the UI state and, after a user's choice (`share`), redraw the session's
   * other live panels from it. Bookkeeping (sections opening as they are drawn,
   * the rerun seen, a download) redraws nothing: a redraw re-creates the other
   * panel's timeline box, which must not move under a cursor about to click it.
   */
  private save(share = true): void {
    saveUi(this.label ?? "", this.ui);
    if (!share) return;
    for (const other of livePanels) {
      if (other !== this && other.label === this.label && other.data && other.root.isConnected) {
        other.reload();
        other.render();
      }
    }
  }

  private isOpen(id: string, dflt = true): boolean {
    return this.ui.open[`sec:${id}`] ?? dflt;
  }

  render(): void {
    const focus = captureFocus(this.root);
    const parts: Node[] = [renderHeader(this.data)];
    const data = this.data;
    const inspector = data ? renderInspectorNote(data, (this.ui.inspectOutcome || null) as Outcome | null) : null;
    if (inspector) parts.push(inspector);
    const index = this.selectedIndex();
    if (!data || index === null) {
      parts.push(h("div", { class: "ssd-note ssd-waiting", "data-testid": "ssd-waiting" }, "waiting for the first rerun"));
    } else {
      const detail = data.details.find((d) => d.index === index) ?? null;
      const errors = detail ? renderErrors(detail, this.isOpen("errors")) : null;
      if (errors) parts.push(errors);
      const inTimeline = new Set(data.timeline.map((r) => r.index));
      const live = data.mode === "live";
      const watch = data.watch ?? [];
      parts.push(renderTimeline(data, index, this.isOpen("timeline"), this.pinned()));
      const restore = renderRestoreBar(data, index);
      if (restore) parts.push(restore);
      const slowest = renderSlowest(data.slowest_callbacks, inTimeline, this.isOpen("slowest", false));
      if (slowest) parts.push(slowest);
      parts.push(renderOps(detail, index, this.ui, this.isOpen("ops"), this.pending.has(index), data.vocab));
      parts.push(renderDiff(detail, index, this.isOpen("diff")));
      const watched = renderWatch(
        { watch, live, placeholder: data.redacted_placeholder, inTimeline, breakSources: data.vocab.break_sources, breakActions: data.break_actions ?? [] },
        this.isOpen("watch"),
      );
      if (watched) parts.push(watched);
      const viewerState = live ? undefined : detail?.state;
      parts.push(
        renderState(
          {
            entries: viewerState ?? data.state,
            title: viewerState ? `State after #${index}` : "State",
            placeholder: data.redacted_placeholder,
            open: this.ui.open,
            watched: live ? new Set(watch.map((w) => w.key)) : null,
          },
          this.isOpen("state"),
        ),
      );
    }
    // Only what differs from the tree on screen changes (morph.ts): a rerun adds a row,
    // it does not make the browser style and lay out the whole panel again.
    const changed = morphChildren(this.root, parts);
    restoreFocus(this.root, focus);
    // Fitted now and again whenever the list's layout changes (layout.ts: Streamlit's
    // stylesheet arriving late, the element attached or moved, the sidebar dragged).
    if (changed) this.fitter.fit();
  }

  private renderOpsOnly(): void {
    const index = this.selectedIndex();
    const detail = this.data?.details.find((d) => d.index === index);
    const old = this.root.querySelector('[data-testid="ssd-ops-results"]');
    if (detail && old) old.replaceWith(renderOpsResults(detail, this.ui));
    else this.render();
  }

  private select(index: number): void {
    const tl = this.data?.timeline ?? [];
    const latest = tl[tl.length - 1]?.index;
    this.ui.selected = index === latest ? null : index;
    this.save();
    if (!this.data?.details.some((d) => d.index === index)) this.request(index);
    this.render();
  }

  /** Stop pinning: show the latest rerun now and every new one as it arrives. */
  private follow(render: boolean): void {
    this.ui.selected = null;
    this.save();
    if (render) this.render();
  }

  private request(index: number): void {
    this.pending.add(index);
    this.trigger("request", { rerun: index });
  }

  private filterKey(key: string): void {
    this.ui.key = key;
    this.ui.search = "";
    this.ui.open["sec:ops"] = true;
    this.save();
    this.render();
    const ops = this.root.querySelector<HTMLElement>('[data-testid="ssd-ops"]');
    ops?.scrollIntoView?.({ block: "nearest" });
  }

  private maybeDownload(): void {
    const exp = this.data?.export;
    if (!exp || this.ui.downloaded.includes(exp.filename)) return;
    // Remember first, so a failing or repeated render cannot download twice.
    this.ui.downloaded.push(exp.filename);
    this.save(false);
    downloadText(exp.filename, exp.content);
  }

  /** "Open in a tab": the tab opens inside the click (popup blockers), the URL follows. */
  private inspect(): void {
    openWaitingTab();
    this.ui.inspectAsked += 1;
    this.save(false);
    this.trigger("request", { inspect: true });
  }

  /** A payload answering an unanswered click: act on it once (remembered first, like a download). */
  private answerInspect(): void {
    const status = this.data?.inspector;
    if (!status || this.ui.inspectHandled >= this.ui.inspectAsked) return;
    this.ui.inspectHandled = this.ui.inspectAsked;
    this.ui.inspectOutcome = "";
    this.save(false);
    this.ui.inspectOutcome = answerWaitingTab(status);
    this.save(false);
  }

  private onClick(e: Event): void {
    const target = (e.target as Element | null)?.closest?.("[data-action]");
    if (!target || !this.root.contains(target)) return;
    this.reload();
    this.act(target as HTMLElement);
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key !== "Enter" && e.key !== " ") return;
    const target = e.target as HTMLElement | null;
    // Native buttons already turn Enter/Space into clicks.
    if (!target || target.tagName === "BUTTON" || !target.hasAttribute("data-action")) return;
    e.preventDefault();
    this.reload();
    this.act(target);
  }

  private act(el: HTMLElement): void {
    if (el.getAttribute("data-action") === "inspect") {
      this.inspect();
      return;
    }
    const request = requestFor(el);
    if (request) {
      // After a restore the panel follows the latest rerun: the restore's own row.
      if ("restore" in request) this.follow(false);
      this.trigger("request", request);
      return;
    }
    const action = el.getAttribute("data-action");
    const index = Number(el.getAttribute("data-index") ?? NaN);
    if (action === "select" && Number.isFinite(index)) this.select(index);
    else if (action === "follow") this.follow(true);
    else if (action === "load" && Number.isFinite(index)) {
      this.request(index);
      this.render();
    } else if (action === "filter-key") this.filterKey(el.getAttribute("data-key") ?? "");
    else if (action === "clear-filters") {
      Object.assign(this.ui, { search: "", key: "", op: "", source: "" });
      this.save();
      this.render();
    }
  }

  private onInput(e: Event): void {
    const t = e.target as HTMLInputElement | null;
    if (t?.getAttribute("data-testid") !== "ssd-search") return;
    this.reload();
    this.ui.search = t.value;
    this.save();
    this.renderOpsOnly();
  }

  private onChange(e: Event): void {
    const t = e.target as HTMLSelectElement | null;
    const brk = t && this.root.contains(t) ? breakRequest(t) : null;
    if (brk) {
      this.trigger("request", brk);
      return;
    }
    const name = t?.getAttribute("data-filter");
    if (!t || !name) return;
    this.reload();
    if (name === "key") this.ui.key = t.value;
    else if (name === "op") this.ui.op = t.value;
    else if (name === "source") this.ui.source = t.value;
    else return;
    this.save();
    this.renderOpsOnly();
  }

  private onToggle(e: Event): void {
    const t = e.target as HTMLDetailsElement | null;
    const id = t?.getAttribute?.("data-open-id");
    // A toggle queued by a drawing since replaced (or a panel Streamlit removed) is no user's choice.
    if (!t || !id || !this.root.contains(t) || !t.isConnected) return;
    this.reload();
    if (this.ui.open[id] === t.open) return;
    this.ui.open[id] = t.open;
    this.save(false);
    if (id === "sec:timeline" && t.open) this.fitter.fit();
  }
}
