"""The photo engine on generated images: metadata gone, orientation and colour right, never upscaled, deterministic."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import random
import struct
import zlib
from concurrent.futures import ProcessPoolExecutor

import pillow_heif
import pytest
from PIL import Image, ImageCms, JpegImagePlugin

from stogen.core import photos
from stogen.core.messages import msg
from stogen.core.photos import PhotoError, PhotoInfo, Settings

SETTINGS = Settings()
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
RED = (255, 0, 0)

# --- making test photos ----------------------------------------------------------------------------------------


def photo_pixels(size: tuple[int, int], band: tuple[int, int, int] = RED) -> Image.Image:
    """Gradients plus noise (compresses like a photo), with a coloured band along the top edge as stored."""
    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 24)
    img = Image.merge("RGB", [gradient, noise, gradient.rotate(90).resize(size)])
    img.paste(band, (0, 0, width, max(1, height // 10)))
    return img


def phone_exif(orientation: int) -> Image.Exif:
    """EXIF as a phone writes it: orientation, camera, a maker note, and the GPS position of the school."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    exif.get_ifd(EXIF_IFD)[0x927C] = b"Apple iOS\x00maker-note-with-serial-F2LXK0"  # MakerNote
    exif.get_ifd(EXIF_IFD)[0xA431] = "F2LXK0SERIAL"  # BodySerialNumber
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (53.0, 13.0, 7.25)
    gps[3], gps[4] = "E", (6.0, 33.0, 58.5)
    return exif


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="53,13.12N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def add_iptc(jpeg: bytes) -> bytes:
    """Insert an APP13 Photoshop/IPTC segment (a caption naming a pupil) right after SOI."""
    caption = b"Jan de Vries, groep 8"
    iptc = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption
    resource = b"8BIM" + b"\x04\x04" + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    body = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


