"""The ZGW export of one case: a zaak with the client's rol, a besluit per PIP decision and per
fine, and the beschikking PDFs as documents linked to both (mapping of docs/exchange.md).

Idempotent without idempotency keys: every object gets our own deterministic ``identificatie``
(from our primary keys), the export ledger (``ZgwObject``) remembers every URL Open Zaak gave us,
and before every create we look the object up, so a retry after a lost answer adopts the object
the first attempt made instead of posting it again. Data comes through the selectors of clients,
plans and progress."""

import base64
from collections.abc import Callable

from django.utils import timezone

from regie.clients import selectors as client_selectors
from regie.core import audit
from regie.plans import selectors as plan_selectors
from regie.progress import selectors as progress_selectors

from ..models import ZgwObject
from ..transport import PermanentError
from .client import Rejected, ZgwClient

SOURCE = "Regie Inburgering"
CONFIDENTIALITY = "vertrouwelijk"

# The PDFs, through the selectors; replaceable in tests (rendering takes a second each).
render_pip_pdf: Callable = plan_selectors.decision_pdf
render_fine_pdf: Callable = progress_selectors.fine_pdf


def zaak_identification(client) -> str:
    return f"INB-{client.uuid.hex}"  # 36 characters (≤ 40)


def pip_identification(version) -> str:
    return f"INB-P-{version.uuid.hex}"  # 38 (≤ 40 for a document, ≤ 50 for a besluit)


def fine_identification(case) -> str:
    return f"INB-B-{case.uuid.hex}"


class Exporter:
    def __init__(self, client: ZgwClient, person_id: int):
        self.zgw = client
        self.config = client.config
        self.person_id = person_id
        self.created = 0
        self.adopted = 0

    def ensure(self, kind: str, local_key: str, lookup: Callable, create: Callable) -> str:
        """The URL of one remote object: from the ledger, else found, else created (once)."""
        known = ZgwObject.objects.filter(kind=kind, local_key=local_key).first()
        if known:
            return known.url
        found = lookup()
        if found:
            self.adopted += 1
            url = found[0]["url"]
        else:
            try:
                url = create()["url"]
                self.created += 1
            except Rejected as exc:
                # A create that "already exists" (unique identificatie or pair): a lost answer
                # of an earlier attempt or a concurrent run. Adopt what is there.
                found = lookup() if exc.status == 400 else []
                if not found:
                    raise
                self.adopted += 1
                url = found[0]["url"]
        ZgwObject.objects.get_or_create(
            kind=kind, local_key=local_key, defaults={"url": url, "person_id": self.person_id}
        )
        return url

    # --- the objects -------------------------------------------------------------------------

    def zaak(self, client) -> str:
        cfg = self.config
        identification = zaak_identification(client)
        start = client.linkage_date or timezone.localdate(client.created_at)
        body = {
            "identificatie": identification,
            "bronorganisatie": cfg.rsin,
            "verantwoordelijkeOrganisatie": cfg.rsin,
            "zaaktype": cfg.zaaktype,
            "startdatum": start.isoformat(),
            "omschrijving": "Inburgering",
            "vertrouwelijkheidaanduiding": CONFIDENTIALITY,
            "kenmerken": [{"bron": SOURCE, "kenmerk": str(client.uuid)}],
        }
        return self.ensure(
            "zaak",
            f"zaak:{client.uuid}",
            lambda: self.zgw.find(
                "zaken", "zaken", {"bronorganisatie": cfg.rsin, "identificatie": identification}
            ),
            lambda: self.zgw.create("zaken", "zaken", "ZaakRequest", body),
        )

    def rol(self, client, zaak_url: str) -> str:
        cfg = self.config
        person = {"inpBsn": client.bsn, "geslachtsnaam": client.surname[:200]}
        if client.date_of_birth:
            person["geboortedatum"] = client.date_of_birth.isoformat()
        body = {
            "zaak": zaak_url,
            "roltype": cfg.roltype,
            "betrokkeneType": "natuurlijk_persoon",
            "roltoelichting": "Inburgeringsplichtige",
            "betrokkeneIdentificatie": person,
        }

        def lookup():
            # Filter on the zaak and roltype; the BSN is compared here, never sent in a URL.
            rows = self.zgw.find("zaken", "rollen", {"zaak": zaak_url, "roltype": cfg.roltype})
            return [
                r
                for r in rows
                if (r.get("betrokkeneIdentificatie") or {}).get("inpBsn") == client.bsn
            ]

        return self.ensure(
            "rol",
            f"rol:{client.uuid}",
            lookup,
            lambda: self.zgw.create("zaken", "rollen", "RolRequest", body),
        )

    def document(self, identification: str, title: str, filename: str, day, render) -> str:
        cfg = self.config

        def create():
            body = {
                "identificatie": identification,
                "bronorganisatie": cfg.rsin,
                "creatiedatum": day.isoformat(),
                "titel": title[:200],
                "auteur": SOURCE,
                "taal": "dut",
                "formaat": "application/pdf",
                "bestandsnaam": filename,
                "inhoud": base64.b64encode(render()).decode("ascii"),
                "status": "definitief",
                "vertrouwelijkheidaanduiding": CONFIDENTIALITY,
                "indicatieGebruiksrecht": False,
                "informatieobjecttype": cfg.informatieobjecttype,
            }
            return self.zgw.create(
                "documenten",
                "enkelvoudiginformatieobjecten",
                "EnkelvoudigInformatieObjectCreateLockRequest",
                body,
            )

        return self.ensure(
            "document",
            f"document:{identification}",
            lambda: self.zgw.find(
                "documenten",
                "enkelvoudiginformatieobjecten",
                {"bronorganisatie": cfg.rsin, "identificatie": identification},
            ),
            create,
        )

    def zaak_document(self, zaak_url: str, document_url: str, identification: str) -> str:
        pair = {"zaak": zaak_url, "informatieobject": document_url}
        return self.ensure(
            "zio",
            f"zio:{identification}",
            lambda: self.zgw.find("zaken", "zaakinformatieobjecten", pair),
            lambda: self.zgw.create(
                "zaken", "zaakinformatieobjecten", "ZaakInformatieObjectRequest", pair
            ),
        )

    def besluit(self, identification: str, besluittype: str, zaak_url: str, body: dict) -> str:
        cfg = self.config
        full = {
            "identificatie": identification,
            "verantwoordelijkeOrganisatie": cfg.rsin,
            "besluittype": besluittype,
            "zaak": zaak_url,
            **body,
        }
        return self.ensure(
            "besluit",
            f"besluit:{identification}",
            lambda: self.zgw.find(
                "besluiten",
                "besluiten",
                {"verantwoordelijkeOrganisatie": cfg.rsin, "identificatie": identification},
            ),
            lambda: self.zgw.create("besluiten", "besluiten", "BesluitRequest", full),
        )

    def expire(self, besluit_url: str, identification: str, day) -> None:
        """A superseded PIP decision: its besluit gets the date the next one took its place
        (``vervaldatum``, reason ``ingetrokken_overheid``). Once, recorded in the ledger."""
        key = f"verval:{identification}:{day.isoformat()}"
        if ZgwObject.objects.filter(kind="verval", local_key=key).exists():
            return
        self.zgw.update(
            "besluiten",
            besluit_url,
            "PatchedBesluitRequest",
            {"vervaldatum": day.isoformat(), "vervalreden": "ingetrokken_overheid"},
            reason="PIP bijgesteld: vervangen door een nieuw besluit",
        )
        ZgwObject.objects.get_or_create(
            kind="verval", local_key=key, defaults={"url": besluit_url, "person_id": self.person_id}
        )

    def besluit_document(self, besluit_url: str, document_url: str, identification: str) -> str:
        pair = {"besluit": besluit_url, "informatieobject": document_url}
        return self.ensure(
            "bio",
            f"bio:{identification}",
            lambda: self.zgw.find("besluiten", "besluitinformatieobjecten", pair),
            lambda: self.zgw.create(
                "besluiten", "besluitinformatieobjecten", "BesluitInformatieObjectRequest", pair
            ),
        )


