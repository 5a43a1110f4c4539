"""The result report as PDF: the HTML template rendered by WeasyPrint, charts as inline SVG."""

from django.template.loader import render_to_string


def render_pdf(request, template: str, context: dict) -> bytes:
    from regie.core.pdf import html_to_pdf

    html = render_to_string(template, context, request=request)
    return html_to_pdf(html, base_url=request.build_absolute_uri("/"))
