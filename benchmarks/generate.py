"""Generate a realistic stogen site of R regions x N articles, for the benchmark.

Articles are ~430 words of Dutch-like text with headings, a list, a table, an internal and an external link,
and (one in five) an image; every region has valid region.yml, a page, events and an image; the central site
has pages, news and webinars. The output is deterministic for the same arguments.

`--shape mixed` makes a site of another shape from the same number of items per region: longer articles (~1,100
words, three tables, two images each), tags on every item, a region's items split over news (60%), agenda items
(25%) and pages three folders deep (15%), and regional webinars next to the central ones.

    python benchmarks/generate.py --regions 78 --articles 200 --out benchmarks/site
    python benchmarks/generate.py --regions 78 --articles 200 --shape mixed --out benchmarks/site-mixed
"""

from __future__ import annotations

import argparse
import random
import shutil
import struct
import zlib
from datetime import date, timedelta
from pathlib import Path

from stogen.model.fields import TECHNICAL_PROFILES
from stogen.model.regions import PROVINCES as ALL_PROVINCES

REPO = Path(__file__).resolve().parent.parent

WORDS = (
    "techniek leerlingen vmbo mbo school werkplaats docent bedrijf regio samenwerking praktijk project "
    "installatie elektro bouw metaal energie duurzaam robot programmeren lassen ontwerpen machine "
    "stage loopbaan keuze profiel gastles excursie open dag ouders meiden jongens toekomst vakmanschap "
    "opleiding leerlijn doorlopend hybride onderwijs innovatie laboratorium printer zonnepaneel "
    "warmtepomp auto fiets scheepvaart haven media ontwerp ict netwerk beveiliging zorg kwaliteit "
    "investering subsidie plan afspraak resultaat onderzoek monitor ervaring team begeleiding"
).split()
SMALL = "de het een en van in op met voor naar bij over door aan uit als dat die ook nog wel heel".split()
PROFILES = list(TECHNICAL_PROFILES)
PROVINCES = [p for p in ALL_PROVINCES if p != "Caribisch Nederland"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(SMALL) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 16)
        out.append(sentence(rng, n))
        count += n
    return " ".join(out)


def article_body(rng: random.Random, link: str | None, image: str | None) -> str:
    parts = [paragraph(rng, 60)]
    if image:
        parts.append(f"![Leerlingen aan het werk in de werkplaats]({image})")
    parts.append("## " + sentence(rng, 4).rstrip("."))
    extra = f" Lees ook [het vorige bericht]({link})." if link else ""
    parts.append(paragraph(rng, 80) + extra + " Meer op [de site van de partner](https://example.org/partner).")
    parts.append("\n".join(f"- {sentence(rng, rng.randint(5, 9))}" for _ in range(4)))
    parts.append("## " + sentence(rng, 3).rstrip("."))
    parts.append(paragraph(rng, 90))
    rows = "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(5, 250)} | {rng.choice(WORDS)} |" for _ in range(4))
    parts.append("| Onderdeel | Aantal | Opmerking |\n|---|---:|---|\n" + rows)
    parts.append("### " + sentence(rng, 3).rstrip("."))
    parts.append(paragraph(rng, 90))
    parts.append(paragraph(rng, 60))
    return "\n\n".join(parts) + "\n"


def long_body(rng: random.Random, link: str | None, images: list[str]) -> str:
    """The mixed shape's article: two standard bodies' worth of text, three tables, the images in between."""
    parts = [article_body(rng, link, images[0] if images else None)]
    for n, image in enumerate(images[1:], start=1):
        parts.append(f"## {sentence(rng, 4).rstrip('.')}\n\n![Foto {n} bij dit bericht]({image})")
    parts.append(article_body(rng, None, None))
    rows = "\n".join(
        f"| {rng.choice(WORDS)} | {rng.randint(1, 40)} | {rng.randint(5, 900)} | {rng.choice(WORDS)} |"
        for _ in range(8)
    )
    parts.append("| School | Klassen | Leerlingen | Profiel |\n|---|---:|---:|---|\n" + rows)
    return "\n\n".join(parts)


