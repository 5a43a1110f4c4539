"""API of the progress app: reviews, enforcement steps, DUO decisions, late-offer statements,
closing and the handover export. Same scoping and rules as the UI (services); reads are logged;
every refusal is a 4xx with a Dutch message."""

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from regie.clients.models import ClosureReason
from regie.clients.selectors import Access
from regie.core.drf import (
    ClientReference,
    ScopedViewSet,
    client_field,
    client_filter,
    client_parameters,
    klant_field,
    principal_of,
)
from regie.core.models import AccessLogEntry

from . import handover, services
from .models import (
    Assessment,
    Caution,
    Closure,
    DuoDecision,
    DuoDecisionKind,
    DuoVariant,
    EnforcementCase,
    EnforcementStatus,
    ExtensionGround,
    LateOfferStatement,
    Review,
    ReviewKind,
    ReviewOutcome,
    Violation,
)
from .selectors import (
    client_for,
    duo_decisions_for,
    enforcement_for,
    readable_clients,
    reviews_for,
    statements_for,
)

CLIENT = client_parameters()


class _Scoped(ScopedViewSet):
    """Reads are logged by ScopedViewSet, whatever mixins come first."""

    lookup_field = "uuid"
    access_part = "voortgang"

    def filter_queryset(self, queryset):
        return client_filter(self.request, queryset)

    def client_from(self, uuid):
        client = client_for(self.principal(), uuid)
        if client is None:
            raise Http404
        return client

    def run(self, func, *args, **kwargs):
        return func(self.principal(), *args, **kwargs)


class ClientRef(ClientReference):
    """A request about one client (``client``, or the deprecated ``klant``)."""


class Versioned(serializers.Serializer):
    version = serializers.IntegerField(help_text="De versie die u het laatst las.")


# --- reviews --------------------------------------------------------------------------------


class ReviewSerializer(serializers.ModelSerializer):
    client = client_field()
    klant = klant_field()
    review_kind = serializers.ChoiceField(ReviewKind.choices, source="kind", read_only=True)
    review_outcome = serializers.ChoiceField(
        ReviewOutcome.choices, source="outcome", allow_blank=True, read_only=True
    )

    class Meta:
        model = Review
        fields = [
            "uuid",
            "client",
            "klant",
            "review_kind",
            "planned_on",
            "held_on",
            "component_uuid",
            "offer_start",
            "hours_attended",
            "progress",
            "employer_input",
            "client_view",
            "satisfaction",
            "review_outcome",
            "version",
        ]


class ScheduleReview(ClientRef):
    review_kind = serializers.ChoiceField(ReviewKind.choices, default=ReviewKind.REVIEW)
    planned_on = serializers.DateField()


class RecordReview(Versioned):
    held_on = serializers.DateField()
    component_uuid = serializers.UUIDField(required=False, allow_null=True)
    offer_start = serializers.DateField(required=False, allow_null=True)
    hours_attended = serializers.DecimalField(7, 1, required=False, allow_null=True, min_value=0)
    progress = serializers.CharField(required=False, allow_blank=True)
    employer_input = serializers.CharField(required=False, allow_blank=True)
    client_view = serializers.CharField(required=False, allow_blank=True)
    satisfaction = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=5
    )
    review_outcome = serializers.ChoiceField(
        ReviewOutcome.choices, required=False, allow_blank=True
    )


@extend_schema_view(
    list=extend_schema(summary="Voortgangsgesprekken en contactmomenten", parameters=CLIENT),
    retrieve=extend_schema(summary="Eén gesprek"),
    create=extend_schema(summary="Gesprek plannen", request=ScheduleReview),
)
class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Scoped):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        return reviews_for(self.principal()).order_by("planned_on", "id")

    def create(self, request):
        data = _valid(ScheduleReview, request)
        client = self.client_from(data.pop("client"))
        review = self.run(
            services.schedule_review,
            client,
            kind=data["review_kind"],
            planned_on=data["planned_on"],
        )
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Gehouden gesprek vastleggen", request=RecordReview)
    @action(detail=True, methods=["post"], url_path="vastleggen")
    def record(self, request, uuid=None):
        review = self.get_object()
        data = _valid(RecordReview, request)
        version = data.pop("version")
        if "review_outcome" in data:
            data["outcome"] = data.pop("review_outcome")
        review = self.run(services.record_review, review, version, **data)
        return Response(ReviewSerializer(review).data)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- enforcement ----------------------------------------------------------------------------


