from django.urls import include, path

app_name = "offer"

urlpatterns: list = [
    path("meldingen/", include("regie.offer.reporting_urls")),
]
