"""Is a rendered page inert? Parse it like a browser would and list whatever could run or restyle it.

Our own markup only loads scripts and styles from /static/, never uses inline handlers, and
keeps links relative or http(s). Anything else in a page full of hostile comments came from
the input, so it is reported.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MARKER = "__pwned"
FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "svg",
    "math",
    "style",
    "template",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "srcset",
    "hx-get",
    "hx-post",
    "hx-put",
    "hx-patch",
    "hx-delete",
}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# Attributes whose value is only ever shown as text: escaped input may sit there harmlessly.
TEXT_ATTRIBUTES = {"value", "title", "alt", "placeholder", "aria-label", "datetime"}
HTMX_CONFIG = '{"includeIndicatorStyles": false, "allowEval": false, "allowScriptTags": false}'
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(value: str) -> str | None:
    """The scheme as a browser reads it: whitespace and control characters inside are skipped."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", value).lower())
    return match.group(1) if match else None


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            self._in_script = True
            if not values.get("src", "").startswith("/static/"):
                self.problems.append(f"script without a /static/ src: {values}")
        if tag == "link" and not values.get("href", "").startswith("/static/"):
            self.problems.append(f"<link> to {values.get('href')!r}")
        if tag == "meta":
            self._check_meta(values)
        for name, value in values.items():
            self._check_attribute(tag, name, value)

    def _check_meta(self, values: dict[str, str]) -> None:
        if "http-equiv" in values:
            self.problems.append(f"<meta http-equiv={values['http-equiv']!r}>")
        if values.get("name") == "htmx-config" and values.get("content") != HTMX_CONFIG:
            self.problems.append("htmx-config changed")

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.problems.append(f"event handler {name}= on <{tag}>")
        elif name in {"style", "srcdoc"}:
            self.problems.append(f"{name}= on <{tag}>")
        elif name in URL_ATTRIBUTES:
            scheme = url_scheme(value)
            image_data = tag == "img" and name == "src" and value.startswith("data:image/")
            if scheme is not None and scheme not in SAFE_SCHEMES and not image_data:
                self.problems.append(f"{scheme}: URL in <{tag} {name}>")
        if MARKER in value and name not in TEXT_ATTRIBUTES | URL_ATTRIBUTES:  # a URL is judged by its scheme
            self.problems.append(f"input reached <{tag} {name}=...>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data[:80]!r}")


def problems_in(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def assert_inert(html: str, where: str = "") -> None:
    problems = problems_in(html)
    assert problems == [], f"{where}: {problems[:10]}"
