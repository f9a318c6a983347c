"""The alerts' pages: an account's delivery setting, and the one-click unsubscribe link of every alert mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from rumourtracker.roles import Role, role_required

from .forms import AlertPreferenceForm
from .mail import user_id_of_token
from .models import AlertPreference, Delivery


@role_required(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def alert_settings(request: HttpRequest) -> HttpResponseBase:
    preference, _ = AlertPreference.objects.get_or_create(user=request.user)  # type: ignore[misc]
    form = AlertPreferenceForm(request.POST or None, initial={"delivery": preference.delivery})
    if request.method == "POST" and form.is_valid():
        preference.delivery_change(form.cleaned_data["delivery"], now=timezone.now())
        messages.success(request, f"Saved: {preference.get_delivery_display()}.")
        return redirect("alerts_settings")
    return render(request, "alerts/settings.html", {"form": form, "preference": preference})


# Mail programs that honour List-Unsubscribe-Post (RFC 8058) POST to the link with no cookie and no CSRF token;
# the signed token in the address is what proves the request came from the mail.
@role_required(Role.PUBLIC)
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user_id = user_id_of_token(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    if user is None:
        return render(request, "alerts/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        preference, _ = AlertPreference.objects.get_or_create(user=user)
        preference.delivery_change(Delivery.OFF, now=timezone.now())
        return render(request, "alerts/unsubscribe.html", {"done": True, "address": user.email})
    return render(request, "alerts/unsubscribe.html", {"address": user.email})
