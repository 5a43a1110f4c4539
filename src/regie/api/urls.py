from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from django.urls import path

from regie.clients.api import ClientViewSet

from .core_api import HousingTargetViewSet, MeView, OrganisationViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("organisaties", OrganisationViewSet, basename="organisation")
router.register("taakstellingen", HousingTargetViewSet, basename="housingtarget")
router.register("klanten", ClientViewSet, basename="client")

urlpatterns = [
    path("ik/", MeView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
