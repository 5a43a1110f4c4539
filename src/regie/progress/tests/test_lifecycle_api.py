"""The whole lifecycle of a client through the API, for each route and target group.

A case manager registers a new client, runs the brede intake (every life domain and the
leerbaarheidstoets), drafts the PIP with the components the rules ask for that route and target
group, offers it; the team leader decides it (four eyes). Then the deadlines, the DUO outbox and
the decision PDF are checked; the offer starts, a progress review is held, the PIP is revised
(the term never restarts, Wet art. 11), the components are completed and the dossier is closed.

The second test walks the same path while a colleague from the same team, who is not the
client's own case manager, tries every write step first: each is refused, nothing changes.

Everything goes through /api/v1/ with the session of the user in his role; only the client's
``version`` is read from the database (the client API does not expose it, see
``test_client_version_is_readable_through_the_api``).
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from dateutil.relativedelta import relativedelta

from django.utils import timezone

from regie.clients.models import Client
from regie.core.bsn import demo_bsns
from regie.core.models import OutboxMessage
from regie.core.ruleset import LEGACY_LAW_CUTOFF, rules_on
from regie.intake.forms import DOMAIN_FORMS
from regie.plans.models import Component, PlanVersion
from regie.progress.models import Closure, DuoDecision, EnforcementCase, LateOfferStatement, Review

pytestmark = pytest.mark.django_db

API = "/api/v1"
REFUSED = (403, 404)


# --- the cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    route: str  # the LBT advice and the route of the first PIP
    target_group: str
    permit_type: str
    bijstand: bool = False

    @property
    def asylum_holder(self) -> bool:
        return self.target_group == "asielstatushouder"

    @property
    def ontzorgen(self) -> bool:
        """Financieel ontzorgen: asylum permit and bijstand (Participatiewet art. 56a)."""
        return self.permit_type == "asiel" and self.bijstand


CASES = [
    pytest.param(Case("b1", "asielstatushouder", "asiel", bijstand=True), id="b1-asiel-bijstand"),
    pytest.param(Case("onderwijs", "asielstatushouder", "asiel"), id="onderwijs-asiel"),
    pytest.param(Case("z", "asielstatushouder", "asiel"), id="z-asiel"),
    pytest.param(Case("b1", "gezinsmigrant", "regulier"), id="b1-gezinsmigrant-regulier"),
    pytest.param(Case("z", "overige_migrant", "regulier"), id="z-overige-migrant-regulier"),
]


@dataclass(frozen=True)
class Timeline:
    """Dates in the past relative to today, in the order they happen; ``shift`` moves every
    event further back (closing stays today)."""

    today: dt.date
    shift: int = 0

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days + self.shift)

    permit = property(lambda self: self.ago(150))  # start of the duty
    linkage = property(lambda self: self.ago(140))
    housing = property(lambda self: self.ago(125))
    brp = property(lambda self: self.ago(120))
    duo_notice = property(lambda self: self.ago(110))
    benefit_start = property(lambda self: self.ago(100))
    lbt = property(lambda self: self.ago(60))
    pip_decision = property(lambda self: self.ago(45))
    offer_start = property(lambda self: self.ago(30))
    review = property(lambda self: self.ago(10))
    revision_decision = property(lambda self: self.ago(3))
    completed = property(lambda self: self.ago(1))


# --- a thin API client -------------------------------------------------------------------------


class Api:
    """The Django test client, logged in as one of the world's users in his role."""

    def __init__(self, client, login, world):
        self.client, self._login, self.world = client, login, world
        self.who = None

    def as_(self, key: str) -> "Api":
        self._login(*self.world.as_role(key))
        self.who = key
        return self

    def _check(self, response, status):
        expected = status if isinstance(status, tuple) else (status,)
        assert response.status_code in expected, (
            f"{self.who}: {response.request['REQUEST_METHOD']} {response.request['PATH_INFO']} "
            f"gave {response.status_code}, expected {status}: {response.content[:1500]!r}"
        )
        if response.status_code >= 400:
            assert response.json()["detail"], "every refusal carries a Dutch message"
        return response

    def get(self, path, status=200):
        response = self._check(self.client.get(API + path), status)
        return response.json() if response["Content-Type"] == "application/json" else response

    def _send(self, method, path, body, status):
        call = getattr(self.client, method)
        response = call(API + path, body or {}, content_type="application/json")
        return self._check(response, status).json()

    def post(self, path, body=None, status=200):
        return self._send("post", path, body, status)

    def put(self, path, body=None, status=200):
        return self._send("put", path, body, status)

    def patch(self, path, body=None, status=200):
        return self._send("patch", path, body, status)


