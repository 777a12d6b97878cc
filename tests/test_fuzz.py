"""Generated hostile input: front matter, region.yml and Markdown thrown at the loader and renderer in-process,
and at a few full builds through the CLI. Fails on any exception other than a reported problem, any traceback,
any file written outside the region's URL space. Bounded: a fixed number of examples, derandomized (the same
inputs on every run), each with a deadline."""

from __future__ import annotations

import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sitekit import base_files, make_site, stogen, tree_digest

from stogen.core.problems import Problems
from stogen.core.safetext import CONTROL
from stogen.core.yamlsource import YamlError, parse_yaml
from stogen.model.entries import load_entry, slug_from_filename, slugify
from stogen.model.regions import load_region
from stogen.model.site import cut_with_ellipsis, shorten
from stogen.render.markdown import MAX_NESTING, SAFE_SCHEMES, nesting_by_lines, render, surely_shallow

TZ = ZoneInfo("Europe/Amsterdam")
FAST = settings(
    max_examples=150,
    deadline=3000,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

YAML_PIECES = [
    "title: ", "date: ", "start: ", "summary: ", "slug: ", "aliases: ", "tags: ", "draft: ", "weight: ",
    "image: ", "location: ", "name: ", "schools:\n  - ", "formerly: ", "\n", "\n  - ", "  ", "- ", ": ", "[", "]",
    "{", "}", ", ", '"', "'", "&a ", "*a", "<<: *a", "!!timestamp ", "!!bool ", "!!int ", "!!binary ", "!!python/object ",
    "? ", "|\n  ", ">\n  ", "2026-11-07", '"2026-02-30 25:61"', "9999-12-31", "0001-01-01", "true", "maybe", "~",
    "/regio/alpha/oud/", "/", "\\n", "\\r", "\\x01", "\\e", "\\0", "\\u2028", "9" * 40, "1e999", ".nan", "-0",
    "<b>x</b>", "*|UNSUB|*", "{{x}}", "::error::", "=SUM(A1)", "../", "%0A", "Landelijk", "#", "\t", "é", "\U0001f600",
]  # fmt: skip
MARKDOWN_PIECES = [
    "#", "## ", "\n", "\n\n", "> ", "- ", "1. ", "  ", "    ", "\t", "*", "**", "_", "~~", "`", "```", "```js\\+x\n",
    "[", "]", "(", ")", "![", "[^1]", "[^1]: ", "[r]: /u\n", "[r]", "|", "| a | b |\n|:-|-:|\n", "<", ">", "&", "&#0;",
    "&amp;", "\\", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "JaVaScRiPt:x",
    "data:text/html,x", "//evil.example/", "http://x.example/", "mailto:a@b", "<http://a.example/>", '"', "'", "fn1",
    "Kop", "tekst ", "é", "\u200b", "\U0001f600", "---", "***", "===", "\x00", "\x07", "\r",
]  # fmt: skip


def pieces(items: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(items) | st.text(max_size=6), max_size=max_size).map("".join)


@FAST
@given(pieces(YAML_PIECES))
def test_yaml_only_ever_reports(text: str) -> None:
    try:
        parse_yaml(text, first_line=2)
    except YamlError as exc:
        assert exc.message


@FAST
@given(front=pieces(YAML_PIECES), body=pieces(MARKDOWN_PIECES), kind=st.sampled_from(["article", "event", "page"]))
def test_content_files_load_into_records_or_problems(tmp_path: Path, front: str, body: str, kind: str) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(f"---\ntitle: X\ndate: 2026-11-07\n{front}\n---\n{body}\n".encode("utf-8", "surrogatepass"))
    problems = Problems(tmp_path)
    entry = load_entry(path, "regions/alpha/x.md", "alpha", kind, "x", TZ, problems)
    assert entry is not None or problems.has_errors()


@FAST
@given(pieces(YAML_PIECES, 60))
def test_region_files_load_or_report(tmp_path: Path, text: str) -> None:
    path = tmp_path / "region.yml"
    path.write_bytes(("name: Alpha\n" + text).encode("utf-8", "surrogatepass"))
    problems = Problems(tmp_path)
    region = load_region("alpha", path, "regions/alpha/region.yml", TZ, problems)
    assert region is not None or problems.has_errors()


@FAST
@given(pieces(MARKDOWN_PIECES, 80))
def test_markdown_renders_safely(body: str) -> None:
    done = render(body, "regions/alpha/nieuws/x.md", 5, lambda kind, rel: None, "sto.example.org")
    page = BeautifulSoup(done.html, "html.parser")
    assert page.find("script") is None
    for tag in page.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on") or a.lower() == "style"], tag
        for attr in ("href", "src"):
            value = tag.get(attr)
            scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):", value or "")
            assert scheme is None or scheme.group(1).lower() in SAFE_SCHEMES, value
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


# Mostly valid front matter with hostile values (any text, JSON-quoted, which YAML reads as a double-quoted
# scalar): these reach the outputs (feeds, calendars, redirects, JSON-LD) instead of stopping at the loader.
LETTERS = st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"], include_characters="\n\t<>&\"'*|{}%:,;\\")
TEXT = st.text(LETTERS, min_size=1, max_size=30).map(lambda t: json.dumps(t, ensure_ascii=False))
VALUES = st.fixed_dictionaries(
    {"title": TEXT},
    optional={
        "summary": TEXT,
        "tags": st.lists(TEXT, max_size=3).map(lambda t: "[" + ", ".join(t) + "]"),
        "aliases": st.lists(st.text("abc-/.%", max_size=12), max_size=3).map(
            lambda t: "[" + ", ".join(json.dumps("/regio/alpha/" + a) for a in t) + "]"
        ),
        "location": TEXT,
    },
)


