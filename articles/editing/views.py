"""Editors' pages: confirm or reject a claim, add one, fix its player or club, take an article down,
and read the audit log. Every one needs an editor; every change goes through articles/editing/actions.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from players.kb_edit import EditError
from players.models import Club, Player
from players.resolve import Answer, choice_label, choice_value, name_resolve
from rumourtracker.back import next_url
from rumourtracker.roles import Role, role_required

from ..forms import DateForm
from ..models import Article, AuditLog, Claim, Deal, Decision, Kind
from ..pages.exports import csv_response
from .actions import article_date_set, article_takedown, claim_add, claim_decide, claim_fix


class ClaimForm(forms.Form):
    player = forms.CharField(max_length=200, help_text="A name, or the player's number from his page")
    club = forms.CharField(max_length=200, help_text="A name or a key such as it/juventus")
    kind = forms.ChoiceField(choices=Kind.choices)
    deal = forms.ChoiceField(choices=Deal.choices, initial=Deal.UNKNOWN)
    fee = forms.CharField(max_length=100, required=False, help_text="As stated, e.g. £34m")
    contract_until = forms.CharField(max_length=100, required=False, help_text="As stated, e.g. until 2029")
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_player(self) -> object:
        return _picked(self, "player", Player)

    def clean_club(self) -> object:
        return _picked(self, "club", Club)


class FixForm(forms.Form):
    player = forms.CharField(max_length=200, required=False, help_text="Leave empty to keep him")
    club = forms.CharField(max_length=200, required=False, help_text="Leave empty to keep it")

    def clean_player(self) -> object:
        return _picked(self, "player", Player)

    def clean_club(self) -> object:
        return _picked(self, "club", Club)


class TakedownForm(forms.Form):
    reason = forms.CharField(max_length=500, help_text="Why it goes, for the audit log")


def _picked(form: forms.Form, name: str, model: type[Player] | type[Club]) -> object:
    """The player or club the editor named, only if the name stands for exactly one; otherwise the field
    turns into a list of the candidates to pick from, so nothing is saved on a guess."""
    resolution = name_resolve(model=model, typed=form.cleaned_data[name])
    if resolution.answer in (Answer.EXACT, Answer.EMPTY):
        return resolution.entity
    noun = model._meta.verbose_name
    if resolution.offered:
        candidates = [(choice_value(entity), choice_label(entity)) for entity in resolution.offered]
        form.fields[name].widget = forms.Select(choices=[("", f"Pick the {noun}"), *candidates])
    if resolution.answer == Answer.CHOICES:
        raise forms.ValidationError(f"Several {noun}s go by “{resolution.typed}”: pick one.")
    closest = " Pick one of the closest names." if resolution.offered else ""
    raise forms.ValidationError(f"No {noun} goes by “{resolution.typed}”.{closest}")


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the editor acted from, if it is one of ours."""
    return redirect(next_url(request) or fallback)


@role_required(Role.EDITOR)
@require_POST
def claim_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article", "player", "club", "rumour"), pk=pk)
    decision = request.POST.get("decision", "")
    try:
        claim_decide(claim=claim, decision=decision, actor=request.user)  # type: ignore[arg-type]
    except EditError as error:
        messages.error(request, str(error))
    else:
        verb = {Decision.CONFIRMED: "confirmed", Decision.REJECTED: "rejected"}.get(decision, "reopened")  # type: ignore[call-overload]
        messages.success(request, f"Claim {verb}: {claim.player} → {claim.club}.")
    return _back(request, reverse("article_detail", args=[claim.article_id]))


@role_required(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def claim_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    form = ClaimForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = claim_add(article=article, actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except EditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Claim added: {claim.player} → {claim.club}.")
            return redirect("article_detail", pk=article.pk)
    return render(request, "articles/claim_form.html", {"article": article, "form": form})


@role_required(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def claim_fix_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article", "player", "club", "rumour"), pk=pk)
    form = FixForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_fix(claim=claim, actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except EditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Claim fixed: now {claim.player} → {claim.club}.")
            return redirect("article_detail", pk=claim.article_id)
    return render(request, "articles/claim_fix.html", {"claim": claim, "form": form})


@role_required(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def article_takedown_view(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    form = TakedownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title = str(article)
        article_takedown(article=article, actor=request.user, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
        messages.success(request, f"“{title}” was taken down; its rumours were recomputed.")
        return redirect("article_list")
    claims = article.claims.select_related("player", "club")
    return render(request, "articles/article_takedown.html", {"article": article, "form": form, "claims": claims})


@role_required(Role.EDITOR)
@require_POST
def article_date_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor dates an article (or marks it undated); its claims move to that date's window."""
    article = get_object_or_404(Article, pk=pk)
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That is not a date: give it as a day of the calendar, e.g. 2024-12-27.")
        return redirect("article_detail", pk=pk)
    try:
        moved = article_date_set(article=article, published=form.cleaned_data["published"], actor=request.user)  # type: ignore[arg-type]
    except EditError as exc:
        messages.error(request, str(exc))
    else:
        where = "its window" if article.published else "the undated claims"
        messages.success(request, f"Date saved; {moved} claim{'s' if moved != 1 else ''} moved to {where}.")
    return redirect("article_detail", pk=pk)


AUDIT_HEADER = ["at", "actor", "action", "summary", "article_id", "claim_id", "player", "club"]


@role_required(Role.EDITOR)
@require_GET
def audit_log(request: HttpRequest) -> HttpResponseBase:
    entries = AuditLog.objects.select_related("actor", "player", "club", "article")
    if request.GET.get("format") == "csv":
        return csv_response(_audit_rows(entries), AUDIT_HEADER, "audit log")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "articles/audit_log.html", {"page": page})


def _audit_rows(entries: QuerySet[AuditLog]) -> Iterator[list[object]]:
    for entry in entries.iterator(chunk_size=2000):
        yield [
            entry.at.isoformat(),
            entry.actor or "",
            entry.action,
            entry.summary,
            entry.article_ref or "",
            entry.claim_ref or "",
            entry.player or "",
            entry.club or "",
        ]
