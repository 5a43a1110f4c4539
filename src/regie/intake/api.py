"""Intake API: the intake per client (keyed by the client's uuid), its domains and the LBT.

Same scoping as the UI: case managers and team leaders of the client's team read; only the own
case manager and the team leader change. The special-category record is deliberately not in the
API (docs/intake.md). Every read is written to the access log.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from regie.clients.models import Client
from regie.core.drf import ScopedViewSet, principal_of

from . import selectors, services
from .models import Domain, DomainRecord, LbtDispensation, LbtOutcome, LearnabilityTest


class DomainRecordSerializer(serializers.ModelSerializer):
    status = serializers.CharField(
        read_only=True,
        help_text="not_started (nog niet begonnen), in_progress (bezig), done (klaar)",
    )
    data = serializers.JSONField(
        help_text="De antwoorden van dit onderdeel; ja/nee als true/false. Zie docs/intake.md."
    )

    class Meta:
        model = DomainRecord
        fields = ["domain", "status", "data", "version", "updated_at"]
        read_only_fields = fields


class LearnabilityTestSerializer(serializers.ModelSerializer):
    class Meta:
        model = LearnabilityTest
        fields = [
            "taken_on",
            "assessor",
            "outcome",
            "score",
            "notes",
            "dispensation",
            "dispensation_decided_on",
            "version",
        ]
        read_only_fields = fields


class IntakeSerializer(serializers.Serializer):
    client = serializers.UUIDField(source="uuid", help_text="uuid van de klant")
    status = serializers.SerializerMethodField()
    started_on = serializers.SerializerMethodField()
    completed_on = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    domains = serializers.SerializerMethodField()
    learnability_test = serializers.SerializerMethodField()

    def _intake(self, obj):
        return selectors.get_intake(obj)

    def get_status(self, obj) -> str | None:
        intake = self._intake(obj)
        return intake.status if intake else None

    def get_started_on(self, obj) -> dt.date | None:
        intake = self._intake(obj)
        return intake.started_on if intake else None

    def get_completed_on(self, obj) -> dt.date | None:
        intake = self._intake(obj)
        return intake.completed_on if intake else None

    def get_version(self, obj) -> int | None:
        intake = self._intake(obj)
        return intake.version if intake else None

    @extend_schema_field(DomainRecordSerializer(many=True))
    def get_domains(self, obj):
        intake = self._intake(obj)
        if intake is None:
            return []
        return DomainRecordSerializer(selectors.domain_records(intake), many=True).data

    @extend_schema_field(LearnabilityTestSerializer(allow_null=True))
    def get_learnability_test(self, obj):
        lbt = selectors.get_learnability_test(obj)
        return LearnabilityTestSerializer(lbt).data if lbt else None


class DomainWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, help_text="De versie die u het laatst las.")
    data = serializers.DictField(help_text="De antwoorden; velden per onderdeel in docs/intake.md.")
    done = serializers.BooleanField(help_text="Is dit onderdeel klaar?")


class LearnabilityTestWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0, help_text="De versie die u het laatst las; 0 als er nog niets is vastgelegd."
    )
    taken_on = serializers.DateField(required=False, allow_null=True)
    assessor = serializers.CharField(required=False, allow_blank=True, max_length=200)
    outcome = serializers.ChoiceField(choices=LbtOutcome.choices, required=False, allow_blank=True)
    score = serializers.CharField(required=False, allow_blank=True, max_length=100)
    notes = serializers.CharField(required=False, allow_blank=True)
    dispensation = serializers.ChoiceField(
        choices=LbtDispensation.choices, required=False, allow_blank=True
    )
    dispensation_decided_on = serializers.DateField(required=False, allow_null=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


DOMAIN_PARAMETER = OpenApiParameter(
    "domain", OpenApiTypes.STR, OpenApiParameter.PATH, enum=Domain.values, description="Onderdeel"
)


@extend_schema_view(
    list=extend_schema(summary="Intakes van de klanten van uw team"),
    retrieve=extend_schema(summary="De intake van één klant (inzage wordt gelogd)"),
)
class IntakeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    access_part = "intake"
    lookup_field = "uuid"
    serializer_class = IntakeSerializer

    def get_queryset(self):
        return (
            selectors.intake_clients(principal_of(self.request))
            .filter(intake__isnull=False)
            .order_by("surname", "given_names", "id")
        )

    def _client(self, uuid) -> Client:
        client = selectors.intake_clients(principal_of(self.request)).filter(uuid=uuid).first()
        if client is None:
            raise exceptions.NotFound()
        return client

    def _log(self, client, part):
        self.record_shown([client], part=part)

    def _require_change(self, client):
        if not selectors.may_change_intake(principal_of(self.request), client):
            raise PermissionDenied

    def retrieve(self, request, uuid=None):
        client = self._client(uuid)
        if selectors.get_intake(client) is None:
            raise exceptions.NotFound(_("De intake van deze klant is nog niet gestart."))
        self._log(client, "intake")
        return Response(IntakeSerializer(client).data)

    @extend_schema(
        summary="Intake starten",
        request=None,
        responses={201: IntakeSerializer, 400: DetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="starten")
    def start(self, request, uuid=None):
        client = self._client(uuid)
        self._require_change(client)
        services.start_intake(principal_of(request), client)
        return Response(IntakeSerializer(client).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Intake afronden (alle onderdelen klaar, leerbaarheidstoets vastgelegd)",
        request=None,
        responses={200: IntakeSerializer, 400: DetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="afronden")
    def complete(self, request, uuid=None):
        client = self._client(uuid)
        self._require_change(client)
        services.complete_intake(principal_of(request), client)
        return Response(IntakeSerializer(client).data)

    @extend_schema(
        methods=["GET"],
        summary="Eén onderdeel van de intake",
        parameters=[DOMAIN_PARAMETER],
        responses={200: DomainRecordSerializer},
    )
    @extend_schema(
        methods=["PUT"],
        summary="Eén onderdeel opslaan (concept of klaar)",
        parameters=[DOMAIN_PARAMETER],
        request=DomainWriteSerializer,
        responses={200: DomainRecordSerializer, 400: DetailSerializer, 409: DetailSerializer},
    )
    @action(detail=True, methods=["get", "put"], url_path=r"onderdelen/(?P<domain>[a-z]+)")
    def domain(self, request, uuid=None, domain=None):
        client = self._client(uuid)
        intake = selectors.get_intake(client)
        if intake is None:
            raise exceptions.NotFound(_("De intake van deze klant is nog niet gestart."))
        record = selectors.get_domain_record(intake, domain)
        if record is None:
            raise exceptions.NotFound(_("Dit onderdeel bestaat niet."))
        if request.method == "GET":
            self._log(client, f"intake-{domain}")
            return Response(DomainRecordSerializer(record).data)
        self._require_change(client)
        body = DomainWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = services.save_domain(
            principal_of(request),
            client,
            domain,
            body.validated_data["version"],
            body.validated_data["data"],
            done=body.validated_data["done"],
        )
        return Response(DomainRecordSerializer(record).data)

    @extend_schema(
        methods=["GET"],
        summary="Leerbaarheidstoets",
        responses={200: LearnabilityTestSerializer, 404: DetailSerializer},
    )
    @extend_schema(
        methods=["PUT"],
        summary="Leerbaarheidstoets of ontheffing vastleggen",
        request=LearnabilityTestWriteSerializer,
        responses={
            200: LearnabilityTestSerializer,
            400: DetailSerializer,
            409: DetailSerializer,
        },
    )
    @action(detail=True, methods=["get", "put"], url_path="leerbaarheidstoets")
    def learnability_test(self, request, uuid=None):
        client = self._client(uuid)
        if request.method == "GET":
            lbt = selectors.get_learnability_test(client)
            if lbt is None:
                raise exceptions.NotFound(_("Er is nog geen leerbaarheidstoets vastgelegd."))
            self._log(client, "leerbaarheidstoets")
            return Response(LearnabilityTestSerializer(lbt).data)
        self._require_change(client)
        body = LearnabilityTestWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        version = data.pop("version")
        lbt = services.save_learnability_test(principal_of(request), client, version, **data)
        return Response(LearnabilityTestSerializer(lbt).data)


ROUTES = [("intakes", IntakeViewSet, "intake")]
