"""Photos from a phone through the whole build: a 12 MP JPEG stored sideways with GPS, an iPhone HEIC and a WhatsApp
file name with spaces, published light, upright and without the pupils' location."""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import shutil
import struct
import threading
import zlib
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image
from sitekit import CHROMIUM_ARGS, article, base_files, make_site, page_path, require_tool, soup, stogen, tree_digest
from test_photos import assert_clean

RED = (255, 0, 0)
PHONE = "regions/alpha/images/IMG_4031.JPG"
HEIC = "regions/alpha/images/schoolplein.heic"
WHATSAPP = "regions/alpha/images/WhatsApp Image 2026-11-27 at 14.03.12.jpeg"
ARTICLE = "regions/alpha/nieuws/2026-11-20-werkplaats.md"
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".heic")
BODY = """\
Leerlingen bouwen een brug in de werkplaats.

![Leerlingen aan het werk](../images/IMG_4031.JPG)

![Het schoolplein](../images/schoolplein.heic)

![Een foto uit de app](<../images/WhatsApp Image 2026-11-27 at 14.03.12.jpeg>)
"""


def pixels(size: tuple[int, int], band: tuple[int, int, int] = RED) -> Image.Image:
    """Gradients and noise (compresses like a photo) with a coloured band along the top edge as stored."""
    gradient = Image.linear_gradient("L").resize(size)
    img = Image.merge("RGB", [gradient, Image.effect_noise(size, 24), gradient.rotate(90).resize(size)])
    img.paste(band, (0, 0, size[0], max(1, size[1] // 10)))
    return img


def phone_exif(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 15"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (53.0, 13.0, 7.25), "E", (6.0, 33.0, 58.5)
    return exif.tobytes()


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="53,13.12N"/></rdf:RDF></x:xmpmeta>'


def jpeg(size: tuple[int, int], orientation: int = 1, band: tuple[int, int, int] = RED) -> bytes:
    buf = io.BytesIO()
    img = pixels(size, band)
    img.save(buf, "JPEG", quality=88, exif=phone_exif(orientation), xmp=XMP, comment=b"Jan de Vries, groep 8")
    return buf.getvalue()


def heic(size: tuple[int, int]) -> bytes:
    pillow_heif.register_heif_opener()
    buf = io.BytesIO()
    pixels(size).save(buf, "HEIF", quality=70, exif=phone_exif(1), xmp=XMP, enc_params={"preset": "ultrafast"})
    return buf.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height: what a decompression bomb looks like before decoding."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def phone_photo() -> bytes:
    """12 MP, stored sideways (EXIF orientation 6), with GPS, XMP and a comment: made once per module."""
    return jpeg((4032, 3024), orientation=6)


def photo_site(root: Path, phone_photo: bytes) -> Path:
    files: dict[str, str | bytes] = dict(base_files())
    files[PHONE] = phone_photo
    files[HEIC] = heic((1600, 1200))
    files[WHATSAPP] = jpeg((1200, 900))
    files[ARTICLE] = article(
        "Een brug in de werkplaats", "2026-11-20", BODY, image="../images/IMG_4031.JPG", image_alt="Een brug van hout"
    )
    return make_site(root, files)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, phone_photo: bytes) -> Path:
    root = photo_site(tmp_path_factory.mktemp("photos") / "site", phone_photo)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def near(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=False))


def published_rasters(root: Path) -> list[Path]:
    return [p for p in (root / "public").rglob("*") if p.suffix.lower() in RASTER_SUFFIXES and "static" not in p.parts]


def test_no_published_image_carries_metadata(built: Path) -> None:
    rasters = published_rasters(built)
    assert len(rasters) >= 20  # three ladders, the originals' URLs, a social image
    for path in rasters:
        assert_clean(path.name, path.read_bytes())  # metadata segments and chunks, not bytes in the pixels
        with Image.open(path) as img:
            assert not img.getexif(), path
            assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp", "icc_profile"} & set(img.info), path
    assert not list((built / "public").rglob("*.heic")), "a HEIC is published only as its variants"


def test_the_original_url_serves_the_largest_stripped_version_upright(built: Path) -> None:
    with Image.open(page_path(built, "/regio/alpha/images/IMG_4031.JPG")) as img:
        assert img.format == "JPEG" and img.size == (1600, 2133)  # 4032 x 3024 stored sideways: portrait
        rgb = img.convert("RGB")
        assert near(rgb.getpixel((img.width - 3, img.height // 2)), RED)  # the band stored on top is now right
        assert not near(rgb.getpixel((3, img.height // 2)), RED)


def test_every_image_is_a_picture_with_size_and_a_ladder(built: Path) -> None:
    page = soup(built, "/regio/alpha/nieuws/werkplaats/")
    main = page.find("main")
    images = main.find_all("img")
    assert len(images) == 4  # the lead image and three in the body
    for img in images:
        assert int(img["width"]) > 0 and int(img["height"]) > 0, img
        widths = [int(c.split()[1][:-1]) for c in img["srcset"].split(", ")]
        assert max(widths) <= 1600, img
        assert page_path(built, img["src"]).is_file()
        for candidate in img["srcset"].split(", "):
            assert page_path(built, candidate.split()[0]).is_file()
        assert img["decoding"] == "async"
        source = img.find_parent("picture").find("source")
        assert source["type"] == "image/webp" and source["srcset"].endswith("w")
    lead, *body = images
    assert lead["loading"] == "eager" and lead["fetchpriority"] == "high" and lead["alt"] == "Een brug van hout"
    assert all(img["loading"] == "lazy" for img in body)
    names = [img["src"].rsplit("/", 1)[1] for img in body]
    assert names == ["img-4031-1600w.jpg", "schoolplein-1600w.jpg", "whatsapp-image-2026-11-27-at-14-03-12-1200w.jpg"]
    assert "![" not in main.get_text() and "](" not in main.get_text()


def test_cards_show_a_thumbnail(built: Path) -> None:
    for url in ("/regio/alpha/", "/nieuws/"):
        card = soup(built, url).find("a", href="/regio/alpha/nieuws/werkplaats/").find_parent("article")
        img = card.find("picture", class_="thumbnail").find("img")
        assert img["alt"] == "" and img["loading"] == "lazy" and img["width"]


def test_every_page_has_a_raster_social_image(built: Path) -> None:
    for url in ("/regio/alpha/nieuws/werkplaats/", "/", "/regio/alpha/", "/nieuws/landelijk-nieuws/"):
        page = soup(built, url)
        image = page.find("meta", property="og:image")["content"]
        assert image.startswith("https://sto.example.org/")
        assert page.find("meta", property="og:image:width")["content"] == "1200"
        assert page.find("meta", attrs={"name": "twitter:image"})["content"] == image
        with Image.open(page_path(built, image.removeprefix("https://sto.example.org"))) as img:
            assert (img.format, img.size) == ("JPEG", (1200, 630)), url
    article_page = soup(built, "/regio/alpha/nieuws/werkplaats/")
    assert article_page.find("meta", property="og:image")["content"].endswith("/img-4031-social.jpg")
    blocks = [json.loads(s.string) for s in article_page.find_all("script", type="application/ld+json")]
    news = next(b for b in blocks if b["@type"] == "NewsArticle")
    assert news["image"][0] == "https://sto.example.org/regio/alpha/images/img-4031-social.jpg"


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in (root / "public").rglob("*")
        if p.is_file() and p.name != ".stogen"  # the marker names the new manifest
    }


def test_changing_one_photo_remakes_only_its_files(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(built, root)  # output and cache as a previous build left them
    before = _stamps(root)
    (root / WHATSAPP).write_bytes(jpeg((1200, 900), band=(0, 0, 255)))  # same size: pages stay as they are
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    after = _stamps(root)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert changed == {
        f"public/regio/alpha/images/whatsapp-image-2026-11-27-at-14-03-12-{w}w.{ext}"
        for w in (480, 800, 1200)
        for ext in ("webp", "jpg")
    } | {"public/regio/alpha/images/WhatsApp Image 2026-11-27 at 14.03.12.jpeg"}
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", ".stogen-cache"))  # the same sources
    assert stogen(clean, "build").returncode == 0
    assert tree_digest(root / "public") == tree_digest(clean / "public")


def test_kept_photo_files_make_the_same_site(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(built, root)
    kept = sorted((root / ".stogen-cache" / "photo-files").iterdir())
    assert len(kept) == 3  # one folder per photo, named by its content and the engine's settings
    shutil.rmtree(root / "public")  # a clean build: the photos come from the store, not the engine
    assert stogen(root, "build").returncode == 0
    assert tree_digest(root / "public") == tree_digest(built / "public")
    assert stogen(root, "build", "--no-cache").returncode == 0  # and without any cache: the same bytes
    assert tree_digest(root / "public") == tree_digest(built / "public")


def test_a_photo_stogen_cannot_use_is_named_at_the_line_that_uses_it(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(built, root)
    before = tree_digest(root / "public")
    (root / "regions/alpha/images/kapot.jpg").write_bytes(b"\xff\xd8\xff\xe0 dit is geen foto")
    (root / "regions/alpha/images/reus.png").write_bytes(png_claiming(20000, 20000))
    body = "Eerste alinea.\n\n![Kapot](../images/kapot.jpg)\n\n![Heel groot](../images/reus.png)\n"
    (root / "regions/alpha/nieuws/2026-11-21-kapot.md").write_text(article("Kapot", "2026-11-21", body))
    result = stogen(root, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    rel = "regions/alpha/nieuws/2026-11-21-kapot.md"
    assert f"{rel}:7: image: '../images/kapot.jpg' is not a photo stogen can read" in result.stderr
    assert (
        f"{rel}:9: image: '../images/reus.png' is too large (too many pixels; stogen takes photos up to 50"
        in result.stderr
    )
    assert "hint: Export it from the photo app at a smaller size" in result.stderr
    assert tree_digest(root / "public") == before


def test_a_photo_broken_past_its_headers_fails_the_build_cleanly(
    built: Path, tmp_path: Path, phone_photo: bytes
) -> None:
    root = tmp_path / "site"
    shutil.copytree(built, root)
    before = tree_digest(root / "public")
    whole = jpeg((1200, 900))
    (root / WHATSAPP).write_bytes(whole[: len(whole) // 2])  # cut off in its pixel data: probe() cannot see it
    result = stogen(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{WHATSAPP}: image: is not a photo stogen can read" in result.stderr
    assert result.stderr.count("is not a photo stogen can read") == 1  # once, not once per variant
    (root / WHATSAPP).write_bytes(whole)
    (root / PHONE).write_bytes(phone_photo[: len(phone_photo) // 2])  # the article's own image
    result = stogen(root, "build")
    assert result.returncode == 1
    assert f"{PHONE}: image: is not a photo stogen can read" in result.stderr
    assert f"{ARTICLE}:4: image: '../images/IMG_4031.JPG' is not a photo stogen can read" in result.stderr
    assert tree_digest(root / "public") == before


def test_two_photos_whose_names_give_one_slug_are_one_problem(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(base_files())
    files["regions/alpha/images/Open dag.jpg"] = jpeg((640, 480))
    files["regions/alpha/images/open-dag.png"] = jpeg((640, 480))
    result = stogen(make_site(tmp_path / "site", files), "build")
    assert result.returncode == 1
    problem = (
        "regions/alpha/images/open-dag.png: image: gives the same web addresses (open-dag-800w.webp, ...) as "
        "regions/alpha/images/Open dag.jpg\n    hint: rename one of the two files"
    )
    assert problem in result.stderr
    assert "1 error" in result.stderr


def test_check_reports_an_image_shown_as_text(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(base_files())
    files[WHATSAPP] = jpeg((640, 480))
    body = "Eerste alinea.\n\n![Een foto uit de app](../images/WhatsApp Image 2026-11-27 at 14.03.12.jpeg)\n"
    files[ARTICLE] = article("Een appje", "2026-11-20", body)
    root = make_site(tmp_path / "site", files)
    assert stogen(root, "build").returncode == 0  # not an error of the build: the text is what was written
    result = stogen(root, "check")
    assert result.returncode == 1
    assert f"{ARTICLE}:7: image: '![Een foto uit de app](../images/WhatsApp Image" in result.stderr
    assert "between < and >" in result.stderr


def test_a_phone_loads_a_tenth_of_the_photo(built: Path, phone_photo: bytes) -> None:
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=built / "public"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 375, "height": 812})
            loaded: dict[str, int] = {}

            def seen(response: object) -> None:
                if response.request.resource_type == "image":  # type: ignore[attr-defined]
                    loaded[response.url] = len(response.body())  # type: ignore[attr-defined]

            page.on("response", seen)
            page.goto(f"http://127.0.0.1:{server.server_port}/regio/alpha/nieuws/werkplaats/")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the lazy ones too
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    photos = {url: size for url, size in loaded.items() if "/images/" in url}
    assert len(photos) >= 3 and all(url.endswith(".webp") for url in photos), photos
    assert sum(photos.values()) < len(phone_photo) / 10, (photos, len(phone_photo))
    assert os.path.getsize(built / PHONE) == len(phone_photo)
