"""BSN: validation with the 11-test (python-stdnum) and masking for lists."""

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalise_bsn(value: str) -> str:
    return stdnum_bsn.compact(value or "")


def is_valid_bsn(value: str) -> bool:
    return stdnum_bsn.is_valid(value or "")


def validate_bsn(value: str) -> None:
    try:
        stdnum_bsn.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Vul een geldig BSN in: 9 cijfers die de elfproef doorstaan."), code="invalid_bsn"
        ) from None


def mask_bsn(value: str) -> str:
    """Show only the last three digits: '*****6789' becomes '******789'."""
    digits = normalise_bsn(value)
    if len(digits) < 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 3) + digits[-3:]


def demo_bsns(count: int, start: int = 0):
    """Yield BSNs in the 9999xxxxx range the BRP uses for test persons, each passing the 11-test."""
    produced = 0
    n = start
    while produced < count:
        if n > 99999:
            raise ValueError("the test range 999900000-999999999 is exhausted")
        candidate = f"9999{n:05d}"
        n += 1
        if stdnum_bsn.is_valid(candidate):
            produced += 1
            yield candidate
