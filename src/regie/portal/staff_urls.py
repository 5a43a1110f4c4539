from django.urls import path

from . import staff_views

app_name = "portal_staff"

urlpatterns = [
    path("berichten/<uuid:uuid>/", staff_views.messages, name="messages"),
    path("verschillen/", staff_views.differences, name="differences"),
    path("verschillen/nieuw/", staff_views.difference_edit, name="difference_new"),
    path("verschillen/<int:pk>/", staff_views.difference_edit, name="difference_edit"),
]
