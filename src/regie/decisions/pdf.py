"""The result report as PDF: the HTML template rendered by WeasyPrint, charts as inline SVG."""

from django.template.loader import render_to_string


def render_pdf(request, template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: loading it is slow and needs Pango

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
