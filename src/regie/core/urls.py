from django.urls import path

from .views import auth, logs, pages, retention, roles, rules, workitems

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("inloggen/", auth.login_view, name="login"),
    path("tweede-factor/", auth.otp_view, name="otp"),
    path("uitloggen/", auth.logout_view, name="logout"),
    path("rol/", auth.role_switch, name="role_switch"),
    path("geen-rol/", auth.no_role, name="no_role"),
    path("sessie/verlengen/", auth.keep_alive, name="keep_alive"),
    path("organisaties/", pages.organisations, name="organisations"),
    path("organisaties/<uuid:uuid>/", pages.organisation_detail, name="organisation"),
    path("organisaties/<uuid:uuid>/wijzigen/", pages.organisation_edit, name="organisation_edit"),
    path(
        "organisaties/<uuid:uuid>/taakstelling/",
        pages.housing_target_add,
        name="housing_target_add",
    ),
    path("rollen/", roles.role_overview, name="roles"),
    path("rollen/toekennen/", roles.role_grant, name="role_grant"),
    path("rollen/<int:pk>/wijzigen/", roles.role_change, name="role_change"),
    path("rollen/<int:pk>/beeindigen/", roles.role_end, name="role_end"),
    path(
        "rollen/aanvragen/<uuid:uuid>/<str:decision>/",
        roles.role_decide,
        name="role_decide",
    ),
    path("regels/", rules.rule_sets, name="rule_sets"),
    path("regels/nieuw/", rules.rule_set_new, name="rule_set_new"),
    path("regels/dagen/", rules.decree_days, name="decree_days"),
    path("privacy/inzagelog/", logs.access_log, name="access_log"),
    path("privacy/wijzigingen/", logs.change_log, name="change_log"),
    path("vernietigen/", retention.destruction, name="destruction"),
    path(
        "vernietigen/<uuid:uuid>/akkoord/",
        retention.destruction_approve,
        name="destruction_approve",
    ),
    path("taken/", workitems.work_items, name="work_items"),
    path("taken/<uuid:uuid>/afronden/", workitems.work_item_complete, name="work_item_complete"),
    path("toegankelijkheid/", pages.accessibility, name="accessibility"),
    path("privacyverklaring/", pages.privacy_statement, name="privacy_statement"),
]
