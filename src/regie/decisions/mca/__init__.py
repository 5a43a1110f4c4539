"""Multi-criteria analysis (MCA) engine of the ``decisions`` app: pure computation, no database.

Public API::

    load_study(data) -> Study            # validate JSON (mapping or text); raises StudyError
    evaluate(study, draws=100000, seed=0) -> dict   # the full, JSON-able analysis
    format_text_table(result_or_study) -> str       # the 2019 study's table as text
    scores_chart_svg(result), tornado_chart_svg(result), acceptability_chart_svg(result) -> str

Methods and sources: see the module docstrings and docs/mca.md. numpy and
scipy only; the engine never imports a model or touches the database.
"""

from .analysis import evaluate
from .charts import acceptability_chart_svg, scores_chart_svg, tornado_chart_svg
from .engine import score_table
from .study import Study, StudyError, ValidationIssue, load_study
from .textformat import format_number, format_text_table

__all__ = [
    "Study",
    "StudyError",
    "ValidationIssue",
    "acceptability_chart_svg",
    "evaluate",
    "format_number",
    "format_text_table",
    "load_study",
    "score_table",
    "scores_chart_svg",
    "tornado_chart_svg",
]
