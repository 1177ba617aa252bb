"""Many concurrent browser sessions against a real server, with and without the debugger.

    python benchmarks/load_sessions.py                 # 10 sessions x 50 reruns
    python benchmarks/load_sessions.py --sessions 4 --reruns 10   # quick (CI)

Latency is the median over every interaction of every session (the p25 beside it),
native and debugged measured in the same run, one server after the other.

Starts `streamlit run` (native) and `st-state-debugger run` (debugger) on 127.0.0.1,
one after the other, and drives N concurrent sessions (Playwright contexts in Debian's
Chromium) through R reruns each: clicks (a callback that mutates a list in place),
typing and a checkbox. Reports: every session's trace complete (one line per rerun,
indices without gaps), no session's value in another's trace or panel, server memory
before and after, and the app's script-body time with and without the debugger.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from st_state_debugger import load_trace  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitRunner  # noqa: E402

APP = ROOT / "tests" / "apps" / "load_app.py"
LATENCIES: list[float] = []  # ms from an interaction to its rerun shown in the page
PANEL_PROBLEMS: list[str] = []


#: issue 15: interaction latency with the debugger (and its panel) within 1.25x of native
GOAL = 1.25


def rss_mb(pid: int) -> float:
    """The server's resident memory, its children included (benchmarks/server_memory.py)."""
    from benchmarks.server_memory import rss_mb as total

    return total(pid)


async def drive(browser, url: str, n: int, reruns: int, with_panel: bool) -> str:
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(url)
    main = page.get_by_test_id("stMainBlockContainer")
    await main.get_by_text("runs: 1", exact=True).wait_for(timeout=60_000)
    token = f"tok{n:02d}x{os.getpid()}"
    runs = 1
    loop = asyncio.get_running_loop()
    for step in range(reruns):
        t0 = loop.time()
        if step % 3 == 0:
            await main.get_by_role("button", name="Add").click()
        elif step % 3 == 1:
            box = main.get_by_label("Token")
            await box.fill(f"{token}-{step}")
            await box.press("Enter")
        else:
            await main.get_by_text("Flag").click()
        runs += 1
        await main.get_by_text(f"runs: {runs}", exact=True).wait_for(timeout=60_000)
        LATENCIES.append((loop.time() - t0) * 1000)
    text = ""
    if with_panel:
        # While a rerun is in flight the new panel (a new element id: its data changed)
        # sits beside the old one, which Streamlit clears as stale when the run ends.
        panels = page.locator("[data-testid=stSidebar] [data-testid=ssd-timeline]")
        for _ in range(300):
            if await panels.count() == 1:
                break
            await asyncio.sleep(0.1)
        else:
            PANEL_PROBLEMS.append(f"session {n}: {await panels.count()} panels after the last rerun settled")
        text = await page.evaluate("() => { const out=[]; const walk=(r)=>{ for (const el of r.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot); out.push(r.textContent||''); }; walk(document); return out.join('\\n'); }")
    await context.close()
    return text


async def load(url: str, sessions: int, reruns: int, with_panel: bool) -> list[str]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        texts = await asyncio.gather(*(drive(browser, url, n, reruns, with_panel) for n in range(sessions)))
        await browser.close()
    return list(texts)


def run_load(sessions: int, reruns: int, work: Path) -> dict:
    """Native, then debugged; returns the figures and the problems found (empty if none)."""
    out: dict = {"problems": []}
    for mode in ("native", "debugger"):
        times = work / f"{mode}-times.txt"
        trace_dir = work / f"{mode}-traces"
        command = [sys.executable, "-m", "st_state_debugger", "run"] if mode == "debugger" else None
        env = {"SSD_LOAD_TIMES": str(times), "ST_STATE_DEBUGGER_TRACE_DIR": str(trace_dir)}
        runner = StreamlitRunner(APP, trace_dir, env=env, command=command)
        try:
            before = rss_mb(runner.proc.pid)
            texts = asyncio.run(load(runner.url, sessions, reruns, with_panel=mode == "debugger"))
            after = rss_mb(runner.proc.pid)
        finally:
            runner.stop()
        body = [float(x) for x in times.read_text().split()]
        out[mode] = {"rss_before": before, "rss_after": after, "body_ms": statistics.median(body), "runs": len(body),
                     "latency_ms": statistics.median(LATENCIES), "latency_p25": sorted(LATENCIES)[len(LATENCIES) // 4]}
        LATENCIES.clear()
        if mode == "debugger":
            files = sorted(trace_dir.glob("*.jsonl"))
            if len(files) != sessions:
                out["problems"].append(f"{len(files)} trace files for {sessions} sessions")
            tokens = {}
            for f in files:
                trace = load_trace(f)
                indices = [r.index for r in trace.reruns]
                if indices != list(range(1, len(indices) + 1)):
                    out["problems"].append(f"{f.name}: indices with gaps {indices[:5]}…")
                if len(indices) != reruns + 1:
                    out["problems"].append(f"{f.name}: {len(indices)} reruns, expected {reruns + 1}")
                raw = f.read_text()
                own = {t.split("-")[0] for t in __import__("re").findall(r"tok\d\dx\d+-\d+", raw)}
                if len(own) > 1:
                    out["problems"].append(f"{f.name}: values of several sessions {sorted(own)}")
                tokens[f.name] = own
            for i, text in enumerate(texts):
                seen = {t.split("-")[0] for t in __import__("re").findall(r"tok\d\dx\d+-\d+", text)}
                if len(seen) > 1:
                    out["problems"].append(f"panel of session {i} shows values of {sorted(seen)}")
            out["trace_files"] = len(files)
            out["problems"].extend(PANEL_PROBLEMS)
            PANEL_PROBLEMS.clear()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--reruns", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ssd-load-"))
    r = run_load(args.sessions, args.reruns, work)
    n, d = r["native"], r["debugger"]
    print(f"st_state_debugger load — {args.sessions} concurrent browser sessions x {args.reruns} reruns, streamlit run on 127.0.0.1, Debian Chromium")
    ratio = d['latency_ms'] / n['latency_ms']
    print(f"interaction -> rerun shown (ms, med) native {n['latency_ms']:.1f}  debugger {d['latency_ms']:.1f}  ratio {ratio:.2f}x  "
          f"goal <= {GOAL:.2f}x  {'PASS' if ratio <= GOAL else 'FAIL'}  (all sessions at once; p25: native {n['latency_p25']:.1f}  debugger {d['latency_p25']:.1f})")
    print(f"script body per rerun (ms, median)   native {n['body_ms']:.3f}  debugger {d['body_ms']:.3f}  ratio {d['body_ms'] / n['body_ms']:.2f}x")
    print(f"server RSS before -> after (MB)      native {n['rss_before']:.0f} -> {n['rss_after']:.0f}   debugger {d['rss_before']:.0f} -> {d['rss_after']:.0f}  (process and children)")
    print(f"trace files                          {r.get('trace_files')} for {args.sessions} sessions; every trace complete and isolated: {'yes' if not r['problems'] else 'NO'}")
    for p in r["problems"]:
        print("  problem:", p)
    return 1 if r["problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
