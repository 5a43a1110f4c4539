"""The reporting pages. The quality page keeps the address it had under the offer
(/aanbod/meldingen/kwaliteit/), where providers and contract managers know it."""

from django.urls import path

from . import views

app_name = "reporting"

urlpatterns: list = [
    path("aanbod/meldingen/kwaliteit/", views.quality_page, name="quality"),
]