@pytest.fixture
def api(client, login, world):
    return Api(client, login, world)


@pytest.fixture
def when():
    return Timeline(timezone.localdate())


def messages(body) -> str:
    """All Dutch messages of an error answer as one string."""
    return str(body)


def new_bsn() -> str:
    return next(b for b in demo_bsns(500, start=97000) if not Client.objects.filter(bsn=b).exists())


def client_version(uuid) -> int:
    return Client.objects.get(uuid=uuid).version


# --- steps: registration and dates -------------------------------------------------------------


def register(api, case: Case, when: Timeline, status=201) -> dict:
    body = {
        "bsn": new_bsn(),
        "given_names": "Amal",
        "surname": f"Levensloop {case.route} {case.target_group}",
        "date_of_birth": "1990-03-14",
        "municipality": "gm9001",  # the CBS code is matched case-insensitively
        "target_group": case.target_group,
        "permit_type": case.permit_type,
        "nationality": "Syrische",
        "languages": "Arabisch, Engels",
        "household_name": f"Huishouden {case.route}-{case.target_group}",
        "permit_date": when.permit.isoformat(),
        "linkage_date": when.linkage.isoformat(),
        "housing_date": when.housing.isoformat(),
        "brp_date": when.brp.isoformat(),
        # the DUO notice and the start of bijstand are sent later through /datums/
    }
    assert when.permit >= LEGACY_LAW_CUTOFF, "the duty must fall under the Wet inburgering 2021"
    return api.post("/klanten/", body, status=status)


def set_dates(api, uuid, case: Case, when: Timeline, status=200) -> list:
    body = {"version": client_version(uuid), "duo_notice_date": when.duo_notice.isoformat()}
    if case.bijstand:
        body["benefit_start"] = when.benefit_start.isoformat()
    return api.post(f"/klanten/{uuid}/datums/", body, status=status)


def assign_guide(api, world, uuid, status=200) -> dict:
    return api.post(
        f"/klanten/{uuid}/toewijzing/",
        {"social_guide": str(world.users["guide"].uuid)},
        status=status,
    )


def deadlines(api, uuid) -> dict:
    rows = api.get(f"/klanten/{uuid}/termijnen/?page_size=200")["results"]
    return {(row["kind"], row["sequence"]): row for row in rows}


def deadline(api, uuid, kind, sequence=1) -> dict:
    return deadlines(api, uuid)[(kind, sequence)]


# --- steps: the brede intake -------------------------------------------------------------------


def domain_answers(case: Case, when: Timeline) -> dict[str, dict]:
    """An answer to every field of every life domain (intake.forms.DOMAIN_FORMS), as JSON."""
    return {
        "achtergrond": {
            "country_of_origin": "Syrië",
            "arrival_year": when.permit.year,
            "earlier_countries": "Turkije, twee jaar",
        },
        "opleiding": {
            "highest_level": "voortgezet",
            "years_of_schooling": 11,
            "diplomas": "Middelbare school, Syrië, 2008",
            "idw_requested": False,
        },
        "werk": {
            "last_occupation": "Elektricien",
            "years_of_experience": 8,
            "sector": "Techniek",
            "wishes": "Weer aan de slag als elektricien.",
        },
        "taal": {
            "languages_spoken": "Arabisch, Engels",
            "literate_own_script": True,
            "literate_latin_script": case.route != "z",
            "dutch_level": "A1" if case.route != "z" else "geen",
        },
        "gezondheid": {"affects_plan": False},
        "gezin": {
            "children": 2,
            "childcare_needed": True,
            "vve_informed": True,
            "network": "Een neef in Utrecht.",
        },
        "financien": {
            "income_source": "bijstand" if case.bijstand else "partner",
            "has_debts": False,
            "benefit_start_known": case.bijstand,
        },
        "wonen": {"housed": True, "housing_type": "zelfstandig"},
        "motivatie": {"goals": ["betaald_werken", "werkfit"], "interests": "Techniek, voetbal"},
        "zelfredzaamheid": {"digital_skills": "basis", "has_digid": True, "has_bank_account": True},
    }


def start_intake(api, uuid, status=201) -> dict:
    return api.post(f"/intakes/{uuid}/starten/", status=status)


def fill_domain(api, uuid, domain, answers, status=200) -> dict:
    record = api.get(f"/intakes/{uuid}/onderdelen/{domain}/")
    body = {"version": record["version"], "data": answers, "done": True}
    return api.put(f"/intakes/{uuid}/onderdelen/{domain}/", body, status=status)


