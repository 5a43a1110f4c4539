from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from regie.core.views.pages import health

admin.site.site_header = _("Regie Inburgering – beheer")
admin.site.site_title = _("Regie Inburgering – beheer")
admin.site.index_title = _("Referentiegegevens en gebruikers")

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("regie.api.urls")),
    path("klanten/", include("regie.clients.urls")),
    path("klanten/", include("regie.intake.urls")),
    path("klanten/", include("regie.plans.urls")),
    path("klanten/", include("regie.progress.urls")),
    path("", include("regie.objections.urls")),
    path("mca/", include("regie.decisions.urls")),
    path("aanbod/", include("regie.offer.urls")),
    path("keten/", include("regie.exchange.urls")),
    path("mijn/", include("regie.portal.urls")),
    path("portaal/", include("regie.portal.staff_urls")),
    path("", include("regie.reporting.urls")),
    path("", include("regie.core.urls")),
]

if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))

handler400 = "regie.core.views.errors.bad_request"
handler403 = "regie.core.views.errors.forbidden"
handler404 = "regie.core.views.errors.not_found"
handler500 = "regie.core.views.errors.server_error"
