from __future__ import annotations

from django import forms

from .models import Delivery


class AlertPreferenceForm(forms.Form):
    delivery = forms.ChoiceField(label="Send me alerts", choices=Delivery.choices, widget=forms.RadioSelect)