class EnforcementSerializer(serializers.ModelSerializer):
    client = client_field()
    klant = klant_field()
    enforcement_status = serializers.ChoiceField(
        EnforcementStatus.choices, source="status", read_only=True
    )
    article = serializers.CharField(read_only=True)

    class Meta:
        model = EnforcementCase
        fields = [
            "uuid",
            "client",
            "klant",
            "violation",
            "article",
            "enforcement_status",
            "description",
            "opened_on",
            "violation_on",
            "assessment",
            "assessment_reason",
            "warning_on",
            "warning_text",
            "hearing_on",
            "hearing_summary",
            "caution",
            "caution_on",
            "report_date",
            "report_text",
            "proposed_amount",
            "lowering_reason",
            "proposed_on",
            "decision_date",
            "fine_amount",
            "decision_note",
            "measure_referral",
            "version",
        ]


class OpenCase(ClientRef):
    violation = serializers.ChoiceField(Violation.choices)
    description = serializers.CharField()
    violation_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Datum van de overtreding"
    )


class AssessStep(Versioned):
    assessment = serializers.ChoiceField(Assessment.choices)
    reason = serializers.CharField()


class WarningStep(Versioned):
    warning_on = serializers.DateField()
    text = serializers.CharField()


class ReportStep(Versioned):
    report_date = serializers.DateField(help_text="Dagtekening van het rapport (Awb 5:48)")
    violation_on = serializers.DateField(help_text="Datum van de overtreding")
    text = serializers.CharField(help_text="De overtreding en het overtreden voorschrift")


class HearingStep(Versioned):
    hearing_on = serializers.DateField()
    summary = serializers.CharField()
    caution = serializers.ChoiceField(
        Caution.choices, help_text="Cautie voor het verhoor (Awb 5:10a lid 2)"
    )
    caution_on = serializers.DateField(required=False, allow_null=True, default=None)


class ProposeStep(Versioned):
    amount = serializers.DecimalField(8, 2, min_value=0)
    lowering_reason = serializers.CharField(required=False, allow_blank=True, default="")


class DecideStep(Versioned):
    impose = serializers.BooleanField(help_text="true: boete opleggen; false: niet opleggen")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MeasureStep(Versioned):
    referral = serializers.CharField()


