// src/dom.ts
function e(e, n = {}, ...r) {
	let i = document.createElement(e);
	for (let [e, t] of Object.entries(n)) t != null && t !== !1 && i.setAttribute(e, t === !0 ? "" : String(t));
	return t(i, r), i;
}
function t(e, t) {
	for (let n of t.flat()) n != null && n !== !1 && e.appendChild(typeof n == "object" ? n : document.createTextNode(String(n)));
}
function n(e, t) {
	if (!e) return "";
	let n = e.split(/[\\/]/).pop() || e;
	return t == null ? n : `${n}:${t}`;
}
function r(t, r) {
	let i = n(t, r);
	return i ? e("span", {
		class: "ssd-loc",
		title: r == null ? t : `${t}:${r}`
	}, i) : null;
}
function i(e) {
	return !Number.isFinite(e) || e < 0 ? "" : e < 1 ? "<1 ms" : e < 1e3 ? `${Math.round(e)} ms` : `${(e / 1e3).toFixed(1)} s`;
}
function a(n, r, i, a, ...o) {
	let s = e("details", {
		class: `ssd-section ssd-section-${n}`,
		"data-testid": r,
		"data-open-id": `sec:${n}`,
		open: a
	}, e("summary", { class: "ssd-section-title" }, ...i));
	return t(s, o), s;
}
// src/callbacks.ts
function o(e, t) {
	let n = e.endsWith(")") ? e : `${e}()`;
	return t ? `${n} · widget ${t}` : n;
}
function s(t) {
	return (t ?? []).map((t) => {
		let n = o(t.name, t.widget), r = t.ms === null ? "" : i(t.ms);
		return e("span", {
			class: "ssd-callback",
			"data-testid": "ssd-callback",
			title: r ? `${n} ${r}` : n
		}, e("span", { class: "ssd-cb-name" }, n), r ? " " : null, r ? e("span", { class: "ssd-cb-ms" }, r) : null);
	});
}
function c(t, n, r) {
	return t?.length ? a("slowest", "ssd-slowest", ["Slowest callbacks ", e("span", { class: "ssd-count" }, String(t.length))], r, e("div", { class: "ssd-slowest-list" }, t.map((e) => l(e, n.has(e.rerun))))) : null;
}
function l(t, n) {
	return e("div", {
		class: "ssd-slowest-row",
		"data-testid": "ssd-slowest-row"
	}, `${o(t.name, t.widget)} — ${i(t.ms)} in `, n ? e("button", {
		type: "button",
		class: "ssd-link ssd-slowest-open",
		"data-testid": "ssd-slowest-open",
		"data-action": "select",
		"data-index": t.rerun,
		title: `show rerun #${t.rerun} (${o(t.name, t.widget)}, ${i(t.ms)})`
	}, `#${t.rerun}`) : e("span", {
		class: "ssd-gone",
		title: "this rerun is no longer in the timeline"
	}, `#${t.rerun}`));
}
function u(t) {
	if (!t) return [];
	let n = t.paused === !0, r = [];
	return n && r.push(e("span", {
		class: "ssd-badge ssd-paused",
		"data-testid": "ssd-paused",
		title: "reruns are not being recorded"
	}, "paused")), t.mode === "live" && r.push(e("button", {
		type: "button",
		class: "ssd-button",
		"data-testid": "ssd-pause",
		"data-action": n ? "resume" : "pause",
		"data-focus": "pause",
		title: n ? "Record reruns again" : "Stop recording reruns until resumed"
	}, n ? "Resume" : "Pause")), r;
}
function d(t, n) {
	let r = t.timeline.find((e) => e.index === n);
	return t.mode !== "live" || r?.restorable !== !0 ? null : e("div", {
		class: "ssd-restore-bar",
		"data-testid": "ssd-restore-bar"
	}, e("button", {
		type: "button",
		class: "ssd-button ssd-restore",
		"data-testid": "ssd-restore",
		"data-action": "restore",
		"data-index": n,
		"data-focus": "restore"
	}, `Restore state after #${n}`), e("span", {
		class: "ssd-note ssd-restore-note",
		"data-testid": "ssd-restore-note"
	}, t.restore_note || "Side effects outside session state are not undone."));
}
function f(e) {
	let t = e.getAttribute("data-action"), n = e.getAttribute("data-key"), r = e.getAttribute("data-index"), i = r === null || r === "" ? NaN : Number(r);
	switch (t) {
		case "export": return { export: !0 };
		case "pause": return { pause: !0 };
		case "resume": return { resume: !0 };
		case "watch":
		case "unwatch": return n === null ? null : { watch: {
			key: n,
			on: t === "watch"
		} };
		case "restore": return Number.isInteger(i) ? { restore: i } : null;
		default: return null;
	}
}
function p(e) {
	let t = e.getAttribute("data-testid");
	if (e.tagName !== "SELECT" || t !== "ssd-break" && t !== "ssd-break-action") return null;
	let n = e.getAttribute("data-key"), r = e.value;
	if (n === null) return null;
	let i = Array.from(e.options, (e) => e.value);
	if (t === "ssd-break-action") {
		let t = e.getAttribute("data-source") ?? "off";
		return t === "off" ? null : { break_on: {
			key: n,
			source: t,
			action: i.includes(r) ? r : "raise"
		} };
	}
	let a = i.includes(r) ? r : "off", o = e.getAttribute("data-break-action");
	return { break_on: a !== "off" && o && o !== "raise" ? {
		key: n,
		source: a,
		action: o
	} : {
		key: n,
		source: a
	} };
}
function ee(e, t, n = "application/x-ndjson") {
	if (typeof URL > "u" || typeof URL.createObjectURL != "function") return !1;
	let r = URL.createObjectURL(new Blob([t], { type: n })), i = document.createElement("a");
	return i.href = r, i.download = e, i.rel = "noopener", i.style.display = "none", document.body.appendChild(i), i.click(), i.remove(), setTimeout(() => URL.revokeObjectURL(r), 1e4), !0;
}
// src/errors.ts
function te(t, n) {
	return t.errors.length ? a("errors", "ssd-errors", ["KeyError origin ", e("span", { class: "ssd-count" }, String(t.errors.length))], n, t.errors.map(ne)) : null;
}
function m(t, n, r = "") {
	return e("span", { class: `ssd-keyref ${r}`.trim() }, e("span", {
		class: "ssd-key ssd-key-link",
		"data-action": "filter-key",
		"data-key": t,
		"data-testid": n,
		title: "show this key's operations"
	}, t), e("button", {
		type: "button",
		class: "ssd-key-ops",
		"data-action": "filter-key",
		"data-key": t,
		"data-testid": "ssd-key-ops",
		title: `show the operations on ${t}`
	}, "ops"));
}
function ne(t) {
	let n = r(t.file, t.line);
	return e("div", {
		class: "ssd-error",
		"data-testid": "ssd-error"
	}, e("div", { class: "ssd-error-title" }, e("span", { class: "ssd-errtype" }, t.type || "KeyError"), " ", m(t.key, "ssd-error-key")), t.message ? e("div", { class: "ssd-errmsg" }, t.message) : null, n ? e("div", { class: "ssd-where" }, "read at ", n) : null, t.explanation ? e("p", {
		class: "ssd-explain",
		"data-testid": "ssd-explanation"
	}, t.explanation) : null, t.suggestions.length ? e("div", { class: "ssd-suggestions" }, "did you mean ", t.suggestions.map((e) => m(e, "ssd-suggestion", "ssd-chip"))) : null, t.history.length ? e("ol", {
		class: "ssd-history",
		"aria-label": "history of the key"
	}, t.history.map((t) => e("li", {
		class: `ssd-history-item ssd-op-${t.op}`,
		"data-testid": "ssd-history-item"
	}, e("span", { class: "ssd-idx" }, `#${t.rerun}`), " ", e("span", { class: "ssd-opname" }, t.op), " ", e("span", { class: "ssd-src" }, t.source_text), " ", r(t.file, t.line), t.reason !== null && !t.source_text.includes(t.reason) ? e("div", { class: "ssd-reason" }, t.reason) : t.value === null ? null : e("div", { class: "ssd-value" }, t.value)))) : e("div", { class: "ssd-note" }, "no recorded history for this key"));
}
// src/diff.ts
function re(t, n, r) {
	let i = [`Diff #${n}`];
	if (!t) return a("diff", "ssd-diff", i, r, e("div", { class: "ssd-note" }, "not loaded"));
	let { diff: o } = t, s = new Set(o.mutated_in_place), c = [
		g("added", "added", o.added, s),
		g("removed", "removed", o.removed, s),
		g("changed", "changed", o.changed, s)
	];
	return c.push(h("mutated", "mutated in place", "changed without assignment (e.g. list.append)", o.mutated_in_place, "ssd-mutated"), h("paused", "changed while paused (not recorded)", "changed in reruns that were not recorded (paused)", o.changed_while_paused, "ssd-paused-change")), a("diff", "ssd-diff", i, r, !o.added.length && !o.removed.length && !o.changed.length && !o.mutated_in_place.length ? e("div", { class: "ssd-note" }, "no changes") : c);
}
function h(t, n, r, i, a) {
	return i.length ? e("div", {
		class: `ssd-diff-group ssd-diff-${t}`,
		"data-testid": `ssd-diff-${t}`
	}, e("div", { class: "ssd-diff-head" }, n), e("div", { class: "ssd-note" }, r), i.map((e) => m(e, `ssd-${t}-key`, a))) : null;
}
function g(t, n, r, i) {
	return r.length ? e("div", {
		class: `ssd-diff-group ssd-diff-${t}`,
		"data-testid": `ssd-diff-${t}`
	}, e("div", { class: "ssd-diff-head" }, `${n} (${r.length})`), r.map((e) => ie(t, e, i.has(e.key)))) : null;
}
function ie(t, n, r) {
	let i;
	return i = t === "added" ? [e("span", { class: "ssd-value ssd-after" }, n.after ?? "")] : t === "removed" ? [e("span", { class: "ssd-value ssd-before" }, n.before ?? "")] : [
		e("span", { class: "ssd-value ssd-before" }, n.before ?? ""),
		e("span", { class: "ssd-arrow" }, " → "),
		e("span", { class: "ssd-value ssd-after" }, n.after ?? "")
	], e("div", {
		class: `ssd-diff-entry${r ? " ssd-mutated" : ""}`,
		"data-testid": "ssd-diff-entry"
	}, e("div", { class: "ssd-diff-key" }, m(n.key, "ssd-diff-key"), n.sampled ? e("span", {
		class: "ssd-note",
		title: "compared on a sample"
	}, " (sampled)") : null), e("div", { class: "ssd-diff-value" }, i), n.details.length ? e("ul", { class: "ssd-diff-details" }, n.details.map((t) => e("li", {
		class: "ssd-diff-detail",
		title: t.change || null
	}, ae(t)))) : null);
}
function ae(e) {
	return e.old === null && e.new !== null ? `${e.path}: + ${e.new}` : e.new === null && e.old !== null ? `${e.path}: − ${e.old}` : e.old === null && e.new === null ? `${e.path}: ${e.change}` : `${e.path}: ${e.old} → ${e.new}`;
}
// src/focus.ts
function oe(e) {
	let t = e.getRootNode().activeElement, n = t && e.contains(t) ? t.getAttribute("data-focus") : null;
	if (!t || !n) return null;
	let r = t.tagName === "INPUT";
	return {
		id: n,
		start: r ? t.selectionStart : null,
		end: r ? t.selectionEnd : null
	};
}
function se(e, t) {
	if (t) {
		for (let n of e.querySelectorAll("[data-focus]")) if (n.getAttribute("data-focus") === t.id) {
			n.focus({ preventScroll: !0 }), t.start !== null && t.end !== null && n.setSelectionRange?.(t.start, t.end);
			return;
		}
	}
}
// src/morph.ts
function _(e) {
	if (e.nodeType !== Node.ELEMENT_NODE) return null;
	let t = e;
	return t.getAttribute("data-focus") ?? t.getAttribute("data-open-id");
}
var v = "input, select, textarea";
function y(e) {
	return e.tagName === "INPUT" || e.tagName === "SELECT" || e.tagName === "TEXTAREA";
}
function ce(e, t, n) {
	b(e, t, n);
	let r = e.querySelectorAll(v);
	if (!r.length) return;
	let i = t.querySelectorAll(v);
	r.forEach((e, t) => {
		let r = i[t];
		r && b(e, r, n);
	});
}
function b(e, t, n) {
	y(e) && y(t) && e.value !== t.value && (e.value = t.value, n.any = !0);
}
function le(e, t, n) {
	for (let r of e.getAttributeNames()) r !== "style" && !t.hasAttribute(r) && (e.removeAttribute(r), n.any = !0);
	for (let r of t.getAttributeNames()) {
		if (r === "style") continue;
		let i = t.getAttribute(r);
		e.getAttribute(r) !== i && (e.setAttribute(r, i), n.any = !0);
	}
}
function ue(e, t, n) {
	if (e.nodeType !== t.nodeType) return !1;
	if (e.nodeType !== Node.ELEMENT_NODE) {
		let r = e, i = t;
		return r.data !== i.data && (r.data = i.data, n.any = !0), !0;
	}
	let r = e, i = t;
	return r.tagName === i.tagName ? r.isEqualNode(i) ? (ce(r, i, n), !0) : (le(r, i, n), x(r, [...i.childNodes], n), b(r, i, n), !0) : !1;
}
function x(e, t, n) {
	let r = /* @__PURE__ */ new Map();
	for (let t of e.childNodes) {
		let e = _(t);
		e !== null && !r.has(e) && r.set(e, t);
	}
	let i = e.firstChild;
	for (let a of t) {
		let t = _(a), o = null;
		t === null ? i && _(i) === null && (o = i) : (o = r.get(t) ?? null, r.delete(t));
		let s = o && ue(o, a, n) ? o : a;
		s === i ? i = i.nextSibling : (e.insertBefore(s, i), n.any = !0);
	}
	for (; i;) {
		let t = i;
		i = i.nextSibling, e.removeChild(t), n.any = !0;
	}
}
function de(e, t) {
	let n = { any: !1 };
	return x(e, t, n), n.any;
}
// src/inspect.ts
var fe = /^http:\/\/127\.0\.0\.1:\d{1,5}\/$/;
function S(e) {
	return typeof e == "string" && fe.test(e);
}
var C;
function pe() {
	let e = null;
	try {
		e = window.open("", "_blank");
	} catch {
		e = null;
	}
	if (e) try {
		e.opener = null, e.document.title = "st_state_debugger inspector", e.document.body.textContent = "starting the inspector…";
	} catch {}
	return C = e, e;
}
function me(e) {
	let t = C;
	C = void 0;
	let n = t && !t.closed ? t : null;
	if (e.url !== null && S(e.url)) return n ? (n.location.href = e.url, "opened") : "blocked";
	let r = e.error ?? `not opened: ${e.url ?? "no address"} is not a local inspector address`;
	if (n) try {
		n.document.body.textContent = r;
	} catch {
		n.close();
	}
	return e.error === null ? "refused" : "error";
}
function he(t, n) {
	let r = t.inspector;
	if (!r) return null;
	let i;
	return i = r.error === null ? S(r.url) ? n === "blocked" ? `the browser blocked the new tab: open the inspector at ${r.url}` : `inspector: ${r.url}` : `inspector not opened: ${r.url ?? ""} is not a local inspector address` : r.error, e("div", {
		class: "ssd-note ssd-inspector",
		"data-testid": "ssd-inspector",
		role: "status"
	}, i);
}
function w(e) {
	let t = e.querySelector(".ssd-timeline-list");
	if (!t) return;
	let n = [...t.children], r = ge(t, n), i = r?.[0], a = r?.[r.length - 1];
	if (!r || !i || !a || a.bottom - i.top <= 240) {
		T(t, "");
		return;
	}
	let [o, s] = _e(r, Math.max(0, n.findIndex((e) => e.classList.contains("ssd-selected"))), 240);
	T(t, `${r[s].bottom - r[o].top}px`);
	let c = r[o].top - i.top;
	t.scrollTop !== c && (t.scrollTop = c);
}
function T(e, t) {
	e.style.maxHeight !== t && (e.style.maxHeight = t);
}
function ge(e, t) {
	if (!t.length || !e.isConnected || e.clientWidth === 0) return null;
	let n = e.getBoundingClientRect().top - e.scrollTop, r = t.map((e) => {
		let t = e.getBoundingClientRect();
		return {
			top: t.top - n,
			bottom: t.bottom - n
		};
	});
	return r.some((e) => e.bottom > e.top) ? r : null;
}
function _e(e, t, n) {
	let r = (t, n) => e[n].bottom - e[t].top, i = e.length - 1, a = i, o = a;
	for (; o > 0 && r(o - 1, a) <= n;) o--;
	if (t >= o) return [o, a];
	for (o = a = t; a < i && r(o, a + 1) <= n;) a++;
	for (; o > 0 && r(o - 1, a) <= n;) o--;
	return [o, a];
}
var ve = class {
	root;
	observer;
	observed = [];
	frame = 0;
	width = -1;
	constructor(e) {
		this.root = e, this.observer = typeof ResizeObserver > "u" ? null : new ResizeObserver((e) => this.onResize(e)), this.observer?.observe(e);
	}
	fit() {
		if (w(this.root), !this.observer) {
			this.schedule();
			return;
		}
		let e = this.root.querySelector(".ssd-timeline-list"), t = e ? [e, ...e.children] : [];
		if (!(t.length === this.observed.length && t.every((e, t) => e === this.observed[t]))) {
			for (let e of this.observed) this.observer.unobserve(e);
			for (let e of t) this.observer.observe(e);
			this.observed = t;
		}
	}
	dispose() {
		this.observer?.disconnect(), this.observed = [], this.frame && typeof cancelAnimationFrame == "function" && cancelAnimationFrame(this.frame), this.frame = 0;
	}
	onResize(e) {
		let t = !1;
		for (let n of e) n.target === this.root ? this.root.clientWidth !== this.width && (this.width = this.root.clientWidth, t = !0) : t = !0;
		t && this.schedule();
	}
	schedule() {
		this.frame || typeof requestAnimationFrame != "function" || (this.frame = requestAnimationFrame(() => {
			this.frame = 0, w(this.root);
		}));
	}
}, E = (e) => typeof e == "object" && !!e && !Array.isArray(e), D = (e) => Array.isArray(e) ? e : [], O = (e) => D(e).filter(E), k = (e, t = 0) => typeof e == "number" && Number.isFinite(e) ? e : t, A = (e, t = "") => typeof e == "string" ? e : e == null ? t : String(e), j = (e) => e == null ? null : A(e), M = (e) => typeof e == "number" && Number.isFinite(e) ? e : null, N = [
	"added",
	"changed",
	"removed",
	"mutated"
], P = 5;
function F(e) {
	if (!E(e)) return null;
	let t = be(e.vocab), n = O(e.timeline).map((e) => xe(e, t)), r = E(e.export) ? e.export : null;
	return {
		version: 1,
		mode: e.mode === "viewer" ? "viewer" : "live",
		session_label: A(e.session_label),
		overflow: e.overflow === !0,
		total_reruns: k(e.total_reruns, n.length),
		timeline: n,
		details: O(e.details).map(we),
		state: I(e.state),
		export: r && typeof r.filename == "string" && r.filename && typeof r.content == "string" ? {
			filename: r.filename,
			content: r.content
		} : null,
		redacted_placeholder: A(e.redacted_placeholder, "‹redacted›") || "‹redacted›",
		notices: Array.isArray(e.notices) ? e.notices.filter((e) => typeof e == "string") : [],
		paused: e.paused === !0,
		watch: Se(e.watch, t),
		slowest_callbacks: Ce(e.slowest_callbacks),
		restore_note: typeof e.restore_note == "string" ? e.restore_note : "",
		break_actions: Array.isArray(e.break_actions) ? e.break_actions.filter((e) => typeof e == "string" && e !== "") : [],
		vocab: t,
		inspector: ye(e.inspector)
	};
}
function ye(e) {
	if (!E(e)) return null;
	let t = typeof e.url == "string" && e.url !== "" ? e.url : null, n = typeof e.error == "string" && e.error !== "" ? e.error : null;
	return t === null && n === null ? null : {
		url: t,
		error: n
	};
}
function be(e) {
	let t = E(e) ? e : {}, n = (e) => D(e).filter((e) => typeof e == "string" && e !== "");
	return {
		ops: n(t.ops),
		sources: n(t.sources),
		trigger_kinds: n(t.trigger_kinds),
		statuses: n(t.statuses),
		break_sources: n(t.break_sources)
	};
}
function xe(e, t) {
	let n = A(e.status, "ok");
	return {
		index: k(e.index),
		trigger_text: A(e.trigger_text),
		trigger_kind: A(e.trigger_kind),
		status: t.statuses.includes(n) ? n : "ok",
		duration_ms: k(e.duration_ms),
		reads: k(e.reads),
		writes: k(e.writes),
		deletes: k(e.deletes),
		has_errors: e.has_errors === !0,
		has_mutations: e.has_mutations === !0,
		internal: e.internal === !0,
		callbacks: O(e.callbacks).filter((e) => typeof e.name == "string" && e.name !== "").map((e) => ({
			name: A(e.name),
			widget: j(e.widget),
			ms: M(e.ms)
		})),
		restorable: e.restorable === !0
	};
}
function Se(e, t) {
	let n = /* @__PURE__ */ new Set(), r = [];
	for (let i of O(e)) {
		if (typeof i.key != "string" || n.has(i.key)) continue;
		n.add(i.key);
		let e = t.break_sources.find((e) => e === i.break_on) ?? null, a = O(i.rows).filter((e) => M(e.rerun) !== null && typeof e.change == "string" && N.includes(e.change)).map((e) => ({
			rerun: k(e.rerun),
			change: e.change,
			value: j(e.value),
			source_text: A(e.source_text),
			file: j(e.file),
			line: M(e.line)
		})), o = typeof i.break_action == "string" ? { break_action: i.break_action } : {};
		r.push({
			key: i.key,
			break_on: e,
			...o,
			redacted: i.redacted === !0,
			rows: a
		});
	}
	return r;
}
function Ce(e) {
	return O(e).filter((e) => typeof e.name == "string" && e.name !== "" && M(e.ms) !== null && M(e.rerun) !== null).map((e) => ({
		name: A(e.name),
		widget: j(e.widget),
		ms: k(e.ms),
		rerun: k(e.rerun)
	})).sort((e, t) => t.ms - e.ms).slice(0, P);
}
function we(e) {
	let t = E(e.diff) ? e.diff : {}, n = {
		index: k(e.index),
		trigger_text: A(e.trigger_text),
		status: A(e.status),
		duration_ms: k(e.duration_ms),
		events: O(e.events).map(Te),
		events_dropped: k(e.events_dropped),
		diff: Ee(t),
		errors: O(e.errors).map((e) => ({
			key: A(e.key),
			type: A(e.type, "KeyError"),
			message: A(e.message),
			file: j(e.file),
			line: M(e.line),
			explanation: A(e.explanation),
			suggestions: D(e.suggestions).map((e) => A(e)),
			history: O(e.history).map((e) => ({
				rerun: k(e.rerun),
				seq: k(e.seq),
				op: A(e.op),
				source_text: A(e.source_text),
				file: j(e.file),
				line: M(e.line),
				reason: j(e.reason),
				value: j(e.value)
			}))
		}))
	};
	return Array.isArray(e.state) && (n.state = I(e.state)), n;
}
function Te(e) {
	return {
		seq: k(e.seq),
		op: A(e.op, "read"),
		key: j(e.key),
		api: A(e.api),
		source: A(e.source, "script"),
		source_text: A(e.source_text),
		file: j(e.file),
		line: M(e.line),
		found: typeof e.found == "boolean" ? e.found : null,
		value: j(e.value),
		reason: j(e.reason)
	};
}
function Ee(e) {
	let t = (e) => O(e).map((e) => ({
		key: A(e.key),
		before: j(e.before),
		after: j(e.after),
		details: O(e.details).map((e) => ({
			path: A(e.path),
			change: A(e.change),
			old: j(e.old),
			new: j(e.new)
		})),
		sampled: e.sampled === !0
	}));
	return {
		added: t(e.added),
		removed: t(e.removed),
		changed: t(e.changed),
		mutated_in_place: D(e.mutated_in_place).map((e) => A(e)),
		changed_while_paused: D(e.changed_while_paused).map((e) => A(e))
	};
}
function I(e) {
	return O(e).map((e) => {
		let t = {
			key: A(e.key),
			type: A(e.type),
			summary: A(e.summary),
			redacted: e.redacted === !0
		};
		return Array.isArray(e.children) && (t.children = I(e.children)), t;
	});
}
// src/filter.ts
function De(e, t) {
	if (t.key && e.key !== t.key || t.op && e.op !== t.op || t.source && e.source !== t.source) return !1;
	let n = t.search.trim().toLowerCase();
	return !n || [
		e.key,
		e.value,
		e.file,
		e.source_text
	].some((e) => typeof e == "string" && e.toLowerCase().includes(n));
}
function Oe(e, t) {
	return e.filter((e) => De(e, t));
}
function ke(e) {
	let t = /* @__PURE__ */ new Set();
	for (let n of e) n.key !== null && t.add(n.key);
	return [...t].sort();
}
function Ae(e) {
	return !!(e.search.trim() || e.key || e.op || e.source);
}
// src/ops.ts
var je = { debugger: "debugger (restore)" };
function L(e, t, n = {}) {
	return [["", e], ...t.map((e) => [e, n[e] ?? e])];
}
function Me(t, n, r, i, o, s) {
	let c = t ? ke(t.events) : [];
	r.key && !c.includes(r.key) && c.unshift(r.key);
	let l = e("input", {
		type: "search",
		class: "ssd-search",
		"data-testid": "ssd-search",
		"data-focus": "search",
		placeholder: "search key, value, file, source",
		"aria-label": "search operations"
	});
	l.value = r.search;
	let u = e("div", { class: "ssd-controls" }, l, z("key", "ssd-filter-key", [["", "all keys"], ...c.map((e) => [e, e])], r.key, !0), z("op", "ssd-filter-op", L("all ops", s.ops), r.op), z("source", "ssd-filter-source", L("all sources", s.sources, je), r.source)), d = t ? R(t, r) : Ne(n, o);
	return a("ops", "ssd-ops", [`Operations #${n}`], i, u, d);
}
function R(t, n) {
	let r = Oe(t.events, n);
	return e("div", {
		class: "ssd-ops-results",
		"data-testid": "ssd-ops-results"
	}, e("div", { class: "ssd-note" }, e("span", { "data-testid": "ssd-ops-count" }, `${r.length} of ${t.events.length} ops`), t.events_dropped > 0 ? ` (${t.events_dropped} older ops dropped)` : null, Ae(n) ? e("button", {
		type: "button",
		class: "ssd-link",
		"data-action": "clear-filters",
		"data-testid": "ssd-clear-filters"
	}, "clear filters") : null), r.map(Pe));
}
function Ne(t, n) {
	return e("div", {
		class: "ssd-note ssd-missing-detail",
		"data-testid": "ssd-missing-detail"
	}, n ? `loading details of #${t}…` : `details of #${t} are not loaded `, n ? null : e("button", {
		type: "button",
		class: "ssd-link",
		"data-action": "load",
		"data-index": t,
		"data-testid": "ssd-load-detail"
	}, "load"));
}
function z(t, n, r, i, a = !1) {
	let o = e("select", {
		class: "ssd-select",
		"data-filter": t,
		"data-testid": n,
		"data-focus": `filter:${t}`,
		"aria-label": `filter by ${t}`
	});
	for (let [t, [n, i]] of r.entries()) {
		let r = e("option", a && n !== "" ? {
			"aria-label": `key ${t}`,
			title: i
		} : {}, i);
		r.value = n, o.appendChild(r);
	}
	return o.value = i, o;
}
function Pe(t) {
	return e("div", {
		class: `ssd-op ssd-op-${t.op}`,
		"data-testid": "ssd-op",
		"data-seq": t.seq
	}, e("div", { class: "ssd-op-line" }, e("span", { class: "ssd-seq" }, String(t.seq)), e("span", {
		class: "ssd-opname",
		title: t.api || null
	}, t.op), t.key === null ? e("span", { class: "ssd-api" }, t.api) : e("span", { class: "ssd-key" }, t.key), t.found === !1 ? e("span", {
		class: "ssd-missing",
		title: "the key was not there"
	}, "missing") : null), e("div", { class: "ssd-op-src" }, e("span", {
		class: `ssd-src ssd-source ssd-source-${t.source}`,
		"data-source": t.source
	}, t.source_text), " ", r(t.file, t.line)), t.value === null ? null : e("div", { class: "ssd-value" }, t.value), t.reason !== null && !t.source_text.includes(t.reason) ? e("div", { class: "ssd-reason" }, t.reason) : null);
}
// src/persist.ts
var Fe = "st_state_debugger:ui:", B = /* @__PURE__ */ new Map();
function V() {
	return {
		selected: null,
		seen: null,
		search: "",
		key: "",
		op: "",
		source: "",
		open: {},
		downloaded: [],
		inspectAsked: 0,
		inspectHandled: 0,
		inspectOutcome: ""
	};
}
function H(e) {
	return Fe + e;
}
function U(e) {
	try {
		return window.sessionStorage.getItem(e);
	} catch {
		return B.get(e) ?? null;
	}
}
function Ie(e, t) {
	try {
		window.sessionStorage.setItem(e, t);
	} catch {
		B.set(e, t);
	}
}
function Le(e, t) {
	let n = V(), r;
	try {
		r = JSON.parse(U(H(e)) ?? "null");
	} catch {
		return n;
	}
	if (typeof r != "object" || !r) return n;
	let i = r;
	if (typeof i.selected == "number" && Number.isFinite(i.selected) && (n.selected = i.selected), typeof i.seen == "number" && Number.isFinite(i.seen) && (n.seen = i.seen), typeof i.search == "string" && (n.search = i.search), typeof i.key == "string" && (n.key = i.key), typeof i.op == "string" && t.ops.includes(i.op) && (n.op = i.op), typeof i.source == "string" && t.sources.includes(i.source) && (n.source = i.source), typeof i.open == "object" && i.open !== null) for (let [e, t] of Object.entries(i.open)) typeof t == "boolean" && (n.open[e] = t);
	Array.isArray(i.downloaded) && (n.downloaded = i.downloaded.filter((e) => typeof e == "string"));
	let a = (e) => typeof e == "number" && Number.isInteger(e) && e >= 0 ? e : 0;
	return n.inspectAsked = a(i.inspectAsked), n.inspectHandled = Math.min(a(i.inspectHandled), n.inspectAsked), typeof i.inspectOutcome == "string" && (n.inspectOutcome = i.inspectOutcome), n;
}
function Re(e, t) {
	let n = Object.keys(t.open), r = {};
	for (let e of n.slice(-500)) r[e] = t.open[e];
	let i = {
		...t,
		open: r,
		downloaded: t.downloaded.slice(-50)
	};
	Ie(H(e), JSON.stringify(i));
}
// src/watch.ts
var ze = {
	raise: "stop the run",
	breakpoint: "open my debugger"
};
function Be(e) {
	return [["off", "off"], ...e.map((e) => [e, e === "any" ? "any source" : e])];
}
function Ve(t, n) {
	return e("button", {
		type: "button",
		class: "ssd-pin",
		"data-testid": "ssd-pin",
		"data-key": t,
		"data-action": n ? "unwatch" : "watch",
		"data-focus": `pin:${t}`,
		"aria-label": "watch",
		"aria-pressed": String(n),
		title: n ? `watching ${t}: click to stop` : `watch ${t}`
	});
}
function He(t, n) {
	return t.watch.length ? a("watch", "ssd-watch", ["Watch ", e("span", { class: "ssd-count" }, String(t.watch.length))], n, t.watch.map((e) => Ue(e, t))) : null;
}
function Ue(t, n) {
	let r = ["ssd-watch-key"];
	return t.break_on && r.push("ssd-breaking"), e("div", {
		class: r.join(" "),
		"data-testid": "ssd-watch-key",
		"data-key": t.key
	}, e("div", { class: "ssd-watch-head" }, e("span", {
		class: "ssd-key ssd-watch-name",
		title: t.key
	}, t.key), n.live ? e("button", {
		type: "button",
		class: "ssd-link ssd-unwatch",
		"data-testid": "ssd-unwatch",
		"data-action": "unwatch",
		"data-key": t.key,
		title: `stop watching ${t.key}`
	}, "unwatch") : null, n.live ? We(t, n.breakSources, n.breakActions ?? []) : t.break_on ? e("span", { class: "ssd-note ssd-break-label" }, `breaks on ${t.break_on}`) : null), t.rows.length ? qe(t, n) : e("div", { class: "ssd-note" }, "no change recorded yet"));
}
function We(t, n, r) {
	let i = e("label", { class: "ssd-break-label" }, "break on ", Ke(t, n));
	return !t.break_on || r.length < 2 ? i : e("span", { class: "ssd-break-controls" }, i, " ", e("label", { class: "ssd-break-label" }, "then ", Ge(t, r)));
}
function Ge(t, n) {
	let r = e("select", {
		class: "ssd-select ssd-break-action",
		"data-testid": "ssd-break-action",
		"data-key": t.key,
		"data-source": t.break_on ?? "off",
		"data-focus": `break-action:${t.key}`,
		title: `what happens when ${t.key} is about to be written: stop the run, or call breakpoint() (PYTHONBREAKPOINT's debugger) before the write`
	});
	for (let t of n) {
		let n = e("option", {}, ze[t] ?? t);
		n.value = t, r.appendChild(n);
	}
	return r.value = t.break_action && n.includes(t.break_action) ? t.break_action : n[0] ?? "raise", r;
}
function Ke(t, n) {
	let r = e("select", {
		class: "ssd-select ssd-break",
		"data-testid": "ssd-break",
		"data-key": t.key,
		"data-focus": `break:${t.key}`,
		title: `stop where ${t.key} is about to be written from the chosen source`,
		"data-break-action": t.break_action ?? "raise"
	});
	for (let [t, i] of Be(n)) {
		let n = e("option", {}, i);
		n.value = t, r.appendChild(n);
	}
	return r.value = t.break_on ?? "off", r;
}
function qe(t, n) {
	return e("table", {
		class: "ssd-watch-table",
		"data-testid": "ssd-watch-table"
	}, e("thead", {}, e("tr", {}, e("th", { scope: "col" }, "rerun"), e("th", { scope: "col" }, "value"))), e("tbody", {}, t.rows.map((e) => Je(e, t.redacted, n))));
}
function Je(t, n, i) {
	let a = i.inTimeline.has(t.rerun) ? e("button", {
		type: "button",
		class: "ssd-link ssd-idx",
		"data-action": "select",
		"data-index": t.rerun,
		title: `show rerun #${t.rerun}`
	}, `#${t.rerun}`) : e("span", {
		class: "ssd-idx ssd-gone",
		title: "this rerun is no longer in the timeline"
	}, `#${t.rerun}`), o = n && t.change !== "removed" ? e("span", { class: "ssd-value ssd-redacted" }, e("span", {
		class: "ssd-lock",
		title: "redacted",
		role: "img",
		"aria-label": "redacted",
		"data-testid": "ssd-lock"
	}), i.placeholder) : e("span", { class: "ssd-value" }, t.value ?? "—"), s = r(t.file, t.line);
	return e("tr", {
		class: `ssd-watch-row ssd-change-${t.change}`,
		"data-testid": "ssd-watch-row",
		"data-rerun": t.rerun
	}, e("td", { class: "ssd-watch-rerun" }, a, e("div", { class: "ssd-watch-change" }, t.change)), e("td", { class: "ssd-watch-value" }, o, t.source_text || s ? e("div", { class: "ssd-watch-src" }, e("span", { class: "ssd-src" }, t.source_text), s ? [" at ", s] : null) : null));
}
// src/state.ts
function Ye(t, n) {
	let r = t.entries.length ? e("div", { class: "ssd-tree" }, t.entries.map((e) => W(e, [e.key], t))) : e("div", { class: "ssd-note" }, "empty");
	return a("state", "ssd-state", [
		t.title,
		" ",
		e("span", { class: "ssd-count" }, String(t.entries.length))
	], n, r);
}
function Xe(e) {
	return `state:${JSON.stringify(e)}`;
}
function Ze(t, n, r) {
	let i = [e("span", { class: "ssd-key" }, t.key), e("span", { class: "ssd-type" }, t.type)];
	return r && i.unshift(r), t.redacted ? i.push(e("span", { class: "ssd-summary ssd-redacted" }, e("span", {
		class: "ssd-lock",
		title: "redacted",
		role: "img",
		"aria-label": "redacted",
		"data-testid": "ssd-lock"
	}), n)) : i.push(e("span", {
		class: "ssd-summary",
		title: t.summary
	}, t.summary)), i;
}
function W(t, n, r) {
	let i = t.redacted ? [] : t.children ?? [], a = {
		"data-testid": "ssd-state-entry",
		"data-key": t.key
	}, o = n.length === 1 && r.watched ? Ve(t.key, r.watched.has(t.key)) : null, s = Ze(t, r.placeholder, o);
	if (!i.length) return e("div", {
		...a,
		class: "ssd-leaf"
	}, s);
	let c = Xe(n);
	return e("details", {
		...a,
		class: "ssd-node",
		"data-open-id": c,
		open: r.open[c] === !0
	}, e("summary", { class: "ssd-node-line" }, s), e("div", { class: "ssd-children" }, i.map((e) => W(e, [...n, e.key], r))));
}
// src/timeline.ts
var G = {
	ok: "ok",
	exception: "exception",
	stopped: "stopped",
	rerun_requested: "rerun"
};
function Qe(t) {
	let n = (t?.notices ?? []).map((t) => e("div", {
		class: "ssd-note ssd-notice",
		"data-testid": "ssd-notice",
		role: "status"
	}, t));
	return e("div", { class: "ssd-header" }, n.length ? e("div", { class: "ssd-notices" }, n) : null, e("span", { class: "ssd-title" }, "Session state debugger"), e("span", {
		class: "ssd-label",
		"data-testid": "ssd-label",
		title: t?.session_label || null
	}, t?.session_label ?? ""), t?.mode === "viewer" ? e("span", {
		class: "ssd-badge",
		title: "viewing a saved trace"
	}, "viewer") : null, e("span", { class: "ssd-actions" }, u(t), e("button", {
		type: "button",
		class: "ssd-button",
		"data-testid": "ssd-export",
		"data-action": "export",
		"data-focus": "export",
		title: "Download the trace as JSON Lines"
	}, "Export"), t?.mode === "live" ? e("button", {
		type: "button",
		class: "ssd-button",
		"data-testid": "ssd-inspect",
		"data-action": "inspect",
		"data-focus": "inspect",
		title: "This session in the full-width inspector, in a new browser tab (local only)"
	}, "Open in a tab") : null));
}
function $e(t, n, r, i = !1) {
	let o = new Set(t.details.map((e) => e.index)), s = e("div", {
		class: "ssd-timeline-list",
		role: "listbox",
		"aria-label": "reruns"
	}, t.timeline.flatMap((e, r) => {
		let i = t.timeline[r - 1];
		return [i && e.index > i.index + 1 ? tt(i.index + 1, e.index - 1) : null, rt(e, e.index === n, o.has(e.index))];
	}));
	return a("timeline", "ssd-timeline", ["Timeline ", e("span", { class: "ssd-count" }, `${t.timeline.length} of ${t.total_reruns}`)], r, t.overflow ? e("div", {
		class: "ssd-note ssd-overflow",
		"data-testid": "ssd-overflow"
	}, "older reruns dropped") : null, i ? et(n, t.timeline[t.timeline.length - 1]?.index ?? n) : null, s);
}
function et(t, n) {
	return e("div", {
		class: "ssd-pinned",
		"data-testid": "ssd-pinned",
		role: "status"
	}, e("span", { class: "ssd-pinned-text" }, `pinned to #${t} · latest #${n}`), e("button", {
		type: "button",
		class: "ssd-button ssd-follow",
		"data-testid": "ssd-follow",
		"data-action": "follow",
		"data-focus": "follow",
		title: "Show each new rerun as it arrives"
	}, "follow latest"));
}
function tt(t, n) {
	return e("div", {
		class: "ssd-gap",
		"data-testid": "ssd-gap",
		role: "none"
	}, `${t === n ? `#${t}` : `#${t}–#${n}`} not recorded (paused)`);
}
function nt(e) {
	return `${e.trigger_text || e.trigger_kind} · ${G[e.status] ?? e.status} · R${e.reads} W${e.writes} D${e.deletes}`;
}
function rt(t, n, r) {
	let a = ["ssd-rerun"];
	n && a.push("ssd-selected"), t.internal && a.push("ssd-internal"), r || a.push("ssd-unloaded");
	let o = t.trigger_kind === "restore";
	return o && a.push("ssd-restore-row"), e("div", {
		class: a.join(" "),
		"data-testid": "ssd-rerun-row",
		"data-index": t.index,
		"data-action": "select",
		"data-focus": `row:${t.index}`,
		role: "option",
		tabindex: 0,
		"aria-selected": String(n),
		"aria-label": `rerun #${t.index}`,
		title: nt(t)
	}, e("div", { class: "ssd-rerun-line" }, e("span", { class: "ssd-idx" }, `#${t.index}`), o ? e("span", {
		class: "ssd-mark ssd-mark-restore",
		title: "restored"
	}, "↺") : null, t.has_errors ? e("span", {
		class: "ssd-mark ssd-mark-error",
		title: "KeyError in this rerun"
	}, "!") : null, t.has_mutations ? e("span", {
		class: "ssd-mark ssd-mark-mutation",
		title: "in-place mutation"
	}, "~") : null, e("span", { class: "ssd-trigger" }, t.trigger_text)), e("div", { class: "ssd-rerun-meta" }, e("span", { class: `ssd-status ssd-status-${t.status}` }, G[t.status] ?? t.status), e("span", { class: "ssd-dur" }, i(t.duration_ms)), e("span", {
		class: "ssd-rwd",
		title: "reads / writes / deletes"
	}, `R${t.reads} W${t.writes} D${t.deletes}`), s(t.callbacks)));
}
// src/wire.ts
var K = (e) => typeof e == "object" && !!e && !Array.isArray(e), q = (e) => Array.isArray(e) ? e.filter(K) : [], J = (e) => typeof e == "number" && Number.isFinite(e) ? e : null, it = /* @__PURE__ */ new Set([
	"timeline",
	"details",
	"state"
]), Y = /* @__PURE__ */ new Map();
function at(e) {
	let t = ot(e);
	if (!K(t) || !K(t.sync)) return {
		data: t,
		askFull: !1
	};
	let n = J(t.sync.seq), r = J(t.sync.base), i = t.sync.full === !0, a = typeof t.session_label == "string" ? t.session_label : "", o = Y.get(a);
	if (!i && o && o.seq !== null && n !== null && n <= o.seq || i && o && o.seq !== null && n !== null && n < o.seq) return {
		data: o.data,
		askFull: !1
	};
	let s = i || o !== void 0 && o.seq !== null && r !== null && n !== null && r <= o.seq && o.seq < n, c = st(i ? null : o?.data ?? null, t), l = s ? 0 : o?.asked ?? 0, u = !s && (l === 0 || l >= 5);
	return Y.set(a, {
		seq: s ? n : null,
		data: c,
		asked: s ? 0 : u ? 1 : l + 1
	}), {
		data: c,
		askFull: u
	};
}
function ot(e) {
	let t = Array.isArray(e) && e.length === 1 ? e[0] : e;
	if (!K(t) || typeof t.panel != "string") return t;
	try {
		let e = JSON.parse(t.panel);
		return K(e) ? {
			...e,
			notices: t.notices
		} : null;
	} catch {
		return null;
	}
}
function st(e, t) {
	let n = e ?? {}, r = { ...n };
	for (let [e, n] of Object.entries(t)) it.has(e) || (r[e] = n);
	let i = J(t.timeline_from) ?? -Infinity, a = /* @__PURE__ */ new Map();
	for (let e of [...q(n.timeline), ...q(t.timeline)]) {
		let t = J(e.index);
		t !== null && a.set(t, e);
	}
	r.timeline = [...a.keys()].filter((e) => e >= i).sort((e, t) => e - t).map((e) => a.get(e));
	let o = /* @__PURE__ */ new Map();
	for (let e of q(n.details)) {
		let t = J(e.index);
		t !== null && o.set(t, e);
	}
	for (let e of q(t.details)) {
		let t = J(e.index);
		if (t !== null) {
			if (e.patch !== !0) o.set(t, e);
			else {
				let n = o.get(t);
				n && o.set(t, {
					...n,
					...e,
					patch: void 0
				});
			}
		}
	}
	for (let e of Array.isArray(t.details_drop) ? t.details_drop : []) typeof e == "number" && o.delete(e);
	r.details = [...o.keys()].sort((e, t) => e - t).map((e) => o.get(e));
	let s = /* @__PURE__ */ new Map();
	for (let e of [...q(n.state), ...q(t.state)]) typeof e.key == "string" && s.set(e.key, e);
	for (let e of Array.isArray(t.state_drop) ? t.state_drop : []) typeof e == "string" && s.delete(e);
	return r.state = [...s.keys()].sort((e, t) => e < t ? -1 : +(e > t)).map((e) => s.get(e)), r;
}
// src/panel.ts
var X = /* @__PURE__ */ new Set(), ct = class {
	root;
	created;
	data = null;
	label = null;
	ui = V();
	trigger = () => void 0;
	pending = /* @__PURE__ */ new Set();
	listeners = [];
	fitter;
	constructor(t) {
		let n = t.querySelector("[data-testid=\"ssd-panel\"]");
		this.created = !n, this.root = n ?? e("div", {
			class: "ssd-panel",
			"data-testid": "ssd-panel"
		}), this.root.classList.add("ssd-panel"), this.created && t.appendChild(this.root), this.listen("click", (e) => this.onClick(e)), this.listen("keydown", (e) => this.onKeydown(e)), this.listen("input", (e) => this.onInput(e)), this.listen("change", (e) => this.onChange(e)), this.listen("toggle", (e) => this.onToggle(e), !0), this.fitter = new ve(this.root), X.add(this);
	}
	update(e, t) {
		this.trigger = t;
		let n = at(e);
		if (this.data = F(n.data), this.label = this.data?.session_label ?? "", this.reload(), this.data) for (let e of this.data.details) this.pending.delete(e.index);
		this.followRestore(), this.answerInspect(), this.render(), this.maybeDownload(), n.askFull && t("request", { sync: !0 });
	}
	dispose() {
		X.delete(this);
		for (let [e, t, n] of this.listeners) this.root.removeEventListener(e, t, n);
		this.listeners.length = 0, this.fitter.dispose(), this.created && this.root.remove();
	}
	selectedIndex() {
		let e = this.data?.timeline ?? [], t = e[e.length - 1];
		return t ? this.ui.selected !== null && e.some((e) => e.index === this.ui.selected) ? this.ui.selected : (this.ui.selected = null, t.index) : null;
	}
	pinned() {
		let e = this.data?.timeline ?? [];
		return this.ui.selected !== null && this.selectedIndex() !== e[e.length - 1]?.index;
	}
	followRestore() {
		let e = this.data?.timeline ?? [], t = e[e.length - 1]?.index;
		if (t === void 0) return;
		let n = this.ui.seen;
		n !== null && t > n && e.some((e) => e.index > n && e.trigger_kind === "restore") && (this.ui.selected = null), n !== t && (this.ui.seen = t, this.save(!1));
	}
	listen(e, t, n = !1) {
		this.root.addEventListener(e, t, n), this.listeners.push([
			e,
			t,
			n
		]);
	}
	reload() {
		this.label !== null && (this.ui = Le(this.label, this.data?.vocab ?? {
			ops: [],
			sources: []
		}));
	}
	save(e = !0) {
		if (Re(this.label ?? "", this.ui), e) for (let e of X) e !== this && e.label === this.label && e.data && e.root.isConnected && (e.reload(), e.render());
	}
	isOpen(e, t = !0) {
		return this.ui.open[`sec:${e}`] ?? t;
	}
	render() {
		let t = oe(this.root), n = [Qe(this.data)], r = this.data, i = r ? he(r, this.ui.inspectOutcome || null) : null;
		i && n.push(i);
		let a = this.selectedIndex();
		if (!r || a === null) n.push(e("div", {
			class: "ssd-note ssd-waiting",
			"data-testid": "ssd-waiting"
		}, "waiting for the first rerun"));
		else {
			let e = r.details.find((e) => e.index === a) ?? null, t = e ? te(e, this.isOpen("errors")) : null;
			t && n.push(t);
			let i = new Set(r.timeline.map((e) => e.index)), o = r.mode === "live", s = r.watch ?? [];
			n.push($e(r, a, this.isOpen("timeline"), this.pinned()));
			let l = d(r, a);
			l && n.push(l);
			let u = c(r.slowest_callbacks, i, this.isOpen("slowest", !1));
			u && n.push(u), n.push(Me(e, a, this.ui, this.isOpen("ops"), this.pending.has(a), r.vocab)), n.push(re(e, a, this.isOpen("diff")));
			let f = He({
				watch: s,
				live: o,
				placeholder: r.redacted_placeholder,
				inTimeline: i,
				breakSources: r.vocab.break_sources,
				breakActions: r.break_actions ?? []
			}, this.isOpen("watch"));
			f && n.push(f);
			let p = o ? void 0 : e?.state;
			n.push(Ye({
				entries: p ?? r.state,
				title: p ? `State after #${a}` : "State",
				placeholder: r.redacted_placeholder,
				open: this.ui.open,
				watched: o ? new Set(s.map((e) => e.key)) : null
			}, this.isOpen("state")));
		}
		let o = de(this.root, n);
		se(this.root, t), o && this.fitter.fit();
	}
	renderOpsOnly() {
		let e = this.selectedIndex(), t = this.data?.details.find((t) => t.index === e), n = this.root.querySelector("[data-testid=\"ssd-ops-results\"]");
		t && n ? n.replaceWith(R(t, this.ui)) : this.render();
	}
	select(e) {
		let t = this.data?.timeline ?? [], n = t[t.length - 1]?.index;
		this.ui.selected = e === n ? null : e, this.save(), this.data?.details.some((t) => t.index === e) || this.request(e), this.render();
	}
	follow(e) {
		this.ui.selected = null, this.save(), e && this.render();
	}
	request(e) {
		this.pending.add(e), this.trigger("request", { rerun: e });
	}
	filterKey(e) {
		this.ui.key = e, this.ui.search = "", this.ui.open["sec:ops"] = !0, this.save(), this.render(), this.root.querySelector("[data-testid=\"ssd-ops\"]")?.scrollIntoView?.({ block: "nearest" });
	}
	maybeDownload() {
		let e = this.data?.export;
		e && !this.ui.downloaded.includes(e.filename) && (this.ui.downloaded.push(e.filename), this.save(!1), ee(e.filename, e.content));
	}
	inspect() {
		pe(), this.ui.inspectAsked += 1, this.save(!1), this.trigger("request", { inspect: !0 });
	}
	answerInspect() {
		let e = this.data?.inspector;
		!e || this.ui.inspectHandled >= this.ui.inspectAsked || (this.ui.inspectHandled = this.ui.inspectAsked, this.ui.inspectOutcome = "", this.save(!1), this.ui.inspectOutcome = me(e), this.save(!1));
	}
	onClick(e) {
		let t = e.target?.closest?.("[data-action]");
		t && this.root.contains(t) && (this.reload(), this.act(t));
	}
	onKeydown(e) {
		if (e.key !== "Enter" && e.key !== " ") return;
		let t = e.target;
		t && t.tagName !== "BUTTON" && t.hasAttribute("data-action") && (e.preventDefault(), this.reload(), this.act(t));
	}
	act(e) {
		if (e.getAttribute("data-action") === "inspect") {
			this.inspect();
			return;
		}
		let t = f(e);
		if (t) {
			"restore" in t && this.follow(!1), this.trigger("request", t);
			return;
		}
		let n = e.getAttribute("data-action"), r = Number(e.getAttribute("data-index") ?? NaN);
		n === "select" && Number.isFinite(r) ? this.select(r) : n === "follow" ? this.follow(!0) : n === "load" && Number.isFinite(r) ? (this.request(r), this.render()) : n === "filter-key" ? this.filterKey(e.getAttribute("data-key") ?? "") : n === "clear-filters" && (Object.assign(this.ui, {
			search: "",
			key: "",
			op: "",
			source: ""
		}), this.save(), this.render());
	}
	onInput(e) {
		let t = e.target;
		t?.getAttribute("data-testid") === "ssd-search" && (this.reload(), this.ui.search = t.value, this.save(), this.renderOpsOnly());
	}
	onChange(e) {
		let t = e.target, n = t && this.root.contains(t) ? p(t) : null;
		if (n) {
			this.trigger("request", n);
			return;
		}
		let r = t?.getAttribute("data-filter");
		if (t && r) {
			if (this.reload(), r === "key") this.ui.key = t.value;
			else if (r === "op") this.ui.op = t.value;
			else if (r === "source") this.ui.source = t.value;
			else return;
			this.save(), this.renderOpsOnly();
		}
	}
	onToggle(e) {
		let t = e.target, n = t?.getAttribute?.("data-open-id");
		t && n && this.root.contains(t) && t.isConnected && (this.reload(), this.ui.open[n] !== t.open && (this.ui.open[n] = t.open, this.save(!1), n === "sec:timeline" && t.open && this.fitter.fit()));
	}
}, Z = /* @__PURE__ */ new WeakMap(), lt = "st_state_debugger.panel", ut = "st_state_debugger:live";
function Q() {
	let e = window;
	return e.__ssdPanelMailbox ??= {
		payload: void 0,
		seq: 0,
		readers: /* @__PURE__ */ new Set()
	}, e.__ssdPanelMailbox;
}
function dt(e) {
	return Array.isArray(e) && e.length === 1 && e[0] === ut;
}
function ft(e) {
	let t = Q();
	t.payload = e, t.seq += 1;
	for (let e of [...t.readers]) e();
	return () => {};
}
function $(e, t) {
	try {
		e.panel.update(t, e.trigger);
	} catch (t) {
		console.error("st_state_debugger panel failed to render", t);
		let n = document.createElement("div");
		n.className = "ssd-note ssd-crash", n.textContent = `panel error: ${t instanceof Error ? t.message : String(t)}`, e.panel.root.replaceChildren(n);
	}
}
var pt = (e) => {
	if (e.name === lt) return ft(e.data);
	let t = e.parentElement, n = dt(e.data), r = Z.get(t);
	if (!r) {
		let e = new ct(t), i = Q(), a = {
			panel: e,
			cleanup: () => {},
			trigger: () => {},
			seen: 0,
			read: () => {}
		};
		a.read = () => {
			a.seen !== i.seq && (a.seen = i.seq, $(a, i.payload));
		}, a.cleanup = () => {
			i.readers.delete(a.read), e.dispose(), Z.get(t)?.panel === e && Z.delete(t);
		}, n && i.readers.add(a.read), r = a, Z.set(t, r);
	}
	return r.trigger = (t, n) => e.setTriggerValue(t, n), n ? Q().seq === 0 ? $(r, void 0) : r.read() : $(r, e.data), r.cleanup;
};
export { pt as default };
