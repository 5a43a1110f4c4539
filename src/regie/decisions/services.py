"""Every write of a study goes through here: validated by the engine first, nothing stored on error.

A study is kept whole as its JSON (the issue's form). Changing weights or points builds the new
JSON, validates it with :func:`regie.decisions.mca.load_study` and saves it with the optimistic
lock of :mod:`regie.core.locking` (a stale ``version`` raises ``VersionConflict``, a 409).
Results are cached per study version.

Every write that a person makes takes the principal and checks his right here, as the other
apps do (``PermissionDenied`` otherwise): importing a study (MCA member, functioneel beheerder),
a stakeholder's weights (the policy officer of that municipality), the working group's points
(MCA member). :func:`import_study` and :func:`load_demo_studies` are for the command line and the
demo data, where no person acts.
"""

import json
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.locking import save_with_version

from . import mca, selectors
from .models import Study

DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_FILES = ("reconstructie-2019.json", "met-synthesescenario.json")
WEB_DRAWS = 20_000
WEB_SEED = 0


def validate(data: Any) -> mca.Study:
    """The engine's validated study (raises :class:`mca.StudyError`, listing every problem)."""
    return mca.load_study(data)


def import_study(region, data: Any) -> Study:
    """Store a new study for a region, for the command line and the demo data (no person acts).
    Raises StudyError (and stores nothing) on bad input."""
    validated = validate(data)
    return Study.objects.create(
        region=region, title=validated.title, data=validated.to_dict(), version=1
    )


def create_study(principal, data: Any) -> Study:
    """An MCA member or functioneel beheerder imports a study for his own region."""
    if not selectors.may_manage_studies(principal) or principal.region_id is None:
        raise PermissionDenied
    return import_study(principal.organisation.region, data)


def _require_visible(principal, study: Study) -> None:
    """The study must be one the principal may see (his own region, a study role)."""
    if not selectors.visible_studies(principal).filter(pk=study.pk).exists():
        raise PermissionDenied


def _save(study: Study, data: dict, expected_version: int) -> Study:
    validated = validate(data)
    with transaction.atomic():
        study.data = validated.to_dict()
        study.title = validated.title
        study.updated_at = timezone.now()
        save_with_version(
            study, expected_version, fields=["data", "title", "updated_at"], audit=True
        )
    study.refresh_from_db()
    return study


def update_weights(
    principal, study: Study, stakeholder: str, weights: dict, expected_version: int
) -> Study:
    """Replace one stakeholder's weights (criterion key -> number); only the policy officer of
    that stakeholder's municipality may."""
    _require_visible(principal, study)
    if not selectors.may_edit_weights(principal, study, stakeholder):
        raise PermissionDenied
    data = json.loads(json.dumps(study.data))
    data.setdefault("weights", {})[stakeholder] = dict(weights)
    return _save(study, data, expected_version)


def update_points(principal, study: Study, points: dict, expected_version: int) -> Study:
    """Replace the working group's direct points ({alternative: {criterion: number}}); only an
    MCA member may."""
    _require_visible(principal, study)
    if not selectors.may_edit_points(principal):
        raise PermissionDenied
    data = json.loads(json.dumps(study.data))
    target = data.setdefault("points", {})
    for alternative, row in points.items():
        target.setdefault(alternative, {}).update(row)
    return _save(study, data, expected_version)


def replace_study(principal, study: Study, data: Any, expected_version: int) -> Study:
    """Replace the whole study (an MCA member or functioneel beheerder)."""
    _require_visible(principal, study)
    if not selectors.may_manage_studies(principal):
        raise PermissionDenied
    if isinstance(data, str | bytes):
        data = validate(data).to_dict()
    return _save(study, data, expected_version)


def export_json(study: Study) -> str:
    return json.dumps(study.data, ensure_ascii=False, indent=2) + "\n"


def result(study: Study, draws: int = WEB_DRAWS, seed: int = WEB_SEED) -> dict:
    """The engine's analysis of the stored study, cached per study version."""
    key = f"regie-mca-{study.uuid}-{study.version}-{draws}-{seed}"
    found = cache.get(key)
    if found is None:
        found = mca.evaluate(study.data, draws=draws, seed=seed)
        cache.set(key, found, 60 * 60 * 24)
    return found


def load_demo_studies(region) -> list[Study]:
    """Create the two demo studies for a region; running it again changes nothing."""
    studies = []
    for name in DEMO_FILES:
        data = validate((DEMO_DIR / name).read_text(encoding="utf-8")).to_dict()
        existing = Study.objects.filter(region=region, title=data["title"]).first()
        studies.append(existing or import_study(region, data))
    return studies


def error_lines(error: mca.StudyError) -> list[str]:
    """'place: message' per problem, for the CLI and the error summary."""
    return [
        _("%(place)s: %(message)s") % {"place": issue.place, "message": issue.message}
        for issue in error.errors
    ]
