"""Photos from a phone: light, responsive, and without the pupils' location.

A pure engine: bytes in, bytes out. It reads no files other than its own bundled font, writes none and imports
nothing from the rest of stogen but core/messages.py (its messages are marked for translation), so it can move into
any layer of the package. The build decides where the bytes go.

    info = probe(data)                       # cheap: format, size after EXIF orientation, alpha
    variants = ladder(info, settings)        # what render() will produce, for width/height and srcset
    files = render(data, settings)           # {"-800w.webp": b"...", "-800w.jpg": b"...", ...}
    og = social_image(data, settings)        # 1200x630 JPEG for Open Graph / Twitter
    card = title_card("Titel", "Sterk Techniekonderwijs")   # 1200x630 JPEG when a page has no photo

Every output is re-encoded from pixels only: no EXIF (so no GPS position, no camera serial, no maker notes),
no XMP, no IPTC, no embedded thumbnail, no comment and no ICC profile (pixels are converted to sRGB, which is what
browsers assume for untagged images). Outputs are byte-identical for the same input, settings and library versions;
`Settings.digest()` covers the library versions, so a cache keyed by `cache_key()` never serves stale bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stogen.core.messages import Msg, msg

if TYPE_CHECKING:
    from PIL import Image, ImageFont

__all__ = [
    "ENGINE_VERSION",
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "SOCIAL_SIZE",
    "SUPPORTED_FORMATS",
    "PhotoError",
    "PhotoInfo",
    "Settings",
    "Variant",
    "avif_available",
    "cache_key",
    "ladder",
    "probe",
    "render",
    "social_image",
    "title_card",
]

# Bump when a change to this module changes output bytes: it is part of Settings.digest().
ENGINE_VERSION = 1

# A 12 MP phone photo is 2-5 MB, a 48 MP one 10-20 MB; 40 MB leaves room for those and stops a video or a scan of
# a whole album renamed to .jpg before anything reads it.
MAX_FILE_BYTES = 40 * 1024 * 1024
# 50 megapixels is above phones' default modes (12-48 MP) and costs about 200 MB decoded as RGBA; the 108/200 MP
# modes are refused with a hint to export smaller. Checked from the header before decoding, so this also catches
# decompression bombs (a tiny file claiming 100k x 100k pixels).
MAX_PIXELS = 50_000_000

# Pillow's format names. "HEIF" covers .heic/.heif (pillow-heif); GIF gives its first frame. AVIF is read by
# Pillow's own plugin (Pillow >= 11.2 wheels). Opening is restricted to these plugins, so a PostScript or
# other exotic file never reaches a decoder we did not choose.
SUPPORTED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP", "GIF", "HEIF", "AVIF")

SOCIAL_SIZE = (1200, 630)

FONT_PATH = Path(__file__).with_name("fonts") / "DejaVuSans-Bold.ttf"


@cache
def _pillow() -> None:
    """Pillow set up for photos, on first use (a build that reads no photo, as a quick build, never loads it):
    Pillow warns above MAX_IMAGE_PIXELS and raises above twice that (probe() refuses anything above MAX_PIXELS
    itself); HEIF support is a plugin. AVIF stays with Pillow's own (faster) plugin."""
    import pillow_heif
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    pillow_heif.register_heif_opener()


_EXTENSIONS = {"jpeg": ".jpg", "png": ".png", "webp": ".webp", "avif": ".avif"}


class PhotoError(Exception):
    """A photo stogen cannot use; `hint` tells the editor what to do about it."""

    def __init__(self, message: Msg, hint: Msg) -> None:
        super().__init__(message.text("en"))
        self.message = message
        self.hint = hint

    def __str__(self) -> str:  # for tracebacks and logs: English; editors read the Problem it becomes
        return f"{self.message.text('en')}. {self.hint.text('en')}"


@dataclass(frozen=True)
class PhotoInfo:
    """What probe() learns without decoding pixels. Width and height are as displayed (after EXIF orientation)."""

    format: str
    width: int
    height: int
    has_alpha: bool


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    format: str  # "webp", "avif", "jpeg" or "png"

    @property
    def suffix(self) -> str:
        """File-name suffix, e.g. "-800w.webp"; also the key of render()'s result."""
        return f"-{self.width}w{_EXTENSIONS[self.format]}"

    @property
    def mime_type(self) -> str:
        return f"image/{self.format}"


