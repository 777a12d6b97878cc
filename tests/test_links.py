"""One link resolver for every body: a relative link finds the same URL wherever the body is shown."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from sitekit import PNG, base_files, make_site, page_path, soup, stogen

# Each body links to the same four files, each written relative to its own file.
TARGETS = {
    "home": ("/", "content/index.md"),
    "intro": ("/regio/alpha/", "regions/alpha/index.md"),
    "article": ("/nieuws/landelijk-nieuws/", "content/nieuws/2026-11-02-landelijk-nieuws.md"),
    "image": ("/images/foto-1w.jpg", "content/images/foto.png"),  # a raster: its largest stripped variant
}


def _links(prefix: str) -> str:
    """Markdown linking to every target from a file whose folder is `prefix` levels below the repository."""
    up = "../" * prefix.count("/")
    lines = [f"[{name}]({up}{rel})" for name, (_url, rel) in TARGETS.items() if name != "image"]
    lines.append(f"![Een foto]({up}{TARGETS['image'][1]})")
    return "\n\n".join(lines) + "\n"


def _found(page: BeautifulSoup) -> dict[str, str]:
    found = {a.get_text(): str(a["href"]) for a in page.find_all("a") if a.get_text() in TARGETS}
    for img in page.find_all("img", alt="Een foto"):
        found["image"] = str(img["src"])
    return found


def test_a_relative_link_resolves_alike_in_an_article_an_intro_and_a_newsletter(tmp_path: Path) -> None:
    files = base_files()
    files.update(
        {
            "content/images/foto.png": PNG,
            "content/nieuws/2026-11-20-links.md": "---\ntitle: Links\ndate: 2026-11-20\n---\n"
            + _links("content/nieuws/"),
            "regions/alpha/index.md": "---\ntitle: Regio Alpha\n---\n" + _links("regions/alpha/"),
            "newsletters/2026-11.md": "---\nsubject: Nieuwsbrief november\n---\n" + _links("newsletters/"),
        }
    )
    root = make_site(tmp_path / "site", files)
    done = stogen(root, "build")
    assert done.returncode == 0, done.stderr
    expected = {name: url for name, (url, _rel) in TARGETS.items()}
    assert _found(soup(root, "/nieuws/links/").find("main")) == expected
    assert _found(soup(root, "/regio/alpha/").find("main")) == expected
    assert _found(soup(root, "/nieuwsbrief/2026-11/").find("main")) == expected
    email = BeautifulSoup(page_path(root, "/nieuwsbrief/2026-11/email.html").read_text("utf-8"), "html.parser")
    absolute = {n: u.split("?")[0] for n, u in _found(email).items()}
    assert absolute == {name: "https://sto.example.org" + url for name, url in expected.items()}
