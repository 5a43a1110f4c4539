"""Provider reporting API: a provider's system sends attendance, progress, KNM themes, exams and
drop-out for its own enrolments, with its own record ids (idempotent), and reads them back.

The token is an ``ApiClient`` of the provider organisation with role "aanbieder". Another
provider's enrolment is refused exactly like an unknown one.
"""

import uuid

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from regie.core.drf import ScopedViewSet, principal_of, query_value, renamed_parameters
from regie.core.requestlimits import PROVIDER_REPORTS_MAX_BYTES, LargeBodyMixin, SafeJSONParser

from . import provider_reports as reporting
from . import provider_reports_fields as report_fields
from .models import ProviderReport, ReportKind

ENROLMENT_EXAMPLE = "3f2b8c1e-5a4d-4c2e-9b7a-1d2e3f4a5b6c"


def _api_field(spec: report_fields.ReportField) -> serializers.Field:
    """The DRF field of one report field, from the one table (``provider_reports_fields``)."""
    options: dict = {"required": spec.required}
    if spec.api_help:
        options["help_text"] = spec.api_help
    if spec.type in ("text", "choice") and not spec.required:
        options["allow_blank"] = True
    if spec.type == "text":
        return serializers.CharField(max_length=spec.max_length, **options)
    if spec.type == "uuid":
        return serializers.UUIDField(**options)
    if spec.type == "choice":
        return serializers.ChoiceField(choices=spec.choices(), **options)
    if spec.type == "date":
        return serializers.DateField(**options)
    if spec.type == "hours":
        return serializers.DecimalField(
            max_digits=5,
            decimal_places=2,
            min_value=0,
            max_value=report_fields.MAX_HOURS_PER_LESSON,
            allow_null=True,
            coerce_to_string=True,
            **options,
        )
    if spec.type == "boolean":
        return serializers.BooleanField(allow_null=True, **options)
    raise ValueError(spec.type)


# One report (documentation of the request body; the submission is validated by
# provider_reports.submit_reports, so CSV and API answer alike). Which fields a kind uses: see
# docs/offer-reporting.md (the others stay empty).
ReportInSerializer = type(
    "ReportInSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "One report. Which fields a kind uses: see docs/offer-reporting.md (the"
        " others stay empty).",
        "__module__": __name__,
        **{spec.name: _api_field(spec) for spec in report_fields.FIELDS},
    },
)


class SubmissionSerializer(serializers.Serializer):
    reports = ReportInSerializer(many=True, min_length=1, max_length=reporting.MAX_ROWS)


class SubmissionResultSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    created = serializers.IntegerField(help_text="Nieuwe meldingen.")
    updated = serializers.IntegerField(help_text="Aangepast; de oude versie is bewaard.")
    unchanged = serializers.IntegerField(help_text="Zelfde kenmerk en inhoud: niets veranderd.")


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Plaats in de lijst 'reports', vanaf 1.")
    column = serializers.CharField(help_text="Het veld.")
    message = serializers.CharField(help_text="Wat moet anders (Nederlands).")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = RowErrorSerializer(many=True, required=False)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    content = serializers.DictField(child=serializers.JSONField(allow_null=True))
    replaced_at = serializers.DateTimeField()


class ReportOutSerializer(serializers.ModelSerializer):
    enrolment = serializers.UUIDField(source="enrolment.uuid", read_only=True)
    # plain strings here: the enums are documented once, on ReportIn
    kind = serializers.CharField(read_only=True, help_text="Zie ReportIn.kind.")
    skill = serializers.CharField(read_only=True)
    level = serializers.CharField(read_only=True, help_text="ERK-niveau, of leeg.")
    hours_offered = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True, read_only=True
    )
    hours_attended = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True, read_only=True
    )
    official = serializers.BooleanField(
        read_only=True, help_text="Waar zodra de klantregisseur de uitslag van DUO vastlegde."
    )
    versions = VersionSerializer(many=True, read_only=True, help_text="Eerdere versies.")

    class Meta:
        model = ProviderReport
        fields = [
            *(spec.name for spec in report_fields.FIELDS),
            "official",
            "version",
            "received_at",
            "versions",
        ]


ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="Geen of een onbekend token."),
    403: OpenApiResponse(ErrorSerializer, description="Dit token is niet van een aanbieder."),
}

ATTENDANCE_EXAMPLE = {
    "reports": [
        {
            "record_id": "les-2026-03-02-1042",
            "enrolment": ENROLMENT_EXAMPLE,
            "kind": "aanwezigheid",
            "date": "2026-03-02",
            "hours_offered": "3.00",
            "hours_attended": "2.50",
        },
        {
            "record_id": "voortgang-2026-03-31-1042-lezen",
            "enrolment": ENROLMENT_EXAMPLE,
            "kind": "voortgang",
            "date": "2026-03-31",
            "skill": "lezen",
            "level": "a2",
        },
    ]
}
EXAM_EXAMPLE = {
    "reports": [
        {
            "record_id": "examen-1042-lezen-1",
            "enrolment": ENROLMENT_EXAMPLE,
            "kind": "examen",
            "date": "2026-03-25",
            "skill": "lezen",
            "level": "b1",
            "passed": True,
        },
        {
            "record_id": "knm-1042-3",
            "enrolment": ENROLMENT_EXAMPLE,
            "kind": "knm_thema",
            "date": "2026-03-20",
            "theme": "Gezondheid en zorg",
        },
        {
            "record_id": "uitval-1042",
            "enrolment": ENROLMENT_EXAMPLE,
            "kind": "uitval",
            "date": "2026-03-31",
            "reason": "Verhuisd naar een andere regio",
        },
    ]
}


