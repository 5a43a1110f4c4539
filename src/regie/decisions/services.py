"""Every write of a study goes through here: validated by the engine first, nothing stored on error.

A study is kept whole as its JSON (the issue's form). Changing weights or points builds the new
JSON, validates it with :func:`regie.decisions.mca.load_study` and saves it with an optimistic
lock on ``version``. Results are cached per study version.
"""

import json
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from . import mca
from .models import Study

DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_FILES = ("reconstructie-2019.json", "met-synthesescenario.json")
WEB_DRAWS = 20_000
WEB_SEED = 0


class VersionConflictError(Exception):
    """Someone else saved the study after this form was opened."""


def validate(data: Any) -> mca.Study:
    """The engine's validated study (raises :class:`mca.StudyError`, listing every problem)."""
    return mca.load_study(data)


def create_study(region, data: Any) -> Study:
    """Store a new study for a region. Raises StudyError (and stores nothing) on bad input."""
    validated = validate(data)
    return Study.objects.create(
        region=region, title=validated.title, data=validated.to_dict(), version=1
    )


def _save(study: Study, data: dict, expected_version: int) -> Study:
    validated = validate(data)
    with transaction.atomic():
        current = Study.objects.select_for_update().get(pk=study.pk)
        if current.version != expected_version:
            raise VersionConflictError
        current.data = validated.to_dict()
        current.title = validated.title
        current.version = expected_version + 1
        current.save()
    study.refresh_from_db()
    return study


def update_weights(study: Study, stakeholder: str, weights: dict, expected_version: int) -> Study:
    """Replace one stakeholder's weights (criterion key -> number)."""
    data = json.loads(json.dumps(study.data))
    data.setdefault("weights", {})[stakeholder] = dict(weights)
    return _save(study, data, expected_version)


def update_points(study: Study, points: dict, expected_version: int) -> Study:
    """Replace the working group's direct points ({alternative: {criterion: number}})."""
    data = json.loads(json.dumps(study.data))
    target = data.setdefault("points", {})
    for alternative, row in points.items():
        target.setdefault(alternative, {}).update(row)
    return _save(study, data, expected_version)


def replace_study(study: Study, data: Any, expected_version: int) -> Study:
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
        studies.append(existing or create_study(region, data))
    return studies


def error_lines(error: mca.StudyError) -> list[str]:
    """'place: message' per problem, for the CLI and the error summary."""
    return [
        _("%(place)s: %(message)s") % {"place": issue.place, "message": issue.message}
        for issue in error.errors
    ]