def record_lbt(api, uuid, case: Case, when: Timeline, status=200) -> dict:
    body = {
        "version": 0,
        "taken_on": when.lbt.isoformat(),
        "assessor": "Bureau ICE",
        "outcome": case.route,
        "score": "Advies " + case.route,
        "notes": "Afgenomen in het Arabisch.",
    }
    return api.put(f"/intakes/{uuid}/leerbaarheidstoets/", body, status=status)


def complete_intake(api, uuid, status=200) -> dict:
    return api.post(f"/intakes/{uuid}/afronden/", status=status)


def run_intake(api, uuid, case: Case, when: Timeline) -> dict:
    answers = domain_answers(case, when)
    assert {d: set(a) for d, a in answers.items()} == {
        d: set(form.base_fields) for d, form in DOMAIN_FORMS.items()
    }, "answer every field of every life domain"
    intake = start_intake(api, uuid)
    assert intake["status"] == "draft" and len(intake["domains"]) == len(DOMAIN_FORMS)
    refused = complete_intake(api, uuid, status=400)
    assert "nog niet klaar" in messages(refused) and "leerbaarheidstoets" in messages(refused)
    for domain, data in answers.items():
        saved = fill_domain(api, uuid, domain, data)
        assert saved["status"] == "done" and saved["data"] == data, domain
    lbt = record_lbt(api, uuid, case, when)
    assert lbt["outcome"] == case.route
    intake = complete_intake(api, uuid)
    assert intake["status"] == "completed" and intake["completed_on"]
    assert {d["status"] for d in intake["domains"]} == {"done"}
    return intake


# --- steps: the PIP ----------------------------------------------------------------------------


def components_for(case: Case, route: str, on: dt.date, provider) -> list[dict]:
    """A valid set of components for the route and target group (plans/validation.py), every
    number from the rule set in force on the decision date."""
    rules = rules_on(on)
    knm = 100
    language = 600
    if route == "z":
        language = rules.value("z_route_language_hours") - knm  # language and KNM together
    items = [
        {
            "kind": "language",
            "hours_planned": language,
            "provider": str(provider.uuid),
            "description": f"Taal in de {route}-route bij Aanbieder P1.",
        },
        {"kind": "knm", "hours_planned": knm},
        {"kind": "pvt", "hours_planned": rules.value("pvt_min_hours")},
    ]
    if route != "onderwijs":  # no MAP in the onderwijsroute
        items.append({"kind": "map", "hours_planned": rules.value("map_min_hours")})
    participation = 200
    if route == "z" and case.asylum_holder:
        participation = rules.value("z_route_participation_hours")
    items.append(
        {
            "kind": "participation",
            "participation_type": "volunteering",
            "linked_to_werksaam": True,
            "hours_planned": participation,
            "description": "Vrijwilligerswerk bij de voedselbank, via WerkSaam.",
        }
    )
    if case.ontzorgen:
        items.append({"kind": "ontzorgen", "description": "Vaste lasten doorbetalen."})
    if case.asylum_holder:
        items.append(
            {"kind": "social_guidance", "description": "Begeleiding door VluchtelingenWerk."}
        )
    return items


def create_draft(api, uuid, reason="initial", note="", status=201) -> dict:
    body = {"client": str(uuid), "reason": reason, "reason_note": note}
    return api.post("/pip-versies/", body, status=status)


def edit_draft(api, version: dict, status=200, **changes) -> dict:
    return api.patch(
        f"/pip-versies/{version['uuid']}/", {"version": version["version"], **changes}, status
    )


def submit(api, version: dict, status=200) -> dict:
    body = {"version": version["version"]}
    return api.post(f"/pip-versies/{version['uuid']}/aanbieden/", body, status=status)


def decide(api, version: dict, on: dt.date, status=200) -> dict:
    body = {
        "version": version["version"],
        "decision_date": on.isoformat(),
        "made_known_on": (on + dt.timedelta(days=1)).isoformat(),
    }
    return api.post(f"/pip-versies/{version['uuid']}/vaststellen/", body, status=status)


def plan_of(api, uuid) -> dict:
    results = api.get(f"/pip/?client={uuid}")["results"]
    assert len(results) == 1
    return results[0]


def component(version: dict, kind: str) -> dict:
    return next(c for c in version["components"] if c["kind"] == kind)


def record_progress(api, comp: dict, status=200, **values) -> dict:
    body = {"version": comp["version"], **values}
    return api.patch(f"/pip-onderdelen/{comp['uuid']}/", body, status=status)


