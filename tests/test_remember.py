"""The theme's `{% remember %}` (stogen/render/theme.py): a part of a template rendered once per key and reused,
and what base.html keeps that way (the header's brand and search field, the footer) through a real build."""

from __future__ import annotations

from pathlib import Path

import jinja2
from bs4 import BeautifulSoup
from sitekit import copy_example, stogen

from stogen.render.theme import RememberExtension


def test_a_remembered_part_is_rendered_once_per_key() -> None:
    calls: list[str] = []

    def seen(name: str) -> str:
        calls.append(name)
        return name

    env = jinja2.Environment(autoescape=True, extensions=[RememberExtension])
    env.globals["seen"] = seen
    template = env.from_string('{% remember "part", here %}<b>{{ seen(who) }}</b>{% endremember %}')
    assert template.render(here=False, who="a&b") == "<b>a&amp;b</b>"
    assert template.render(here=False, who="c") == "<b>a&amp;b</b>"  # the same key: the first rendering
    assert template.render(here=True, who="c") == "<b>c</b>"
    assert template.render(here=[1, {"x": 2}], who="d") == "<b>d</b>"  # lists and dicts make keys too
    assert calls == ["a&b", "c", "d"]


def test_remembered_header_and_footer_follow_the_page(tmp_path: Path) -> None:
    """The footer's sign-up form is left out on the newsletter archive only, the header's search field on the
    search page only, as when every page rendered them itself."""
    site = copy_example(tmp_path)
    assert stogen(site, "build").returncode == 0
    out = site / "public"
    paths = [out / "index.html", out / "nieuwsbrief/index.html", out / "zoeken/index.html"]
    paths += sorted(out.glob("regio/*/nieuws/*/index.html"))[:3]
    for path in paths:
        rel = path.relative_to(out).as_posix()
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert (page.select_one("footer #nieuwsbrief-voet-title") is None) == (rel == "nieuwsbrief/index.html"), rel
        assert (page.select_one("header #zoek-kop") is None) == (rel == "zoeken/index.html"), rel


def test_remembered_menus_mark_the_page_they_are_on(tmp_path: Path) -> None:
    """The main menu and a region's menu are kept per place in them (aria_current): each page still marks the
    link to itself with aria-current="page" and the section it is in with "true", and a region's menu names its
    own region and links."""
    site = copy_example(tmp_path)
    assert stogen(site, "build").returncode == 0
    out = site / "public"

    def marks(rel: str, menu: str) -> tuple[str, dict[str, str]]:
        page = BeautifulSoup((out / rel).read_text("utf-8"), "html.parser")
        nav = page.select_one(f"nav.{menu}")
        assert nav is not None, rel
        return nav["aria-label"], {
            a["href"]: a["aria-current"] for a in nav.find_all("a", attrs={"aria-current": True})
        }

    assert marks("index.html", "main-menu")[1] == {}
    assert marks("nieuws/index.html", "main-menu")[1] == {"/nieuws/": "page"}
    assert marks("agenda/index.html", "main-menu")[1] == {"/agenda/": "page"}
    regions = sorted(p.parent.parent.name for p in out.glob("regio/*/nieuws/index.html"))[:2]
    for slug in regions:
        base = f"/regio/{slug}/"
        article = sorted(out.glob(f"regio/{slug}/nieuws/*/index.html"))[0].relative_to(out).as_posix()
        assert marks(article, "main-menu")[1] == {"/regio/": "true"}
        assert marks(f"regio/{slug}/index.html", "region-menu")[1] == {base: "page"}
        assert marks(f"regio/{slug}/nieuws/index.html", "region-menu")[1] == {base + "nieuws/": "page"}
        label, marked = marks(article, "region-menu")
        assert marked == {base + "nieuws/": "true"}
        assert label.startswith("Menu van regio ") and label == marks(f"regio/{slug}/index.html", "region-menu")[0]
    labels = {marks(f"regio/{slug}/nieuws/index.html", "region-menu")[0] for slug in regions}
    assert len(labels) == len(regions)  # each region's menu names its own region
