from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from regie.clients import api as clients_api
from regie.core.api import HousingTargetViewSet, MeView, OrganisationViewSet
from regie.intake import api as intake_api
from regie.offer import api as offer_api
from regie.plans import api as plans_api
from regie.progress import api as progress_api

# The schema and its documentation pages are public: they describe the API, not its data.
PUBLIC = {"permission_classes": [AllowAny], "authentication_classes": []}

router = DefaultRouter()
router.include_root_view = False
router.register("organisaties", OrganisationViewSet, basename="organisation")
router.register("taakstellingen", HousingTargetViewSet, basename="housingtarget")
router.register("klanten", clients_api.ClientViewSet, basename="client")

# Each domain app lists its ``ROUTES = [(prefix, viewset, basename), ...]`` in its api.py; this
# module only routes (the plumbing every API uses is in regie.core.drf).
for module in (clients_api, intake_api, plans_api, progress_api, offer_api):
    for prefix, viewset, basename in module.ROUTES:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("ik/", MeView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(**PUBLIC), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", **PUBLIC),
        name="api-docs",
    ),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema", **PUBLIC), name="api-redoc"),
    *router.urls,
]
