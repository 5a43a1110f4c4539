"""Maatschappelijke begeleiding (issue 14): the dossier part *Begeleiding* with the begeleider's
appointments and notes, his forms, and the case manager's question to the begeleider. Thin:
writes in services, reads in selectors; every page through ``open_dossier`` (scoped, logged)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from regie.clients.selectors import Access
from regie.clients.views import open_dossier
from regie.core.views.forms import render_form

from . import services
from .forms import AskGuideForm, GuidanceAppointmentForm, GuidanceNoteForm
from .selectors import guidance_of

READERS = {Access.CONTACT, Access.FULL, Access.READ}


def guidance(request, uuid):
    client, access, context = open_dossier(
        request, uuid, part="begeleiding", url_name="progress:guidance", allowed=READERS
    )
    context.update(guidance_of(client))
    context.update(
        {
            "is_guide": access == Access.CONTACT,
            "can_ask": access == Access.FULL and client.social_guide_id is not None,
        }
    )
    return render_form(request, "progress/guidance.html", context)


def _form_page(
    request, uuid, *, allowed, form_class, title, submit, save, done, template_extra=None
):
    write = request.method == "POST"
    client, access, context = open_dossier(
        request, uuid, part="begeleiding", url_name="progress:guidance", allowed=allowed
    )
    form = form_class(request.POST if write else None)
    if write and form.is_valid():
        try:
            save(client, form.cleaned_data)
        except services.ProgressError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        except PermissionDenied:
            raise
        else:
            messages.success(request, done)
            return redirect("progress:guidance", uuid=client.uuid)
    context.update({"form": form, "title": title, "submit": submit, **(template_extra or {})})
    return render_form(request, "progress/guidance_form.html", context, form)


def add_note(request, uuid):
    return _form_page(
        request,
        uuid,
        allowed={Access.CONTACT},
        form_class=GuidanceNoteForm,
        title=_("Notitie toevoegen"),
        submit=_("Notitie opslaan"),
        save=lambda client, data: services.add_guidance_note(request.principal, client, **data),
        done=_("De notitie is opgeslagen. De klantregisseur ziet haar in het dossier."),
    )


def plan_appointment(request, uuid):
    return _form_page(
        request,
        uuid,
        allowed={Access.CONTACT},
        form_class=GuidanceAppointmentForm,
        title=_("Afspraak plannen"),
        submit=_("Afspraak plannen"),
        save=lambda client, data: services.plan_guidance_appointment(
            request.principal, client, **data
        ),
        done=_("De afspraak is gepland."),
    )


def ask_guide(request, uuid):
    return _form_page(
        request,
        uuid,
        allowed={Access.FULL},
        form_class=AskGuideForm,
        title=_("Vraag aan de begeleider"),
        submit=_("Vraag versturen"),
        save=lambda client, data: services.ask_guide(request.principal, client, **data),
        done=_("De vraag staat bij de begeleider in zijn taken."),
    )