def draft_first_pip(api, world, uuid, case: Case, when: Timeline) -> dict:
    """Draft, check the prefill from the intake, refuse what the rules refuse, fix, offer."""
    wanted = components_for(case, case.route, when.pip_decision, world.orgs["p1"])
    draft = create_draft(api, uuid)
    # prefilled from the brede intake: the LBT advice and the components without hours
    assert draft["route"] == case.route and draft["status"] == "draft"
    prefilled = {c["kind"] for c in draft["components"]}
    assert prefilled == {c["kind"] for c in wanted} - {"participation"}
    refused = submit(api, draft, status=400)
    assert "Vul het aantal voortgangsgesprekken in." in messages(refused)
    assert "Vul de geplande uren in bij Taal." in messages(refused)

    agreements = {
        "review_count": 2,
        "review_agreements": "Elke vijf maanden een voortgangsgesprek.",
        "notes": "Kinderopvang is geregeld.",
    }
    # what the rules refuse for this target group, each with a Dutch message that says what to do
    refusals = []
    if not case.ontzorgen:
        refusals.append(("ontzorgen", "Financieel ontzorgen geldt alleen voor een klant met een"))
    if not case.asylum_holder:
        refusals.append(("social_guidance", "Maatschappelijke begeleiding geldt alleen voor"))
    for kind, message in refusals:
        extra = [c for c in wanted if c["kind"] != kind] + [{"kind": kind}]
        draft = edit_draft(api, draft, route=case.route, components=extra, **agreements)
        assert message in messages(submit(api, draft, status=400)), kind

    draft = edit_draft(api, draft, route=case.route, components=wanted, **agreements)
    assert sorted(c["kind"] for c in draft["components"]) == sorted(c["kind"] for c in wanted)
    assert component(draft, "language")["provider"] == str(world.orgs["p1"].uuid)
    offered = submit(api, draft)
    assert offered["status"] == "submitted"
    return offered


# --- steps: progress and closing ---------------------------------------------------------------


def schedule_review(api, uuid, on: dt.date, status=201) -> dict:
    body = {"client": str(uuid), "review_kind": "voortgangsgesprek", "planned_on": on.isoformat()}
    return api.post("/voortgangsgesprekken/", body, status=status)


def hold_review(api, review: dict, held_on: dt.date, comp: dict, status=200) -> dict:
    body = {
        "version": review["version"],
        "held_on": held_on.isoformat(),
        "component_uuid": comp["uuid"],
        "offer_start": comp["offer_start"],
        "hours_attended": "24.0",
        "progress": "Komt elke les, maakt huiswerk.",
        "employer_input": "De voedselbank is tevreden.",
        "client_view": "Wil sneller vooruit.",
        "satisfaction": 4,
        "review_outcome": "op_koers",
    }
    return api.post(f"/voortgangsgesprekken/{review['uuid']}/vastleggen/", body, status=status)


def close(api, uuid, on: dt.date, status=201) -> dict:
    body = {
        "client": str(uuid),
        "version": client_version(uuid),
        "closure_reason": "voldaan",
        "closed_on": on.isoformat(),
        "note": "Examens gehaald; PVT en MAP afgerond.",
    }
    return api.post("/afsluitingen/", body, status=status)


def record_completion_facts(world, uuid, version: dict, when) -> None:
    """Attended PVT and MAP hours and the signing and MAP eindgesprek (issue 9 item 1), recorded
    by the case manager through the services (the staff screens; there is no API for them)."""
    from regie.core.principal import Principal
    from regie.plans import services as plan_services

    cm = Principal.from_assignment(world.assignments["cm1"])
    client = Client.objects.get(uuid=uuid)
    day = when.completed - dt.timedelta(days=1)
    kinds = [("pvt", "pvt_min_hours")]
    if version["route"] != "onderwijs":
        kinds.append(("map", "map_min_hours"))
    for kind, rule in kinds:
        plan_services.record_activity(
            cm,
            client,
            kind=kind,
            date=day,
            hours=rules_on(day).value(rule),
            description="Gevolgd",
            reported_by_kind="gemeente",
            reported_by_name="Gemeente",
        )
    plan_services.record_milestone(
        cm, client, kind="pvt_signed", held_on=day, conducted_by="Wethouder"
    )
    if version["route"] != "onderwijs":
        plan_services.record_milestone(
            cm, client, kind="map_final", held_on=day, conducted_by="Klantregisseur"
        )


def outbox(uuid, message_type) -> list[dict]:
    person = Client.objects.get(uuid=uuid).pk
    return [
        m.payload for m in OutboxMessage.objects.filter(person_id=person, message_type=message_type)
    ]


