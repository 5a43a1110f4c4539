from django.urls import path

from . import guidance_views, views

app_name = "progress"

urlpatterns = [
    path("<uuid:uuid>/begeleiding/", guidance_views.guidance, name="guidance"),
    path("<uuid:uuid>/begeleiding/notitie/", guidance_views.add_note, name="guidance_note"),
    path(
        "<uuid:uuid>/begeleiding/afspraak/",
        guidance_views.plan_appointment,
        name="guidance_appointment",
    ),
    path("<uuid:uuid>/begeleiding/vraag/", guidance_views.ask_guide, name="guidance_ask"),
    path("<uuid:uuid>/voortgang/", views.reviews, name="reviews"),
    path("<uuid:uuid>/voortgang/<uuid:review_uuid>/", views.review_record, name="review_record"),
    path("<uuid:uuid>/handhaving/", views.enforcement, name="enforcement"),
    path(
        "<uuid:uuid>/handhaving/<uuid:case_uuid>/",
        views.enforcement_case,
        name="enforcement_case",
    ),
    path(
        "<uuid:uuid>/handhaving/<uuid:case_uuid>/boete-voorstellen/",
        views.propose_fine,
        name="propose_fine",
    ),
    path(
        "<uuid:uuid>/handhaving/<uuid:case_uuid>/boete-besluiten/",
        views.decide_fine,
        name="decide_fine",
    ),
    path(
        "<uuid:uuid>/handhaving/<uuid:case_uuid>/boetebesluit.pdf",
        views.fine_pdf,
        name="fine_pdf",
    ),
    path("<uuid:uuid>/duo-en-afsluiten/", views.duo, name="duo"),
    path(
        "<uuid:uuid>/duo-en-afsluiten/verklaring-te-laat-aanbod/",
        views.late_offer,
        name="late_offer",
    ),
    path(
        "<uuid:uuid>/duo-en-afsluiten/verklaring/<uuid:statement_uuid>.pdf",
        views.late_offer_pdf,
        name="late_offer_pdf",
    ),
    path("<uuid:uuid>/duo-en-afsluiten/sluiten/", views.close, name="close"),
    path("<uuid:uuid>/duo-en-afsluiten/verhuizing/", views.move, name="move"),
    path("<uuid:uuid>/overdracht.zip", views.handover_export, name="handover_export"),
    path("overdracht/importeren/", views.handover_import, name="handover_import"),
]
