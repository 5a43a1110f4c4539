import pytest

from regie.exchange.standin.zgw import ZgwStandIn
from regie.exchange.zgw import export

TINY_PDF = b"%PDF-1.4\n% stand-in\n%%EOF\n"


@pytest.fixture
def tiny_pdfs(monkeypatch):
    """The beschikking PDFs are rendered by weasyprint (a second each); the export tests only
    need bytes."""
    monkeypatch.setattr(export, "render_pip_pdf", lambda version: TINY_PDF)
    monkeypatch.setattr(export, "render_fine_pdf", lambda case: TINY_PDF)


@pytest.fixture
def zgw(settings, tiny_pdfs):
    """A plain-HTTP ZGW stand-in with the settings pointing at it; ``zgw.faults`` can be set."""
    plan: list = []
    server = ZgwStandIn(faults=lambda method, path: plan.pop(0)(method, path) if plan else None)
    server.fault_plan = plan
    server.start()
    for key, value in server.settings().items():
        setattr(settings, key, value)
    settings.REGIE_DELIVERY_TIMEOUT = 3
    server.slow_seconds = 4.5  # a 'timeout' fault answers after the client gave up
    yield server
    server.stop()
    assert server.answer_errors == []