def tags(rng: random.Random) -> str:
    return f"tags: [{', '.join(sorted({rng.choice(WORDS) for _ in range(3)}))}]\n"


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def region_yml(i: int, slug: str) -> str:
    board = f"Stichting Voorbeeldonderwijs {i:02d}"
    schools = []
    for j, kind in enumerate(["vmbo", "vmbo", "vmbo", "mbo"]):
        code = f"{10 + i % 90:02d}{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}{j:02d}"
        profiles = ", ".join(PROFILES[(i + j) % 5 : (i + j) % 5 + 2] or PROFILES[:2])
        b = board if j == 0 else f"Stichting Testscholen {i:02d}-{j}"
        schools.append(
            f"  - name: Fictief {'College' if kind == 'mbo' else 'Lyceum'} {i:02d}-{j}\n"
            f"    place: Plaats {i:02d}\n    type: {kind}\n    code: {code}\n    board: {b}\n"
            f"    profiles: [{', '.join(repr(p) if '&' in p else p for p in profiles.split(', '))}]\n"
        )
    return (
        f"name: Regio {i:02d}\nprovinces: [{PROVINCES[i % len(PROVINCES)]}]\n"
        f"description: Scholen en bedrijven in regio {i:02d} werken samen aan sterk techniekonderwijs.\n"
        f"penvoerder: {board}\nprogrammaleiders:\n  - name: Jan Voorbeeld {i:02d}\n"
        f"    email: jan{i}@example.org\nschools:\n{''.join(schools)}"
        f"partners:\n  - name: Demobouw {i:02d} BV\n    url: https://example.org/demobouw-{i}\n"
        f"hotspots:\n  - name: Techniekhuis {i:02d}\n    place: Plaats {i:02d}\n"
    )


SHAPES = ("standard", "mixed")


def generate(
    out: Path, regions: int, articles: int, seed: int = 2026, search: bool = False, shape: str = "standard"
) -> dict[str, int]:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    config = (REPO / "stogen.yml").read_text("utf-8")
    if not search:  # Hugo and Pelican build no search index: compare like with like unless asked
        config += "search: false\n"
    (out / "stogen.yml").write_text(config, "utf-8")
    shutil.copytree(REPO / "themes", out / "themes")
    counts = {"articles": 0, "events": 0, "webinars": 0}
    content = out / "content"
    (content / "nieuws").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "images" / "sto.png").write_bytes(png(80, 45, (22, 50, 92)))
    (content / "index.md").write_text("---\ntitle: Sterk Techniekonderwijs\n---\n" + paragraph(rng, 50) + "\n")
    for name in ("over-sto", "contact", "privacy", "toegankelijkheid"):
        (content / f"{name}.md").write_text(
            f"---\ntitle: {name.replace('-', ' ').capitalize()}\n---\n" + paragraph(rng, 120) + "\n"
        )
    start = date(2026, 11, 20)
    for k in range(articles):
        d = start - timedelta(days=k * 3)
        (content / "nieuws" / f"{d.isoformat()}-landelijk-{k}.md").write_text(
            f"---\ntitle: {sentence(rng, 6).rstrip('.')}\ndate: {d.isoformat()}\n---\n" + article_body(rng, None, None)
        )
        counts["articles"] += 1
    (content / "webinars").mkdir()
    for k in range(16):
        d = date(2025, 1, 15) + timedelta(days=k * 45)
        rec = f"recording: https://www.youtube.com/watch?v=abcdefghi{k:02d}\n" if d < start else ""
        (content / "webinars" / f"{d.isoformat()}-sto-live-{k}.md").write_text(
            f'---\ntitle: STO LIVE {k}\nstart: "{d.isoformat()} 15:30"\nduration: 60\n{rec}---\n'
            + paragraph(rng, 80)
            + "\n"
        )
        counts["webinars"] += 1
    for i in range(regions):
        slug = f"regio-{i:02d}"
        folder = out / "regions" / slug
        (folder / "nieuws").mkdir(parents=True)
        (folder / "agenda").mkdir()
        (folder / "images").mkdir()
        (folder / "region.yml").write_text(region_yml(i, slug))
        (folder / "over-de-regio.md").write_text("---\ntitle: Over de regio\n---\n" + paragraph(rng, 150) + "\n")
        (folder / "images" / "werkplaats.png").write_bytes(png(64, 36, (rng.randint(0, 255), 120, 80)))
        if shape == "mixed":
            _mixed_region(rng, folder, i, articles, start, counts)
            continue
        previous = None
        for k in range(articles):
            d = start - timedelta(days=k * 5 + i % 5)
            name = f"{d.isoformat()}-bericht-{k}"
            image = "../images/werkplaats.png" if k % 5 == 0 else None
            front = f"---\ntitle: {sentence(rng, 7).rstrip('.')}\ndate: {d.isoformat()}\n"
            front += f"summary: {sentence(rng, 14)}\n" if k % 2 == 0 else ""
            front += f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
            if image:
                front += f"image: {image}\nimage_alt: Leerlingen aan het werk in de werkplaats\n"
            (folder / "nieuws" / f"{name}.md").write_text(front + "---\n" + article_body(rng, previous, image))
            previous = f"{name}.md"
            counts["articles"] += 1
        for k in range(4):
            d = start + timedelta(days=k * 30 - 60 + i % 7)
            (folder / "agenda" / f"{d.isoformat()}-activiteit-{k}.md").write_text(
                f'---\ntitle: Activiteit {k}\nstart: "{d.isoformat()} 14:00"\nlocation: Plaats {i:02d}\n---\n'
                + paragraph(rng, 60)
                + "\n"
            )
            counts["events"] += 1
    return counts


