import importlib

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from regie.clients.api import ClientViewSet

from .core_api import HousingTargetViewSet, MeView, OrganisationViewSet

# The schema and its documentation pages are public: they describe the API, not its data.
PUBLIC = {"permission_classes": [AllowAny], "authentication_classes": []}

router = DefaultRouter()
router.include_root_view = False
router.register("organisaties", OrganisationViewSet, basename="organisation")
router.register("taakstellingen", HousingTargetViewSet, basename="housingtarget")
router.register("klanten", ClientViewSet, basename="client")

# Each domain app may expose ``ROUTES = [(prefix, viewset, basename), ...]`` in its api.py.
for app in ("clients", "intake", "plans", "progress", "offer", "decisions"):
    try:
        module = importlib.import_module(f"regie.{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"regie.{app}.api":
            raise
        continue
    for prefix, viewset, basename in getattr(module, "ROUTES", []):
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("ik/", MeView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(**PUBLIC), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema", **PUBLIC), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema", **PUBLIC), name="api-redoc"),
    *router.urls,
]
