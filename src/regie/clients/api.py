"""Client API: the same scoping as the UI; every record shown is written to the access log."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from regie.core.drf import ScopedViewSet, optional_in_response, principal_of
from regie.core.models import Organisation, User

from . import deadline_kinds, registration, services, visibility
from .models import Client, Deadline, DutyStartReason, ImportJob, PermitType, Regime, TargetGroup
from .selectors import Access, dossier_access, visible_clients, worklist


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
        fields = [
            *ClientListSerializer.Meta.fields,
            "date_of_birth",
            "phone",
            "email",
            "regime",
            "duty_start",
            "duty_start_reason",
            "access",
            "version",
        ]
        read_only_fields = ["version", "regime", "duty_start", "duty_start_reason"]

    def _access(self, obj):
        return dossier_access(self.context["principal"], obj)

    def get_bsn(self, obj) -> str:
        return obj.bsn if self._access(obj) in (Access.FULL, Access.READ) else obj.masked_bsn

    def get_access(self, obj) -> str:
        return str(self._access(obj))


def _audience_serializer(base, role: str, detail: bool):
    fields = visibility.client_fields(role, detail=detail)
    meta = type("Meta", (base.Meta,), {"fields": fields})
    return type(f"{base.__name__}For{role.title()}", (base,), {"Meta": meta})


# One serializer per audience, derived from the rights table (clients.visibility). The schema
# documents the full serializers; a field that not every audience gets is optional there.
AUDIENCE_SERIALIZERS = {
    (role, detail): _audience_serializer(
        ClientDetailSerializer if detail else ClientListSerializer, role, detail
    )
    for role in visibility.VISIBLE_CLIENT_FIELDS
    for detail in (True, False)
}
# Roles outside the table see no client (visible_clients is empty for them); no fields either.
NO_FIELDS = {
    detail: _audience_serializer(
        ClientDetailSerializer if detail else ClientListSerializer, "nobody", detail
    )
    for detail in (True, False)
}
optional_in_response(
    "ClientDetail",
    set(visibility.CLIENT_FIELDS)
    - set.intersection(*(set(f) for f in visibility.VISIBLE_CLIENT_FIELDS.values())),
)
optional_in_response(
    "ClientList",
    visibility.LIST_FIELDS
    - set.intersection(
        *(set(f) & visibility.LIST_FIELDS for f in visibility.VISIBLE_CLIENT_FIELDS.values())
    ),
)


def client_serializer_for(principal, *, detail: bool):
    """The client serializer of this principal's audience (the full one for the schema)."""
    if principal is None:
        return ClientDetailSerializer if detail else ClientListSerializer
    return AUDIENCE_SERIALIZERS.get((principal.role, detail)) or NO_FIELDS[detail]


@extend_schema_view(
    list=extend_schema(summary="Klanten die u mag zien (BSN gemaskeerd)"),
    retrieve=extend_schema(
        summary="Eén klant (inzage wordt gelogd)",
        description="Welke velden u krijgt hangt af van uw rol (docs/roles.md, veldentabel).",
    ),
)
class ClientReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    lookup_field = "uuid"
    filterset_fields = ["status"]
    access_part = "overzicht"

    def get_queryset(self):
        return visible_clients(principal_of(self.request)).order_by("surname", "given_names", "id")

    def get_serializer_class(self):
        return client_serializer_for(principal_of(self.request), detail=self.action != "list")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "principal": principal_of(self.request)}

    def list(self, request, *args, **kwargs):
        self.access_part = "klantenlijst"
        return super().list(request, *args, **kwargs)


# --- casework endpoints --------------------------------------------------------------------


class RegistrationSerializer(serializers.Serializer):
    bsn = serializers.CharField(max_length=11)
    given_names = serializers.CharField(max_length=200)
    surname = serializers.CharField(max_length=200)
    date_of_birth = serializers.DateField()
    municipality = serializers.CharField(help_text="CBS-code, bijvoorbeeld GM0405.")
    target_group = serializers.ChoiceField(choices=TargetGroup.choices)
    permit_type = serializers.ChoiceField(choices=PermitType.choices)
    is_obliged = serializers.BooleanField(default=True)
    nationality = serializers.CharField(max_length=100, required=False, allow_blank=True)
    languages = serializers.CharField(max_length=200, required=False, allow_blank=True)
    household_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    permit_date = serializers.DateField()
    duty_start = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Start van de inburgeringsplicht; leeg: de datum van de vergunning.",
    )
    duty_start_reason = serializers.ChoiceField(
        choices=DutyStartReason.choices, default=DutyStartReason.PERMIT
    )
    duty_start_note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    regime = serializers.ChoiceField(
        choices=Regime.choices,
        required=False,
        allow_blank=True,
        help_text="De wet; leeg: volgt uit de start van de plicht (voor 1-1-2022: wi2013).",
    )
    age_checked = serializers.BooleanField(
        default=False,
        help_text="Verplicht true als de leeftijd buiten 16 jaar tot de AOW-leeftijd valt: de "
        "klantregisseur bevestigt dat hij dat heeft gecontroleerd (anders 400 op dit veld).",
    )
    linkage_date = serializers.DateField(required=False, allow_null=True)
    housing_date = serializers.DateField(required=False, allow_null=True)
    brp_date = serializers.DateField(required=False, allow_null=True)
    duo_notice_date = serializers.DateField(required=False, allow_null=True)
    benefit_start = serializers.DateField(required=False, allow_null=True)


class DeadlineSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client.uuid", read_only=True)
    # The codes are those the apps registered (clients.deadline_kinds), documented as an enum.
    kind = serializers.ChoiceField(choices=[], read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (code, kind.label) for code, kind in sorted(deadline_kinds.KINDS.items())
        ]

    class Meta:
        model = Deadline
        fields = [
            "client",
            "kind",
            "kind_label",
            "sequence",
            "due_date",
            "basis",
            "unconfirmed",
            "met_on",
        ]


class DatesSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    permit_date = serializers.DateField(required=False, allow_null=True)
    duty_start = serializers.DateField(required=False, allow_null=True)
    duty_start_reason = serializers.ChoiceField(choices=DutyStartReason.choices, required=False)
    duty_start_note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    linkage_date = serializers.DateField(required=False, allow_null=True)
    housing_date = serializers.DateField(required=False, allow_null=True)
    brp_date = serializers.DateField(required=False, allow_null=True)
    duo_notice_date = serializers.DateField(required=False, allow_null=True)
    benefit_start = serializers.DateField(required=False, allow_null=True)
    third_party_info_awaited = serializers.BooleanField(required=False)
    third_party_info_received = serializers.DateField(required=False, allow_null=True)


class AssignSerializer(serializers.Serializer):
    case_manager = serializers.UUIDField(required=False, allow_null=True)
    social_guide = serializers.UUIDField(required=False, allow_null=True)
    income_consultant = serializers.UUIDField(required=False, allow_null=True)
    version = serializers.IntegerField(
        required=False,
        help_text="De versie van de klant zoals gelezen (optimistic locking); een verouderde "
        "versie geeft 409.",
    )


class ImportJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportJob
        fields = [
            "uuid",
            "filename",
            "status",
            "total",
            "processed",
            "created_count",
            "errors",
            "created_at",
            "finished_at",
        ]


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


def _client_for_write(view, uuid):
    client = visible_clients(principal_of(view.request)).filter(uuid=uuid).first()
    if client is None:
        raise exceptions.NotFound()
    return client


