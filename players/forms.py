"""Forms of the editors' pages for the knowledge base."""

from __future__ import annotations

from django import forms

from .models import Club, Player, PlayerStatus


class PlayerSearchForm(forms.Form):
    q = forms.CharField(required=False, label="Name", widget=forms.TextInput(attrs={"type": "search"}))
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *PlayerStatus.choices])
    club = forms.ModelChoiceField(
        required=False,
        empty_label="Any club",
        # Only clubs that have players: the full list runs to thousands.
        queryset=Club.objects.filter(players__isnull=False).distinct().order_by("name"),
    )


class RenameForm(forms.Form):
    name = forms.CharField(max_length=200, label="New name")


class AliasForm(forms.Form):
    name = forms.CharField(max_length=200, label="Alias")


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(queryset=Player.objects.all(), widget=forms.HiddenInput)
    duplicate = forms.ModelChoiceField(queryset=Player.objects.all(), widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("survivor") and data.get("survivor") == data.get("duplicate"):
            raise forms.ValidationError("Choose two different players.")
        return data