def export_case(zgw: ZgwClient, person_id: int) -> dict:
    """Bring the zaak of one client up to date in Open Zaak (in the order of the mapping, §4)."""
    client = client_selectors.client_by_id(person_id)
    if client is None:
        raise PermanentError("De cliënt van dit bericht bestaat niet meer.")
    versions = plan_selectors.decided_versions_of(client)
    fines = progress_selectors.imposed_fines_of(client)
    audit.record_event(
        "zgw.export",
        object_type="clients.client",
        object_id=client.pk,
        object_repr="Zaak bijgewerkt in het zaaksysteem (ZGW)",
        person_id=client.pk,
    )
    exporter = Exporter(zgw, person_id)
    cfg = zgw.config
    zaak_url = exporter.zaak(client)
    exporter.rol(client, zaak_url)
    besluiten, documents = [], []
    by_number = {v.number: v for v in versions}
    for version in versions:
        ident = pip_identification(version)
        document = exporter.document(
            ident,
            f"Beschikking persoonlijk plan inburgering en participatie, versie {version.number}",
            f"beschikking-pip-{version.number}.pdf",
            version.decision_date,
            lambda version=version: render_pip_pdf(version),
        )
        exporter.zaak_document(zaak_url, document, ident)
        body = {
            "datum": version.decision_date.isoformat(),
            "ingangsdatum": version.decision_date.isoformat(),
            "toelichting": f"PIP versie {version.number} (Wi2021 art. 15)",
        }
        later = by_number.get(version.number + 1)
        if later is not None and later.decision_date:
            body["vervaldatum"] = later.decision_date.isoformat()
            body["vervalreden"] = "ingetrokken_overheid"
        besluit = exporter.besluit(ident, cfg.besluittype_pip, zaak_url, body)
        if "vervaldatum" in body:
            # Exported before it was superseded? Then it still lacks its vervaldatum.
            exporter.expire(besluit, ident, later.decision_date)
        exporter.besluit_document(besluit, document, ident)
        besluiten.append(besluit)
        documents.append(document)
    for case in fines:
        ident = fine_identification(case)
        document = exporter.document(
            ident,
            f"Beschikking boete (Wi2021 art. {case.article})",
            f"beschikking-boete-{case.uuid.hex[:8]}.pdf",
            case.decision_date,
            lambda case=case: render_fine_pdf(case),
        )
        exporter.zaak_document(zaak_url, document, ident)
        amount = f"{case.fine_amount:.2f}".replace(".", ",") if case.fine_amount else "0,00"
        body = {
            "datum": case.decision_date.isoformat(),
            "ingangsdatum": case.decision_date.isoformat(),
            "toelichting": f"Boete Wi2021 art. {case.article}: EUR {amount}",
        }
        besluit = exporter.besluit(ident, cfg.besluittype_fine, zaak_url, body)
        exporter.besluit_document(besluit, document, ident)
        besluiten.append(besluit)
        documents.append(document)
    return {
        "zaak": zaak_url,
        "besluiten": besluiten,
        "documenten": documents,
        "created": exporter.created,
        "adopted": exporter.adopted,
    }
