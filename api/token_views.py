"""/api/token/: an account makes and revokes its personal API tokens. Any signed-in account may have tokens
(they read what the account reads); only an editor's token writes. A token is shown once, when it is made."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rumourtracker.roles import Role, role_of, role_required

from .models import ApiToken

# An account's tokens at once: enough for every program it runs, few enough to keep track of.
MAX_TOKENS = 20


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, required=False, label="What is it for?", help_text="e.g. my scraper; only you see it"
    )


@role_required(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def token_page(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    made = ""
    tokens = ApiToken.objects.filter(user=request.user)  # type: ignore[misc]
    if request.method == "POST" and form.is_valid():
        if tokens.count() >= MAX_TOKENS:
            form.add_error(None, f"An account may hold {MAX_TOKENS} tokens: revoke one you no longer use first.")
        else:
            _, made = ApiToken.objects.make(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
    context = {"form": form, "tokens": tokens, "made": made, "writes": role_of(request.user).is_editor}
    return render(request, "api/token.html", context)


@role_required(Role.MEMBER)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user_id=request.user.pk)
    token.delete()
    messages.success(request, f"Token {token.shown}… revoked: programs using it are refused from now on.")
    return redirect("api_token")
