"""Reader-side figures measured in Debian's Chromium through Playwright.

- page_weight(): load each page in a fresh browser context (empty cache) from a local server and add
  up every response by kind (HTML, CSS, JS, fonts, images, search index, other), as sent (no
  compression; Python's server sends none) and as gzip would send it (text types only; fonts and
  images are already compressed and counted as they are).
- search_latency(): Material's own search box: type each query with press_sequentially and time
  from the last key press to the moment the result list stops changing (Material redraws the list
  when its web worker answers; a MutationObserver timestamps the last redraw). Material searches
  again at every key, so this includes the queries for the first letters still queued in its
  worker; "alone" times the same query with only its last key pressed.
"""
from __future__ import annotations

import time
from urllib.parse import urlsplit

from common import CHROMIUM, CHROMIUM_ARGS, gz, median

KINDS = ["html", "css", "js", "fonts", "images", "other"]
TYPING_DELAY_MS = 100  # between key presses: a fast typist (10 characters a second)
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def _launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def _kind(url: str, resource_type: str, content_type: str) -> str:
    path = urlsplit(url).path.lower()
    if path.endswith("search_index.json") or path.endswith("search_index.js"):
        return "search_index"
    if resource_type == "document" or path.endswith((".html", "/")):
        return "html"
    if path.endswith(".css") or resource_type == "stylesheet":
        return "css"
    if path.endswith((".js", ".mjs")) or resource_type == "script":
        return "js"
    if path.endswith((".woff2", ".woff", ".ttf", ".otf")) or resource_type == "font":
        return "fonts"
    if path.endswith((".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".avif")) or resource_type == "image":
        return "images"
    return "other"


def page_weight(base_url: str, pages: dict[str, str]) -> dict:
    """{page name: {kind: {"bytes", "gzip", "requests"}, "total_excluding_search": {...}, "urls": [...]}}"""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            for name, path in pages.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                responses = []
                page.on("response", lambda r: responses.append(r))
                page.goto(base_url + path, wait_until="load", timeout=60_000)
                try:
                    page.wait_for_load_state("networkidle", timeout=15_000)
                except Exception:  # noqa: BLE001 - a long-polling request must not stop the measurement
                    pass
                page.wait_for_timeout(500)
                sums = {k: {"bytes": 0, "gzip": 0, "requests": 0} for k in KINDS + ["search_index"]}
                urls = []
                for resp in responses:
                    if resp.status >= 300 or resp.url.startswith("data:"):
                        continue
                    try:
                        body = resp.body()
                    except Exception:  # noqa: BLE001 - body gone (navigated away) or a redirect
                        continue
                    ctype = (resp.headers.get("content-type") or "").lower()
                    kind = _kind(resp.url, resp.request.resource_type, ctype)
                    packed = gz(body) if ctype.startswith(TEXT_TYPES) or kind in ("html", "css", "js", "search_index") \
                        else len(body)
                    sums[kind]["bytes"] += len(body)
                    sums[kind]["gzip"] += min(packed, len(body))
                    sums[kind]["requests"] += 1
                    urls.append({"url": resp.url.replace(base_url, "/"), "kind": kind, "bytes": len(body),
                                 "gzip": min(packed, len(body))})
                total = {f: sum(sums[k][f] for k in KINDS) for f in ("bytes", "gzip", "requests")}
                out[name] = {"path": "/" + path, **sums, "total_excluding_search": total, "responses": urls}
                context.close()
        finally:
            browser.close()
    return out


_INSTALL = """() => {
  const kb = window.__kb = {lastKey: 0, lastRender: 0};
  const input = document.querySelector('.md-search__input');
  input.addEventListener('keydown', () => { kb.lastKey = performance.now(); }, true);
  new MutationObserver(() => { kb.lastRender = performance.now(); })
    .observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
}"""
_READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  return meta && meta.textContent.trim() !== '' && !/initiali[sz]ing/i.test(meta.textContent);
}"""
_ANSWERED = """(quiet) => {
  const kb = window.__kb, meta = document.querySelector('.md-search-result__meta');
  return kb.lastRender > kb.lastKey && /matching/i.test(meta.textContent)
    && performance.now() - kb.lastRender > quiet;
}"""


def search_latency(base_url: str, queries: list[str], tries: int = 3, allowance: float = 180,
                   answer_timeout: float = 30, quiet_ms: int = 300, alone_tries: int | None = None) -> dict:
    """Time Material's client-side search in Chromium. Returns per-query tries (ms) and medians.

    `allowance` bounds the whole measurement (seconds): waiting for the index, then the queries. When
    one answer takes longer than 2 s, each remaining query is tried once; queries that no longer fit
    are reported as not measured.
    """
    from playwright.sync_api import sync_playwright

    end = time.monotonic() + allowance
    result: dict = {"queries": {}, "ready_seconds": None, "error": None, "skipped": []}
    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.monotonic()
            page.goto(base_url, wait_until="load", timeout=60_000)
            try:
                page.wait_for_function(_READY, timeout=max(1.0, end - time.monotonic()) * 1000, polling=100)
            except Exception:  # noqa: BLE001
                result["error"] = f"search was not ready within {allowance:.0f} s of loading the page"
                return result
            result["ready_seconds"] = round(time.monotonic() - start, 2)
            page.evaluate(_INSTALL)
            box = page.locator(".md-search__input")
            box.click()
            slow = False
            for q in queries:
                times, count, timeouts = [], None, 0
                for attempt in range(1 if slow else tries):
                    left = end - time.monotonic()
                    if left < (answer_timeout if slow else 3):
                        break
                    box.fill("")
                    page.wait_for_timeout(quiet_ms)
                    # a slow index may still be answering the previous query: wait until it is quiet
                    try:
                        page.wait_for_function("(q) => performance.now() - window.__kb.lastRender > q", arg=quiet_ms,
                                               timeout=max(1.0, end - time.monotonic()) * 1000, polling=50)
                    except Exception:  # noqa: BLE001 - out of time
                        break
                    page.evaluate("() => { window.__kb.lastKey = 0; window.__kb.lastRender = 0; }")
                    box.press_sequentially(q, delay=TYPING_DELAY_MS)
                    typed = time.monotonic()
                    try:
                        page.wait_for_function(_ANSWERED, arg=quiet_ms, polling=50,
                                               timeout=min(answer_timeout, max(1.0, end - time.monotonic())) * 1000)
                    except Exception:  # noqa: BLE001 - counted as the timeout: a lower bound
                        times.append(round((time.monotonic() - typed) * 1000, 1))
                        timeouts += 1
                        slow = True
                        continue
                    kb = page.evaluate("() => window.__kb")
                    times.append(round(kb["lastRender"] - kb["lastKey"], 1))
                    count = page.locator(".md-search-result__meta").inner_text().strip()
                    slow = slow or times[-1] > 2000
                if not times:
                    result["skipped"].append(q)
                    continue
                # the same query answered alone: all but the last letter typed in at once (no search runs
                # for it), then the last key pressed, so no earlier query is queued in the worker
                alone = []
                for attempt in range(0 if slow else (tries if alone_tries is None else alone_tries)):
                    if end - time.monotonic() < 3:
                        break
                    box.fill("")
                    box.fill(q[:-1])
                    page.wait_for_timeout(quiet_ms)
                    try:
                        page.wait_for_function("(q) => performance.now() - window.__kb.lastRender > q", arg=quiet_ms,
                                               timeout=max(1.0, end - time.monotonic()) * 1000, polling=50)
                    except Exception:  # noqa: BLE001 - out of time
                        break
                    page.evaluate("() => { window.__kb.lastKey = 0; window.__kb.lastRender = 0; }")
                    box.press(q[-1])
                    try:
                        page.wait_for_function(_ANSWERED, arg=quiet_ms, polling=50,
                                               timeout=min(answer_timeout, max(1.0, end - time.monotonic())) * 1000)
                    except Exception:  # noqa: BLE001
                        break
                    kb = page.evaluate("() => window.__kb")
                    alone.append(round(kb["lastRender"] - kb["lastKey"], 1))
                result["queries"][q] = {"tries_ms": times, "median_ms": median(times), "results": count,
                                        "timeouts": timeouts, "alone_tries_ms": alone, "alone_median_ms": median(alone)}
            meds = [v["median_ms"] for v in result["queries"].values()]
            result["median_ms"] = median(meds)
            result["worst_ms"] = max(meds) if meds else None
            if any(v["timeouts"] for v in result["queries"].values()):
                result["error"] = (f"some tries got no answer within {answer_timeout:.0f} s "
                                   "(counted as that long: a lower bound)")
            if result["skipped"]:
                result["note"] = f"not measured for lack of time: {', '.join(result['skipped'])}"
        finally:
            browser.close()
    return result
