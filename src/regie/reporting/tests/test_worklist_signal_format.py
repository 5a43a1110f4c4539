import datetime as dt
from decimal import Decimal

from django.utils import translation

from regie.reporting import quality


def test_low_attendance_signal_writes_the_rate_with_a_dutch_decimal_comma(monkeypatch):
    row = {
        "client": object(),
        "rate": Decimal("16.7"),
        "provider": "Fiolet",
        "since": dt.date(2026, 11, 8),
    }
    monkeypatch.setattr(quality, "low_attendance_for_case_manager", lambda principal: [row])
    with translation.override("nl"):
        (signal,) = quality.worklist_signals(principal=None)
    assert "aanwezigheid 16,7%" in signal["text"] and "08-11-2026" in signal["text"]