def revise(api, uuid, case: Case, world, when: Timeline, current: dict) -> dict:
    """A revision the rules allow for this route; returns the decided new version.

    b1: scaling down to A2 is refused below ``scale_down_min_hours`` attended language hours and
    allowed once they are reached (progress on the decided version follows into the draft).
    onderwijs: switching to the B1-route, which is always allowed (and adds the MAP).
    z: another revision (more reviews), same route.
    """
    api.as_("cm1")
    rules = rules_on(when.revision_decision)
    if case.route == "b1":
        needed = rules.value("scale_down_min_hours")
        language = component(current, "language")
        record_progress(api, language, hours_attended=needed - 1)
        draft = create_draft(api, uuid, reason="scale_down", note="B1 is niet haalbaar.")
        # the conditions of afschalen (issue 9 item 6), not only the hours; the school's keurmerk
        # is checked through core.hooks (offer's check is tested in offer/tests)
        draft = edit_draft(
            api,
            draft,
            scaled_to_a2=True,
            scale_down_infeasible_reason="Na een jaar les nog op A1 voor schrijven.",
            scale_down_school=str(world.orgs["p1"].uuid),
            scale_down_lesson_hours=needed,
            scale_down_in_person_hours=needed,
            scale_down_effort="Aanwezig bij bijna alle lessen, huiswerk gemaakt.",
            scale_down_effort_sufficient=True,
        )
        assert draft["scale_down_school"] == str(world.orgs["p1"].uuid)
        refused = submit(api, draft, status=400)
        assert (
            f"Afschalen naar A2 kan pas na ten minste {needed} gevolgde lesuren taal; "
            f"de klant heeft er {needed - 1} gevolgd."
        ) in messages(refused)
        language = api.get(f"/pip-onderdelen/{language['uuid']}/")
        record_progress(api, language, hours_attended=needed)
        draft = api.get(f"/pip-versies/{draft['uuid']}/")
        assert component(draft, "language")["hours_attended"] == needed
        expected = {"route": "b1", "scaled_to_a2": True, "reason": "scale_down"}
    elif case.route == "onderwijs":
        draft = create_draft(api, uuid, reason="switch", note="Onderwijs past niet.")
        components = components_for(case, "b1", when.revision_decision, world.orgs["p1"])
        draft = edit_draft(api, draft, route="b1", components=components)  # adds the MAP
        expected = {"route": "b1", "scaled_to_a2": False, "reason": "switch"}
    else:
        draft = create_draft(api, uuid, reason="other", note="Meer gesprekken nodig.")
        draft = edit_draft(api, draft, review_count=4, notes="Elke drie maanden een gesprek.")
        expected = {"route": "z", "scaled_to_a2": False, "reason": "other"}
    assert draft["number"] == current["number"] + 1 and draft["reason"] == expected["reason"]
    offered = submit(api, draft)
    decide(api, offered, when.revision_decision, status=403)  # the drafter does not decide
    decided = decide(api.as_("tl"), offered, when.revision_decision)
    assert decided["status"] == "decided"
    assert {k: decided[k] for k in expected} == expected
    if case.route == "onderwijs":
        # Work-around: replacing the components through the API loses the progress recorded on
        # the copied ones, so the offer start is entered again on the decided revision (see
        # test_revision_with_new_components_keeps_recorded_progress, expected to fail).
        api.as_("cm1")
        language = component(decided, "language")
        record_progress(api, language, offer_start=when.offer_start.isoformat())
        decided = api.get(f"/pip-versies/{decided['uuid']}/")
    return decided


