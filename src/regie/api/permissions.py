from rest_framework.permissions import BasePermission


class HasPrincipal(BasePermission):
    """Any authenticated organisation or user role; what it sees is decided by the scoping."""

    message = "U bent niet ingelogd of uw token is niet geldig."

    def has_permission(self, request, view):
        return getattr(request._request, "principal", None) is not None and request.auth is not None


def principal_of(request):
    return getattr(request._request, "principal", None)
