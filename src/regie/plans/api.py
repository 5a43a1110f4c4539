"""PIP API: read plans and versions; draft, submit, decide (team leader), progress, PDF.

Scoped like the dossier part "Plan": only case managers and team leaders of the client's team
read; writes need the full dossier; deciding needs a team leader who did not draft the version.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from regie.core.drf import ScopedViewSet, client_filter, client_parameters, principal_of
from regie.core.models import AccessLogEntry, Organisation
from regie.core.roles import OrganisationKind

from . import pdf, selectors, services
from .models import (
    Component,
    ComponentKind,
    ParticipationType,
    Plan,
    PlanVersion,
    Reason,
    Route,
    TargetLevel,
    VersionStatus,
)


def _call(fn, *args, **kwargs):
    """Run a service and turn its refusals into 4xx answers with Dutch messages."""
    try:
        return fn(*args, **kwargs)
    except services.PlanError as exc:
        raise exceptions.ValidationError({"non_field_errors": exc.messages}) from None
    except PermissionDenied:
        raise exceptions.PermissionDenied(
            _(
                "Alleen de eigen klantregisseur of de teamleider mag dit wijzigen; vaststellen mag "
                "alleen een teamleider die het PIP niet heeft opgesteld."
            )
        ) from None


class CodeField(serializers.CharField):
    """A code from a fixed list, documented as a string with its values (avoids enum-name
    collisions with other apps in the OpenAPI schema)."""

    def __init__(self, choices, **kwargs):
        self.codes = [value for value, _label in choices]
        kwargs.setdefault("help_text", "Een van: " + ", ".join(self.codes) + ".")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and value not in self.codes:
            raise serializers.ValidationError(
                _("Kies een van deze waarden: %(codes)s.") % {"codes": ", ".join(self.codes)}
            )
        return value


class ComponentSerializer(serializers.ModelSerializer):
    kind = CodeField(ComponentKind.choices, read_only=True)
    participation_type = CodeField(ParticipationType.choices, read_only=True)
    provider = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Organisation.objects.filter(kind=OrganisationKind.PROVIDER),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Component
        fields = [
            "uuid",
            "kind",
            "participation_type",
            "linked_to_werksaam",
            "hours_planned",
            "provider",
            "description",
            "offer_start",
            "hours_attended",
            "progress_note",
            "completed_on",
            "version",
        ]
        read_only_fields = [
            "uuid",
            "offer_start",
            "hours_attended",
            "progress_note",
            "completed_on",
            "version",
        ]


class PlanVersionSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.uuid", read_only=True)
    decided_on_behalf_of = serializers.CharField(
        source="decided_on_behalf_of.cbs_code", read_only=True, allow_null=True
    )
    components = ComponentSerializer(many=True, read_only=True)
    status = CodeField(VersionStatus.choices, read_only=True)
    route = CodeField(Route.choices, read_only=True)
    reason = CodeField(Reason.choices, read_only=True)
    target_level = CodeField(TargetLevel.choices, read_only=True)
    scale_down_school = serializers.UUIDField(
        source="scale_down_school.uuid", read_only=True, allow_null=True
    )

    class Meta:
        model = PlanVersion
        fields = [
            "uuid",
            "client",
            "number",
            "status",
            "route",
            "target_level",
            "scaled_to_a2",
            "scale_down_infeasible_reason",
            "scale_down_school",
            "scale_down_lesson_hours",
            "scale_down_in_person_hours",
            "scale_down_effort",
            "scale_down_effort_sufficient",
            "reason",
            "reason_note",
            "review_agreements",
            "review_count",
            "notes",
            "decision_date",
            "made_known_on",
            "decided_on_behalf_of",
            "version",
            "components",
        ]
        read_only_fields = fields


class VersionSummarySerializer(serializers.ModelSerializer):
    status = CodeField(VersionStatus.choices, read_only=True)
    route = CodeField(Route.choices, read_only=True)
    reason = CodeField(Reason.choices, read_only=True)

    class Meta:
        model = PlanVersion
        fields = ["uuid", "number", "status", "route", "reason", "decision_date"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.uuid", read_only=True)
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["uuid", "client", "first_decision_date", "term_start", "term_end", "versions"]
        read_only_fields = fields


class DraftCreateSerializer(serializers.Serializer):
    client = serializers.UUIDField(help_text="UUID van de klant.")
    reason = CodeField(Reason.choices, default=Reason.INITIAL)
    reason_note = serializers.CharField(required=False, allow_blank=True, default="")


class ComponentInputSerializer(serializers.Serializer):
    kind = CodeField(ComponentKind.choices)
    participation_type = CodeField(
        ParticipationType.choices, required=False, allow_blank=True, default=""
    )
    linked_to_werksaam = serializers.BooleanField(required=False, default=False)
    hours_planned = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    provider = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Organisation.objects.filter(kind=OrganisationKind.PROVIDER),
        required=False,
        allow_null=True,
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class DraftUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        help_text="De versie die u las (optimistische vergrendeling)."
    )
    route = CodeField(Route.choices, required=False)
    target_level = CodeField(
        TargetLevel.choices,
        required=False,
        allow_blank=True,
        help_text="B1 of B2 (leeg: B1); niet in de Z-route.",
    )
    scaled_to_a2 = serializers.BooleanField(required=False)
    scale_down_infeasible_reason = serializers.CharField(required=False, allow_blank=True)
    scale_down_school = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Organisation.objects.filter(kind=OrganisationKind.PROVIDER),
        required=False,
        allow_null=True,
        help_text="UUID van de taalschool waar de lesuren voor het afschalen zijn gevolgd.",
    )
    scale_down_lesson_hours = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    scale_down_in_person_hours = serializers.IntegerField(
        min_value=0, required=False, allow_null=True
    )
    scale_down_effort = serializers.CharField(required=False, allow_blank=True)
    scale_down_effort_sufficient = serializers.BooleanField(required=False)
    reason_note = serializers.CharField(required=False, allow_blank=True)
    review_agreements = serializers.CharField(required=False, allow_blank=True)
    review_count = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    notes = serializers.CharField(required=False, allow_blank=True)
    components = ComponentInputSerializer(
        many=True, required=False, help_text="Vervangt alle onderdelen van het concept."
    )


class LockSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        help_text="De versie die u las (optimistische vergrendeling)."
    )


class DecideSerializer(LockSerializer):
    decision_date = serializers.DateField(help_text="Dagtekening.")
    made_known_on = serializers.DateField(help_text="Datum van bekendmaking.")


class ProgressSerializer(LockSerializer):
    offer_start = serializers.DateField(required=False, allow_null=True)
    hours_attended = serializers.IntegerField(min_value=0, required=False)
    progress_note = serializers.CharField(required=False, allow_blank=True)
    completed_on = serializers.DateField(required=False, allow_null=True)


def _valid(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


CLIENT = client_parameters("Alleen het PIP van deze klant (uuid).")


@extend_schema_view(
    list=extend_schema(summary="PIP's die u mag zien", parameters=CLIENT),
    retrieve=extend_schema(summary="Eén PIP met zijn versies"),
)
class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    access_part = "plan"
    lookup_field = "uuid"
    serializer_class = PlanSerializer

    def get_queryset(self):
        qs = selectors.plans_for(principal_of(self.request)).prefetch_related("versions")
        return qs.order_by("id")

    def filter_queryset(self, queryset):
        return client_filter(self.request, queryset)


@extend_schema_view(
    list=extend_schema(summary="PIP-versies die u mag zien", parameters=CLIENT),
    retrieve=extend_schema(summary="Eén PIP-versie met onderdelen"),
    create=extend_schema(
        summary="Concept maken (eerste PIP of bijstelling)",
        request=DraftCreateSerializer,
        responses={201: PlanVersionSerializer},
    ),
    partial_update=extend_schema(
        summary="Concept wijzigen", request=DraftUpdateSerializer, responses=PlanVersionSerializer
    ),
)
class PlanVersionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    access_part = "plan"
    lookup_field = "uuid"
    serializer_class = PlanVersionSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        qs = selectors.versions_for(principal_of(self.request)).prefetch_related(
            "components__provider"
        )
        return qs.order_by("client_id", "number")

    def filter_queryset(self, queryset):
        return client_filter(self.request, queryset)

    def create(self, request, *args, **kwargs):
        data = _valid(DraftCreateSerializer, request)
        principal = principal_of(request)
        client = selectors.plan_clients(principal).filter(uuid=data["client"]).first()
        if client is None:
            raise exceptions.NotFound()
        if data["reason"] == Reason.INITIAL:
            version = _call(services.draft_initial, principal, client)
        else:
            version = _call(
                services.revise,
                principal,
                client,
                reason=data["reason"],
                reason_note=data["reason_note"],
            )
        return Response(self.get_serializer(version).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            raise exceptions.MethodNotAllowed(request.method)
        version = self.get_object()
        data = _valid(DraftUpdateSerializer, request)
        expected = data.pop("version")
        components = data.pop("components", None)
        version = _call(services.update_draft, principal_of(request), version, expected, **data)
        if components is not None:
            version = _call(
                services.replace_components,
                principal_of(request),
                version,
                version.version,
                components,
            )
        version.refresh_from_db()
        return Response(self.get_serializer(version).data)

    @extend_schema(
        summary="PIP ter besluitvorming aanbieden",
        request=LockSerializer,
        responses=PlanVersionSerializer,
    )
    @action(detail=True, methods=["post"], url_path="aanbieden")
    def submit(self, request, uuid=None):
        version = self.get_object()
        data = _valid(LockSerializer, request)
        version = _call(services.submit, principal_of(request), version, data["version"])
        return Response(self.get_serializer(version).data)

    @extend_schema(
        summary="PIP vaststellen (teamleider, niet de opsteller)",
        request=DecideSerializer,
        responses=PlanVersionSerializer,
    )
    @action(detail=True, methods=["post"], url_path="vaststellen")
    def decide(self, request, uuid=None):
        version = self.get_object()
        data = _valid(DecideSerializer, request)
        expected = data.pop("version")
        version = _call(services.decide, principal_of(request), version, expected, **data)
        version.refresh_from_db()
        return Response(self.get_serializer(version).data)

    @extend_schema(
        summary="Beschikking als pdf (afdrukken wordt gelogd)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], url_path="pdf")
    def pdf(self, request, uuid=None):
        version = self.get_object()
        if not version.is_decided:
            raise exceptions.NotFound(_("Alleen een vastgesteld PIP heeft een beschikking."))
        self.record_shown([version], action=AccessLogEntry.Action.PRINT, part="plan-beschikking")
        content = pdf.render_decision_pdf(version, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="pip-versie-{version.number}.pdf"'
        return response


@extend_schema_view(
    retrieve=extend_schema(summary="Eén PIP-onderdeel"),
    partial_update=extend_schema(
        summary="Voortgang van een onderdeel vastleggen",
        request=ProgressSerializer,
        responses=ComponentSerializer,
    ),
)
class ComponentViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet):
    access_part = "plan"
    lookup_field = "uuid"
    serializer_class = ComponentSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.components_for(principal_of(self.request)).order_by("id")

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            raise exceptions.MethodNotAllowed(request.method)
        component = self.get_object()
        data = _valid(ProgressSerializer, request)
        expected = data.pop("version")
        component = _call(
            services.record_progress, principal_of(request), component, expected, **data
        )
        return Response(self.get_serializer(component).data)


ROUTES = [
    ("pip", PlanViewSet, "plan"),
    ("pip-versies", PlanVersionViewSet, "planversion"),
    ("pip-onderdelen", ComponentViewSet, "plancomponent"),
]
