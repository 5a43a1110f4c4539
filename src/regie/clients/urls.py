from django.urls import path

from . import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("<uuid:uuid>/", views.dossier, name="dossier"),
    path("<uuid:uuid>/contact/", views.edit_contact, name="edit_contact"),
    path("<uuid:uuid>/datums/", views.edit_dates, name="edit_dates"),
    path("<uuid:uuid>/historie/", views.history, name="history"),
]
