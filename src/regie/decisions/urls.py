from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.study_list, name="list"),
    path("kosten/", views.cost_model, name="costs"),
    path("<uuid:uuid>/", views.study_detail, name="detail"),
    path("<uuid:uuid>/export.json", views.study_export, name="export"),
    path("<uuid:uuid>/rapport.pdf", views.study_pdf, name="pdf"),
    path("<uuid:uuid>/gewichten/<str:stakeholder>/", views.edit_weights, name="weights"),
    path("<uuid:uuid>/punten/", views.edit_points, name="points"),
]
