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
