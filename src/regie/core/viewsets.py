"""The one base of every API viewset: every read of a person is written to the access log.

Import it as ``regie.core.drf.ScopedViewSet``. src/regie/tests/test_access_logging.py walks the
router and fails when a registered viewset does not derive from it.
"""

from rest_framework import viewsets

from regie.core.audit import log_access
from regie.core.models import AccessLogEntry


def principal_of(request):
    """The principal of a DRF request (as ``core.drf.principal_of``, which re-exports this base)."""
    return getattr(getattr(request, "_request", request), "principal", None)


# --- Every read logged ------------------------------------------------------------------------
# One base for every API viewset (checked by src/regie/tests/test_access_logging.py, which walks
# the router). The objects a read shows are collected where every DRF read passes through
# (``get_object`` and ``paginate_queryset``, or ``record_shown`` for a hand-built answer), and
# written to the access log in ``finalize_response``: one bulk insert per request, whatever
# mixins a viewset combines or in which order, and whether it overrides ``list``/``retrieve``.

SAFE_METHODS = ("GET", "HEAD")


class ScopedViewSet(viewsets.GenericViewSet):
    """The base of every API viewset: scoped by the principal; a read of a person is logged.

    ``access_part`` names the dossier part for the access log. ``person_of(obj)`` gives the
    (internal id, BSN) of the person an object is about: the object itself if it has a BSN,
    else its ``client``; objects about no person (reference data) give None and log nothing."""

    access_part = "overzicht"
    access_activity = "dossier-inzien"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "finalize_response" in cls.__dict__:
            raise TypeError(f"{cls.__name__} may not override finalize_response: it logs reads")

    def principal(self):
        return principal_of(self.request)

    def initial(self, request, *args, **kwargs):
        self._reset_shown()
        super().initial(request, *args, **kwargs)

    def _reset_shown(self):
        self._shown: dict[int, str] = {}
        self._shown_as_list = False
        self._shown_action = None
        self._shown_part = None

    @staticmethod
    def person_of(obj):
        if hasattr(obj, "bsn") and hasattr(obj, "masked_bsn"):
            return obj.pk, obj.bsn
        client = getattr(obj, "client", None)
        if client is not None and hasattr(client, "bsn"):
            return client.pk, client.bsn
        return None

    def record_shown(self, objects, *, as_list: bool = False, action=None, part=None) -> None:
        """Note the objects this answer shows (called by the DRF hooks below, or by hand).

        ``action`` (e.g. print, export) and ``part`` override the defaults for this answer."""
        if not hasattr(self, "_shown"):
            self._reset_shown()
        for obj in objects:
            person = self.person_of(obj)
            if person is not None:
                self._shown[person[0]] = person[1]
        self._shown_as_list = self._shown_as_list or as_list
        self._shown_action = action or self._shown_action
        self._shown_part = part or self._shown_part

    def get_object(self):
        obj = super().get_object()
        self.record_shown([obj])
        return obj

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.record_shown(page if page is not None else queryset, as_list=True)
        return page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        shown = getattr(self, "_shown", None)
        if shown and request.method in SAFE_METHODS and response.status_code < 400:
            log_access(
                principal_of(request),
                list(shown.items()),
                part=self._shown_part or self.access_part,
                activity=self.access_activity,
                action=self._shown_action
                or (
                    AccessLogEntry.Action.LIST
                    if self._shown_as_list
                    else AccessLogEntry.Action.READ
                ),
            )
            shown.clear()
        return response
