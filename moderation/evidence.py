"""Evidence cards: a server-made PNG of a comment, stored with SHA-256 hashes before it goes."""

from __future__ import annotations

import hashlib
import io
import textwrap
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH = 900
MARGIN = 32
MAX_TEXT_CHARS = 2_000
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


@dataclass(frozen=True)
class EvidenceCard:
    organisation: str
    platform: str
    post_title: str
    author_name: str
    author_remote_id: str
    published_at: datetime
    captured_at: datetime
    text: str
    permalink: str = ""


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def _breaks_layout(ch: str) -> bool:
    """Control characters (but newline and tab) and Unicode line/paragraph separators: Pillow's
    text layout raises on some of them ("\\r", "\\x85", "\\u2029"), so they are shown as codes too."""
    code = ord(ch)
    return (code < 0x20 and ch not in "\n\t") or 0x7F <= code <= 0x9F or ch in "\u2028\u2029"


def _printable(text: str) -> str:
    """Bidi overrides and zero-width characters would scramble the card: show them as codes."""
    replaced = []
    for ch in text:
        if ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff" or _breaks_layout(ch):
            replaced.append(f"<U+{ord(ch):04X}>")
        else:
            replaced.append(ch)
    return "".join(replaced)


def _wrapped(text: str, width: int = 88) -> list[str]:
    text = _printable(text)
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS] + f" … (+{len(text) - MAX_TEXT_CHARS} tekens, zie tekstbestand)"
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width=width, replace_whitespace=False) or [""])
    return lines


def render_card(card: EvidenceCard) -> bytes:
    """A readable PNG: header with organisation and capture time, metadata, the comment text."""
    header = [
        (f"Bewijsstuk — {card.organisation}", 26),
        (f"Vastgelegd op {card.captured_at:%d/%m/%Y %H:%M:%S %Z}", 16),
    ]
    meta = [
        f"Platform: {card.platform}",
        f"Bericht: {card.post_title}"[:120],
        f"Auteur: {card.author_name} (id {card.author_remote_id or 'onbekend'})"[:120],
        f"Geplaatst op: {card.published_at:%d/%m/%Y %H:%M:%S %Z}",
        f"Link: {card.permalink or '—'}"[:120],
        f"SHA-256 tekst: {sha256_hex(card.text)}",
    ]
    body = _wrapped(card.text)
    line_height = 22
    height = MARGIN * 2 + 36 + 24 + len(meta) * line_height + 24 + len(body) * line_height
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 90], fill="#1f3a5f")
    y = MARGIN - 12
    for text, size in header:
        draw.text((MARGIN, y), _printable(text), fill="white", font=_font(size))
        y += size + 14
    y = 110
    for line in meta:
        draw.text((MARGIN, y), _printable(line), fill="#333333", font=_font(15))
        y += line_height
    y += 12
    draw.line([MARGIN, y, WIDTH - MARGIN, y], fill="#999999", width=1)
    y += 12
    for line in body:
        draw.text((MARGIN, y), line, fill="black", font=_font(17))
        y += line_height
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
