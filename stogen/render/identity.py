"""The theme's visual identity (themes/<name>/identity.yml): one palette, one typeface and one type scale, made into
the site's CSS custom properties and @font-face rules, and handed to the email template for its inline styles."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from stogen.core.yamlsource import SAFE_LOADER

FILE = "identity.yml"
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_NAME = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Step:
    """One step of the type scale, in pixels."""

    px: int
    line_px: int

    @property
    def rem(self) -> str:
        return f"{self.px / 16:g}rem"

    @property
    def line(self) -> str:
        return f"{self.line_px / self.px:.3g}"


@dataclass(frozen=True)
class FontFile:
    weight: int
    style: str
    path: str  # under the theme's static/


@dataclass(frozen=True)
class Identity:
    colors: dict[str, str]
    contrast: list[tuple[str, str]]
    family: str
    fallback: list[str]
    unicode_range: str
    files: list[FontFile]
    preload: list[str]  # font files every page asks for at once (<link rel="preload">)
    email_fonts: list[str]
    scale: dict[str, Step]

    def rgb(self, name: str) -> tuple[int, int, int]:
        """A colour of the palette as (r, g, b), for what is drawn rather than styled (the social title cards)."""
        value = self.colors[name]
        return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)

    @property
    def font_stack(self) -> str:
        return ", ".join(_font_name(f) for f in [self.family, *self.fallback])

    @property
    def email_font_stack(self) -> str:
        return ", ".join(_font_name(f) for f in self.email_fonts)

    def css(self, static_url: Callable[[str], str]) -> str:
        """`:root` custom properties (--color-*, --step-*, --line-*, --font) and an @font-face per font file;
        `static_url` gives each file's versioned address."""
        lines = ["/* Made by stogen from themes/default/identity.yml: edit that file, not these lines. */"]
        for f in self.files:
            lines.append(
                f"@font-face {{ font-family: {_font_name(self.family)}; font-style: {f.style}; font-weight: {f.weight};"
                f' font-display: swap; src: url("{static_url(f.path)}") format("woff2");'
                f" unicode-range: {self.unicode_range}; }}"
            )
        lines.append(":root {")
        lines += [f"  --{name}: {value};" for name, value in self.colors.items()]
        for name, step in self.scale.items():
            lines.append(f"  --step-{name}: {step.rem}; --line-{name}: {step.line};")
        lines.append(f"  --font: {self.font_stack};")
        lines.append("}")
        return "\n".join(lines) + "\n"


def load(theme_path: Path) -> Identity:
    """The identity of a theme; a mistake in it is the theme maintainer's, reported as a ValueError naming it."""
    path = theme_path / FILE
    data: dict[str, Any] = yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER)
    try:
        colors = {str(k): str(v) for k, v in data["colors"].items()}
        for name, value in colors.items():
            if not _NAME.fullmatch(name) or not _HEX.fullmatch(value):
                raise ValueError(f"colour {name}: {value!r} is not a name and a #rrggbb value")
        contrast = [(str(a), str(b)) for a, b in data.get("contrast", [])]
        for pair in contrast:
            if not set(pair) <= colors.keys():
                raise ValueError(f"contrast {pair}: name a colour of `colors`")
        font = data["font"]
        files = [FontFile(int(w), str(s), str(p)) for w, s, p in font["files"]]
        for f in files:
            if not (theme_path / "static" / f.path).is_file():
                raise ValueError(f"font file static/{f.path} does not exist")
        preload = [str(p) for p in font.get("preload", [])]
        if not set(preload) <= {f.path for f in files}:
            raise ValueError(f"preload {preload}: name files of font.files")
        scale = {str(k): Step(int(v[0]), int(v[1])) for k, v in data["scale"].items()}
        return Identity(
            colors,
            contrast,
            str(font["family"]),
            [str(f) for f in font["fallback"]],
            str(font["unicode_range"]),
            files,
            preload,
            [str(f) for f in font["email"]],
            scale,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def _font_name(name: str) -> str:
    """A family name as CSS wants it: quoted when it is not one word (generic families stay bare)."""
    return name if re.fullmatch(r"[A-Za-z-]+", name) else f'"{name}"'


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