def front_matter(values: dict[str, str]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in values.items())


LEADING_PIECES = ["\t", ">", " ", "  ", "> ", "- ", "* ", "1. ", "12) "]
INLINE_PIECES = ["[", "*a", "_a", "~~a", "a*", "]", "**", "a ", "[r]: /u", "]:", "\\"]


def runs(pieces: list[str], most: int) -> st.SearchStrategy[str]:
    """A few runs of one piece repeated up to `most` times: limits are reached by repetition."""
    run = st.tuples(st.sampled_from(pieces), st.integers(0, most)).map(lambda r: r[0] * r[1])
    return st.lists(run, max_size=4).map("".join)


NESTED_LINE = st.tuples(runs(LEADING_PIECES, 40), runs(INLINE_PIECES, 40)).map("".join)


@settings(max_examples=500, deadline=3000, derandomize=True)
@given(st.lists(NESTED_LINE | st.just(""), max_size=12).map("\n".join))
@example("\t" * 17 + "a")  # the edges: the least a bound may count (17 tabs are 68 columns, depth 34)
@example("x\n" + "\t" * 16 + ">a")
@example("[" * (MAX_NESTING + 1))
@example("a *b " * (MAX_NESTING + 1))
def test_the_quick_nesting_bound_never_passes_a_body_the_line_reading_refuses(body: str) -> None:
    """surely_shallow lets almost every body skip the line-by-line reading: it may only do so when that reading
    finds nothing. (Its lines reach the limits: runs of indentation and container markers, then runs of
    emphasis and brackets.)"""
    if surely_shallow(body):
        assert nesting_by_lines(body) is None


@pytest.mark.parametrize(
    "body",
    ["> " * (MAX_NESTING + 1) + "x", "\t" * 17 + "- x", "[" * (MAX_NESTING + 1), "*a " * 40, "[r]: /u\n" * 101],
)
def test_the_quick_nesting_bound_sends_deep_bodies_to_the_line_reading(body: str) -> None:
    assert not surely_shallow(body)


@FAST
@given(st.from_regex(r"(\d{4}-\d{2}-\d{2}-)?[a-z0-9\-_. éA-Z]{0,20}", fullmatch=True))
def test_a_file_name_that_is_already_a_slug_keeps_it(stem: str) -> None:
    """slug_from_filename skips slugify for names that are slugs already; it must give what slugify gives."""
    assert slug_from_filename(stem) == slugify(re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem))


def _shorten_whole(text: str, limit: int) -> str:
    """shorten() as it was: the whole text's whitespace collapsed first."""
    text = " ".join(text.split())
    return text if len(text) <= limit else cut_with_ellipsis(text, limit)


WORDS_AND_SPACE = ["woord", "a", " ", " " * 30, "\n", "\t", "\u00a0", "\u2003", ",", "–", "é"]


@FAST
@given(st.lists(st.sampled_from(WORDS_AND_SPACE), max_size=300).map("".join), st.integers(min_value=2, max_value=40))
@example("a" + " " * 100 + "b" * 10, 20)  # the start collapses to fewer than `limit` characters
@example("woord " * 40, 30)
def test_shorten_reads_only_the_start_of_a_long_text_and_gives_what_the_whole_gives(text: str, limit: int) -> None:
    assert shorten(text, limit) == _shorten_whole(text, limit)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = make_site(tmp_path_factory.mktemp("fuzz") / "site", base_files())
    assert stogen(root, "build").returncode == 0
    return root, tree_digest(root / "public")


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    values=VALUES,
    event=VALUES,
    body=pieces(MARKDOWN_PIECES, 60),
    raw=st.sampled_from(["", "", "", "draft: !!bool maybe\n", "tags: &a [*a, *a]\n"]),
)
def test_full_builds_never_crash_or_write_outside_the_region(
    reference: tuple[Path, dict[str, str]],
    tmp_path_factory: pytest.TempPathFactory,
    values: dict[str, str],
    event: dict[str, str],
    body: str,
    raw: str,
) -> None:
    _, before = reference
    files = base_files()
    news = front_matter({k: v for k, v in values.items() if k != "location"})
    body = CONTROL.sub("", body)  # refused by the loader, tested above: here the outputs are the target
    files["regions/alpha/nieuws/2026-11-07-fuzz.md"] = f"---\n{news}date: 2026-11-07\n{raw}---\n{body}\n"
    where = event.pop("location", '"Hier"')
    files["regions/alpha/agenda/2026-12-01-fuzz.md"] = (
        f'---\n{front_matter(event)}start: "2026-12-01 10:00"\nlocation: {where}\n---\n{body}\n'
    )
    root = make_site(tmp_path_factory.mktemp("fuzzbuild") / "site", files)
    result = stogen(root, "build", timeout=60)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr
    if result.returncode == 1:
        assert not (root / "public").exists()
        return
    after = tree_digest(root / "public")
    new = sorted(set(after) - set(before))
    # New files only in region alpha's space, the search index's new shards and the topic pages of its tags
    # (stogen's own listings, at a slug); a central listing may change, but never gain another path.
    # _redirects appears with the first alias; its lines are checked below.
    outside = [p for p in new if not p.startswith(("regio/alpha/", "pagefind/", "onderwerpen/")) and p != "_redirects"]
    assert outside == []
    assert all(
        re.fullmatch(r"onderwerpen/([a-z0-9-]+/(pagina/\d+/)?)?index\.html", p)  # the index: with the first tag
        for p in new
        if p.startswith("onderwerpen/")
    ), new
    lines = (root / "public/_redirects").read_text("utf-8").splitlines() if "_redirects" in after else []
    assert all(len(line.split()) == 3 and line.split()[0].startswith("/regio/") for line in lines), lines
