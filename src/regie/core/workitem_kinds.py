"""The registry of work-item kinds and subject types (ADR 0008), apart from the services in
``core.workitems`` so that the model and the selectors can read labels without an import cycle.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .roles import Role


@dataclass(frozen=True)
class Kind:
    """What a kind of work item is. ``url(item, subject)`` leads to where the work is done;
    with ``completed_by_act`` the act itself finishes the item (e.g. deciding the PIP), so the
    worklist offers the link instead of "Afronden"."""

    code: str
    label: str
    role: str
    due_days: int
    url: Callable | None = None
    link_text: str | None = None
    completed_by_act: bool = False
    describe: Callable | None = None


@dataclass(frozen=True)
class Subject:
    """One row of a subject as the worklist shows it (loaded in bulk by the owning app)."""

    id: int
    label: str
    url: str
    obj: object = None
    log_key: str = ""  # what the access log pseudonymises (a client's BSN); never shown


@dataclass(frozen=True)
class SubjectType:
    """``visible(principal)`` and ``own(principal)`` return a query of subject ids (a subquery,
    so the worklist stays one query); ``load(ids)`` returns ``{id: Subject}`` in one query."""

    code: str
    visible: Callable
    load: Callable
    own: Callable | None = None


_KINDS: dict[str, Kind] = {}
_SUBJECTS: dict[str, SubjectType] = {}


def register_kind(
    code: str,
    label,
    *,
    role: str,
    due_days: int,
    url: Callable | None = None,
    link_text=None,
    completed_by_act: bool = False,
    describe: Callable | None = None,
) -> Kind:
    """Register a kind of work item (called from the creating app's ``ready()``).

    ``describe(item)`` gives the line under the label in the user's language (from ``details``,
    no query); without it the stored ``summary`` is shown."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r} for work item kind {code!r}")
    kind = Kind(code, label, role, due_days, url, link_text, completed_by_act, describe)
    _KINDS[code] = kind
    return kind


def register_subject(code: str, *, visible: Callable, load: Callable, own=None) -> SubjectType:
    """Register a subject type (``"client"`` by the clients app)."""
    subject_type = SubjectType(code, visible, load, own)
    _SUBJECTS[code] = subject_type
    return subject_type


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def subject_types() -> dict[str, SubjectType]:
    return dict(_SUBJECTS)


def get_kind(code: str) -> Kind:
    try:
        return _KINDS[code]
    except KeyError:
        raise ValueError(f"work item kind {code!r} is not registered") from None


def kind_label(code: str) -> str:
    kind = _KINDS.get(code)
    return str(kind.label) if kind else str(_("Taak"))