class ClientCaseworkMixin:
    """Registration, dates, deadlines and assignment on /klanten/ (mixed into ClientViewSet)."""

    @extend_schema(
        request=RegistrationSerializer,
        responses={
            201: ClientDetailSerializer,
            202: OpenApiResponse(
                description="In behandeling genomen: een teamleider neemt contact op."
            ),
        },
        summary="Klant inschrijven (klantregisseur of teamleider)",
    )
    def create(self, request, *args, **kwargs):
        principal = principal_of(request)
        if not registration.may_register(principal) or principal.user is None:
            raise exceptions.PermissionDenied()
        data = RegistrationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        municipality = Organisation.objects.filter(
            cbs_code=str(values.pop("municipality")).upper(),
            region_id=principal.organisation.region_id,
        ).first()
        if municipality is None:
            raise exceptions.ValidationError(
                {"municipality": ["Vul de CBS-code in van een gemeente in uw regio."]}
            )
        try:
            client = registration.register_client(
                principal, team=principal.organisation, municipality=municipality, **values
            )
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict) from None
        except registration.RegistrationReferred as referred:
            # routed to a team leader; the answer must not tell whether the person exists
            return Response({"detail": str(referred)}, status=status.HTTP_202_ACCEPTED)
        return Response(
            client_serializer_for(principal, detail=True)(
                client, context={"principal": principal}
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        responses=DeadlineSerializer(many=True),
        summary="Termijnen van een klant",
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="termijnen",
        serializer_class=DeadlineSerializer,
        filterset_fields=[],
    )
    def deadlines(self, request, uuid=None):
        client = self.get_object()
        if dossier_access(principal_of(request), client) not in (Access.FULL, Access.READ):
            raise exceptions.NotFound()
        page = self.paginate_queryset(
            client.deadlines.select_related("client").order_by("due_date", "id")
        )
        self.record_shown([client], part="termijnen")
        self._shown_as_list = False  # one client's deadlines: a read of his dossier
        return self.get_paginated_response(DeadlineSerializer(page, many=True).data)

    @extend_schema(
        request=DatesSerializer,
        responses={200: DeadlineSerializer(many=True)},
        summary="Datums wijzigen (met versie); de termijnen worden herberekend",
    )
    @action(detail=True, methods=["post"], url_path="datums", pagination_class=None)
    def dates(self, request, uuid=None):
        client = _client_for_write(self, uuid)
        body = DatesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        version = values.pop("version")
        try:
            services.update_dates(principal_of(request), client, version, **values)
        except DjangoPermissionDenied:
            raise exceptions.NotFound() from None
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict) from None
        return Response(DeadlineSerializer(client.deadlines.order_by("due_date"), many=True).data)

    @extend_schema(
        request=AssignSerializer,
        responses={200: ClientDetailSerializer},
        summary="Klantregisseur, begeleider en inkomensconsulent toewijzen (teamleider)",
    )
    @action(detail=True, methods=["post"], url_path="toewijzing")
    def assign(self, request, uuid=None):
        client = _client_for_write(self, uuid)
        body = AssignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        people = {}
        values = dict(body.validated_data)
        version = values.pop("version", None)
        for part, value in values.items():
            people[part] = User.objects.filter(uuid=value).first() if value else None
            if value and people[part] is None:
                raise exceptions.ValidationError({part: ["Deze gebruiker bestaat niet."]})
        try:
            services.assign(principal_of(request), client, version, **people)
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied() from None
        return Response(
            client_serializer_for(principal_of(request), detail=True)(
                client, context={"principal": principal_of(request)}
            ).data
        )


class WorklistViewSet(ScopedViewSet):
    """Open deadlines: overdue, this week, within 30 days."""

    queryset = Deadline.objects.none()
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "team", bool, description="Het hele team in plaats van alleen eigen klanten."
            )
        ],
        responses={200: DeadlineSerializer(many=True)},
        summary="Werkvoorraad",
    )
    def list(self, request):
        principal = principal_of(request)
        if principal is None or principal.role not in ("casemanager", "teamleider"):
            raise exceptions.PermissionDenied()
        buckets = worklist(principal, mine=request.query_params.get("team") not in ("1", "true"))
        rows = [
            *buckets["overdue"][:200],
            *buckets["this_week"][:200],
            *buckets["thirty_days"][:200],
        ]
        self.record_shown(rows, as_list=True, part="werkvoorraad")
        return Response(DeadlineSerializer(rows, many=True).data)


class ImportViewSet(ScopedViewSet):
    """The COA/TVS linkage list as CSV: all-or-nothing, with a row-level report."""

    queryset = ImportJob.objects.none()

    parser_classes = [MultiPartParser, FormParser]
    lookup_field = "uuid"

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={202: ImportJobSerializer},
        summary="Koppelingslijst importeren",
    )
    def create(self, request):
        from .tasks import run_linkage_import

        principal = principal_of(request)
        if not registration.may_register(principal) or principal.user is None:
            raise exceptions.PermissionDenied()
        body = ImportUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise exceptions.ValidationError({"file": ["Het bestand moet kleiner zijn dan 5 MB."]})
        job = ImportJob.objects.create(
            created_by=principal.user,
            assignment_id=principal.assignment_id,
            team=principal.organisation,
            filename=upload.name[:200],
            content=upload.read(),
        )
        run_linkage_import.enqueue(job.pk)
        job.refresh_from_db()
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        parameters=[OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses=ImportJobSerializer,
        summary="Voortgang en verslag van een import",
    )
    def retrieve(self, request, uuid=None):
        principal = principal_of(request)
        job = (
            ImportJob.objects.filter(uuid=uuid, created_by=getattr(principal, "user", None)).first()
            if principal
            else None
        )
        if job is None:
            raise exceptions.NotFound()
        return Response(ImportJobSerializer(job).data)


class ClientViewSet(ClientCaseworkMixin, ClientReadViewSet):
    """Clients: list and read (scoped, logged), register, dates, deadlines, assignment."""


ROUTES = [
    ("werkvoorraad", WorklistViewSet, "worklist"),
    ("koppelingslijsten", ImportViewSet, "linkage-import"),
]