def jpeg_bytes(img: Image.Image, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", **kwargs)
    return buf.getvalue()


def image_bytes(img: Image.Image, fmt: str, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def adobe_rgb_profile() -> bytes:
    """A minimal ICC v2 Adobe RGB (1998) display profile: matrix and gamma 563/256, D50-adapted colorants."""
    xyz = {
        b"wtpt": (0.9642, 1.0, 0.8249),
        b"rXYZ": (0.60974, 0.31111, 0.01947),
        b"gXYZ": (0.20528, 0.62567, 0.06087),
        b"bXYZ": (0.14919, 0.06322, 0.74457),
    }
    desc_text = b"Adobe RGB (1998) test\x00"
    tags: list[tuple[bytes, bytes]] = [
        (b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(desc_text)) + desc_text + bytes(4 + 4 + 2 + 1 + 67)),
        (b"cprt", b"text\0\0\0\0" + b"No copyright, test data\x00"),
        *((sig, b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in val)) for sig, val in xyz.items()),
    ]
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"
    tags += [(b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, blob in tags:
        blob += bytes(-len(blob) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(blob))
        data += blob
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2026, 11, 29, 12, 0, 0)
        + b"acsp"
        + bytes(24)
        + struct.pack(">I", 0)
        + _s15(0.9642)
        + _s15(1.0)
        + _s15(0.8249)
        + bytes(48)
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def png_with_size(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height but carries one tiny IDAT: a decompression bomb's signature."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


# --- reading outputs back --------------------------------------------------------------------------------------


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG's header segments up to the first scan."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the rest is entropy-coded data
            break
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    return markers


def riff_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    kinds, pos = [], 12
    while pos + 8 <= len(data):
        kind, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        kinds.append(kind)
        pos += 8 + size + (size & 1)
    return kinds


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, pos = [], 8
    while pos < len(data):
        size = struct.unpack(">I", data[pos : pos + 4])[0]
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + size
    return kinds


def outside_pixels(data: bytes) -> bytes:
    """Every byte of a JPEG, WebP or PNG except its compressed pixels, where any short string may occur by chance."""
    if data[:2] == b"\xff\xd8":
        pos = 2
        while pos < len(data) and data[pos + 1] != 0xDA:
            pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        return data[:pos]
    if data[:4] == b"RIFF":
        out, pos = [data[:12]], 12
        while pos + 8 <= len(data):
            kind, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
            out.append(kind if kind in (b"VP8 ", b"VP8L", b"ALPH") else data[pos : pos + 8 + size])
            pos += 8 + size + (size & 1)
        return b"".join(out)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        out, pos = [data[:8]], 8
        while pos < len(data):
            size = struct.unpack(">I", data[pos : pos + 4])[0]
            kind = data[pos + 4 : pos + 8]
            out.append(kind if kind == b"IDAT" else data[pos : pos + 12 + size])
            pos += 12 + size
        return b"".join(out)
    return data


def assert_clean(suffix: str, data: bytes) -> None:
    """Nothing but pixels: no EXIF, GPS, XMP, IPTC, ICC profile, comment or thumbnail, in any container."""
    around = outside_pixels(data)
    for needle in (b"Exif", b"GPS", b"xmpmeta", b"adobe", b"Photoshop", b"8BIM", b"iPhone", b"SERIAL", b"Vries"):
        assert needle not in around, f"{suffix} contains {needle!r}"
    with Image.open(io.BytesIO(data)) as img:
        assert not img.getexif(), suffix
        assert "icc_profile" not in img.info or not img.info["icc_profile"], suffix
        assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(img.info), (suffix, img.info.keys())
    if suffix.endswith(".jpg"):
        # Only APP0 (JFIF), quantisation and Huffman tables, frame header and scan: no APP1-APP15 or COM.
        assert set(jpeg_markers(data)) <= {0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDD, 0xDA}, suffix
    elif suffix.endswith(".webp"):
        assert set(riff_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, suffix
    elif suffix.endswith(".png"):
        assert set(png_chunks(data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}, suffix


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def near(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=False))


# --- fixtures: the big ones once per module --------------------------------------------------------------------


@pytest.fixture(scope="module")
def phone_jpeg() -> bytes:
    """A 4032 x 3024 phone photo stored sideways (orientation 6), with GPS, maker notes, XMP, IPTC, a comment."""
    data = jpeg_bytes(
        photo_pixels((4032, 3024)), quality=88, exif=phone_exif(6).tobytes(), xmp=XMP, comment=b"Jan de Vries"
    )
    return add_iptc(data)


@pytest.fixture(scope="module")
def phone_render(phone_jpeg: bytes) -> dict[str, bytes]:
    return photos.render(phone_jpeg, SETTINGS)


@pytest.fixture(scope="module")
def heic() -> bytes:
    pillow_heif.register_heif_opener()
    img = photo_pixels((1600, 1200))
    # x265's ultrafast preset: the default takes 5 s for this size, and the decoder does not care.
    return image_bytes(
        img, "HEIF", quality=70, exif=phone_exif(1).tobytes(), xmp=XMP, enc_params={"preset": "ultrafast"}
    )


# --- probe -----------------------------------------------------------------------------------------------------


def test_probe_reports_the_displayed_size_of_a_sideways_phone_photo(phone_jpeg: bytes) -> None:
    assert photos.probe(phone_jpeg) == PhotoInfo("JPEG", 3024, 4032, has_alpha=False)


def test_probe_knows_alpha_and_formats() -> None:
    rgba = Image.new("RGBA", (30, 20), (0, 0, 255, 128))
    assert photos.probe(image_bytes(rgba, "PNG")) == PhotoInfo("PNG", 30, 20, has_alpha=True)
    assert photos.probe(image_bytes(rgba, "WEBP")).format == "WEBP"
    assert photos.probe(image_bytes(rgba.convert("RGB"), "GIF")) == PhotoInfo("GIF", 30, 20, has_alpha=False)


def test_probe_does_not_decode_pixels(phone_jpeg: bytes) -> None:
    # The first half of the photo's bytes: headers intact, scan data cut. Probing must not notice.
    assert photos.probe(phone_jpeg[: len(phone_jpeg) // 2]).width == 3024


# --- the ladder ------------------------------------------------------------------------------------------------


def test_ladder_of_a_phone_photo_has_every_step_in_webp_and_jpeg() -> None:
    variants = photos.ladder(PhotoInfo("JPEG", 3024, 4032, False), SETTINGS)
    assert [v.suffix for v in variants] == [
        "-480w.webp",
        "-480w.jpg",
        "-800w.webp",
        "-800w.jpg",
        "-1200w.webp",
        "-1200w.jpg",
        "-1600w.webp",
        "-1600w.jpg",
    ]
    assert [(v.width, v.height) for v in variants][-1] == (1600, 2133)


def test_ladder_never_upscales() -> None:
    assert [(v.width, v.suffix) for v in photos.ladder(PhotoInfo("PNG", 300, 200, True), SETTINGS)] == [
        (300, "-300w.webp"),
        (300, "-300w.png"),
    ]
    widths = sorted({v.width for v in photos.ladder(PhotoInfo("JPEG", 1000, 750, False), SETTINGS)})
    assert widths == [480, 800, 1000]
    assert sorted({v.width for v in photos.ladder(PhotoInfo("JPEG", 1600, 900, False), SETTINGS)}) == [
        480,
        800,
        1200,
        1600,
    ]


def test_settings_are_validated_and_digested() -> None:
    assert Settings().digest() == Settings().digest()
    assert Settings(jpeg_quality=81).digest() != SETTINGS.digest()
    assert photos.cache_key(b"a", SETTINGS) != photos.cache_key(b"b", SETTINGS)
    with pytest.raises(ValueError):
        Settings(widths=(800, 480))
    with pytest.raises(ValueError):
        Settings(modern=("jxl",))


# --- render: the phone photo -----------------------------------------------------------------------------------


def test_render_produces_exactly_the_ladder(phone_jpeg: bytes, phone_render: dict[str, bytes]) -> None:
    variants = photos.ladder(photos.probe(phone_jpeg), SETTINGS)
    assert list(phone_render) == [v.suffix for v in variants]
    for variant in variants:
        img = decode(phone_render[variant.suffix])
        assert img.size == (variant.width, variant.height)
        assert img.format == {"webp": "WEBP", "jpeg": "JPEG"}[variant.format]
        assert img.mode == "RGB"


def test_the_check_for_metadata_finds_it_in_the_input(phone_jpeg: bytes, heic: bytes) -> None:
    for data in (phone_jpeg, heic):
        with pytest.raises(AssertionError):
            assert_clean("input.jpg", data)


def test_render_removes_all_metadata(phone_render: dict[str, bytes]) -> None:
    for suffix, data in phone_render.items():
        assert_clean(suffix, data)


def test_render_applies_the_orientation(phone_render: dict[str, bytes]) -> None:
    # Stored sideways with the red band on top; orientation 6 turns it a quarter clockwise: red on the right.
    for suffix, data in phone_render.items():
        img = decode(data)
        width, height = img.size
        assert width < height, suffix
        assert near(img.getpixel((width - 3, height // 2)), RED), suffix
        assert not near(img.getpixel((3, height // 2)), RED), suffix
        assert not near(img.getpixel((width // 2, 3)), RED), suffix


def test_render_jpeg_is_progressive_with_420_subsampling(phone_render: dict[str, bytes]) -> None:
    img = decode(phone_render["-800w.jpg"])
    assert img.info.get("progressive")
    assert JpegImagePlugin.get_sampling(img) == 2


def test_render_is_deterministic_across_runs_and_processes(phone_jpeg: bytes, phone_render: dict[str, bytes]) -> None:
    small = jpeg_bytes(photo_pixels((1300, 900)), quality=85, exif=phone_exif(8).tobytes())
    first = photos.render(small, SETTINGS)
    assert photos.render(small, SETTINGS) == first
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(photos.render, small, SETTINGS).result() == first
        assert pool.submit(photos.render, phone_jpeg, SETTINGS).result() == phone_render


# --- render: other inputs --------------------------------------------------------------------------------------


def test_heic_from_an_iphone(heic: bytes) -> None:
    assert photos.probe(heic) == PhotoInfo("HEIF", 1600, 1200, has_alpha=False)
    out = photos.render(heic, SETTINGS)
    assert sorted({decode(d).size for d in out.values()}) == [(480, 360), (800, 600), (1200, 900), (1600, 1200)]
    for suffix, data in out.items():
        assert_clean(suffix, data)
        assert near(decode(data).getpixel((decode(data).width // 2, 2)), RED), suffix


def test_png_with_alpha_keeps_it_and_falls_back_to_png() -> None:
    img = Image.new("RGBA", (900, 600), (0, 128, 0, 255))
    img.paste((0, 0, 0, 0), (0, 0, 450, 600))  # left half transparent
    out = photos.render(
        image_bytes(img, "PNG", icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()),
        SETTINGS,
    )
    assert list(out) == ["-480w.webp", "-480w.png", "-800w.webp", "-800w.png", "-900w.webp", "-900w.png"]
    for suffix, data in out.items():
        assert_clean(suffix, data)
        back = decode(data).convert("RGBA")
        assert back.getpixel((5, 5))[3] == 0, suffix
        assert near(back.getpixel((back.width - 5, 5)), (0, 128, 0, 255), 6), suffix


def test_cmyk_jpeg_becomes_rgb() -> None:
    img = Image.new("CMYK", (640, 480), (0, 255, 255, 0))  # full magenta and yellow: red
    out = photos.render(jpeg_bytes(img, quality=90), SETTINGS)
    assert list(out) == ["-480w.webp", "-480w.jpg", "-640w.webp", "-640w.jpg"]
    for suffix, data in out.items():
        back = decode(data)
        assert back.mode == "RGB", suffix
        assert near(back.getpixel((100, 100)), RED), suffix


def test_wide_gamut_photo_is_converted_to_srgb_and_untagged() -> None:
    profile = adobe_rgb_profile()
    colour = (40, 190, 60)  # a green that Adobe RGB renders more saturated than sRGB does
    img = Image.new("RGB", (600, 400), colour)
    out = photos.render(jpeg_bytes(img, quality=95, icc_profile=profile), SETTINGS)
    expected = ImageCms.profileToProfile(
        Image.new("RGB", (1, 1), colour),
        ImageCms.ImageCmsProfile(io.BytesIO(profile)),
        ImageCms.createProfile("sRGB"),
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
    ).getpixel((0, 0))
    assert not near(expected, colour, 15)  # the profile matters, so the test can tell
    for suffix, data in out.items():
        assert_clean(suffix, data)
        assert near(decode(data).getpixel((300, 200)), expected, 6), suffix


def test_tiny_image_is_never_upscaled() -> None:
    out = photos.render(image_bytes(Image.new("RGB", (40, 30), "blue"), "PNG"), SETTINGS)
    assert list(out) == ["-40w.webp", "-40w.jpg"]
    assert {decode(d).size for d in out.values()} == {(40, 30)}


def test_16_bit_greyscale_png_keeps_its_tones() -> None:
    img = Image.new("I;16", (300, 200), 40000)  # 61% grey in 16 bits
    out = photos.render(image_bytes(img, "PNG"), SETTINGS)
    assert near(decode(out["-300w.jpg"]).getpixel((150, 100)), (156, 156, 156), 3)


def test_gif_gives_its_first_frame() -> None:
    frames = [Image.new("RGB", (200, 100), c) for c in ("red", "blue")]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    out = photos.render(buf.getvalue(), SETTINGS)
    assert near(decode(out["-200w.jpg"]).getpixel((100, 50)), RED)


def test_webp_and_avif_inputs_are_read() -> None:
    img = photo_pixels((700, 500))
    assert list(photos.render(image_bytes(img, "WEBP", exif=phone_exif(1).tobytes()), SETTINGS)) == [
        "-480w.webp",
        "-480w.jpg",
        "-700w.webp",
        "-700w.jpg",
    ]
    if photos.avif_available():
        out = photos.render(image_bytes(img, "AVIF", exif=phone_exif(1).tobytes()), SETTINGS)
        assert photos.probe(image_bytes(img, "AVIF")).format == "AVIF"
        for suffix, data in out.items():
            assert_clean(suffix, data)


@pytest.mark.skipif(not photos.avif_available(), reason="this Pillow cannot write AVIF")
def test_avif_output_when_asked_for() -> None:
    settings = Settings(modern=("avif", "webp"))
    data = jpeg_bytes(photo_pixels((900, 600)), exif=phone_exif(1).tobytes())
    out = photos.render(data, settings)
    assert list(out)[:3] == ["-480w.avif", "-480w.webp", "-480w.jpg"]
    assert decode(out["-900w.avif"]).size == (900, 600)
    assert not decode(out["-900w.avif"]).getexif()
    assert photos.render(data, settings) == out


# --- bad input -------------------------------------------------------------------------------------------------


def test_truncated_photo_is_a_photo_error(phone_jpeg: bytes) -> None:
    with pytest.raises(PhotoError, match="is not a photo stogen can read") as caught:
        photos.render(phone_jpeg[: len(phone_jpeg) // 2], SETTINGS)
    assert "JPEG" in caught.value.hint.text("en")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n",
        b"\xff\xd8\xff\xe0 not really a jpeg",
        b"<html><body>Dit is geen foto</body></html>",
    ],
    ids=["empty", "pdf", "postscript", "broken-jpeg-header", "html-renamed-jpg"],
)
def test_non_photos_are_refused_clearly(data: bytes) -> None:
    with pytest.raises(PhotoError, match="is not a photo stogen can read") as caught:
        photos.probe(data)
    assert caught.value.hint
    with pytest.raises(PhotoError):
        photos.render(data, SETTINGS)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF", "HEIF"])
def test_damaged_files_render_or_fail_with_a_photo_error(fmt: str) -> None:
    """Seeded byte flips and truncations: any decoder failure must reach the editor as a PhotoError."""
    kwargs = {"exif": phone_exif(6).tobytes()} if fmt == "JPEG" else {}
    if fmt == "HEIF":
        kwargs = {"enc_params": {"preset": "ultrafast"}}
    data = image_bytes(photo_pixels((160, 120)), fmt, **kwargs)
    settings = Settings(widths=(64, 128))
    for seed in range(40):
        rng = random.Random(seed)
        damaged = bytearray(data)
        for _ in range(rng.randrange(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if seed % 3 == 0:
            damaged = damaged[: rng.randrange(len(damaged))]
        with contextlib.suppress(PhotoError):
            photos.render(bytes(damaged), settings)


def test_decompression_bomb_is_refused_before_decoding() -> None:
    for width, height in [(100_000, 100_000), (8_000, 7_000)]:
        with pytest.raises(PhotoError, match="megapixels") as caught:
            photos.probe(png_with_size(width, height))
        assert "smaller" in caught.value.hint.text("en")
        with pytest.raises(PhotoError, match="megapixels"):
            photos.render(png_with_size(width, height), SETTINGS)


def test_file_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    data = jpeg_bytes(photo_pixels((300, 200)))
    monkeypatch.setattr(photos, "MAX_FILE_BYTES", len(data) - 1)
    with pytest.raises(PhotoError, match="too large"):
        photos.probe(data)


def test_photo_error_reads_well() -> None:
    error = PhotoError(msg("is not a photo stogen can read (unknown file type)"), msg("use a keyword"))
    assert str(error) == "is not a photo stogen can read (unknown file type). use a keyword"
    assert error.message.text("nl") == "is geen foto die stogen kan lezen (onbekend soort bestand)"


# --- social image and title card -------------------------------------------------------------------------------


def test_social_image_is_a_clean_1200x630_crop(phone_jpeg: bytes) -> None:
    data = photos.social_image(phone_jpeg, SETTINGS)
    assert_clean("social.jpg", data)
    img = decode(data)
    assert (img.format, img.size) == ("JPEG", (1200, 630))
    assert near(img.getpixel((1195, 315)), RED) and not near(img.getpixel((5, 315)), RED)
    assert photos.social_image(phone_jpeg, SETTINGS) == data


def test_social_image_of_a_small_transparent_png() -> None:
    data = photos.social_image(image_bytes(Image.new("RGBA", (300, 300), (0, 0, 0, 0)), "PNG"), SETTINGS)
    img = decode(data)
    assert img.size == (1200, 630) and near(img.getpixel((600, 315)), (255, 255, 255), 3)


BACKGROUND = (0, 61, 92)


@pytest.mark.parametrize(
    "title",
    [
        "Aardbevingsbestendig bouwen met warmtepompopstellingen",
        "Kort",
        "Aardbevingsbestendigheidsonderzoeksprogrammacommissievergaderingsverslagen",
        " ".join(["Leerlingen van het Noorderpoortcollege winnen de landelijke techniekfinale"] * 4),
    ],
    ids=["dutch-compounds", "short", "one-huge-word", "far-too-long"],
)
def test_title_card_fits_any_title(title: str) -> None:
    data = photos.title_card(title, "Sterk Techniekonderwijs Groningen", background=BACKGROUND)
    assert_clean("card.jpg", data)
    img = decode(data)
    assert img.size == (1200, 630)
    # Nothing drawn in the margins: every pixel within 40 px of an edge is still the background.
    for box in [(0, 0, 1200, 40), (0, 590, 1200, 630), (0, 0, 40, 630), (1160, 0, 1200, 630)]:
        lo, hi = zip(*img.crop(box).getextrema(), strict=True)
        assert near(lo, BACKGROUND, 8) and near(hi, BACKGROUND, 8), (title, box)
    # Something was drawn where the title goes.
    assert img.crop((80, 80, 1120, 400)).convert("L").getextrema()[1] > 200
    assert photos.title_card(title, "Sterk Techniekonderwijs Groningen", background=BACKGROUND) == data
