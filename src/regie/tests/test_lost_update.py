"""No lost update (issue 15 item 9): every form that edits an existing record carries the version
it was opened with (``core.locking``), and a stale copy is refused with a 409 in Dutch.

Three parts:

1. The registry below classifies EVERY HTML route of the URL conf: an edit form (with the form
   classes it posts and where its two-stale-copies test lives) or not an edit form (with the
   reason). A new route that is in neither fails :func:`test_every_route_is_classified`, so a new
   edit form cannot be added without deciding on its locking.
2. Every registered edit form class declares the hidden ``version`` field
   (:func:`test_every_edit_form_carries_a_version`), or is guarded by the record's state (a work
   item that is already finished), and its conflict test exists.
3. The two-stale-copies walk: both copies of the form are opened, the first saves, the second gets
   409 with the Dutch conflict sentence, and the first change is still there (nothing lost), and
   the second copy's input is shown again (the user loses nothing either).
"""

import importlib
from html.parser import HTMLParser

import pytest

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from regie.core.locking import CONFLICT_MESSAGE

# --- 1. the registry -----------------------------------------------------------------------------

# url name -> (form classes "module.Class" it posts with a version, the stale-copies test)
EDIT_FORMS: dict[str, tuple[tuple[str, ...], str]] = {
    "clients:edit_contact": (
        ("regie.clients.forms.ContactForm",),
        "regie.tests.test_lost_update::test_two_stale_copies[contact]",
    ),
    "clients:edit_dates": (
        ("regie.clients.forms.DatesForm",),
        "regie.tests.test_lost_update::test_two_stale_copies[dates]",
    ),
    "clients:assign": (
        ("regie.clients.forms.AssignForm",),
        "regie.tests.test_lost_update::test_two_stale_copies[assign]",
    ),
    "core:organisation_edit": (
        ("regie.core.forms.OrganisationForm",),
        "regie.tests.test_lost_update::test_two_stale_copies[organisation]",
    ),
    "intake:domain": (
        ("regie.intake.forms.DomainMetaForm",),
        "regie.tests.test_lost_update::test_two_stale_copies[intake_domain]",
    ),
    "intake:lbt": (
        ("regie.intake.forms.LearnabilityTestForm",),
        "regie.intake.tests.test_api_permissions",
    ),
    "intake:special_save": (
        ("regie.intake.forms.SpecialCategoryForm",),
        "regie.intake.tests.test_views::test_special_record_purpose_required_logged_and_history_clean",
    ),
    "plans:edit": (
        ("regie.plans.forms.DraftForm",),
        "regie.tests.test_lost_update::test_two_stale_copies[plan_draft]",
    ),
    "plans:component_add": (
        ("regie.plans.forms.ComponentForm",),
        "regie.plans.tests.test_services",
    ),
    "plans:component_edit": (
        ("regie.plans.forms.ComponentForm",),
        "regie.plans.tests.test_services",
    ),
    "plans:component_delete": (
        ("regie.plans.forms.VersionForm",),
        "regie.plans.tests.test_services",
    ),
    "plans:check": (("regie.plans.forms.VersionForm",), "regie.plans.tests.test_services"),
    "plans:reopen": (("regie.plans.forms.VersionForm",), "regie.plans.tests.test_services"),
    "plans:decide": (
        ("regie.plans.forms.DecideForm",),
        "regie.plans.tests.test_work_items::test_team_leader_queue_links_to_the_decision",
    ),
    "plans:progress": (("regie.plans.forms.ProgressForm",), "regie.plans.tests.test_services"),
    "progress:review_record": (
        ("regie.progress.forms.RecordReviewForm",),
        "regie.progress.tests.test_deadlines::test_review_form_errors_keep_input",
    ),
    "progress:enforcement_case": (
        (
            "regie.progress.forms.WarningForm",
            "regie.progress.forms.HearingForm",
            "regie.progress.forms.ReportForm",
            "regie.progress.forms.AssessForm",
            "regie.progress.forms.MeasureForm",
        ),
        "regie.progress.tests.test_enforcement",
    ),
    "progress:propose_fine": (
        ("regie.progress.forms.ProposeFineForm",),
        "regie.progress.tests.test_enforcement",
    ),
    "progress:decide_fine": (
        ("regie.progress.forms.DecideFineForm",),
        "regie.progress.tests.test_enforcement",
    ),
    "progress:close": (
        ("regie.progress.forms.CloseForm",),
        "regie.progress.tests.test_deadlines::test_close_page_confirms_and_refuses_stale",
    ),
    "offer:enrolment_step": (
        (
            "regie.offer.forms.VersionForm",
            "regie.offer.forms.RefuseForm",
            "regie.offer.forms.PlaceForm",
            "regie.offer.forms.StartForm",
            "regie.offer.forms.FinishForm",
        ),
        "regie.offer.tests.test_enrolment::test_ui_flow_case_manager_and_provider",
    ),
    "decisions:weights": (
        ("regie.decisions.forms.WeightsForm",),
        "regie.decisions.tests.test_decisions_views::test_stale_weights_form_is_refused",
    ),
    "decisions:points": (("regie.decisions.forms.PointsForm",), "regie.decisions.tests"),
    "objections:detail": (
        (
            "regie.objections.forms.RepairForm",
            "regie.objections.forms.RepairedForm",
            "regie.objections.forms.PostponeForm",
            "regie.objections.forms.FurtherDelayForm",
            "regie.objections.forms.PlanHearingForm",
            "regie.objections.forms.HearingForm",
            "regie.objections.forms.WaiveForm",
            "regie.objections.forms.DecideForm",
            "regie.objections.forms.LinkRevisionForm",
            "regie.objections.forms.DefaultNoticeForm",
            "regie.objections.forms.PenaltyForm",
            "regie.objections.forms.AppealForm",
            "regie.objections.forms.AppealOutcomeForm",
        ),
        "regie.objections.tests.test_views::test_stale_copy_of_an_objection_step_is_refused_with_409",
    ),
}

