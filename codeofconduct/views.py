"""The public code of conduct: no login. The version in force, older versions, and what changed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from accounts.models import Organisation
from codeofconduct.diff import diff_versions
from codeofconduct.models import CodeOfConduct
from codeofconduct.selectors import code_in_force, published_version, published_versions, snapshot_of


@require_GET
def public_code(request: HttpRequest, slug: str) -> HttpResponse:
    """The code in force, to link from the page's "about" section."""
    organisation = get_object_or_404(Organisation, slug=slug)
    code = code_in_force(organisation)
    if code is None:
        raise Http404
    return render_code(request, organisation, code)


@require_GET
def public_version(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """Any published version stays readable, also after a newer one came into force."""
    organisation = get_object_or_404(Organisation, slug=slug)
    code = published_version(organisation, version)
    if code is None:
        raise Http404
    return render_code(request, organisation, code)


@require_GET
def short_link(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return redirect("codeofconduct:public", slug=organisation.slug)


@require_GET
def public_diff(request: HttpRequest, slug: str) -> HttpResponse:
    """What changed between two published versions (``?van=1&naar=2``; default: the last change)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    versions = list(published_versions(organisation))
    if not versions:
        raise Http404
    by_number = {code.version: code for code in versions}
    current = code_in_force(organisation) or versions[0]
    new = by_number.get(_int(request.GET.get("naar")), current)
    older = [code for code in versions if code.version < new.version]
    old = by_number.get(_int(request.GET.get("van")), older[0] if older else new)
    if old.version > new.version:
        old, new = new, old
    return render(
        request,
        "codeofconduct/public_diff.html",
        {
            "organisation": organisation,
            "versions": versions,
            "old": old,
            "new": new,
            "current": current,
            "diff": diff_versions(snapshot_of(old), snapshot_of(new)) if old.pk != new.pk else None,
        },
    )


def render_code(
    request: HttpRequest, organisation: Organisation, code: CodeOfConduct, *, preview: bool = False
) -> HttpResponse:
    """The public page of one version; admins see the same page as a preview of a draft."""
    current = code_in_force(organisation)
    return render(
        request,
        "codeofconduct/public.html",
        {
            "organisation": organisation,
            "code": code,
            "articles": code.articles.all(),
            "current": current,
            "is_current": current is not None and current.pk == code.pk,
            "versions": published_versions(organisation),
            "preview": preview,
        },
    )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
