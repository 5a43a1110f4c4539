"""API for core reference data: who am I, organisations, housing targets."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from regie.core.models import HousingTarget, Organisation
from regie.core.selectors import visible_housing_targets, visible_organisations

from .drf import ScopedViewSet, principal_of


class OrganisationSerializer(serializers.ModelSerializer):
    # national parties (DUO, COA) belong to no region: null
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    # explicit, so the schema does not depend on the database's integer range
    inhabitants = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["uuid", "name", "kind", "cbs_code", "inhabitants", "inhabitants_note", "region"]


class HousingTargetSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    municipality_cbs_code = serializers.CharField(source="municipality.cbs_code", read_only=True)
    target = serializers.IntegerField(read_only=True)

    class Meta:
        model = HousingTarget
        fields = [
            "id",
            "municipality",
            "municipality_cbs_code",
            "period_start",
            "period_end",
            "target",
            "source",
        ]


class MeSerializer(serializers.Serializer):
    role = serializers.CharField()
    role_label = serializers.CharField()
    organisation = OrganisationSerializer()
    user = serializers.CharField(allow_null=True)
    api_client = serializers.CharField(allow_null=True)


class MeView(APIView):
    @extend_schema(responses=MeSerializer, summary="Wie ben ik: rol en organisatie")
    def get(self, request):
        principal = principal_of(request)
        data = {
            "role": principal.role,
            "role_label": principal.role_label,
            "organisation": principal.organisation,
            "user": str(principal.user) if principal.user else None,
            "api_client": str(principal.api_client) if principal.api_client else None,
        }
        return Response(MeSerializer(data).data)


class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Organisations in the caller's region, and national parties (DUO, COA)."""

    serializer_class = OrganisationSerializer
    lookup_field = "uuid"
    filterset_fields = ["kind", "cbs_code"]

    def get_queryset(self):
        return visible_organisations(principal_of(self.request)).order_by("kind", "name")


class HousingTargetViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Housing targets (taakstelling) per municipality and period."""

    serializer_class = HousingTargetSerializer

    def get_queryset(self):
        return visible_housing_targets(principal_of(self.request)).order_by(
            "municipality__name", "period_start"
        )
