from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("<uuid:uuid>/plan/", views.overview, name="overview"),
    path("<uuid:uuid>/plan/nieuw/", views.new_version, name="new"),
    path("<uuid:uuid>/plan/versie/<int:number>/", views.version_detail, name="version"),
    path("<uuid:uuid>/plan/versie/<int:number>/bewerken/", views.edit_draft, name="edit"),
    path(
        "<uuid:uuid>/plan/versie/<int:number>/onderdeel/",
        views.edit_component,
        name="component_add",
    ),
    path(
        "<uuid:uuid>/plan/versie/<int:number>/onderdeel/<uuid:component>/",
        views.edit_component,
        name="component_edit",
    ),
    path(
        "<uuid:uuid>/plan/versie/<int:number>/onderdeel/<uuid:component>/verwijderen/",
        views.delete_component,
        name="component_delete",
    ),
    path("<uuid:uuid>/plan/versie/<int:number>/controleren/", views.check, name="check"),
    path("<uuid:uuid>/plan/versie/<int:number>/terugzetten/", views.reopen, name="reopen"),
    path("<uuid:uuid>/plan/versie/<int:number>/vaststellen/", views.decide, name="decide"),
    path("<uuid:uuid>/plan/versie/<int:number>/beschikking.pdf", views.version_pdf, name="pdf"),
    path("<uuid:uuid>/plan/voortgang/<uuid:component>/", views.progress, name="progress"),
    path("<uuid:uuid>/plan/gevolgde-uren/", views.record_activity, name="activity_new"),
    path(
        "<uuid:uuid>/plan/ondertekening-eindgesprek/", views.record_milestone, name="milestone_new"
    ),
]