def _mixed_region(rng: random.Random, folder: Path, i: int, items: int, start: date, counts: dict[str, int]) -> None:
    """A region of the mixed shape: news, agenda items, webinars and deep pages, every item tagged."""
    (folder / "webinars").mkdir()
    (folder / "images" / "klas.png").write_bytes(png(96, 54, (40, rng.randint(0, 255), 160)))
    previous = None
    news, events, pages = items * 60 // 100, items * 25 // 100, items - items * 60 // 100 - items * 25 // 100
    for k in range(news):
        d = start - timedelta(days=k * 4 + i % 5)
        name = f"{d.isoformat()}-bericht-{k}"
        front = f"---\ntitle: {sentence(rng, 7).rstrip('.')}\ndate: {d.isoformat()}\n" + tags(rng)
        front += f"summary: {sentence(rng, 14)}\n" if k % 2 == 0 else ""
        front += "image: ../images/klas.png\nimage_alt: Een klas aan het werk\n"
        body = long_body(rng, previous, ["../images/werkplaats.png", "../images/klas.png"])
        (folder / "nieuws" / f"{name}.md").write_text(front + "---\n" + body)
        previous = f"{name}.md"
        counts["articles"] += 1
    for k in range(events):
        d = start + timedelta(days=k * 9 - items * 4 + i % 7)
        where = f"location: Plaats {i:02d}\n" if k % 3 else "online_url: https://example.org/live\n"
        (folder / "agenda" / f"{d.isoformat()}-activiteit-{k}.md").write_text(
            f'---\ntitle: Activiteit {k} {rng.choice(WORDS)}\nstart: "{d.isoformat()} 14:00"\n{where}'
            + tags(rng)
            + "---\n"
            + article_body(rng, None, None)
        )
        counts["events"] += 1
    for k in range(max(1, items // 20)):
        d = start - timedelta(days=k * 30 + i)
        (folder / "webinars" / f"{d.isoformat()}-regiowebinar-{k}.md").write_text(
            f'---\ntitle: Regiowebinar {k}\nstart: "{d.isoformat()} 16:00"\nduration: 45\n'
            f"recording: https://vimeo.com/{100000 + i * 100 + k}\n" + tags(rng) + "---\n" + paragraph(rng, 120) + "\n"
        )
        counts["webinars"] += 1
    for k in range(pages):
        deep = folder / "projecten" / f"thema-{k % 4}" / f"jaar-{2024 + k % 3}"
        deep.mkdir(parents=True, exist_ok=True)
        (deep / f"project-{k}.md").write_text(
            f"---\ntitle: Project {k} {rng.choice(WORDS)}\n" + tags(rng) + "---\n" + long_body(rng, None, [])
        )
        counts.setdefault("pages", 0)
        counts["pages"] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", type=int, default=78)
    parser.add_argument("--articles", type=int, default=200, help="articles per region (and centrally)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "site")
    parser.add_argument("--search", action="store_true", help="keep the Pagefind search index on")
    parser.add_argument("--shape", choices=SHAPES, default="standard", help="the mix of content (see above)")
    args = parser.parse_args()
    counts = generate(args.out, args.regions, args.articles, search=args.search, shape=args.shape)
    print(f"generated {args.out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
