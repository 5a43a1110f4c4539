"""Provider reporting and quality pages, included at /aanbod/meldingen/ in the "offer" namespace."""

from django.urls import path

from . import reporting_views as views

urlpatterns: list = [
    path("", views.upload, name="report_upload"),
    path("voorbeeld.csv", views.template, name="report_template"),
    path("status/<str:result_id>/", views.status, name="report_status"),
    path("kwaliteit/", views.quality_page, name="report_quality"),
    path("examenuitslagen/", views.exams, name="report_exams"),
]
