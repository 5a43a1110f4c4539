"""Client API: the same scoping as the UI; every record shown is written to the access log."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from regie.api.permissions import principal_of
from regie.core.audit import log_access
from regie.core.models import AccessLogEntry

from .models import Client
from .selectors import Access, dossier_access, visible_clients


class ClientListSerializer(serializers.ModelSerializer):
    bsn = serializers.CharField(
        source="masked_bsn", help_text="Gemaskeerd: alleen de laatste 3 cijfers."
    )
    municipality = serializers.CharField(source="municipality.cbs_code")

    class Meta:
        model = Client
        fields = ["uuid", "bsn", "given_names", "surname", "municipality", "status"]


class ClientDetailSerializer(ClientListSerializer):
    bsn = serializers.SerializerMethodField(
        help_text="Volledig voor wie het hele dossier mag zien."
    )
    access = serializers.SerializerMethodField()

    class Meta(ClientListSerializer.Meta):
        fields = [*ClientListSerializer.Meta.fields, "date_of_birth", "phone", "email", "access"]

    def _access(self, obj):
        return dossier_access(self.context["principal"], obj)

    def get_bsn(self, obj) -> str:
        return obj.bsn if self._access(obj) in (Access.FULL, Access.READ) else obj.masked_bsn

    def get_access(self, obj) -> str:
        return str(self._access(obj))


@extend_schema_view(
    list=extend_schema(summary="Klanten die u mag zien (BSN gemaskeerd)"),
    retrieve=extend_schema(summary="Eén klant (inzage wordt gelogd)"),
)
class ClientViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_field = "uuid"
    filterset_fields = ["status"]

    def get_queryset(self):
        return visible_clients(principal_of(self.request)).order_by("surname", "given_names", "id")

    def get_serializer_class(self):
        return ClientDetailSerializer if self.action == "retrieve" else ClientListSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "principal": principal_of(self.request)}

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        uuids = [row["uuid"] for row in response.data.get("results", [])]
        rows = Client.objects.filter(uuid__in=uuids).values_list("pk", "bsn")
        log_access(
            principal_of(request),
            rows,
            part="klantenlijst",
            activity="dossier-inzien",
            action=AccessLogEntry.Action.LIST,
        )
        return response

    def retrieve(self, request, *args, **kwargs):
        client = self.get_object()
        log_access(
            principal_of(request),
            [(client.pk, client.bsn)],
            part="overzicht",
            activity="dossier-inzien",
        )
        return Response(self.get_serializer(client).data)
