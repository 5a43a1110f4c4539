from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.login, name="login"),
    path("inloggen/digid/", views.login_start, name="login_start"),
    path("inloggen/terug/", views.callback, name="callback"),
    path("uitloggen/", views.logout, name="logout"),
    path("plan/", views.plan, name="plan"),
    path("plan/mijn-plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("plan/beschikking.pdf", views.plan_decision_pdf, name="decision_pdf"),
    path("afspraken/", views.appointments, name="appointments"),
    path("berichten/", views.messages, name="messages"),
    path("mening/", views.feedback, name="feedback"),
    path("gemeente/", views.municipality, name="municipality"),
]
