"""The deadline kinds the apps register (ADR 0006): code, label, informational flag.

Apart from ``clients.deadlines`` (the computations and the recompute hook) so that the
``Deadline`` model can show a kind's label without an import cycle.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DeadlineKindDef:
    """A kind of deadline: stored ``code``, Dutch ``label``; ``informational`` dates inform rather
    than demand an action, so once passed they are not "te laat"."""

    code: str
    label: str
    informational: bool = False
    #: A term set in a formal law or AMvB to which the Algemene termijnenwet applies (art. 1 and
    #: 4): its due date never falls on a Saturday, Sunday, holiday or decree day. The demo test
    #: checks every kind with this flag, so a new Atw kind is covered by setting it.
    atw: bool = False


KINDS: dict[str, DeadlineKindDef] = {}


def label(code: str) -> str:
    """The Dutch label of a stored kind (the code itself only if no app registers it any more)."""
    kind = KINDS.get(code)
    return str(kind.label) if kind else code


def informational_codes() -> list[str]:
    return sorted(code for code, kind in KINDS.items() if kind.informational)


def atw_codes() -> list[str]:
    """The kinds whose due date the Algemene termijnenwet moves to a working day."""
    return sorted(code for code, kind in KINDS.items() if kind.atw)
