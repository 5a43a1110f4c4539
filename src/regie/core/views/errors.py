"""Error pages in plain Dutch, with a support reference; never a stack trace."""

from django.shortcuts import render


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"code": 403}, status=403)


def not_found(request, exception=None):
    return render(request, "core/error.html", {"code": 404}, status=404)


def server_error(request):
    reference = getattr(request, "request_id", "")
    return render(request, "core/error_500.html", {"reference": reference}, status=500)
