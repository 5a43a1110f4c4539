"""Provider reports coming in, included at /aanbod/meldingen/ in the "offer" namespace (the
quality page at /aanbod/meldingen/kwaliteit/ belongs to regie.reporting)."""

from django.urls import path

from . import provider_reports_views as views

urlpatterns: list = [
    path("", views.upload, name="report_upload"),
    path("voorbeeld.csv", views.template, name="report_template"),
    path("status/<str:result_id>/", views.status, name="report_status"),
    path("examenuitslagen/", views.exams, name="report_exams"),
]
