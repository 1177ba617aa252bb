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
function o(e, t, n = "application/x-ndjson") {
	if (typeof URL > "u" || typeof URL.createObjectURL != "function") return !1;
	let r = URL.createObjectURL(new Blob([t], { type: n })), i = document.createElement("a");
	return i.href = r, i.download = e, i.rel = "noopener", i.style.display = "none", document.body.appendChild(i), i.click(), i.remove(), setTimeout(() => URL.revokeObjectURL(r), 1e4), !0;
}
// src/errors.ts
function s(t, n) {
	return t.errors.length ? a("errors", "ssd-errors", ["KeyError origin ", e("span", { class: "ssd-count" }, String(t.errors.length))], n, t.errors.map(l)) : null;
}
function c(t, n, r = "") {
	return e("button", {
		type: "button",
		class: `ssd-key ssd-key-link ${r}`.trim(),
		"data-action": "filter-key",
		"data-key": t,
		"data-testid": n,
		title: "show this key's operations"
	}, t);
}
function l(t) {
	let n = r(t.file, t.line);
	return e("div", {
		class: "ssd-error",
		"data-testid": "ssd-error"
	}, e("div", { class: "ssd-error-title" }, e("span", { class: "ssd-errtype" }, t.type || "KeyError"), " ", c(t.key, "ssd-error-key")), t.message ? e("div", { class: "ssd-errmsg" }, t.message) : null, n ? e("div", { class: "ssd-where" }, "read at ", n) : null, t.explanation ? e("p", {
		class: "ssd-explain",
		"data-testid": "ssd-explanation"
	}, t.explanation) : null, t.suggestions.length ? e("div", { class: "ssd-suggestions" }, "did you mean ", t.suggestions.map((t) => e("button", {
		type: "button",
		class: "ssd-chip",
		"data-action": "filter-key",
		"data-key": t,
		"data-testid": "ssd-suggestion"
	}, t))) : null, t.history.length ? e("ol", {
		class: "ssd-history",
		"aria-label": "history of the key"
	}, t.history.map((t) => e("li", {
		class: `ssd-history-item ssd-op-${t.op}`,
		"data-testid": "ssd-history-item"
	}, e("span", { class: "ssd-idx" }, `#${t.rerun}`), " ", e("span", { class: "ssd-opname" }, t.op), " ", e("span", { class: "ssd-src" }, t.source_text), " ", r(t.file, t.line), t.reason !== null && !t.source_text.includes(t.reason) ? e("div", { class: "ssd-reason" }, t.reason) : t.value === null ? null : e("div", { class: "ssd-value" }, t.value)))) : e("div", { class: "ssd-note" }, "no recorded history for this key"));
}
// src/diff.ts
function u(t, n, r) {
	let i = [`Diff #${n}`];
	if (!t) return a("diff", "ssd-diff", i, r, e("div", { class: "ssd-note" }, "not loaded"));
	let { diff: o } = t, s = new Set(o.mutated_in_place), l = [
		d("added", "added", o.added, s),
		d("removed", "removed", o.removed, s),
		d("changed", "changed", o.changed, s)
	];
	return o.mutated_in_place.length && l.push(e("div", {
		class: "ssd-diff-group ssd-diff-mutated",
		"data-testid": "ssd-diff-mutated"
	}, e("div", { class: "ssd-diff-head" }, "mutated in place"), e("div", { class: "ssd-note" }, "changed without assignment (e.g. list.append)"), o.mutated_in_place.map((e) => c(e, "ssd-mutated-key", "ssd-mutated")))), a("diff", "ssd-diff", i, r, !o.added.length && !o.removed.length && !o.changed.length && !o.mutated_in_place.length ? e("div", { class: "ssd-note" }, "no changes") : l);
}
function d(t, n, r, i) {
	return r.length ? e("div", {
		class: `ssd-diff-group ssd-diff-${t}`,
		"data-testid": `ssd-diff-${t}`
	}, e("div", { class: "ssd-diff-head" }, `${n} (${r.length})`), r.map((e) => f(t, e, i.has(e.key)))) : null;
}
function f(t, n, r) {
	let i;
	return i = t === "added" ? [e("span", { class: "ssd-value ssd-after" }, n.after ?? "")] : t === "removed" ? [e("span", { class: "ssd-value ssd-before" }, n.before ?? "")] : [
		e("span", { class: "ssd-value ssd-before" }, n.before ?? ""),
		e("span", { class: "ssd-arrow" }, " → "),
		e("span", { class: "ssd-value ssd-after" }, n.after ?? "")
	], e("div", {
		class: `ssd-diff-entry${r ? " ssd-mutated" : ""}`,
		"data-testid": "ssd-diff-entry"
	}, e("div", { class: "ssd-diff-key" }, c(n.key, "ssd-diff-key"), n.sampled ? e("span", {
		class: "ssd-note",
		title: "compared on a sample"
	}, " (sampled)") : null), e("div", { class: "ssd-diff-value" }, i), n.details.length ? e("ul", { class: "ssd-diff-details" }, n.details.map((t) => e("li", {
		class: "ssd-diff-detail",
		title: t.change || null
	}, p(t)))) : null);
}
function p(e) {
	return e.old === null && e.new !== null ? `${e.path}: + ${e.new}` : e.new === null && e.old !== null ? `${e.path}: − ${e.old}` : e.old === null && e.new === null ? `${e.path}: ${e.change}` : `${e.path}: ${e.old} → ${e.new}`;
}
// src/normalize.ts
var m = (e) => typeof e == "object" && !!e && !Array.isArray(e), h = (e) => Array.isArray(e) ? e : [], g = (e) => h(e).filter(m), _ = (e, t = 0) => typeof e == "number" && Number.isFinite(e) ? e : t, v = (e, t = "") => typeof e == "string" ? e : e == null ? t : String(e), y = (e) => e == null ? null : v(e), b = (e) => typeof e == "number" && Number.isFinite(e) ? e : null;
function x(e) {
	if (!m(e)) return null;
	let t = g(e.timeline).map(S), n = m(e.export) ? e.export : null;
	return {
		version: 1,
		mode: e.mode === "viewer" ? "viewer" : "live",
		session_label: v(e.session_label),
		overflow: e.overflow === !0,
		total_reruns: _(e.total_reruns, t.length),
		timeline: t,
		details: g(e.details).map(C),
		state: E(e.state),
		export: n && typeof n.filename == "string" && n.filename && typeof n.content == "string" ? {
			filename: n.filename,
			content: n.content
		} : null,
		redacted_placeholder: v(e.redacted_placeholder, "‹redacted›") || "‹redacted›",
		notices: Array.isArray(e.notices) ? e.notices.filter((e) => typeof e == "string") : []
	};
}
function S(e) {
	let t = v(e.status, "ok");
	return {
		index: _(e.index),
		trigger_text: v(e.trigger_text),
		trigger_kind: v(e.trigger_kind),
		status: [
			"ok",
			"exception",
			"stopped",
			"rerun_requested"
		].includes(t) ? t : "ok",
		duration_ms: _(e.duration_ms),
		reads: _(e.reads),
		writes: _(e.writes),
		deletes: _(e.deletes),
		has_errors: e.has_errors === !0,
		has_mutations: e.has_mutations === !0,
		internal: e.internal === !0
	};
}
function C(e) {
	let t = m(e.diff) ? e.diff : {}, n = {
		index: _(e.index),
		trigger_text: v(e.trigger_text),
		status: v(e.status),
		duration_ms: _(e.duration_ms),
		events: g(e.events).map(w),
		events_dropped: _(e.events_dropped),
		diff: T(t),
		errors: g(e.errors).map((e) => ({
			key: v(e.key),
			type: v(e.type, "KeyError"),
			message: v(e.message),
			file: y(e.file),
			line: b(e.line),
			explanation: v(e.explanation),
			suggestions: h(e.suggestions).map((e) => v(e)),
			history: g(e.history).map((e) => ({
				rerun: _(e.rerun),
				seq: _(e.seq),
				op: v(e.op),
				source_text: v(e.source_text),
				file: y(e.file),
				line: b(e.line),
				reason: y(e.reason),
				value: y(e.value)
			}))
		}))
	};
	return Array.isArray(e.state) && (n.state = E(e.state)), n;
}
function w(e) {
	return {
		seq: _(e.seq),
		op: v(e.op, "read"),
		key: y(e.key),
		api: v(e.api),
		source: v(e.source, "script"),
		source_text: v(e.source_text),
		file: y(e.file),
		line: b(e.line),
		found: typeof e.found == "boolean" ? e.found : null,
		value: y(e.value),
		reason: y(e.reason)
	};
}
function T(e) {
	let t = (e) => g(e).map((e) => ({
		key: v(e.key),
		before: y(e.before),
		after: y(e.after),
		details: g(e.details).map((e) => ({
			path: v(e.path),
			change: v(e.change),
			old: y(e.old),
			new: y(e.new)
		})),
		sampled: e.sampled === !0
	}));
	return {
		added: t(e.added),
		removed: t(e.removed),
		changed: t(e.changed),
		mutated_in_place: h(e.mutated_in_place).map((e) => v(e))
	};
}
function E(e) {
	return g(e).map((e) => {
		let t = {
			key: v(e.key),
			type: v(e.type),
			summary: v(e.summary),
			redacted: e.redacted === !0
		};
		return Array.isArray(e.children) && (t.children = E(e.children)), t;
	});
}
// src/filter.ts
function D(e, t) {
	if (t.key && e.key !== t.key || t.op && e.op !== t.op || t.source && e.source !== t.source) return !1;
	let n = t.search.trim().toLowerCase();
	return !n || [
		e.key,
		e.value,
		e.file,
		e.source_text
	].some((e) => typeof e == "string" && e.toLowerCase().includes(n));
}
function ee(e, t) {
	return e.filter((e) => D(e, t));
}
function O(e) {
	let t = /* @__PURE__ */ new Set();
	for (let n of e) n.key !== null && t.add(n.key);
	return [...t].sort();
}
function k(e) {
	return !!(e.search.trim() || e.key || e.op || e.source);
}
// src/ops.ts
var A = [
	["", "all ops"],
	["read", "read"],
	["write", "write"],
	["delete", "delete"]
], j = [
	["", "all sources"],
	["script", "script"],
	["callback", "callback"],
	["widget", "widget"],
	["streamlit", "streamlit"]
];
function M(t, n, r, i, o) {
	let s = t ? O(t.events) : [];
	r.key && !s.includes(r.key) && s.unshift(r.key);
	let c = e("input", {
		type: "search",
		class: "ssd-search",
		"data-testid": "ssd-search",
		"data-focus": "search",
		placeholder: "search key, value, file, source",
		"aria-label": "search operations"
	});
	c.value = r.search;
	let l = e("div", { class: "ssd-controls" }, c, F("key", "ssd-filter-key", [["", "all keys"], ...s.map((e) => [e, e])], r.key), F("op", "ssd-filter-op", A, r.op), F("source", "ssd-filter-source", j, r.source)), u = t ? N(t, r) : P(n, o);
	return a("ops", "ssd-ops", [`Operations #${n}`], i, l, u);
}
function N(t, n) {
	let r = ee(t.events, n);
	return e("div", {
		class: "ssd-ops-results",
		"data-testid": "ssd-ops-results"
	}, e("div", { class: "ssd-note" }, e("span", { "data-testid": "ssd-ops-count" }, `${r.length} of ${t.events.length} ops`), t.events_dropped > 0 ? ` (${t.events_dropped} older ops dropped)` : null, k(n) ? e("button", {
		type: "button",
		class: "ssd-link",
		"data-action": "clear-filters",
		"data-testid": "ssd-clear-filters"
	}, "clear filters") : null), r.map(I));
}
function P(t, n) {
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
function F(t, n, r, i) {
	let a = e("select", {
		class: "ssd-select",
		"data-filter": t,
		"data-testid": n,
		"data-focus": `filter:${t}`,
		"aria-label": `filter by ${t}`
	});
	for (let [t, n] of r) {
		let r = e("option", {}, n);
		r.value = t, a.appendChild(r);
	}
	return a.value = i, a;
}
function I(t) {
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
var L = "st_state_debugger:ui:", R = [
	"",
	"read",
	"write",
	"delete"
], z = [
	"",
	"script",
	"callback",
	"widget",
	"streamlit"
], B = /* @__PURE__ */ new Map();
function V() {
	return {
		selected: null,
		search: "",
		key: "",
		op: "",
		source: "",
		open: {},
		downloaded: []
	};
}
function H(e) {
	return L + e;
}
function U(e) {
	try {
		return window.sessionStorage.getItem(e);
	} catch {
		return B.get(e) ?? null;
	}
}
function W(e, t) {
	try {
		window.sessionStorage.setItem(e, t);
	} catch {
		B.set(e, t);
	}
}
function G(e) {
	let t = V(), n;
	try {
		n = JSON.parse(U(H(e)) ?? "null");
	} catch {
		return t;
	}
	if (typeof n != "object" || !n) return t;
	let r = n;
	if (typeof r.selected == "number" && Number.isFinite(r.selected) && (t.selected = r.selected), typeof r.search == "string" && (t.search = r.search), typeof r.key == "string" && (t.key = r.key), typeof r.op == "string" && R.includes(r.op) && (t.op = r.op), typeof r.source == "string" && z.includes(r.source) && (t.source = r.source), typeof r.open == "object" && r.open !== null) for (let [e, n] of Object.entries(r.open)) typeof n == "boolean" && (t.open[e] = n);
	return Array.isArray(r.downloaded) && (t.downloaded = r.downloaded.filter((e) => typeof e == "string")), t;
}
function K(e, t) {
	let n = Object.keys(t.open), r = {};
	for (let e of n.slice(-500)) r[e] = t.open[e];
	let i = {
		...t,
		open: r,
		downloaded: t.downloaded.slice(-50)
	};
	W(H(e), JSON.stringify(i));
}
// src/state.ts
function q(t, n) {
	let r = t.entries.length ? e("div", { class: "ssd-tree" }, t.entries.map((e) => X(e, [e.key], t))) : e("div", { class: "ssd-note" }, "empty");
	return a("state", "ssd-state", [
		t.title,
		" ",
		e("span", { class: "ssd-count" }, String(t.entries.length))
	], n, r);
}
function J(e) {
	return `state:${JSON.stringify(e)}`;
}
function Y(t, n) {
	let r = [e("span", { class: "ssd-key" }, t.key), e("span", { class: "ssd-type" }, t.type)];
	return t.redacted ? r.push(e("span", { class: "ssd-summary ssd-redacted" }, e("span", {
		class: "ssd-lock",
		title: "redacted",
		role: "img",
		"aria-label": "redacted",
		"data-testid": "ssd-lock"
	}), n)) : r.push(e("span", { class: "ssd-summary" }, t.summary)), r;
}
function X(t, n, r) {
	let i = t.redacted ? [] : t.children ?? [], a = {
		"data-testid": "ssd-state-entry",
		"data-key": t.key
	};
	if (!i.length) return e("div", {
		...a,
		class: "ssd-leaf"
	}, Y(t, r.placeholder));
	let o = J(n);
	return e("details", {
		...a,
		class: "ssd-node",
		"data-open-id": o,
		open: r.open[o] === !0
	}, e("summary", { class: "ssd-node-line" }, Y(t, r.placeholder)), e("div", { class: "ssd-children" }, i.map((e) => X(e, [...n, e.key], r))));
}
// src/timeline.ts
var Z = {
	ok: "ok",
	exception: "exception",
	stopped: "stopped",
	rerun_requested: "rerun"
};
function Q(t) {
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
	}, "viewer") : null, e("button", {
		type: "button",
		class: "ssd-button",
		"data-testid": "ssd-export",
		"data-action": "export",
		"data-focus": "export",
		title: "Download the trace as JSON Lines"
	}, "Export"));
}
function te(t, n, r) {
	let i = new Set(t.details.map((e) => e.index)), o = e("div", {
		class: "ssd-timeline-list",
		role: "listbox",
		"aria-label": "reruns"
	}, t.timeline.map((e) => ne(e, e.index === n, i.has(e.index))));
	return a("timeline", "ssd-timeline", ["Timeline ", e("span", { class: "ssd-count" }, `${t.timeline.length} of ${t.total_reruns}`)], r, t.overflow ? e("div", {
		class: "ssd-note ssd-overflow",
		"data-testid": "ssd-overflow"
	}, "older reruns dropped") : null, o);
}
function ne(t, n, r) {
	let a = ["ssd-rerun"];
	return n && a.push("ssd-selected"), t.internal && a.push("ssd-internal"), r || a.push("ssd-unloaded"), e("div", {
		class: a.join(" "),
		"data-testid": "ssd-rerun-row",
		"data-index": t.index,
		"data-action": "select",
		"data-focus": `row:${t.index}`,
		role: "option",
		tabindex: 0,
		"aria-selected": String(n),
		title: t.trigger_kind || null
	}, e("div", { class: "ssd-rerun-line" }, e("span", { class: "ssd-idx" }, `#${t.index}`), t.has_errors ? e("span", {
		class: "ssd-mark ssd-mark-error",
		title: "KeyError in this rerun"
	}, "!") : null, t.has_mutations ? e("span", {
		class: "ssd-mark ssd-mark-mutation",
		title: "in-place mutation"
	}, "~") : null, e("span", { class: "ssd-trigger" }, t.trigger_text)), e("div", { class: "ssd-rerun-meta" }, e("span", { class: `ssd-status ssd-status-${t.status}` }, Z[t.status] ?? t.status), e("span", { class: "ssd-dur" }, i(t.duration_ms)), e("span", {
		class: "ssd-rwd",
		title: "reads / writes / deletes"
	}, `R${t.reads} W${t.writes} D${t.deletes}`)));
}
// src/panel.ts
var re = class {
	root;
	created;
	data = null;
	label = null;
	ui = V();
	trigger = () => void 0;
	pending = /* @__PURE__ */ new Set();
	listeners = [];
	constructor(t) {
		let n = t.querySelector("[data-testid=\"ssd-panel\"]");
		this.created = !n, this.root = n ?? e("div", {
			class: "ssd-panel",
			"data-testid": "ssd-panel"
		}), this.root.classList.add("ssd-panel"), this.created && t.appendChild(this.root), this.listen("click", (e) => this.onClick(e)), this.listen("keydown", (e) => this.onKeydown(e)), this.listen("input", (e) => this.onInput(e)), this.listen("change", (e) => this.onChange(e)), this.listen("toggle", (e) => this.onToggle(e), !0);
	}
	update(e, t) {
		this.trigger = t, this.data = x(e);
		let n = this.data?.session_label ?? "";
		if (n !== this.label && (this.label = n, this.ui = G(n)), this.data) for (let e of this.data.details) this.pending.delete(e.index);
		this.render(), this.maybeDownload();
	}
	dispose() {
		for (let [e, t, n] of this.listeners) this.root.removeEventListener(e, t, n);
		this.listeners.length = 0, this.created && this.root.remove();
	}
	selectedIndex() {
		let e = this.data?.timeline ?? [], t = e[e.length - 1];
		return t ? this.ui.selected !== null && e.some((e) => e.index === this.ui.selected) ? this.ui.selected : (this.ui.selected = null, t.index) : null;
	}
	listen(e, t, n = !1) {
		this.root.addEventListener(e, t, n), this.listeners.push([
			e,
			t,
			n
		]);
	}
	save() {
		K(this.label ?? "", this.ui);
	}
	isOpen(e, t = !0) {
		return this.ui.open[`sec:${e}`] ?? t;
	}
	render() {
		let t = this.captureFocus(), n = [Q(this.data)], r = this.data, i = this.selectedIndex();
		if (!r || i === null) n.push(e("div", {
			class: "ssd-note ssd-waiting",
			"data-testid": "ssd-waiting"
		}, "waiting for the first rerun"));
		else {
			let e = r.details.find((e) => e.index === i) ?? null, t = e ? s(e, this.isOpen("errors")) : null;
			t && n.push(t), n.push(te(r, i, this.isOpen("timeline"))), n.push(M(e, i, this.ui, this.isOpen("ops"), this.pending.has(i))), n.push(u(e, i, this.isOpen("diff")));
			let a = r.mode === "viewer" ? e?.state : void 0;
			n.push(q({
				entries: a ?? r.state,
				title: a ? `State after #${i}` : "State",
				placeholder: r.redacted_placeholder,
				open: this.ui.open
			}, this.isOpen("state")));
		}
		this.root.replaceChildren(...n), this.restoreFocus(t), this.scrollSelectedIntoView();
	}
	renderOpsOnly() {
		let e = this.selectedIndex(), t = this.data?.details.find((t) => t.index === e), n = this.root.querySelector("[data-testid=\"ssd-ops-results\"]");
		t && n ? n.replaceWith(N(t, this.ui)) : this.render();
	}
	select(e) {
		let t = this.data?.timeline ?? [], n = t[t.length - 1]?.index;
		this.ui.selected = e === n ? null : e, this.save(), this.data?.details.some((t) => t.index === e) || this.request(e), this.render();
	}
	request(e) {
		this.pending.add(e), this.trigger("request", { rerun: e });
	}
	filterKey(e) {
		this.ui.key = e, this.ui.search = "", this.ui.open["sec:ops"] = !0, this.save(), this.render(), this.root.querySelector("[data-testid=\"ssd-ops\"]")?.scrollIntoView?.({ block: "nearest" });
	}
	maybeDownload() {
		let e = this.data?.export;
		e && !this.ui.downloaded.includes(e.filename) && (this.ui.downloaded.push(e.filename), this.save(), o(e.filename, e.content));
	}
	onClick(e) {
		let t = e.target?.closest?.("[data-action]");
		t && this.root.contains(t) && this.act(t);
	}
	onKeydown(e) {
		if (e.key !== "Enter" && e.key !== " ") return;
		let t = e.target;
		t && t.tagName !== "BUTTON" && t.hasAttribute("data-action") && (e.preventDefault(), this.act(t));
	}
	act(e) {
		let t = e.getAttribute("data-action"), n = Number(e.getAttribute("data-index"));
		t === "select" && Number.isFinite(n) ? this.select(n) : t === "load" && Number.isFinite(n) ? (this.request(n), this.render()) : t === "export" ? this.trigger("request", { export: !0 }) : t === "filter-key" ? this.filterKey(e.getAttribute("data-key") ?? "") : t === "clear-filters" && (Object.assign(this.ui, {
			search: "",
			key: "",
			op: "",
			source: ""
		}), this.save(), this.render());
	}
	onInput(e) {
		let t = e.target;
		t?.getAttribute("data-testid") === "ssd-search" && (this.ui.search = t.value, this.save(), this.renderOpsOnly());
	}
	onChange(e) {
		let t = e.target, n = t?.getAttribute("data-filter");
		if (t && n) {
			if (n === "key") this.ui.key = t.value;
			else if (n === "op") this.ui.op = t.value;
			else if (n === "source") this.ui.source = t.value;
			else return;
			this.save(), this.renderOpsOnly();
		}
	}
	onToggle(e) {
		let t = e.target, n = t?.getAttribute?.("data-open-id");
		t && n && this.root.contains(t) && this.ui.open[n] !== t.open && (this.ui.open[n] = t.open, this.save());
	}
	captureFocus() {
		let e = this.root.getRootNode().activeElement, t = e && this.root.contains(e) ? e.getAttribute("data-focus") : null;
		if (!e || !t) return null;
		let n = e.tagName === "INPUT";
		return {
			id: t,
			start: n ? e.selectionStart : null,
			end: n ? e.selectionEnd : null
		};
	}
	restoreFocus(e) {
		if (e) {
			for (let t of this.root.querySelectorAll("[data-focus]")) if (t.getAttribute("data-focus") === e.id) {
				t.focus({ preventScroll: !0 }), e.start !== null && e.end !== null && t.setSelectionRange?.(e.start, e.end);
				return;
			}
		}
	}
	scrollSelectedIntoView() {
		let e = this.root.querySelector(".ssd-timeline-list"), t = e?.querySelector(".ssd-selected");
		!e || !t || e.scrollHeight <= e.clientHeight || (e.scrollTop = Math.max(0, t.offsetTop - e.clientHeight / 2 + t.offsetHeight / 2));
	}
}, $ = /* @__PURE__ */ new WeakMap(), ie = (e) => {
	let t = e.parentElement, n = $.get(t);
	if (!n) {
		let e = new re(t);
		n = {
			panel: e,
			cleanup: () => {
				e.dispose(), $.get(t)?.panel === e && $.delete(t);
			}
		}, $.set(t, n);
	}
	try {
		n.panel.update(e.data, (t, n) => e.setTriggerValue(t, n));
	} catch (e) {
		console.error("st_state_debugger panel failed to render", e);
		let t = document.createElement("div");
		t.className = "ssd-note ssd-crash", t.textContent = `panel error: ${e instanceof Error ? e.message : String(e)}`, n.panel.root.replaceChildren(t);
	}
	return n.cleanup;
};
export { ie as default };