@dataclass(frozen=True)
class Settings:
    """Everything that shapes the output bytes. Frozen and hashable; digest() names it for caches."""

    # 1600 covers an 800 CSS-pixel content column on a 2x screen; 480 a phone at 1x. Never upscaled.
    widths: tuple[int, ...] = (480, 800, 1200, 1600)
    # Modern formats, each produced at every width before the fallback (JPEG, or PNG with alpha).
    # AVIF is opt-in: see docs/photos.md for the measurements.
    modern: tuple[str, ...] = ("webp",)
    # JPEG q80 progressive 4:2:0: no visible artefacts on photos at web sizes; 4:4:4 adds ~25% for colour
    # detail nobody sees in a photo (it matters for text and flat graphics, which are not photos).
    jpeg_quality: int = 80
    # WebP q78 matches JPEG q80 in perceived quality at about 30% fewer bytes; method 4 is libwebp's default
    # speed/size balance (6 is ~30% slower for ~1% smaller).
    webp_quality: int = 78
    webp_method: int = 4
    # AVIF q60 at speed 8: comparable to WebP q78; slower speeds cost several times the CPU.
    avif_quality: int = 60
    avif_speed: int = 8
    png_compress_level: int = 6
    social_quality: int = 82
    # Library versions change encoder output; they are part of the digest so caches never mix them.
    libraries: tuple[tuple[str, str], ...] = field(default_factory=lambda: _library_versions(), init=False)

    def __post_init__(self) -> None:
        if not self.widths or any(w <= 0 for w in self.widths) or list(self.widths) != sorted(set(self.widths)):
            raise ValueError(f"widths must be positive, unique and ascending, not {self.widths}")
        unknown = [f for f in self.modern if f not in ("webp", "avif")]
        if unknown:
            raise ValueError(f"modern formats can be webp and avif, not {unknown}")
        if "avif" in self.modern and not avif_available():
            raise ValueError("this Pillow cannot write AVIF; remove 'avif' from the modern formats")

    def digest(self) -> str:
        """A short hash of every setting, the engine version and the encoder libraries' versions."""
        blob = json.dumps({"engine": ENGINE_VERSION, **asdict(self)}, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def _library_versions() -> tuple[tuple[str, str], ...]:
    _pillow()
    import pillow_heif
    from PIL import features

    names = ("pil", "jpg", "webp", "avif", "littlecms2", "freetype2", "zlib")
    return (("pillow-heif", pillow_heif.__version__), *((n, str(features.version(n))) for n in names))


@cache
def avif_available() -> bool:
    """Whether this Pillow can write AVIF (Pillow >= 11.2 wheels can)."""
    _pillow()
    from PIL import features

    return bool(features.check("avif"))


def cache_key(data: bytes, settings: Settings) -> str:
    """The key under which a caller can keep render()'s result: the photo's content and the settings."""
    return f"{hashlib.sha256(data).hexdigest()}-{settings.digest()}"


# --- reading ---------------------------------------------------------------------------------------------------

_UNREADABLE_HINT = msg("Save it again as JPEG, PNG, WebP or HEIC (for example by exporting it from the photo app)")


@contextmanager
def _opened(data: bytes) -> Iterator[Image.Image]:
    """Open untrusted bytes with only our decoders, turning every decoder failure into a PhotoError."""
    _pillow()
    from PIL import Image

    if not data:
        raise PhotoError(msg("is not a photo stogen can read (the file is empty)"), _UNREADABLE_HINT)
    if len(data) > MAX_FILE_BYTES:
        raise PhotoError(
            msg(
                "is too large ({size:.0f} MB; stogen takes photos up to {max} MB)",
                size=len(data) / 2**20,
                max=MAX_FILE_BYTES // 2**20,
            ),
            msg("Export it from the photo app at a smaller size, for example 4000 pixels wide"),
        )
    try:
        with warnings.catch_warnings():
            # We check the pixel count ourselves below, with a clearer message than Pillow's warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=SUPPORTED_FORMATS) as img:
                _check_pixels(img.size)
                yield img
    except PhotoError:
        raise
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(None) from exc
    except Image.UnidentifiedImageError as exc:
        raise PhotoError(msg("is not a photo stogen can read (unknown file type)"), _UNREADABLE_HINT) from exc
    except (OSError, ValueError, SyntaxError, EOFError, RuntimeError, TypeError, IndexError) as exc:
        # Decoders report broken files through many exception types; all mean the same to an editor.
        raise PhotoError(msg("is not a photo stogen can read ({exc})", exc=exc), _UNREADABLE_HINT) from exc


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise PhotoError(msg("is not a photo stogen can read (it has no pixels)"), _UNREADABLE_HINT)
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(size)


def _too_many_pixels(size: tuple[int, int] | None) -> PhotoError:
    what = msg("{width} x {height} pixels", width=size[0], height=size[1]) if size else msg("too many pixels")
    return PhotoError(
        msg(
            "is too large ({what}; stogen takes photos up to {max} megapixels)",
            what=what,
            max=MAX_PIXELS // 1_000_000,
        ),
        msg("Export it from the photo app at a smaller size, for example 4000 pixels wide"),
    )


def _orientation(img: Image.Image) -> int:
    """The EXIF orientation (1-8); 1 when absent or nonsense. HEIF decoders have applied it already."""
    try:
        value = img.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block must not hide a good photo; its pixels are what we keep
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _has_alpha(img: Image.Image) -> bool:
    return img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info


def _info(img: Image.Image) -> PhotoInfo:
    width, height = img.size
    if _orientation(img) in (5, 6, 7, 8):  # rotated by 90 or 270 degrees
        width, height = height, width
    assert img.format is not None
    return PhotoInfo(img.format, width, height, _has_alpha(img))


def probe(data: bytes) -> PhotoInfo:
    """Format, displayed size and alpha from the headers only (no pixel decoding): for planning a build.

    Raises PhotoError for files that are empty, too large, of an unsupported type or have too many pixels.
    A file whose headers are fine but whose pixel data is broken is only found out by render().
    """
    with _opened(data) as img:
        return _info(img)


# --- the ladder ------------------------------------------------------------------------------------------------


def ladder(info: PhotoInfo, settings: Settings) -> list[Variant]:
    """The variants render() produces for this photo, smallest first, modern formats before the fallback.

    Widths are the settings' steps below the photo's width, plus the photo's own width when it is narrower than
    the largest step (so the sharpest version is not lost); never wider than the original.
    """
    widths = [w for w in settings.widths if w < info.width]
    if info.width <= settings.widths[-1]:
        widths.append(info.width)
    fallback = "png" if info.has_alpha else "jpeg"
    formats = [*settings.modern, fallback]
    return [Variant(w, _height_for(info, w), f) for w in widths for f in formats]


def _height_for(info: PhotoInfo, width: int) -> int:
    return max(1, round(info.height * width / info.width))


# --- decoding to clean sRGB pixels ------------------------------------------------------------------------------


@cache
def _srgb() -> Any:
    from PIL import ImageCms

    return ImageCms.createProfile("sRGB")


def _decode(img: Image.Image, largest: tuple[int, int]) -> Image.Image:
    """Decode once, at the smallest JPEG DCT scale (1/2, 1/4, 1/8) still at least as large as the largest output.

    `largest` is in displayed orientation. libjpeg's scaled IDCT filters properly, so decoding a 4032 x 3024
    photo at 1/2 for a 1600-wide output loses nothing visible, saves about 40% of the decode time and leaves
    a quarter of the pixels for every resize to read.
    """
    if img.format == "JPEG":
        width, height = largest
        if _orientation(img) in (5, 6, 7, 8):
            width, height = height, width
        img.draft(None, (width, height))
    img.load()
    return img


def _to_srgb(img: Image.Image) -> Image.Image:
    """Apply EXIF orientation, convert to sRGB (RGB or RGBA) and drop every piece of metadata."""
    _pillow()
    from PIL import ImageOps

    alpha = _has_alpha(img)
    icc = img.info.get("icc_profile")
    if _orientation(img) != 1:
        ImageOps.exif_transpose(img, in_place=True)  # in place: no copy of a 12 MP image
    if img.mode in ("I", "I;16", "I;16B", "I;16L"):
        # 16-bit greyscale PNGs: Pillow's conversion to 8 bits clips (everything above 255 turns white); scale.
        img = img.convert("I").point(lambda v: v / 256).convert("L")
    if img.mode in ("P", "PA") or (img.mode in ("L", "LA", "1") and not icc):
        img = img.convert("RGBA" if alpha else "RGB")
    out_mode = "RGBA" if alpha else "RGB"
    if icc:
        img = _convert_with_profile(img, icc, out_mode)
    elif img.mode != out_mode:
        img = img.convert(out_mode)
    return _strip(img)


def _convert_with_profile(img: Image.Image, icc: bytes, out_mode: str) -> Image.Image:
    """Convert with the embedded ICC profile (Display P3 from iPhones, Adobe RGB, CMYK press profiles)."""
    _pillow()
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        # LittleCMS cannot carry alpha through every transform; convert the colour and put the alpha back.
        alpha = img.getchannel("A") if out_mode == "RGBA" and "A" in img.getbands() else None
        colour = img.convert("RGB") if img.mode in ("RGBA", "LA", "La", "RGBa") else img
        if colour.mode in ("L", "RGB", "CMYK"):
            converted = ImageCms.profileToProfile(
                colour, source, _srgb(), renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB"
            )
            assert converted is not None
            colour = converted
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken or unusual profile: the pixels are still a photo; show them as they are rather than refuse.
        colour = img.convert("RGB")
        alpha = img.getchannel("A") if out_mode == "RGBA" and "A" in img.getbands() else None
    if colour.mode != "RGB":
        colour = colour.convert("RGB")
    if alpha is not None:
        colour.putalpha(alpha)
    elif out_mode == "RGBA":
        colour = colour.convert("RGBA")
    return colour


def _strip(img: Image.Image) -> Image.Image:
    """Forget all metadata: Pillow's PNG and AVIF writers copy an ICC profile from `info`, JPEG a comment."""
    img.info = {}
    if hasattr(img, "_exif"):
        img._exif = None
    return img


# --- encoding --------------------------------------------------------------------------------------------------


def _encode(img: Image.Image, fmt: str, settings: Settings) -> bytes:
    _strip(img)
    buf = io.BytesIO()
    if fmt == "jpeg":
        # optimize: Huffman tables fitted to the image (3-5% smaller, deterministic); progressive shows a
        # whole blurry photo early on slow school networks and is ~3% smaller still. subsampling 2 = 4:2:0.
        img.save(buf, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True, subsampling=2)
    elif fmt == "webp":
        img.save(buf, "WEBP", quality=settings.webp_quality, method=settings.webp_method)
    elif fmt == "avif":
        # One encoder thread: the build already runs one process per core, and it keeps output deterministic.
        img.save(buf, "AVIF", quality=settings.avif_quality, speed=settings.avif_speed, max_threads=1)
    elif fmt == "png":
        img.save(buf, "PNG", compress_level=settings.png_compress_level)
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    return buf.getvalue()


def _resize(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Lanczos with Pillow's reducing gap: a box reduction to within 3x of the target, then Lanczos from there.

    Visually the same as plain Lanczos at a fraction of the cost for large reductions.
    """
    _pillow()
    from PIL import Image

    if img.size == size:
        return img.copy()
    return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def render(data: bytes, settings: Settings) -> dict[str, bytes]:
    """Every variant of ladder(probe(data), settings), keyed by its suffix. Decodes the photo once.

    Raises PhotoError when the photo cannot be read.
    """
    with _opened(data) as img:
        info = _info(img)
        variants = ladder(info, settings)
        largest = max(variants, key=lambda v: v.width)
        try:
            pixels = _to_srgb(_decode(img, (largest.width, largest.height)))
        except PhotoError:
            raise
        except (OSError, ValueError, SyntaxError, EOFError, RuntimeError) as exc:
            raise PhotoError(msg("is not a photo stogen can read ({exc})", exc=exc), _UNREADABLE_HINT) from exc
    out: dict[str, bytes] = {}
    # Largest first, each from the full decoded image: resizing from a previous (already resized) variant
    # would be faster but blurs the small ones twice.
    for width in sorted({v.width for v in variants}, reverse=True):
        same_width = [v for v in variants if v.width == width]
        resized = _resize(pixels, (width, same_width[0].height))
        for variant in same_width:
            out[variant.suffix] = _encode(resized, variant.format, settings)
        resized.close()
    pixels.close()
    return {v.suffix: out[v.suffix] for v in variants}


# --- social image ----------------------------------------------------------------------------------------------


def social_image(data: bytes, settings: Settings) -> bytes:
    """A 1200 x 630 JPEG for Open Graph and Twitter cards: the photo scaled to cover, then cropped.

    The crop is centred horizontally; vertically, tall photos keep more of their upper part (centring at 40%),
    because in phone photos of people the heads are above the middle. Photos smaller than the card are
    enlarged here (unlike render()): the card must have the size social networks ask for.
    """
    _pillow()
    from PIL import Image, ImageOps

    target_w, target_h = SOCIAL_SIZE
    with _opened(data) as img:
        info = _info(img)
        scale = max(target_w / info.width, target_h / info.height)
        cover = (max(target_w, round(info.width * scale)), max(target_h, round(info.height * scale)))
        try:
            pixels = _to_srgb(_decode(img, cover))
        except (OSError, ValueError, SyntaxError, EOFError, RuntimeError) as exc:
            raise PhotoError(msg("is not a photo stogen can read ({exc})", exc=exc), _UNREADABLE_HINT) from exc
    if pixels.mode == "RGBA":  # JPEG has no alpha: lay transparent photos on white, as a page would show them
        background = Image.new("RGB", pixels.size, (255, 255, 255))
        background.paste(pixels, mask=pixels.getchannel("A"))
        pixels = background
    tall = info.height / info.width > target_h / target_w
    card = ImageOps.fit(pixels, SOCIAL_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.4 if tall else 0.5))
    pixels.close()
    return _encode_card(card, settings.social_quality)


def _encode_card(img: Image.Image, quality: int) -> bytes:
    _strip(img)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True, progressive=True, subsampling=2)
    return buf.getvalue()


# --- title card ------------------------------------------------------------------------------------------------

_CARD_MARGIN = 80
_TITLE_SIZES = (76, 68, 60, 54, 48, 42)  # tried largest first; the first at which the title fits wins
_TITLE_MAX_LINES = 4
_SITE_SIZE = 34


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    _pillow()
    from PIL import ImageFont

    # BASIC layout: the same glyph positions with or without libraqm installed, so the bytes never depend on it.
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)


def title_card(
    title: str,
    site_name: str,
    *,
    background: tuple[int, int, int] = (0, 61, 92),
    foreground: tuple[int, int, int] = (255, 255, 255),
    accent: tuple[int, int, int] = (255, 183, 0),
    quality: int = 88,
) -> bytes:
    """A 1200 x 630 JPEG with the title in large bold type and the site's name under an accent bar.

    For pages without a photo. The title is wrapped at word boundaries in the largest size at which it fits in
    four lines; a word too long for a line even at the smallest size is broken with a hyphen, and a title that
    still does not fit ends in an ellipsis. Nothing is ever drawn outside the card. Deterministic bytes.
    """
    _pillow()
    from PIL import Image, ImageDraw

    width, height = SOCIAL_SIZE
    card = Image.new("RGB", SOCIAL_SIZE, background)
    draw = ImageDraw.Draw(card)
    text_width = width - 2 * _CARD_MARGIN
    site_font = _font(_SITE_SIZE)
    site_top = height - _CARD_MARGIN - _SITE_SIZE
    title_bottom = site_top - 60
    font, lines = _fit_title(" ".join(title.split()), text_width, title_bottom - _CARD_MARGIN)
    line_height = round(font.size * 1.18)
    y = _CARD_MARGIN + max(0, (title_bottom - _CARD_MARGIN - line_height * len(lines)) // 2)
    for line in lines:
        draw.text((_CARD_MARGIN, y), line, font=font, fill=foreground)
        y += line_height
    draw.rectangle((_CARD_MARGIN, site_top - 28, _CARD_MARGIN + 96, site_top - 20), fill=accent)
    site = _ellipsize(" ".join(site_name.split()), site_font, text_width)
    draw.text((_CARD_MARGIN, site_top), site, font=site_font, fill=foreground)
    return _encode_card(card, quality)


def _fit_title(title: str, max_width: int, max_height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size in _TITLE_SIZES:
        font = _font(size)
        max_lines = min(_TITLE_MAX_LINES, max_height // round(size * 1.18))
        lines = _wrap(title, font, max_width, hyphenate=False)
        if lines is not None and len(lines) <= max_lines:
            return font, lines
    font = _font(_TITLE_SIZES[-1])
    max_lines = min(_TITLE_MAX_LINES, max_height // round(font.size * 1.18))
    lines = _wrap(title, font, max_width, hyphenate=True) or [title]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _ellipsize(" ".join(lines[max_lines - 1 :]) + " …", font, max_width)]
    return font, lines


def _wrap(text: str, font: ImageFont.FreeTypeFont, max_width: int, *, hyphenate: bool) -> list[str] | None:
    """Greedy word wrap; None when a word is wider than a line and hyphenate is off."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if font.getlength(word) <= max_width:
            current = word
            continue
        if not hyphenate:
            return None
        pieces = _break_word(word, font, max_width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines


def _break_word(word: str, font: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Split a word that is wider than a line into hyphenated pieces that each fit."""
    pieces: list[str] = []
    rest = word
    while font.getlength(rest) > max_width:
        cut = len(rest) - 1
        while cut > 1 and font.getlength(rest[:cut] + "-") > max_width:
            cut -= 1
        pieces.append(rest[:cut] + "-")
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def _ellipsize(text: str, font: ImageFont.FreeTypeFont, max_width: int) -> str:
    if font.getlength(text) <= max_width:
        return text
    while text and font.getlength(text.rstrip(" …") + "…") > max_width:
        text = text[:-1]
    return text.rstrip(" …") + "…"