@extend_schema_view(
    list=extend_schema(
        summary="Uw meldingen teruglezen (aanbieder)",
        parameters=[
            *renamed_parameters(
                "enrolment",
                "inschrijving",
                OpenApiTypes.UUID,
                "Alleen van deze inschrijving (uuid).",
            ),
            *renamed_parameters(
                "kind", "soort", str, "Alleen deze soort melding.", enum=ReportKind.values
            ),
            *renamed_parameters("record_id", "kenmerk", str, "Alleen de melding met dit kenmerk."),
        ],
        responses={
            200: ReportOutSerializer(many=True),
            400: OpenApiResponse(ErrorSerializer, description="Een filter klopt niet."),
            404: OpenApiResponse(ErrorSerializer, description="Deze pagina bestaat niet."),
            **ERRORS,
        },
    ),
    create=extend_schema(
        summary="Meldingen sturen (aanbieder): alles of niets",
        description=(
            "Stuur tot 10.000 meldingen tegelijk. Klopt er één niet, dan slaan wij niets op en"
            " krijgt u per melding te horen wat er anders moet. Een melding met een kenmerk dat"
            " u al stuurde en dezelfde inhoud verandert niets; met andere inhoud passen wij de"
            " melding aan en bewaren wij de oude versie. Een inschrijving van een andere"
            " aanbieder behandelen wij als onbekend."
        ),
        request=SubmissionSerializer,
        responses={
            200: SubmissionResultSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="Niets opgeslagen; de fouten per melding."
            ),
            **ERRORS,
        },
        examples=[
            OpenApiExample(
                "Aanwezigheid en voortgang", value=ATTENDANCE_EXAMPLE, request_only=True
            ),
            OpenApiExample("Examen, KNM en uitval", value=EXAM_EXAMPLE, request_only=True),
            OpenApiExample(
                "Verwerkt",
                value={"total": 2, "created": 1, "updated": 0, "unchanged": 1},
                response_only=True,
                status_codes=["200"],
            ),
            OpenApiExample(
                "Niets opgeslagen",
                value={
                    "detail": "Er is niets opgeslagen. Verbeter de meldingen en stuur ze opnieuw.",
                    "errors": [
                        {
                            "row": 2,
                            "column": "enrolment",
                            "message": "Deze inschrijving kennen wij niet bij uw organisatie."
                            " Controleer het kenmerk van de inschrijving.",
                        }
                    ],
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
    ),
)
class ProviderReportViewSet(LargeBodyMixin, ScopedViewSet):
    """Provider reports: send (all-or-nothing, idempotent per record id) and read back."""

    access_part = "meldingen"

    @staticmethod
    def person_of(obj):
        client = obj.enrolment.client
        return client.pk, client.bsn

    parser_classes = [SafeJSONParser]
    max_body_bytes = PROVIDER_REPORTS_MAX_BYTES  # 10,000 reports (reporting.MAX_ROWS) fit
    serializer_class = ReportOutSerializer
    filter_backends: list = []

    def _principal(self):
        principal = principal_of(self.request)
        if not reporting.may_submit(principal):
            raise exceptions.PermissionDenied(
                "Alleen een aanbieder kan meldingen sturen en teruglezen."
            )
        return principal

    def get_queryset(self):
        principal = principal_of(self.request)
        if not reporting.may_submit(principal):
            return ProviderReport.objects.none()
        return (
            ProviderReport.objects.filter(provider_id=principal.organisation.pk)
            .select_related("enrolment__client")
            .prefetch_related("versions")
            .order_by("date", "id")
        )

    def list(self, request):
        self._principal()
        qs = self.get_queryset()
        name, enrolment = query_value(request, "enrolment", "inschrijving")
        if enrolment:
            try:
                qs = qs.filter(enrolment__uuid=uuid.UUID(enrolment))
            except ValueError:
                return Response(
                    {"detail": f"Vul bij '{name}' het kenmerk (uuid) van de inschrijving in."},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        name, kind = query_value(request, "kind", "soort")
        if kind:
            if kind not in ReportKind.values:
                return Response(
                    {"detail": f"Kies bij '{name}': " + ", ".join(ReportKind.values) + "."},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            qs = qs.filter(kind=kind)
        _name, record_id = query_value(request, "record_id", "kenmerk")
        if record_id:
            if reporting.has_bad_characters(record_id):
                return Response(
                    {"detail": str(reporting.BAD_CHARACTERS)}, status=status.HTTP_400_BAD_REQUEST
                )
            qs = qs.filter(record_id=record_id[:100])
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(ReportOutSerializer(page, many=True).data)

    def create(self, request):
        principal = self._principal()
        body = request.data
        rows = body.get("reports") if isinstance(body, dict) else None
        if not isinstance(rows, list) or not rows:
            return Response(
                {"detail": "Stuur een object met de lijst 'reports' met minstens één melding."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        not_objects = [
            reporting.RowError(i, "", "Elke melding is een object met velden.")
            for i, row in enumerate(rows, start=1)
            if not isinstance(row, dict)
        ]
        if not_objects:
            result = reporting.SubmissionResult(total=len(rows), errors=not_objects)
        else:
            result = reporting.submit_reports(principal, rows, row_offset=1)
        if not result.ok:
            return Response(
                {
                    "detail": "Er is niets opgeslagen. Verbeter de meldingen en stuur ze opnieuw.",
                    "errors": [e.as_dict() for e in result.errors[:1000]],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        data = result.as_dict()
        data.pop("errors")
        return Response(data, status=status.HTTP_200_OK)


ROUTES = [("meldingen", ProviderReportViewSet, "provider-report")]