# Edits guarded by the record's state instead of a version: a second copy finds the state
# changed and gets the same 409 (``core.workitems.WorkItemClosed``).
STATE_GUARDED = {
    "core:work_item_complete": "regie.core.tests.test_workitems::test_complete_via_post_with_note_and_csrf",
    "core:destruction_approve": "regie.tests.test_retention",
}

# Edit views that post the version without a form class (the view reads ``version`` itself).
VERSIONED_BY_HAND = {
    "portal_staff:difference_edit": "regie.portal.tests.test_pages",
}

CREATES = "creates a new record (nothing to overwrite)"
READS = "reads only (no form that changes a record)"
ACTION = "a one-step action whose service checks the current state (ConflictError, 409)"
SESSION = "login, session or language (no record)"

NOT_EDIT_FORMS: dict[str, str] = {
    "health": READS,
    "set_language": SESSION,
    "clients:list": READS,
    "clients:register": CREATES,
    "clients:import": CREATES,
    "clients:import_template": READS,
    "clients:import_status": READS,
    "clients:caseload": ACTION,  # area assignment of unassigned clients only
    "clients:worklist": READS,
    "clients:dossier": READS,
    "clients:history": READS,
    "intake:overview": READS,
    "intake:start": ACTION,
    "intake:complete": ACTION,
    "intake:special": READS,  # asks the purpose, then shows the versioned form (special_save)
    "plans:overview": READS,
    "plans:new": CREATES,
    "plans:version": READS,
    "plans:pdf": READS,
    "plans:activity_new": CREATES,
    "plans:milestone_new": CREATES,  # once per client and kind: a second one is refused
    "progress:reviews": CREATES,
    "progress:enforcement": CREATES,
    "progress:fine_pdf": READS,
    "progress:duo": CREATES,
    "progress:late_offer": CREATES,
    "progress:late_offer_pdf": READS,
    "progress:handover_export": READS,
    "progress:handover_import": CREATES,
    "decisions:list": CREATES,
    "decisions:costs": READS,
    "decisions:detail": READS,
    "decisions:export": READS,
    "decisions:pdf": READS,
    "offer:report_upload": CREATES,
    "offer:report_template": READS,
    "offer:report_status": READS,
    "offer:report_exams": READS,
    "offer:providers": READS,
    "offer:provider_detail": CREATES,  # adds a quality mark
    "offer:contracts": READS,
    "offer:contract_create": CREATES,
    "offer:contract_detail": READS,
    "offer:lot_create": CREATES,
    "offer:product_create": CREATES,
    "offer:invoice_create": CREATES,
    "offer:groups": READS,
    "offer:group_create": CREATES,
    "offer:group_detail": READS,
    "offer:waiting_list": READS,
    "offer:enrolments": READS,
    "offer:enrolments_csv": READS,
    "offer:enrolments_report_template": READS,
    "progress:guidance": READS,
    "progress:guidance_appointment": CREATES,
    "progress:guidance_ask": CREATES,
    "progress:guidance_note": CREATES,
    "progress:move": ACTION,
    "offer:enrolment_detail": READS,
    "offer:dossier": READS,
    "offer:refer": CREATES,
    "offer:refer_voluntary": CREATES,
    "reporting:quality": READS,
    "core:home": READS,
    "core:login": SESSION,
    "core:otp": SESSION,
    "core:logout": SESSION,
    "core:role_switch": SESSION,
    "core:no_role": SESSION,
    "core:keep_alive": SESSION,
    "core:organisations": READS,
    "core:organisation": READS,
    "core:housing_target_add": CREATES,
    "core:rule_sets": READS,
    "core:rule_set_new": CREATES,  # a rule set is never edited: a new one takes effect
    "core:decree_days": CREATES,  # a day is added or removed, never edited
    "core:access_log": READS,
    "core:change_log": READS,
    "core:work_items": READS,
    "core:destruction": READS,
    "core:roles": READS,
    "core:role_grant": CREATES,
    "core:role_change": CREATES,  # a role request; the change takes effect on a second approval
    "core:role_end": CREATES,  # idem
    "core:role_decide": ACTION,
    "exchange:deliveries": READS,
    "exchange:requeue": ACTION,
    "exchange:duo_dossier": READS,
    "exchange:duo_entry": ACTION,  # confirms a waiting entry; a confirmed one answers 409
    "exchange:duo_import": CREATES,
    "exchange:duo_outbox": READS,
    "exchange:duo_reconcile": CREATES,
    "exchange:duo_report": READS,
    "exchange:duo_signal": ACTION,
    "portal:home": READS,
    "portal:login": SESSION,
    "portal:login_start": SESSION,
    "portal:callback": SESSION,
    "portal:logout": SESSION,
    "portal:plan": READS,
    "portal:plan_pdf": READS,
    "portal:decision_pdf": READS,
    "portal:appointments": CREATES,  # a request to the case manager
    "portal:messages": CREATES,
    "portal:feedback": CREATES,
    "portal:municipality": READS,
    "portal_staff:messages": CREATES,
    "portal_staff:differences": READS,
    "portal_staff:difference_new": CREATES,
    "core:accessibility": READS,
    "core:privacy_statement": READS,
    "objections:register": READS,
    "objections:dossier": CREATES,
    "objections:letter": READS,
}


