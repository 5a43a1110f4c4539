"""The newcomer's pages (thin: reads in selectors, writes in services)."""

import logging

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.clients.closing import stops_post
from regie.core.errors import ConflictError

from . import oidc, selectors, services
from .models import Request
from .pdf import render_plan_pdf
from .session import current_client, log_in, log_out, portal_page

logger = logging.getLogger(__name__)

LOGIN_MESSAGES = {
    "unavailable": _("Inloggen met DigiD lukt nu niet. Probeer het later opnieuw."),
    "refused": _("Inloggen met DigiD is niet gelukt. Probeer het opnieuw."),
    "invalid": _("Inloggen met DigiD is niet gelukt. Probeer het opnieuw."),
    "level": _("U moet inloggen met DigiD Substantieel of Hoog: de DigiD app met ID-check."),
    "unknown": _("Wij kennen u nog niet. Bel of mail de gemeente."),
    "state": _("Het inloggen duurde te lang. Begin opnieuw."),
    "cancelled": _("U heeft het inloggen gestopt."),
}


def _login_error(request, code: str):
    return render(
        request,
        "portal/login.html",
        {"error": LOGIN_MESSAGES.get(code)},
        status=403 if code in {"level", "unknown"} else 400,
    )


def login(request):
    if current_client(request) is not None:
        return redirect("portal:home")
    return render(request, "portal/login.html", {"enabled": oidc.enabled()})


def login_start(request):
    """A GET (a link): a form POST that redirects to the broker would hit CSP form-action."""
    if not oidc.enabled():
        return _login_error(request, "unavailable")
    state = oidc.new_state()
    try:
        url = oidc.authorization_url(state, request.build_absolute_uri(reverse("portal:callback")))
    except oidc.LoginError as exc:
        logger.warning("portal login: broker unavailable (%s)", exc.code)
        return _login_error(request, exc.code)
    request.session["regie_portal_oidc"] = state
    return redirect(url)


def callback(request):
    state = request.session.pop("regie_portal_oidc", None)
    if request.GET.get("error"):
        return _login_error(request, "cancelled")
    if not state or request.GET.get("state") != state["state"] or not request.GET.get("code"):
        return _login_error(request, "state")
    try:
        token = oidc.exchange_code(
            request.GET["code"], request.build_absolute_uri(reverse("portal:callback"))
        )
        identity = oidc.verify_id_token(token, state["nonce"])
    except oidc.LoginError as exc:
        logger.warning("portal login refused (%s)", exc.code)
        return _login_error(request, exc.code)
    client = selectors.client_by_bsn(identity.bsn)
    if client is None or stops_post(client):  # a deceased client: no portal (clients.closing)
        return _login_error(request, "unknown")
    log_in(request, client, identity.level)
    return redirect("portal:home")


def logout(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    log_out(request)
    return redirect("portal:login")


@portal_page("portaal: wat komt er")
def home(request):
    client = request.portal.client
    return render(
        request,
        "portal/home.html",
        {
            "client": client,
            "steps": selectors.journey(client),
            "contact": selectors.contact_person(client),
            "team": client.team,
            "open_feedback": selectors.open_feedback_moments(client),
        },
    )


@portal_page("portaal: mijn plan")
def plan(request):
    client = request.portal.client
    return render(
        request, "portal/plan.html", {"client": client, "mine": selectors.my_plan(client)}
    )


@portal_page("portaal: beschikking (pdf)")
def plan_decision_pdf(request):
    from regie.plans.pdf import render_decision_pdf

    mine = selectors.my_plan(request.portal.client)
    if mine.version is None:
        raise Http404
    pdf = render_decision_pdf(mine.version, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="beschikking-pip.pdf"'
    return response


@portal_page("portaal: mijn plan (pdf)")
def plan_pdf(request):
    client = request.portal.client
    mine = selectors.my_plan(client)
    if mine.version is None:
        raise Http404
    pdf = render_plan_pdf(client, mine, request.LANGUAGE_CODE)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mijn-plan.pdf"'
    return response


@portal_page("portaal: afspraken")
def appointments(request):
    client = request.portal.client
    error = None
    if request.method == "POST":
        try:
            services.make_request(
                client,
                kind=request.POST.get("kind", ""),
                appointment_ref=request.POST.get("appointment", ""),
                language=request.POST.get("language", ""),
                mode=request.POST.get("mode", ""),
                note=request.POST.get("note", ""),
            )
        except services.PortalError as exc:
            error = str(exc)
        else:
            return redirect(reverse("portal:appointments") + "?verstuurd=1")
    return render(
        request,
        "portal/appointments.html",
        {
            "appointments": selectors.appointments(client),
            "requests": selectors.requests_of(client),
            "modes": Request.Mode.choices,
            "error": error,
            "sent": request.GET.get("verstuurd") == "1",
            "posted": request.POST,
        },
        status=400 if error else 200,
    )


@portal_page("portaal: berichten")
def messages(request):
    client = request.portal.client
    error = None
    if request.method == "POST":
        try:
            services.send_message(client, request.POST.get("body", ""))
        except services.PortalError as exc:
            error = str(exc)
        else:
            return redirect(reverse("portal:messages") + "?verstuurd=1")
    return render(
        request,
        "portal/messages.html",
        {
            "messages_list": selectors.messages_of(client),
            "contact": selectors.contact_person(client),
            "error": error,
            "sent": request.GET.get("verstuurd") == "1",
        },
        status=400 if error else 200,
    )


@portal_page("portaal: mening")
def feedback(request):
    client = request.portal.client
    error = None
    if request.method == "POST":
        try:
            services.give_feedback(
                client,
                moment_ref=request.POST.get("moment", ""),
                score=request.POST.get("score"),
                text=request.POST.get("text", ""),
            )
        except (services.PortalError, ConflictError) as exc:
            error = str(exc)
        else:
            return redirect(reverse("portal:feedback") + "?verstuurd=1")
    return render(
        request,
        "portal/feedback.html",
        {
            "moments": selectors.open_feedback_moments(client),
            "faces": FACES,
            "error": error,
            "sent": request.GET.get("verstuurd") == "1",
            "today": timezone.localdate(),
        },
        status=400 if error else 200,
    )


FACES = [
    (1, "😞", _("Heel slecht")),
    (2, "🙁", _("Slecht")),
    (3, "😐", _("Gewoon")),
    (4, "🙂", _("Goed")),
    (5, "😀", _("Heel goed")),
]


@portal_page("portaal: mijn gemeente")
def municipality(request):
    client = request.portal.client
    return render(
        request,
        "portal/municipality.html",
        {
            "municipality": client.municipality,
            "differences": selectors.differences_of(client.municipality),
        },
    )
