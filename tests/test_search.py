"""Site search: the /zoeken/ page, the Pagefind index of bodies only, and a query answered in Chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import shutil
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitekit import (
    CHROMIUM_ARGS,
    CONFIG_WITH_SEARCH,
    REPO,
    article,
    base_files,
    make_site,
    page_path,
    require_tool,
    soup,
    stogen,
    tree_digest,
)

from stogen.outputs.search import build_index, shards_of


def _built(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A test site from `files`, built; its root."""
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def _site(tmp_path: Path) -> Path:
    files = base_files()
    files["stogen.yml"] = CONFIG_WITH_SEARCH  # a site's default: search on
    files["regions/alpha/nieuws/2026-11-06-lasrobot.md"] = article(
        "Lasrobot in de werkplaats", "2026-11-06", "Leerlingen programmeren een lasrobot voor de metaalopleiding."
    )
    return _built(tmp_path, files)


def test_search_page_and_index(tmp_path: Path) -> None:
    root = _site(tmp_path)
    page = soup(root, "/zoeken/")
    assert page.find("noscript").get_text(strip=True).startswith("Zoeken werkt met JavaScript")
    assert page.find("script", src="/pagefind/pagefind-ui.js")
    assert not [s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
    bundle = root / "public/pagefind"
    assert (bundle / "pagefind-entry.json").is_file() and (bundle / "pagefind-ui.js").is_file()
    body = soup(root, "/regio/alpha/nieuws/lasrobot/").find(attrs={"data-pagefind-body": True})
    assert body["data-pagefind-filter"] == "regio:Alpha"
    assert soup(root, "/nieuws/").find(attrs={"data-pagefind-body": True}) is None  # listings are not indexed
    first = tree_digest(root / "public")
    assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(root / "public") == first  # the index is deterministic too


def test_an_incremental_build_updates_the_index_as_a_clean_build_does(tmp_path: Path) -> None:
    root = _site(tmp_path)
    bundle = tree_digest(root / "public/pagefind")
    article_file = root / "regions/alpha/nieuws/2026-11-06-lasrobot.md"
    article_file.write_text(article_file.read_text("utf-8").replace("lasrobot voor", "snijrobot voor"), "utf-8")
    assert stogen(root, "build").returncode == 0
    incremental = tree_digest(root / "public")
    assert tree_digest(root / "public/pagefind") != bundle  # the edited page was indexed again
    assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(root / "public") == incremental
    entry = root / "public/pagefind/pagefind-entry.json"
    written = entry.stat().st_mtime_ns
    assert stogen(root, "build").returncode == 0  # nothing changed: the index is not made again
    assert entry.stat().st_mtime_ns == written


def test_search_can_be_turned_off(tmp_path: Path) -> None:
    files = base_files()
    assert "search: false" in files["stogen.yml"]
    root = make_site(tmp_path / "s", files)
    assert stogen(root, "build").returncode == 0
    assert not (root / "public/pagefind").exists()
    assert not (root / "public/zoeken").exists()


# Words only one article holds, so a query for one finds exactly that article.
SHARDED_ARTICLES = {
    f"regions/{region}/nieuws/2026-11-0{day}-{word}.md": (word, region)
    for day, (word, region) in enumerate(
        [
            ("lasrobot", "alpha"),
            ("zonnecel", "alpha"),
            ("draaibank", "beta"),
            ("soldeerbout", "beta"),
            ("kraanmachinist", "alpha"),
            ("waterstofauto", "beta"),
        ],
        start=1,
    )
}


def _sharded_site(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    """A site whose index comes in several shards: a shard for about every two pages."""
    files = base_files()
    files["stogen.yml"] = CONFIG_WITH_SEARCH + "search_shard_pages: 2\n"
    for rel, (word, _) in SHARDED_ARTICLES.items():
        body = f"Leerlingen werken met de {word} in de techniek."
        files[rel] = article(f"Nieuws over de {word}", rel.split("/")[-1][:10], body)
    return _built(tmp_path, {**files, **(extra or {})})


def test_pages_keep_their_shard_until_the_site_doubles() -> None:
    paths = [f"regio/r{n % 78}/nieuws/bericht-{n}/index.html" for n in range(1000)]
    shards = shards_of(paths, 100)
    assert len(shards) == 8 and all(shards)  # 1000 / 100 = 10 -> the power of two below it
    assert sorted(p for shard in shards for p in shard) == sorted(paths)
    grown = shards_of([*paths, "nieuws/nieuw/index.html"], 100)
    moved = [p for n, shard in enumerate(shards) for p in shard if p not in grown[n]]
    assert moved == []  # a new page goes to its own shard; every other page stays where it was
    assert len(shards_of(paths * 2, 100)) == 16 and len(shards_of(paths[:3], 100)) == 1
    assert all(all(shards_of(paths[:k], 1)) for k in range(1, 40))  # halved while a shard would be empty


def _shard_of(public: Path, url: str) -> str:
    """The shard folder whose index holds the page at url (from the page fragments Pagefind wrote)."""
    for fragment in sorted(public.glob("pagefind*/**/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        if json.loads(data[data.index(b"{") :])["url"] == url:
            return fragment.parent.parent.relative_to(public).as_posix()
    raise AssertionError(f"{url} is in no shard")


def test_the_index_comes_in_shards_and_an_edit_remakes_only_its_own(tmp_path: Path) -> None:
    root = _sharded_site(tmp_path)
    public = root / "public"
    shards = sorted(p.parent.relative_to(public).as_posix() for p in public.glob("pagefind*/**/pagefind-entry.json"))
    assert len(shards) > 2 and shards[0] == "pagefind"
    merged = soup(root, "/zoeken/").find(id="zoeken")["data-merge"].split()
    assert merged == ["/" + s + "/" for s in shards[1:]]
    assert not list(public.glob("pagefind-shards/*/pagefind-ui.js"))  # scripts come from the primary shard
    home = _shard_of(public, "/regio/beta/")
    own = _shard_of(public, "/regio/beta/nieuws/draaibank/")
    assert home != own  # else this test could not tell the two apart

    def made() -> dict[str, int]:  # a shard made again replaces its folder: new files, new inodes
        return {s: (public / s / "pagefind-entry.json").stat().st_ino for s in shards}

    before, inodes = {s: tree_digest(public / s) for s in shards}, made()
    # The edit changes the article's summary, which the region's home shows under its latest news; but Pagefind
    # skips that section, so the home's shard is not indexed again (search.UNINDEXED).
    edited = root / "regions/beta/nieuws/2026-11-03-draaibank.md"
    edited.write_text(edited.read_text("utf-8").replace("werken met", "oefenen met"), "utf-8")
    home_page = page_path(root, "/regio/beta/").read_bytes()
    assert stogen(root, "build").returncode == 0
    assert page_path(root, "/regio/beta/").read_bytes() != home_page
    changed = [s for s in shards if tree_digest(public / s) != before[s]]
    assert changed == [own]
    assert [s for s, inode in made().items() if inode != inodes[s]] == [own]
    incremental = tree_digest(public)
    assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(public) == incremental  # search index included, byte for byte

    # What the home's index does hold, a school's name, re-indexes its shard.
    region = root / "regions/beta/region.yml"
    region.write_text(region.read_text("utf-8").replace("Testschool Beta", "Vakschool Beta"), "utf-8")
    before = {s: tree_digest(public / s) for s in shards}
    assert stogen(root, "build").returncode == 0
    assert home in [s for s in shards if tree_digest(public / s) != before[s]]
    incremental = tree_digest(public)
    assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(public) == incremental


@contextmanager
def _served_as_on_netlify(public: Path) -> Iterator[str]:
    """The output over HTTP with the headers Netlify sends (netlify.toml), Content-Security-Policy included."""
    headers = tomllib.loads((REPO / "netlify.toml").read_text("utf-8"))["headers"]
    site_headers = next(h["values"] for h in headers if h["for"] == "/*")
    site_headers = {k: v for k, v in site_headers.items() if k != "Strict-Transport-Security"}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for name, value in site_headers.items():
                self.send_header(name, value.replace(" upgrade-insecure-requests", "").replace(";;", ";"))
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(public)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@contextmanager
def _search_page(base: str) -> Iterator[Any]:
    """Chromium on /zoeken/ of the site served at `base`."""
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/zoeken/")
            yield page
        finally:
            browser.close()


def _search(base: str, queries: list[str]) -> dict[str, list[str]]:
    """What Chromium shows on /zoeken/ for each query: the result links, with the policy refusing nothing."""
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    found: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(f"{base}/zoeken/")
        for query in queries:
            page.fill(".pagefind-ui__search-input", query)
            page.wait_for_selector(f".pagefind-ui__result-link[href*='{query}']", timeout=15000)
            links = page.locator(".pagefind-ui__result-title .pagefind-ui__result-link")
            found[query] = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert refused == []
        browser.close()
    return found


def test_query_answered_in_chromium(tmp_path: Path) -> None:
    root = _site(tmp_path)
    with _served_as_on_netlify(root / "public") as base:
        assert _search(base, ["lasrobot"]) == {"lasrobot": ["/regio/alpha/nieuws/lasrobot/"]}


def test_chromium_searches_every_shard_and_filters_by_region(tmp_path: Path) -> None:
    root = _sharded_site(tmp_path)
    public = root / "public"
    words = [word for word, _ in SHARDED_ARTICLES.values()]
    elsewhere = [
        w for w in words if _shard_of(public, f"/regio/{dict(SHARDED_ARTICLES.values())[w]}/nieuws/{w}/") != "pagefind"
    ]
    assert elsewhere  # some articles are in a shard that is not the primary one
    with _served_as_on_netlify(public) as base:
        found = _search(base, words)
        assert found == {w: [f"/regio/{region}/nieuws/{w}/"] for w, region in SHARDED_ARTICLES.values()}
        with _search_page(base) as page:  # the region filter counts and narrows results from every shard
            page.fill(".pagefind-ui__search-input", "leerlingen")
            page.wait_for_selector(".pagefind-ui__result-link")
            # Counted over every shard: the count grows as the shards answer, so wait for the last one's.
            page.wait_for_selector("label[for='regio-Beta']:text-is('Beta (3)')", timeout=15000)
            assert page.locator("label[for='regio-Beta']").text_content() == "Beta (3)"
            page.locator("input#regio-Beta").check(force=True)  # inside the closed filter panel
            # Not wait_for_function: evaluating a string is what the policy refuses.
            page.wait_for_selector(".pagefind-ui__result-link[href*='/alpha/']", state="detached")
            for w in (w for w, region in SHARDED_ARTICLES.values() if region == "beta"):  # results come per shard
                page.wait_for_selector(f".pagefind-ui__result-title .pagefind-ui__result-link[href*='/{w}/']")
            hrefs = page.locator(".pagefind-ui__result-title .pagefind-ui__result-link").evaluate_all(
                "els => els.map(e => e.getAttribute('href'))"
            )
    assert sorted(hrefs) == sorted(
        f"/regio/beta/nieuws/{w}/" for w, region in SHARDED_ARTICLES.values() if region == "beta"
    )


# Each query's results through Pagefind's API on /zoeken/, without and with a filter: page ids (the hash of a page's
# fragment, the same in any index), the filter counts and the total, through `module` with the shards of data-merge
# merged as the search page merges them.
_RESULTS_JS = """async ([module, merge, queries]) => {
  const pagefind = await import(module);
  await pagefind.options({});
  for (const path of merge) await pagefind.mergeIndex(path, {});
  const found = {"": await pagefind.filters()};  // as Pagefind UI asks first: it loads the filters
  for (const query of queries) {
    found[query] = [];
    for (const filters of [{}, {regio: ["Alpha"]}]) {  // as typed, and with the region filter checked
      const search = await pagefind.search(query, {filters});
      const ids = search.results.map(r => r.id).sort();
      found[query].push([ids, search.filters, search.totalFilters, search.unfilteredResultCount]);
    }
  }
  return found;
}"""


def _results(public: Path, module: str, queries: list[str]) -> dict[str, list]:
    merge = soup(public.parent, "/zoeken/").find(id="zoeken")["data-merge"].split()
    with _served_as_on_netlify(public) as base, _search_page(base) as page:
        return page.evaluate(_RESULTS_JS, [module, merge, queries])


def _one_index_copy(root: Path, copy: Path) -> Path:
    """The built site with one Pagefind index over every indexed page instead of the shards: what the search page
    must find, as Pagefind's own single index finds it."""
    public = root / "public"
    shutil.copytree(public, copy / "public", ignore=shutil.ignore_patterns("pagefind", "pagefind-shards"))
    pages = tuple(
        sorted(str(p.relative_to(public)) for p in public.rglob("*.html") if b"data-pagefind-body" in p.read_bytes())
    )
    build_index(pages, lambda rel: public / rel, "nl", copy / "public/pagefind")
    search_page = page_path(copy, "/zoeken/")
    text = search_page.read_text("utf-8")
    search_page.write_text(re.sub(r'data-merge="[^"]*"', 'data-merge=""', text), "utf-8")
    return copy / "public"


def test_a_query_finds_in_the_shards_what_one_index_finds(tmp_path: Path) -> None:
    """Pagefind leaves out a query's word that its index lacks: merged as they are, a shard without "draaibank"
    answered "leerlingen draaibank" with all of its pages about leerlingen. The search page's module
    (/zoeken/pagefind.js) answers as one index over every page does: results and filter counts."""
    # One page has "techniekhuis"; every article has "techniek", which begins it.
    house = article("Open dag", "2026-11-08", "Leerlingen bezoeken het techniekhuis.")
    root = _sharded_site(tmp_path, {"regions/beta/nieuws/2026-11-08-open-dag.md": house})
    public = root / "public"
    single = _one_index_copy(root, tmp_path / "single")
    words = [word for word, _ in SHARDED_ARTICLES.values()]
    queries = [f"leerlingen {w}" for w in words] + [f"Nieuws {w.upper()}!" for w in words[:2]]
    queries += ["leerlingen xyzzy", "xyzzy", f"{words[0]} {words[1]}", '"werken met de draaibank"', "leerlingen"]
    queries += ["techniekhuis", "techniekhuis leerlingen", "techniekhui", "techniekhuizen", "techniek"]
    module = "/zoeken/pagefind.js"
    expected = _results(single, module, queries)
    (ids, counts, _, total), (in_alpha, *_) = expected["leerlingen draaibank"]
    assert len(ids) == 1 and total == 1 and counts["regio"] == {"Alpha": 0, "Beta": 1, "Landelijk": 0}
    assert in_alpha == []
    assert expected["leerlingen xyzzy"] == expected["leerlingen"]  # a word no page holds is left out
    assert 0 < len(expected["techniekhuis"][0][0]) < len(expected["techniek"][0][0])
    assert _results(public, module, queries) == expected
    # Pagefind's own API over the same shards, without the module, finds more: this test can tell them apart. (Its
    # own instance: the page's script has set up the one the module wraps, which a second set-up would merge twice.)
    raw = _results(public, "/pagefind/pagefind.js?unwrapped", queries)
    assert len(raw["leerlingen draaibank"][0][0]) > 1 and raw["leerlingen draaibank"][1][0]
    assert len(raw["techniekhuis"][0][0]) > len(expected["techniekhuis"][0][0])  # shards without it: "techniek"

    with _served_as_on_netlify(public) as base, _search_page(base) as page:  # and so does the page
        page.fill(".pagefind-ui__search-input", "leerlingen draaibank")
        page.wait_for_selector(".pagefind-ui__result-title .pagefind-ui__result-link[href*='/draaibank/']")
        page.wait_for_selector("label[for='regio-Beta']:text-is('Beta (1)')", timeout=15000)
        titles = page.locator(".pagefind-ui__result-title .pagefind-ui__result-link")
        assert titles.evaluate_all("els => els.map(e => e.getAttribute('href'))") == ["/regio/beta/nieuws/draaibank/"]
        assert page.locator(".pagefind-ui__filter-name", has_text="stogen-shard").count() == 0


def test_the_header_search_field_opens_the_search_page_with_the_query(tmp_path: Path) -> None:
    root = _site(tmp_path)
    form = soup(root, "/nieuws/").find("form", role="search")
    assert form["action"] == "/zoeken/" and form["method"] == "get"
    field = form.find("input", type="search")
    assert field["name"] == "q" and form.find("label", attrs={"for": field["id"]})
    assert soup(root, "/404.html").find("form", role="search")
    assert not soup(root, "/zoeken/").find("form", role="search")  # the search page has its own field
    script = (root / "public/static/search.js").read_text("utf-8")
    assert 'get("q")' in script and "triggerSearch" in script


def _fragments(public: Path) -> dict[str, dict]:
    """Every indexed page as Pagefind stored it (url -> content, meta, filters), from all shards."""
    found = {}
    for fragment in sorted(public.glob("pagefind*/**/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{") :])
        found[page["url"]] = page
    return found


def _region_site(tmp_path: Path) -> Path:
    """Alpha has a school and a town no article names; an article with a topic and a profile."""
    files = base_files()
    files["stogen.yml"] = CONFIG_WITH_SEARCH
    alpha = files["regions/alpha/region.yml"].replace("Fictief Lyceum Alpha", "Zuiderpoort Techniekcollege")
    files["regions/alpha/region.yml"] = alpha.replace("Plaats A", "Oosterwold")
    files["regions/alpha/nieuws/2026-11-06-lasrobot.md"] = article(
        "Lasrobot in de werkplaats",
        "2026-11-06",
        "Leerlingen programmeren een lasrobot voor de metaalopleiding.",
        tags="[zeppelinbouw]",
        profiles="[BWI]",
    )
    return _built(tmp_path, files)


def test_region_pages_are_indexed_with_their_schools_and_results_carry_kind_date_and_region(tmp_path: Path) -> None:
    root = _region_site(tmp_path)
    pages = _fragments(root / "public")
    region = pages["/regio/alpha/"]
    assert region["meta"]["title"] == "Regio Alpha"
    assert {k: region["meta"][k] for k in ("soort", "regio")} == {"soort": "Regio", "regio": "Alpha"}
    assert region["filters"] == {"regio": ["Alpha"]}  # one filter: Pagefind orders several at random (#638)
    for text in ("Zuiderpoort Techniekcollege", "Oosterwold", "Techniekhuis Voorbeeld", "jan@example.org"):
        assert text in region["content"], text
    assert "Open dag in Alpha" not in region["content"]  # news cards have pages of their own
    assert "Oosterwold Bouwen" in region["content"]  # facts stay separate words, not "OosterwoldBouwen"
    news = pages["/regio/alpha/nieuws/lasrobot/"]
    assert {k: news["meta"][k] for k in ("soort", "datum", "regio")} == {
        "soort": "Nieuws",
        "datum": "6 november 2026",
        "regio": "Alpha",
    }
    # Excerpts hold the article, not its label line or its lists of topics and profiles.
    for chrome in ("zeppelinbouw", "Onderwerpen", "Profielen", "Gepubliceerd op"):
        assert chrome not in news["content"], chrome
    assert pages["/over-sto/"]["meta"]["regio"] == "Landelijk"
    event = pages["/agenda/congres/"]
    assert event["meta"]["soort"] == "Agenda" and event["meta"]["datum"].startswith("10 december 2026")
    assert "Locatie Jaarbeurs, Utrecht" in event["content"]  # the place is found, the fact's words kept apart
    for chrome in ("op de kaart", "Zet in je agenda", "iCalendar"):
        assert chrome not in event["content"], chrome


def test_a_school_or_a_town_finds_its_region_in_chromium(tmp_path: Path) -> None:
    """The search page in Dutch: a school's name and a town find the region page, each result says what it is,
    and a search that finds nothing offers the region finder, the agenda and a spelling hint."""
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    root = _region_site(tmp_path)
    with _served_as_on_netlify(root / "public") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        found = {}
        for query in ("Zuiderpoort Techniekcollege", "Oosterwold"):
            page.goto(f"{base}/zoeken/?q={query}")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
            results = page.locator(".pagefind-ui__result")  # each page once; its sections are sub-results
            found[query] = results.evaluate_all(
                "els => els.map(e => e.querySelector('.pagefind-ui__result-link').getAttribute('href'))"
            )
            assert page.locator("#zoeken-leeg").is_hidden()
        first = page.locator(".pagefind-ui__result").first
        tags = first.locator(".pagefind-ui__result-tag").all_text_contents()
        assert [t.strip() for t in tags] == ["Soort: Regio", "Regio: Alpha"]
        assert page.locator(".pagefind-ui__search-clear").text_content().strip() == "Wissen"
        assert page.locator(".pagefind-ui__message").text_content().strip() == "1 resultaat voor Oosterwold"
        look = page.evaluate(
            """() => {
              const style = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
              return {
                excerpt: parseFloat(style('.pagefind-ui__result-excerpt', 'fontSize')),
                excerptColor: style('.pagefind-ui__result-excerpt', 'color'),
                box: style('.pagefind-ui__filter-checkbox', 'borderTopColor'),
                paper: getComputedStyle(document.body).backgroundColor,
              };
            }"""
        )
        page.goto(f"{base}/zoeken/?q=xqzwvplk")
        page.wait_for_selector("#zoeken-leeg:not([hidden])", timeout=15000)
        empty = page.locator("#zoeken-leeg")
        assert empty.locator("a[href='/regio/']").count() == 1 and empty.locator("a[href='/agenda/']").count() == 1
        assert empty.locator("form[data-finder]").count() == 1  # the region finder itself
        assert "spelling" in empty.text_content()
        assert refused == []
        browser.close()
    assert found["Zuiderpoort Techniekcollege"][0] == "/regio/alpha/"
    assert found["Oosterwold"] == ["/regio/alpha/"]
    assert look["excerpt"] >= 16
    assert _contrast(look["excerptColor"], look["paper"]) >= 4.5
    assert _contrast(look["box"], look["paper"]) >= 3  # a checkbox's border is a control's edge (WCAG 1.4.11)


def _contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(css: str) -> float:
        parts = [float(v) / 255 for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)
