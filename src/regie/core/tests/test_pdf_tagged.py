"""Every PDF the app makes (beschikking, objection letters, fine decision, late-offer statement,
result report, "my plan") goes through ``core.pdf.html_to_pdf``: each is a tagged PDF/UA-1 file
whose document language is the ``lang`` of its template."""

import io

import pytest
from pypdf import PdfReader

from regie.core.pdf import html_to_pdf


@pytest.mark.parametrize("lang", ["nl", "ar", "en"])
def test_every_pdf_is_tagged_pdf_ua_with_the_language_of_its_template(lang):
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Brief</title>'
        "</head><body><h1>Kop</h1><p>Tekst</p></body></html>"
    )
    root = PdfReader(io.BytesIO(html_to_pdf(html))).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == lang
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
