from django.urls import path

from . import views

app_name = "objections"

urlpatterns = [
    path("bezwaren/", views.register, name="register"),
    path("klanten/<uuid:uuid>/bezwaar/", views.dossier, name="dossier"),
    path(
        "klanten/<uuid:uuid>/bezwaar/<uuid:objection_uuid>/",
        views.detail,
        name="detail",
    ),
    path(
        "klanten/<uuid:uuid>/bezwaar/<uuid:objection_uuid>/brief-<slug:kind>.pdf",
        views.letter,
        name="letter",
    ),
]
