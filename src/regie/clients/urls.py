from django.urls import path

from . import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("inschrijven/", views.register, name="register"),
    path("importeren/", views.import_start, name="import"),
    path("importeren/voorbeeld.csv", views.import_template, name="import_template"),
    path("importeren/<uuid:uuid>/", views.import_status, name="import_status"),
    path("caseload/", views.caseload, name="caseload"),
    path("werkvoorraad/", views.worklist_view, name="worklist"),
    path("<uuid:uuid>/toewijzen/", views.assign_client, name="assign"),
    path("<uuid:uuid>/", views.dossier, name="dossier"),
    path("<uuid:uuid>/contact/", views.edit_contact, name="edit_contact"),
    path("<uuid:uuid>/datums/", views.edit_dates, name="edit_dates"),
    path("<uuid:uuid>/historie/", views.history, name="history"),
]