@extend_schema_view(
    list=extend_schema(summary="Handhavingszaken", parameters=CLIENT),
    retrieve=extend_schema(summary="Eén handhavingszaak"),
    create=extend_schema(summary="Handhavingszaak openen", request=OpenCase),
)
class EnforcementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Scoped):
    serializer_class = EnforcementSerializer
    access_part = "handhaving"

    def get_queryset(self):
        return enforcement_for(self.principal()).order_by("-opened_on", "-id")

    def create(self, request):
        data = _valid(OpenCase, request)
        client = self.client_from(data.pop("client"))
        case = self.run(services.open_enforcement, client, **data)
        return Response(EnforcementSerializer(case).data, status=status.HTTP_201_CREATED)

    def _step(self, request, serializer_class, func):
        case = self.get_object()
        data = _valid(serializer_class, request)
        version = data.pop("version")
        case = self.run(func, case, version, **data)
        return Response(EnforcementSerializer(case).data)

    @extend_schema(summary="Kan niet of wil niet vastleggen", request=AssessStep)
    @action(detail=True, methods=["post"], url_path="beoordelen")
    def assess(self, request, uuid=None):
        return self._step(request, AssessStep, services.assess)

    @extend_schema(summary="Waarschuwing vastleggen", request=WarningStep)
    @action(detail=True, methods=["post"], url_path="waarschuwen")
    def warn(self, request, uuid=None):
        return self._step(request, WarningStep, services.give_warning)

    @extend_schema(summary="Rapport opmaken (Awb 5:48)", request=ReportStep)
    @action(detail=True, methods=["post"], url_path="rapport")
    def report(self, request, uuid=None):
        return self._step(request, ReportStep, services.record_report)

    @extend_schema(summary="Zienswijze vastleggen", request=HearingStep)
    @action(detail=True, methods=["post"], url_path="zienswijze")
    def hearing(self, request, uuid=None):
        return self._step(request, HearingStep, services.record_hearing)

    @extend_schema(summary="Boete voorstellen", request=ProposeStep)
    @action(detail=True, methods=["post"], url_path="boete-voorstellen")
    def propose(self, request, uuid=None):
        return self._step(request, ProposeStep, services.propose_fine)

    @extend_schema(summary="Besluiten over de boete (teamleider)", request=DecideStep)
    @action(detail=True, methods=["post"], url_path="boete-besluiten")
    def decide(self, request, uuid=None):
        return self._step(request, DecideStep, services.decide_fine)

    @extend_schema(summary="Doorzetten als maatregel Participatiewet", request=MeasureStep)
    @action(detail=True, methods=["post"], url_path="maatregel")
    def measure(self, request, uuid=None):
        return self._step(request, MeasureStep, services.refer_measure)


# --- DUO decisions and late-offer statements ------------------------------------------------


class DuoDecisionSerializer(serializers.ModelSerializer):
    client = client_field()
    klant = klant_field()
    decision_kind = serializers.ChoiceField(DuoDecisionKind.choices, source="kind", read_only=True)
    extension_ground = serializers.ChoiceField(
        ExtensionGround.choices, source="ground", allow_blank=True, read_only=True
    )

    class Meta:
        model = DuoDecision
        fields = [
            "uuid",
            "client",
            "klant",
            "decision_kind",
            "variant",
            "decision_date",
            "extension_ground",
            "new_end_date",
            "valid_until",
            "note",
        ]


class RecordDuo(ClientRef):
    decision_kind = serializers.ChoiceField(DuoDecisionKind.choices)
    variant = serializers.ChoiceField(DuoVariant.choices, required=False, allow_blank=True)
    decision_date = serializers.DateField()
    extension_ground = serializers.ChoiceField(
        ExtensionGround.choices, required=False, allow_blank=True
    )
    new_end_date = serializers.DateField(required=False, allow_null=True)
    valid_until = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="Besluiten van DUO", parameters=CLIENT),
    retrieve=extend_schema(summary="Eén besluit van DUO"),
    create=extend_schema(summary="Besluit van DUO vastleggen", request=RecordDuo),
)
class DuoDecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Scoped):
    serializer_class = DuoDecisionSerializer
    access_part = "duo-en-afsluiten"

    def get_queryset(self):
        return duo_decisions_for(self.principal()).order_by("decision_date", "id")

    def create(self, request):
        data = _valid(RecordDuo, request)
        client = self.client_from(data.pop("client"))
        data["kind"] = data.pop("decision_kind")
        data["ground"] = data.pop("extension_ground", "")
        decision = self.run(services.record_duo_decision, client, **data)
        return Response(DuoDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class StatementSerializer(serializers.ModelSerializer):
    client = client_field()
    klant = klant_field()

    class Meta:
        model = LateOfferStatement
        fields = [
            "uuid",
            "client",
            "klant",
            "statement_date",
            "pip_date",
            "route",
            "offer_start",
            "allowed_months",
            "months_late",
        ]


@extend_schema_view(
    list=extend_schema(summary="Verklaringen te laat gestart aanbod", parameters=CLIENT),
    retrieve=extend_schema(summary="Eén verklaring"),
    create=extend_schema(summary="Verklaring te laat aanbod opstellen", request=ClientRef),
)
class StatementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Scoped):
    serializer_class = StatementSerializer
    access_part = "duo-en-afsluiten"

    def get_queryset(self):
        return statements_for(self.principal()).order_by("statement_date", "id")

    def create(self, request):
        data = _valid(ClientRef, request)
        client = self.client_from(data["client"])
        statement = self.run(services.issue_late_offer_statement, client)
        return Response(StatementSerializer(statement).data, status=status.HTTP_201_CREATED)


