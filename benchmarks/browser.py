"""Search in the browser: the time from typing a query on /zoeken/ to the first results, in headless Chromium.

Each query runs in a fresh browser context (an empty cache), against a local HTTP server over a built site. The
same queries run against the site as built (the index in shards) and against the same pages with one index over
all of them (Pagefind's default, what stogen shipped before the shards), so the two are compared in one run; the
top results of both are compared too (shards score pages with their own word statistics).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
QUERIES = ("warmtepomp", "zonnepaneel leerlingen", "robot programmeren", "lassen", "scheepvaart haven")
# Names a visitor types to find a school, a person or a place (generate.py writes them into region.yml): a word few
# shards hold next to words every shard holds, where merged shards that each leave out a word they lack went wrong.
NAME_QUERIES = ("lyceum 17-1", "testscholen 33-2", "techniekhuis 42", "voorbeeld 17", "plaats 05 lyceum")
TOP = 5


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def single_index_copy(public: Path, work: Path, language: str = "nl") -> Path:
    """The built site (hard-linked) with one Pagefind index over every searchable page instead of the shards."""
    sys.path.insert(0, str(REPO))
    from stogen.outputs import search

    copy = work / "single-index"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(public, copy, copy_function=_link, ignore=shutil.ignore_patterns("pagefind", "pagefind-shards"))
    pages = tuple(
        sorted(str(p.relative_to(public)) for p in public.rglob("*.html") if b"data-pagefind-body" in p.read_bytes())
    )
    search.build_index(pages, lambda rel: public / rel, language, copy / "pagefind")
    page = copy / "zoeken" / "index.html"
    text = page.read_text("utf-8")
    start = text.index('data-merge="') + len('data-merge="')
    page.unlink()  # a hard link: never write through it
    page.write_text(text[:start] + text[text.index('"', start) :], "utf-8")
    return copy


def _link(source: str, target: str) -> None:
    import os

    os.link(source, target)


def time_queries(folder: Path, queries: tuple[str, ...] = QUERIES) -> tuple[float, dict[str, list[str]]]:
    """Median milliseconds from typing each query to its first result, and each query's top result links."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from sitekit import CHROMIUM_ARGS

    times: list[float] = []
    tops: dict[str, list[str]] = {}
    with serving(folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context()  # an empty cache for every query
                page = context.new_page()
                page.goto(base + "/zoeken/")
                page.wait_for_selector(".pagefind-ui__search-input")
                started = time.perf_counter()
                page.fill(".pagefind-ui__search-input", query)
                page.wait_for_selector(".pagefind-ui__result-link", timeout=60000)
                times.append((time.perf_counter() - started) * 1000)
                page.wait_for_timeout(500)  # let every shard's results arrive before reading the top ones
                links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
                tops[query] = top_pages(links)
                context.close()
        finally:
            browser.close()
    return statistics.median(times), tops


def top_pages(links: list[str], top: int = TOP) -> list[str]:
    """The first `top` pages among result links, in order. Pagefind UI also links each page's sections
    (/a/#kop) under its title, and the selector for titles matches those too: counted as they came, the "top
    five" was two or three pages and their anchors, and pages were compared with anchors."""
    pages: list[str] = []
    for link in links:
        path = link.split("/", 3)[-1].split("#", 1)[0]
        if path not in pages:
            pages.append(path)
    return pages[:top]


# Every result of each query as (page id, score), best first, through the search page's Pagefind module with the
# shards merged as the page merges them. A page's id is the hash of its fragment, the same in both indexes.
_SCORES_JS = """async ([queries, merge]) => {
  const pagefind = await import("/zoeken/pagefind.js");
  await pagefind.options({});
  for (const path of merge) await pagefind.mergeIndex(path);
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    found[query] = search.results.map(r => [r.id, r.score]);
  }
  return found;
}"""


def result_scores(folder: Path, queries: tuple[str, ...] = QUERIES) -> dict[str, list[tuple[str, float]]]:
    """Each query's results as (page id, score), best first, with every shard the search page merges."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from sitekit import CHROMIUM_ARGS

    html = (folder / "zoeken" / "index.html").read_text("utf-8")
    merge = html.split('data-merge="', 1)[1].split('"', 1)[0].split() if 'data-merge="' in html else []
    with serving(folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(base + "/zoeken/")
            found = page.evaluate(_SCORES_JS, [list(queries), merge])
        finally:
            browser.close()
    return {q: [(str(i), float(s)) for i, s in found[q]] for q in queries}


def judged_by_single(
    sharded: dict[str, list[tuple[str, float]]], single: dict[str, list[tuple[str, float]]]
) -> dict[str, float]:
    """How relevant the shards' top results are by the single index's own scores.

    Shards score with their own word statistics, so their scores differ from the single index's and, where many
    pages are almost equally relevant (a generated corpus is), the top five pages differ too. What matters is
    whether the pages shown first are as relevant: each of the shards' top five is scored by the single index,
    as a share of the single index's best score (1.0: as relevant as its best). Reported: the lowest over all
    queries, and how many pages the single index scores within 1% of its best (the ties the top five are picked
    from), the median over the queries.
    """
    shares: list[float] = []
    ties: list[int] = []
    for query, results in single.items():
        if not results:
            continue
        best = results[0][1]
        score = dict(results)
        shares.extend(score.get(page, 0.0) / best for page, _ in sharded.get(query, [])[:TOP])
        ties.append(sum(1 for _, s in results if s >= best * 0.99))
    return {
        "lowest share": min(shares) if shares else 1.0,
        "ties": statistics.median(ties) if ties else 0,
    }


def same_results(
    sharded: dict[str, list[tuple[str, float]]], single: dict[str, list[tuple[str, float]]]
) -> dict[str, int]:
    """How many queries the shards answer with the single index's pages (as sets), and how many pages they find
    that it does not (summed over the queries)."""
    return {
        "same": sum(1 for q in single if {p for p, _ in sharded[q]} == {p for p, _ in single[q]}),
        "extra": sum(len({p for p, _ in sharded[q]} - {p for p, _ in single[q]}) for q in single),
    }


def overlap(a: dict[str, list[str]], b: dict[str, list[str]]) -> float:
    """The share of the top results two indexes agree on (as sets per query), over all queries."""
    shared = sum(len(set(a[q]) & set(b.get(q, []))) for q in a)
    total = sum(max(len(a[q]), len(b.get(q, []))) for q in a)
    return shared / total if total else 1.0
