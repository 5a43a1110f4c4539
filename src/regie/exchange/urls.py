"""The exchange pages, under /keten/."""

from django.urls import path

from . import views

app_name = "exchange"

urlpatterns: list = [
    path("afleveringen/", views.deliveries, name="deliveries"),
    path("afleveringen/<int:pk>/opnieuw/", views.requeue, name="requeue"),
]

# DUO (docs/duo.md)
from . import duo_views  # noqa: E402

urlpatterns += [
    path("duo/bericht/<uuid:uuid>/", duo_views.entry, name="duo_entry"),
    path("duo/dossier/<uuid:uuid>/", duo_views.dossier, name="duo_dossier"),
    path("duo/signalen/", duo_views.import_view, name="duo_import"),
    path("duo/signaal/<uuid:uuid>/", duo_views.signal_view, name="duo_signal"),
    path("duo/vergelijken/", duo_views.reconcile, name="duo_reconcile"),
    path("duo/vergelijking/<uuid:uuid>/", duo_views.report, name="duo_report"),
    path("duo/uitgaand/", duo_views.outbox, name="duo_outbox"),
]
