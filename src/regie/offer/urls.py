from django.urls import include, path

from . import views

app_name = "offer"

urlpatterns: list = [
    path("meldingen/", include("regie.offer.provider_reports_urls")),
    # quality marks
    path("aanbieders/", views.providers, name="providers"),
    path("aanbieders/<uuid:uuid>/", views.provider_detail, name="provider_detail"),
    # contracts
    path("contracten/", views.contracts, name="contracts"),
    path("contracten/nieuw/", views.contract_create, name="contract_create"),
    path("contracten/<uuid:uuid>/", views.contract_detail, name="contract_detail"),
    path("contracten/<uuid:uuid>/perceel/", views.lot_create, name="lot_create"),
    path("contracten/<uuid:uuid>/product/", views.product_create, name="product_create"),
    path("contracten/<uuid:uuid>/factuur/", views.invoice_create, name="invoice_create"),
    # groups and waiting list
    path("groepen/", views.groups, name="groups"),
    path("groepen/nieuw/", views.group_create, name="group_create"),
    path("groepen/<uuid:uuid>/", views.group_detail, name="group_detail"),
    path("wachtlijst/", views.waiting_list, name="waiting_list"),
    # enrolment
    path("inschrijvingen/", views.enrolments, name="enrolments"),
    path("inschrijvingen/export.csv", views.enrolments_csv, name="enrolments_csv"),
    path(
        "inschrijvingen/meldingen-sjabloon.csv",
        views.enrolments_report_template,
        name="enrolments_report_template",
    ),
    path("inschrijvingen/<uuid:uuid>/", views.enrolment_detail, name="enrolment_detail"),
    path("inschrijvingen/<uuid:uuid>/<str:step>/", views.enrolment_step, name="enrolment_step"),
    path("klant/<uuid:uuid>/", views.dossier, name="dossier"),
    path("klant/<uuid:uuid>/aanmelden/<uuid:component>/", views.refer, name="refer"),
    path("klant/<uuid:uuid>/vrijwillig-aanbod/", views.refer_voluntary, name="refer_voluntary"),
]