# --- closing and handover -------------------------------------------------------------------


class ClosureSerializer(serializers.ModelSerializer):
    client = client_field()
    klant = klant_field()
    closure_reason = serializers.ChoiceField(ClosureReason.choices, source="reason", read_only=True)

    class Meta:
        model = Closure
        fields = [
            "id",
            "client",
            "klant",
            "closure_reason",
            "closed_on",
            "event_date",
            "route",
            "new_municipality_name",
            "new_municipality_cbs",
            "note",
        ]


class CloseRequest(ClientRef):
    version = serializers.IntegerField(help_text="De versie van de klant die u het laatst las.")
    closure_reason = serializers.ChoiceField(ClosureReason.choices)
    closed_on = serializers.DateField()
    event_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="De datum die de reden vraagt: overlijden, naturalisatie, vertrek of einde "
        "verblijfsrecht, AOW-leeftijd, verhuizing, einde termijn.",
    )
    new_municipality_name = serializers.CharField(required=False, allow_blank=True, default="")
    new_municipality_cbs = serializers.RegexField(
        r"^(GM\d{4})?$", required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Afsluitingen van dossiers", parameters=CLIENT),
    create=extend_schema(summary="Dossier sluiten", request=CloseRequest),
)
class ClosureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Scoped):
    serializer_class = ClosureSerializer
    lookup_field = "pk"
    access_part = "duo-en-afsluiten"

    def get_queryset(self):
        return (
            Closure.objects.filter(client__in=readable_clients(self.principal()))
            .select_related("client")
            .order_by("-closed_on", "-id")
        )

    def create(self, request):
        data = _valid(CloseRequest, request)
        client = self.client_from(data.pop("client"))
        version = data.pop("version")
        data["reason"] = data.pop("closure_reason")
        closure = self.run(services.close_dossier, client, version, **data)
        return Response(ClosureSerializer(closure).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(
        summary="Overdrachtspakket (zip) van een klant",
        description="handover.json (schema regie.handover/1.0) plus de pdf's; zie docs/handover.md. "
        "Alleen met het volledige dossier (eigen klant of teamleider).",
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY),
            404: OpenApiResponse(description="Onbekend of geen toegang"),
        },
    )
)
@extend_schema(parameters=[OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH)])
class HandoverViewSet(ScopedViewSet):
    lookup_field = "uuid"
    lookup_url_kwarg = "uuid"
    queryset = Closure.objects.none()

    def retrieve(self, request, uuid=None):
        client = client_for(principal_of(request), uuid, allowed=(Access.FULL,))
        if client is None:
            raise Http404
        content = handover.export_package(client)
        self.record_shown([client], action=AccessLogEntry.Action.EXPORT, part="overdracht")
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="overdracht.zip"'
        return response


ROUTES = [
    ("voortgangsgesprekken", ReviewViewSet, "review"),
    ("handhavingszaken", EnforcementViewSet, "enforcementcase"),
    ("duo-besluiten", DuoDecisionViewSet, "duodecision"),
    ("verklaringen-te-laat-aanbod", StatementViewSet, "lateofferstatement"),
    ("afsluitingen", ClosureViewSet, "closure"),
    ("overdrachten", HandoverViewSet, "handover"),
]