# --- the lifecycle -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_lifecycle_through_the_api(api, world, when, case, monkeypatch):
    from regie.core import hooks

    monkeypatch.setattr(hooks, "quality_mark_checks", [lambda org_id, day: True])
    # 1. a case manager registers the client; he becomes its case manager
    api.as_("cm1")
    registered = register(api, case, when)
    uuid = registered["uuid"]
    assert registered["status"] == "registered" and registered["access"] == "full"
    assert registered["municipality"] == "GM9001"
    assert Client.objects.get(uuid=uuid).case_manager == world.users["cm1"]
    assert deadline(api, uuid, "intake_start")["met_on"] is None
    assert ("pip_decided", 1) in deadlines(api, uuid)  # counted from the BRP registration
    set_dates(api, uuid, case, when)
    pip_term = deadline(api, uuid, "pip_decided")
    assert when.duo_notice.strftime("%-d-%-m-%Y") in pip_term["basis"]  # the later anchor
    assert (("ontzorgen_end", 1) in deadlines(api, uuid)) == case.ontzorgen
    worklist = api.get("/werkvoorraad/")
    assert uuid in {row["client"] for row in worklist}

    # the team leader assigns a social guide to an asylum holder
    if case.asylum_holder:
        assign_guide(api, world, uuid, status=403)  # only the team leader assigns
        assigned = assign_guide(api.as_("tl"), world, uuid)
        assert assigned["uuid"] == uuid
        assert Client.objects.get(uuid=uuid).social_guide == world.users["guide"]
        api.as_("cm1")

    # 2. the brede intake: every life domain, the LBT, completed
    intake = run_intake(api, uuid, case, when)
    assert api.get(f"/klanten/{uuid}/")["status"] == "intake"
    assert deadline(api, uuid, "intake_start")["met_on"] == intake["started_on"]

    # 3. the first PIP: drafted and offered by the case manager, decided by the team leader
    offered = draft_first_pip(api, world, uuid, case, when)
    decide(api, offered, when.pip_decision, status=403)  # the drafter cannot decide
    decided = decide(api.as_("tl"), offered, when.pip_decision)
    assert decided["status"] == "decided" and decided["route"] == case.route
    assert decided["decision_date"] == when.pip_decision.isoformat()
    assert decided["decided_on_behalf_of"] == "GM9001"
    api.as_("cm1")
    assert api.get(f"/klanten/{uuid}/")["status"] == "plan_decided"
    pdf = api.get(f"/pip-versies/{decided['uuid']}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # the inburgeringstermijn: from the day after the dagtekening, 3 years (Wet art. 11)
    years = rules_on(when.pip_decision).value("integration_term_years")
    term_end = when.pip_decision + relativedelta(years=years)
    plan = plan_of(api, uuid)
    assert plan["first_decision_date"] == when.pip_decision.isoformat()
    assert plan["term_start"] == (when.pip_decision + dt.timedelta(days=1)).isoformat()
    assert plan["term_end"] == term_end.isoformat()
    due = deadlines(api, uuid)
    assert due[("pip_decided", 1)]["met_on"] == when.pip_decision.isoformat()
    assert due[("pip_decided", 1)]["due_date"] >= when.pip_decision.isoformat()  # in time
    assert due[("term_end", 1)]["due_date"] == term_end.isoformat()
    assert due[("pvt_done", 1)]["due_date"] == term_end.isoformat()
    assert (("map_done", 1) in due) == (case.route != "onderwijs")
    # the late-offer ground is for asylum holders only (issue 9 item 2)
    assert (("late_offer", 1) in due) == case.asylum_holder
    if case.asylum_holder:
        assert due[("late_offer", 1)]["met_on"] is None
    assert due[("review", 1)]["met_on"] is None

    # the DUO outbox, written with the decision
    [message] = outbox(uuid, "pip.decided")
    assert message["subject"]["municipality"] == "GM9001"
    assert message["data"] == {
        "decision_date": when.pip_decision.isoformat(),
        "route": case.route,
        "term_end": term_end.isoformat(),
        "version": 1,
    }

    # 4. the offer starts: the client is in the route and the late-offer deadline is met
    language = record_progress(
        api, component(decided, "language"), offer_start=when.offer_start.isoformat()
    )
    assert language["offer_start"] == when.offer_start.isoformat()
    assert api.get(f"/klanten/{uuid}/")["status"] == "in_route"
    if case.asylum_holder:
        assert deadline(api, uuid, "late_offer")["met_on"] == when.offer_start.isoformat()

    # 5. a progress review, planned and held
    review = schedule_review(api, uuid, when.review)
    held = hold_review(api, review, when.review, language)
    assert held["review_outcome"] == "op_koers" and held["held_on"] == when.review.isoformat()
    due = deadlines(api, uuid)
    assert due[("review", 1)]["met_on"] == when.review.isoformat()
    assert due[("review", 2)]["met_on"] is None

    # 6. a revision, decided by the team leader: the term does not restart
    current = api.get(f"/pip-versies/{decided['uuid']}/")
    revised = revise(api, uuid, case, world, when, current)
    api.as_("cm1")
    plan = plan_of(api, uuid)
    assert plan["term_end"] == term_end.isoformat()
    assert {v["number"]: v["status"] for v in plan["versions"]} == {1: "superseded", 2: "decided"}
    assert deadline(api, uuid, "term_end")["due_date"] == term_end.isoformat()
    if case.asylum_holder:
        assert deadline(api, uuid, "late_offer")["met_on"] == when.offer_start.isoformat()
    [message] = outbox(uuid, "pip.revised")
    assert message["data"] == {
        "decision_date": when.revision_decision.isoformat(),
        "route": revised["route"],
        "scaled_to_a2": revised["scaled_to_a2"],
        "reason": revised["reason"],
        "version": 2,
    }
    assert len(outbox(uuid, "pip.decided")) == 1
    pdf = api.get(f"/pip-versies/{revised['uuid']}/pdf/")
    assert pdf.content.startswith(b"%PDF")

    # 7. the PVT and (outside the onderwijsroute) the MAP are completed and reported to DUO,
    # after the attended hours (with who reported them) and the signing/eindgesprek are recorded
    record_completion_facts(world, uuid, revised, when)
    pvt = component(revised, "pvt")
    record_progress(
        api,
        pvt,
        offer_start=when.offer_start.isoformat(),
        hours_attended=pvt["hours_planned"],
        completed_on=when.completed.isoformat(),
    )
    assert outbox(uuid, "pvt.completed")[0]["data"]["completed_on"] == when.completed.isoformat()
    assert deadline(api, uuid, "pvt_done")["met_on"] == when.completed.isoformat()
    if revised["route"] != "onderwijs":
        record_progress(
            api,
            component(revised, "map"),
            offer_start=when.offer_start.isoformat(),
            completed_on=when.completed.isoformat(),
        )
        assert len(outbox(uuid, "map.final_interview")) == 1
        assert deadline(api, uuid, "map_done")["met_on"] == when.completed.isoformat()

    # 8. the dossier is closed: duty met, nothing left open, off the worklist
    closure = close(api, uuid, when.today)
    assert closure["closure_reason"] == "voldaan" and closure["client"] == uuid
    closed = api.get(f"/klanten/{uuid}/")
    assert closed["status"] == "closed"
    stored = Client.objects.get(uuid=uuid)
    assert stored.closure_reason == "voldaan" and stored.closed_on == when.today
    open_ = [key for key, row in deadlines(api, uuid).items() if row["met_on"] is None]
    assert open_ == []
    assert uuid not in {row["client"] for row in api.get("/werkvoorraad/?team=1")}
    again = close(api, uuid, when.today, status=409)  # the lifecycle table refuses
    assert "gesloten" in messages(again)
    schedule_review(api, uuid, when.today, status=400)


# --- the same path, refused to a colleague who is not the client's case manager ----------------


def test_team_colleague_and_drafter_are_refused_every_write(api, world, when):
    """cm2 works in the same team and may read the dossier, but every write is refused; the
    drafter of a PIP version never decides it, not even a team leader who drafted it."""
    case = Case("b1", "asielstatushouder", "asiel", bijstand=True)
    outbox_before = OutboxMessage.objects.count()
    uuid = register(api.as_("cm1"), case, when)["uuid"]

    def colleague():
        return api.as_("cm2")

    def owner():
        return api.as_("cm1")

    # dates and assignment
    set_dates(colleague(), uuid, case, when, status=REFUSED)
    assert colleague().get(f"/klanten/{uuid}/")["access"] == "read"
    set_dates(owner(), uuid, case, when)
    assign_guide(colleague(), world, uuid, status=REFUSED)

    # intake: start, domains, LBT, complete
    start_intake(colleague(), uuid, status=REFUSED)
    start_intake(owner(), uuid)
    answers = domain_answers(case, when)
    for domain in answers:
        fill_domain(colleague(), uuid, domain, answers[domain], status=REFUSED)
        fill_domain(owner(), uuid, domain, answers[domain])
    record_lbt(colleague(), uuid, case, when, status=REFUSED)
    record_lbt(owner(), uuid, case, when)
    complete_intake(colleague(), uuid, status=REFUSED)
    assert colleague().get(f"/intakes/{uuid}/")["status"] == "draft"  # read, unchanged
    complete_intake(owner(), uuid)

    # the PIP: draft, edit, offer, decide
    create_draft(colleague(), uuid, status=REFUSED)
    assert not PlanVersion.objects.filter(client__uuid=uuid).exists()
    draft = create_draft(owner(), uuid)
    wanted = components_for(case, "b1", when.pip_decision, world.orgs["p1"])
    agreements = {"review_count": 2, "review_agreements": "Twee gesprekken."}
    edit_draft(colleague(), draft, status=REFUSED, components=wanted, **agreements)
    draft = edit_draft(owner(), draft, route="b1", components=wanted, **agreements)
    submit(colleague(), draft, status=REFUSED)
    offered = submit(owner(), draft)
    decide(colleague(), offered, when.pip_decision, status=REFUSED)
    refused = decide(owner(), offered, when.pip_decision, status=403)  # the drafter
    assert "niet heeft opgesteld" in refused["detail"]
    assert colleague().get(f"/pip-versies/{offered['uuid']}/")["status"] == "submitted"
    decided = decide(api.as_("tl"), offered, when.pip_decision)

    # progress on the components, reviews, enforcement, DUO, late offer, closing, handover
    language = component(decided, "language")
    record_progress(colleague(), language, offer_start=when.offer_start.isoformat(), status=REFUSED)
    language = record_progress(owner(), language, offer_start=when.offer_start.isoformat())
    schedule_review(colleague(), uuid, when.review, status=REFUSED)
    review = schedule_review(owner(), uuid, when.review)
    hold_review(colleague(), review, when.review, language, status=REFUSED)
    hold_review(owner(), review, when.review, language)
    body = {"client": uuid, "violation": "pip", "description": "Drie lessen gemist."}
    colleague().post("/handhavingszaken/", body, status=REFUSED)
    body = {
        "client": uuid,
        "decision_kind": "vrijstelling",
        "variant": "gedeeltelijk",
        "decision_date": when.review.isoformat(),
    }
    colleague().post("/duo-besluiten/", body, status=REFUSED)
    colleague().post("/verklaringen-te-laat-aanbod/", {"client": uuid}, status=REFUSED)
    colleague().get(f"/overdrachten/{uuid}/", status=REFUSED)
    close(colleague(), uuid, when.today, status=REFUSED)
    assert colleague().get(f"/klanten/{uuid}/")["status"] == "in_route"

    # a team leader who drafts a revision may not decide it himself (four eyes)
    revision = create_draft(api.as_("tl"), uuid, reason="other", note="Meer uren participatie.")
    revision = submit(api, revision)
    refused = decide(api, revision, when.revision_decision, status=403)
    assert "niet heeft opgesteld" in refused["detail"]
    assert PlanVersion.objects.get(uuid=revision["uuid"]).status == "submitted"

    close(owner(), uuid, when.today)

    # nothing the colleague tried was stored
    assert not EnforcementCase.objects.filter(client__uuid=uuid).exists()
    assert not DuoDecision.objects.filter(client__uuid=uuid).exists()
    assert not LateOfferStatement.objects.filter(client__uuid=uuid).exists()
    assert Review.objects.filter(client__uuid=uuid).count() == 1
    assert Closure.objects.filter(client__uuid=uuid).count() == 1
    assert Client.objects.get(uuid=uuid).social_guide is None
    assert (
        Component.objects.filter(client__uuid=uuid, plan_version__number=1)
        .exclude(offer_start=None)
        .count()
        == 1
    )
    assert OutboxMessage.objects.count() == outbox_before + 1  # only pip.decided


# --- application bugs found by walking the lifecycle (strict: they fail until fixed) -----------


def decided_first_pip(api, world, case: Case, when: Timeline) -> tuple[str, dict]:
    """Steps 1-3 of the lifecycle: a registered client with a completed intake and a decided
    first PIP. Returns the client's uuid and the decided version."""
    api.as_("cm1")
    uuid = register(api, case, when)["uuid"]
    set_dates(api, uuid, case, when)
    run_intake(api, uuid, case, when)
    offered = draft_first_pip(api, world, uuid, case, when)
    return uuid, decide(api.as_("tl"), offered, when.pip_decision)


def test_revision_with_new_components_keeps_recorded_progress(api, world):
    when = Timeline(timezone.localdate(), shift=200)  # the late-offer deadline has passed
    case = Case("onderwijs", "asielstatushouder", "asiel")
    uuid, decided = decided_first_pip(api, world, case, when)
    api.as_("cm1")
    offer_start = when.offer_start.isoformat()  # in time: within the months the rules allow
    record_progress(api, component(decided, "language"), offer_start=offer_start)
    assert deadline(api, uuid, "late_offer")["met_on"] == offer_start
    api.post("/verklaringen-te-laat-aanbod/", {"client": uuid}, status=400)  # not late

    draft = create_draft(api, uuid, reason="switch", note="Onderwijs past niet.")
    components = components_for(case, "b1", when.revision_decision, world.orgs["p1"])
    draft = edit_draft(api, draft, route="b1", components=components)
    offered = submit(api, draft)
    revised = decide(api.as_("tl"), offered, when.revision_decision)
    api.as_("cm1")

    assert component(revised, "language")["offer_start"] == offer_start
    assert deadline(api, uuid, "late_offer")["met_on"] == offer_start
    # otherwise the municipality tells DUO that an offer that started in time never started
    api.post("/verklaringen-te-laat-aanbod/", {"client": uuid}, status=400)


def test_client_version_is_readable_through_the_api(api, world, when):
    api.as_("cm1")
    registered = register(api, Case("b1", "gezinsmigrant", "regulier"), when)
    assert registered.get("version") == 1
    set_dates(api, registered["uuid"], Case("b1", "gezinsmigrant", "regulier"), when)
    assert api.get(f"/klanten/{registered['uuid']}/").get("version") == 2