def _html_routes() -> set[str]:
    """The names of every route served by a regie HTML view (the API and /beheer/ excluded:
    the API's writes take ``version`` in the body, checked in each app's API tests)."""
    names = set()

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(pattern, f"{namespace}:{ns}" if namespace and ns else (ns or namespace))
            elif isinstance(pattern, URLPattern):
                view = pattern.lookup_str
                if ".api" in view or "provider_reports_api" in view or "admin" in view:
                    continue
                if not (view.startswith("regie.") or view.startswith("django.views.i18n")):
                    continue
                name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                names.add(name)

    walk(get_resolver(), "")
    return names


def test_every_route_is_classified():
    routes = _html_routes()
    classified = set(EDIT_FORMS) | set(STATE_GUARDED) | set(VERSIONED_BY_HAND) | set(NOT_EDIT_FORMS)
    missing = sorted(routes - classified)
    assert not missing, (
        "New routes: add each to EDIT_FORMS (with a version field and a stale-copies test) or "
        f"to NOT_EDIT_FORMS with the reason: {missing}"
    )
    assert not (set(EDIT_FORMS) & set(NOT_EDIT_FORMS))
    assert sorted(set(EDIT_FORMS) - routes) == [], "registered edit form without a route"


def _import(dotted: str):
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize("route", sorted(EDIT_FORMS))
def test_every_edit_form_carries_a_version(route):
    form_classes, conflict_test = EDIT_FORMS[route]
    for dotted in form_classes:
        form_class = _import(dotted)
        assert "version" in form_class.base_fields, f"{dotted} has no version field"
        assert form_class.base_fields["version"].widget.is_hidden, f"{dotted}: version shown"
    _assert_test_exists(conflict_test)


@pytest.mark.parametrize("route", sorted(STATE_GUARDED) + sorted(VERSIONED_BY_HAND))
def test_state_guarded_edits_have_a_conflict_test(route):
    _assert_test_exists({**STATE_GUARDED, **VERSIONED_BY_HAND}[route])


def _assert_test_exists(reference: str) -> None:
    module, _sep, name = reference.partition("::")
    loaded = importlib.import_module(module) if "." in module else None
    assert loaded is not None, reference
    if name:
        assert hasattr(loaded, name.split("[")[0]), f"conflict test {reference} is missing"


