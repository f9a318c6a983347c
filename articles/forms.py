from __future__ import annotations

from django import forms

LANGUAGE_CHOICES = [
    ("", "Detect automatically"),
    ("en", "English"),
    ("it", "Italian"),
    ("es", "Spanish"),
    ("de", "German"),
    ("fr", "French"),
    ("pt", "Portuguese"),
]


class ArticlePasteForm(forms.Form):
    title = forms.CharField(max_length=500, required=False)
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=200_000,
        error_messages={"required": "Paste the article's text: there is nothing to tag without it."},
    )
    url = forms.URLField(max_length=1000, required=False, label="URL")
    outlet = forms.CharField(max_length=200, required=False, help_text="Who published it, e.g. Tuttosport")
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, required=False)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < 40:
            raise forms.ValidationError("This is too short to be an article: paste at least a few sentences.")
        return text


class DateForm(forms.Form):
    published = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Publication date",
        help_text="Leave empty if the date is unknown.",
    )
