from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("<uuid:uuid>/intake/", views.overview, name="overview"),
    path("<uuid:uuid>/intake/starten/", views.start, name="start"),
    path("<uuid:uuid>/intake/afronden/", views.complete, name="complete"),
    path("<uuid:uuid>/intake/leerbaarheidstoets/", views.learnability_test, name="lbt"),
    path("<uuid:uuid>/intake/bijzondere-gegevens/", views.special_record, name="special"),
    path(
        "<uuid:uuid>/intake/bijzondere-gegevens/opslaan/",
        views.special_record_save,
        name="special_save",
    ),
    path("<uuid:uuid>/intake/onderdeel/<slug:domain>/", views.domain, name="domain"),
]
