"""API of the offer: contracts (contract manager), products, groups (provider staff writes its own)
and enrolments — the provider API: a provider token sees and changes only its own enrolments;
a case manager sees his clients' enrolments and refers. Same scoping and rules as the UI; every
client shown is access-logged; every refusal is a 4xx with a Dutch message."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from regie.clients.selectors import visible_clients
from regie.core.drf import (
    ClientReference,
    ScopedViewSet,
    client_field,
    client_filter,
    client_parameters,
    klant_field,
    principal_of,
)

from . import selectors, services
from .models import CefrLevel, Contract, Enrolment, EnrolmentStatus, Group, Product
from .provider_reports_api import ROUTES as REPORTING_ROUTES

UUID_RE = r"[0-9a-fA-F-]{32,36}"


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class _Base(ScopedViewSet):
    lookup_field = "uuid"
    lookup_value_regex = UUID_RE

    def principal(self):
        return principal_of(self.request)

    def run(self, func, *args, **kwargs):
        return func(self.principal(), *args, **kwargs)


# --- contracts and products -------------------------------------------------------------------


class LotSerializer(serializers.Serializer):
    route = serializers.CharField()
    name = serializers.CharField()


class SpendSerializer(serializers.Serializer):
    provider = serializers.CharField(source="provider.name", allow_null=True)
    committed = serializers.DecimalField(12, 2)
    paid = serializers.DecimalField(12, 2)


class ContractSerializer(serializers.ModelSerializer):
    main_contractor = serializers.CharField(source="main_contractor.name")
    subcontractors = serializers.SerializerMethodField()
    lots = LotSerializer(many=True, read_only=True)
    committed = serializers.SerializerMethodField(
        help_text="Prijs van geaccepteerde inschrijvingen."
    )
    paid = serializers.SerializerMethodField(help_text="Som van de ingevoerde facturen.")
    per_provider = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "uuid",
            "name",
            "reference",
            "main_contractor",
            "subcontractors",
            "period_start",
            "period_end",
            "budget",
            "lots",
            "committed",
            "paid",
            "per_provider",
        ]

    def _spend(self, obj):
        if not hasattr(obj, "_spend"):
            obj._spend = selectors.contract_spend(obj)
        return obj._spend

    def get_subcontractors(self, obj) -> list[str]:
        return [o.name for o in obj.subcontractors.order_by("name")]

    def get_committed(self, obj) -> str:
        return str(self._spend(obj)["total"].committed)

    def get_paid(self, obj) -> str:
        return str(self._spend(obj)["total"].paid)

    def get_per_provider(self, obj) -> list[dict]:
        return SpendSerializer(self._spend(obj)["rows"], many=True).data


@extend_schema_view(
    list=extend_schema(summary="Contracten van uw regio met besteding (contractmanager)"),
    retrieve=extend_schema(summary="Eén contract met percelen en besteding"),
)
class ContractViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Base):
    serializer_class = ContractSerializer

    def get_queryset(self):
        return selectors.visible_contracts(self.principal()).prefetch_related("lots")


class ProductSerializer(serializers.ModelSerializer):
    provider = serializers.CharField(source="provider.name")
    route = serializers.CharField(source="lot.route")
    contract = serializers.UUIDField(source="lot.contract.uuid")

    class Meta:
        model = Product
        fields = [
            "uuid",
            "contract",
            "route",
            "provider",
            "kind",
            "name",
            "level",
            "price",
            "hours",
            "hours_per_week",
            "location",
            "daytime",
            "evening_weekend",
            "capacity",
            "period_start",
            "period_end",
        ]


@extend_schema_view(
    list=extend_schema(summary="Producten (regio; een aanbieder ziet alleen de eigen)"),
    retrieve=extend_schema(summary="Eén product"),
)
class ProductViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Base):
    serializer_class = ProductSerializer

    def get_queryset(self):
        return selectors.visible_products(self.principal()).order_by("name", "id")


# --- groups -------------------------------------------------------------------------------------


class GroupSerializer(serializers.ModelSerializer):
    product = serializers.UUIDField(source="product.uuid", read_only=True)
    size = serializers.SerializerMethodField(help_text="Geaccepteerd, geplaatst of gestart.")

    class Meta:
        model = Group
        fields = [
            "uuid",
            "product",
            "name",
            "level",
            "location",
            "start_date",
            "min_size",
            "max_size",
            "size",
        ]

    def get_size(self, obj) -> int:
        return obj.enrolments.filter(status__in=selectors.IN_GROUP).count()


class GroupWrite(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    level = serializers.ChoiceField(CefrLevel.choices, required=False, allow_blank=True, default="")
    location = serializers.CharField(max_length=200)
    start_date = serializers.DateField()
    min_size = serializers.IntegerField(min_value=0, max_value=1000)
    max_size = serializers.IntegerField(min_value=1, max_value=1000)


class GroupCreate(GroupWrite):
    product = serializers.UUIDField(help_text="uuid van een eigen product")


class GroupUpdate(GroupWrite):
    name = serializers.CharField(max_length=200, required=False)
    location = serializers.CharField(max_length=200, required=False)
    start_date = serializers.DateField(required=False)
    min_size = serializers.IntegerField(min_value=0, max_value=1000, required=False)
    max_size = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    level = serializers.ChoiceField(CefrLevel.choices, required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="Geplande groepen"),
    retrieve=extend_schema(summary="Eén groep"),
    create=extend_schema(summary="Groep plannen (aanbieder, eigen product)", request=GroupCreate),
    partial_update=extend_schema(summary="Groep wijzigen (aanbieder)", request=GroupUpdate),
)
class GroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Base):
    serializer_class = GroupSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.visible_groups(self.principal()).order_by("start_date", "id")

    def create(self, request):
        if not selectors.is_provider(self.principal()):
            raise exceptions.PermissionDenied()
        data = _valid(GroupCreate, request)
        product = selectors.visible_products(self.principal()).filter(uuid=data.pop("product"))
        if not product.exists():
            raise exceptions.ValidationError({"product": ["Kies een product van uw organisatie."]})
        group = self.run(services.create_group, product.get(), **data)
        return Response(GroupSerializer(group).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, uuid=None):
        group = self.get_object()
        if not selectors.is_provider(self.principal()):
            raise exceptions.PermissionDenied()
        data = _valid(GroupUpdate, request)
        group = self.run(services.update_group, group, **data)
        return Response(GroupSerializer(group).data)


# --- enrolments ---------------------------------------------------------------------------------


class EnrolmentSerializer(serializers.ModelSerializer):
    """Name, route and schedule: no BSN beyond the masked one, no intake data."""

    client = client_field()
    klant = klant_field()
    name = serializers.CharField(source="client.full_name", read_only=True)
    bsn = serializers.CharField(source="client.masked_bsn", read_only=True, help_text="Gemaskeerd.")
    route = serializers.CharField(source="product.lot.route", read_only=True)
    product = serializers.UUIDField(source="product.uuid", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)
    provider = serializers.CharField(source="provider.name", read_only=True)
    group = serializers.SerializerMethodField()

    class Meta:
        model = Enrolment
        fields = [
            "uuid",
            "client",
            "klant",
            "name",
            "bsn",
            "route",
            "product",
            "product_name",
            "provider",
            "group",
            "status",
            "level",
            "target_level",
            "referred_on",
            "accepted_on",
            "start_date",
            "end_date",
            "ended_reason",
            "version",
        ]

    def get_group(self, obj) -> str | None:
        return str(obj.group.uuid) if obj.group_id else None


class Refer(ClientReference):
    component_uuid = serializers.UUIDField(help_text="uuid van het onderdeel van het PIP")
    product = serializers.UUIDField(help_text="uuid van het product")


class Versioned(serializers.Serializer):
    version = serializers.IntegerField(help_text="De versie die u het laatst las.")


class RefuseBody(Versioned):
    reason = serializers.CharField(max_length=300)


class PlaceBody(Versioned):
    group = serializers.UUIDField(help_text="uuid van een groep van hetzelfde product")
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    level = serializers.ChoiceField(CefrLevel.choices, required=False, allow_blank=True)


class StartBody(Versioned):
    started_on = serializers.DateField()


class FinishBody(Versioned):
    ended_on = serializers.DateField()
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


STATUS = OpenApiParameter(
    "status", OpenApiTypes.STR, enum=EnrolmentStatus.values, description="Alleen deze status."
)


@extend_schema_view(
    list=extend_schema(
        summary="Inschrijvingen (aanbieder: alleen de eigen; klantregisseur: zijn klanten)",
        parameters=[STATUS, *client_parameters()],
    ),
    retrieve=extend_schema(summary="Eén inschrijving"),
    create=extend_schema(
        summary="Klant aanmelden bij een aanbieder (klantregisseur)",
        request=Refer,
        examples=[
            OpenApiExample(
                "Aanmelding",
                value={
                    "client": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                    "component_uuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                    "product": "16fd2706-8baf-433b-82eb-8c7fada847da",
                },
                request_only=True,
            )
        ],
    ),
)
class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Base):
    serializer_class = EnrolmentSerializer
    access_part = "inschrijvingen"

    def get_queryset(self):
        return selectors.visible_enrolments(self.principal()).order_by("-referred_on", "id")

    def filter_queryset(self, queryset):
        params = self.request.query_params
        value = params.get("status")
        if value:
            if value not in EnrolmentStatus.values:
                raise exceptions.ValidationError({"status": ["Kies een bestaande status."]})
            queryset = queryset.filter(status=value)
        return client_filter(self.request, queryset)

    def create(self, request):
        data = _valid(Refer, request)
        principal = self.principal()
        client = visible_clients(principal).filter(uuid=data["client"]).first()
        if client is None:
            raise Http404
        product = selectors.visible_products(principal).filter(uuid=data["product"]).first()
        if product is None:
            raise exceptions.ValidationError({"product": ["Kies een product uit uw regio."]})
        try:
            enrolment = self.run(services.refer, client, data["component_uuid"], product)
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(
                "Alleen de eigen klantregisseur of de teamleider kan deze klant aanmelden."
            ) from exc
        return Response(EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)

    def _own(self):
        enrolment = self.get_object()
        if not selectors.is_provider(self.principal()):
            raise exceptions.PermissionDenied("Alleen de aanbieder zelf kan deze stap zetten.")
        return enrolment

    def _done(self, enrolment):
        enrolment.refresh_from_db()
        return Response(EnrolmentSerializer(enrolment).data)

    @extend_schema(summary="Aanmelding accepteren (aanbieder)", request=Versioned)
    @action(detail=True, methods=["post"], url_path="accepteren")
    def accept(self, request, uuid=None):
        enrolment = self._own()
        data = _valid(Versioned, request)
        return self._done(self.run(services.accept, enrolment, data["version"]))

    @extend_schema(summary="Aanmelding weigeren (aanbieder)", request=RefuseBody)
    @action(detail=True, methods=["post"], url_path="weigeren")
    def refuse(self, request, uuid=None):
        enrolment = self._own()
        data = _valid(RefuseBody, request)
        return self._done(self.run(services.refuse, enrolment, data["version"], data["reason"]))

    @extend_schema(
        summary="In groep plaatsen met start- en einddatum (aanbieder)",
        request=PlaceBody,
        examples=[
            OpenApiExample(
                "Plaatsing",
                value={
                    "version": 2,
                    "group": "16fd2706-8baf-433b-82eb-8c7fada847da",
                    "start_date": "2026-09-01",
                    "end_date": "2027-06-30",
                    "level": "a1",
                },
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path="plaatsen")
    def place(self, request, uuid=None):
        enrolment = self._own()
        data = _valid(PlaceBody, request)
        group = (
            selectors.visible_groups(self.principal())
            .filter(uuid=data.pop("group"), product_id=enrolment.product_id)
            .first()
        )
        if group is None:
            raise exceptions.ValidationError(
                {"group": ["Kies een groep van het product waarvoor de klant is aangemeld."]}
            )
        version = data.pop("version")
        return self._done(self.run(services.place, enrolment, version, group=group, **data))

    @extend_schema(summary="Start vastleggen (aanbieder)", request=StartBody)
    @action(detail=True, methods=["post"], url_path="starten")
    def start(self, request, uuid=None):
        enrolment = self._own()
        data = _valid(StartBody, request)
        return self._done(self.run(services.start, enrolment, data["version"], data["started_on"]))

    @extend_schema(summary="Afronden (aanbieder)", request=FinishBody)
    @action(detail=True, methods=["post"], url_path="afronden")
    def finish(self, request, uuid=None):
        enrolment = self._own()
        data = _valid(FinishBody, request)
        return self._done(
            self.run(services.finish, enrolment, data["version"], data["ended_on"], data["reason"])
        )


ROUTES = [
    ("contracten", ContractViewSet, "contract"),
    ("producten", ProductViewSet, "product"),
    ("groepen", GroupViewSet, "group"),
    ("inschrijvingen", EnrolmentViewSet, "enrolment"),
]
ROUTES += REPORTING_ROUTES