@pytest.mark.django_db
def test_api_assignment_with_a_stale_version_is_409(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("tl"))
    url = f"/api/v1/klanten/{c.uuid}/toewijzing/"
    guide = str(world.users["guide"].uuid)
    first = client.post(url, {"social_guide": guide, "version": c.version}, "application/json")
    assert first.status_code == 200
    stale = client.post(url, {"social_guide": None, "version": c.version}, "application/json")
    assert stale.status_code == 409 and "Iemand anders" in stale.json()["detail"]
    c.refresh_from_db()
    assert c.social_guide == world.users["guide"]


# --- 3. two stale copies --------------------------------------------------------------------------


class _FormReader(HTMLParser):
    """The values a browser would post for the form with a ``version`` field."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._current = {}
            self.forms.append(self._current)
        elif self._current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._current[a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button"):
                self._current[a["name"]] = a.get("value") or ""
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._current.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self._current[self._select] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._current[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea and self._current is not None:
            self._current[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._current = None


def _open_copy(client, url, field) -> dict:
    """The page's form that edits ``field`` (with its hidden version), as a browser posts it."""
    response = client.get(url)
    assert response.status_code == 200, url
    reader = _FormReader()
    reader.feed(response.content.decode())
    (form,) = [f for f in reader.forms if "version" in f and field in f]
    return form


def _scenario(name, world):
    """(user key, url, field, first value, second value, read the stored value)."""
    c = world.clients["own_cm1"]
    if name == "contact":
        url = reverse("clients:edit_contact", args=[c.uuid])
        return "cm1", url, "phone", "0611111111", "0622222222", lambda: _reload(c).phone
    if name == "dates":
        url = reverse("clients:edit_dates", args=[c.uuid])
        return (
            "cm1",
            url,
            "linkage_date",
            "05-10-2026",
            "06-10-2026",
            lambda: _reload(c).linkage_date.strftime("%d-%m-%Y"),
        )
    if name == "assign":
        url = reverse("clients:assign", args=[c.uuid])
        first, second = str(world.users["guide"].pk), ""
        return (
            "tl",
            url,
            "social_guide",
            first,
            second,
            lambda: str(_reload(c).social_guide_id or ""),
        )
    if name == "intake_domain":
        url = reverse("intake:domain", args=[c.uuid, "werk"])

        def sector():
            return c.intake.domains.get(domain="werk").data.get("sector")

        return "cm1", url, "sector", "Zorg", "Bouw", sector
    if name == "plan_draft":
        from regie.plans.models import PlanVersion
        from regie.plans.tests.helpers import draft

        version = draft(world, c)
        url = reverse("plans:edit", args=[c.uuid, version.number])
        return (
            "cm1",
            url,
            "notes",
            "Eerste kopie",
            "Tweede kopie",
            lambda: PlanVersion.objects.get(pk=version.pk).notes,
        )
    if name == "organisation":
        org = world.orgs["a1"]
        url = reverse("core:organisation_edit", args=[org.uuid])

        def stored():
            org.refresh_from_db()
            return str(org.inhabitants)

        return "admin_fa", url, "inhabitants", "1000", "2000", stored
    raise AssertionError(name)


def _reload(obj):
    obj.refresh_from_db()
    return obj


def _user_for(world, key):
    if key != "admin_fa":
        return world.as_role(key)
    from regie.core.roles import Role

    for k, assignment in world.assignments.items():
        if assignment.role == Role.FUNCTIONAL_ADMIN:
            return world.as_role(k)
    raise AssertionError("no functional administrator in the test world")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["contact", "dates", "assign", "organisation", "intake_domain", "plan_draft"]
)
def test_two_stale_copies(world, login, client, name):
    user_key, url, field, first, second, stored = _scenario(name, world)
    login(*_user_for(world, user_key))
    extra = {}
    if name == "intake_domain":
        client.post(reverse("intake:start", args=[world.clients["own_cm1"].uuid]))
        extra = {"actie": "later"}  # the submit button a browser sends
    copy_a = _open_copy(client, url, field)
    copy_b = _open_copy(client, url, field)  # a second tab (or a colleague) opened the same version
    assert copy_a["version"] == copy_b["version"]

    saved = client.post(url, {**copy_a, **extra, field: first})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert stored() == first

    stale = client.post(url, {**copy_b, **extra, field: second})
    page = stale.content.decode()
    assert stale.status_code == 409
    assert str(CONFLICT_MESSAGE) in page  # Dutch: "Iemand anders heeft dit gewijzigd ..."
    assert stored() == first, "the first save was overwritten by a stale copy"
    if second:
        assert second in page, "the stale copy's input is not shown again"
