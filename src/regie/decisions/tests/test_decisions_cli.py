"""``regie mca evaluate|import|export`` with call_command (no subprocesses)."""

import io
import json
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from regie.core.tests.factories import RegionFactory
from regie.decisions.models import Study

DEMO = Path(__file__).resolve().parent.parent / "demo"
RECONSTRUCTION = DEMO / "reconstructie-2019.json"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("mca", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("mca", *args, stdout=out, stderr=err)
    return info.value, err.getvalue()


@pytest.fixture
def bad_study(tmp_path):
    data = json.loads(RECONSTRUCTION.read_text(encoding="utf-8"))
    data["onbekend"] = 1
    data["weights"]["Hoorn"]["c07"] = 9
    path = tmp_path / "fout.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_evaluate_json_has_the_issue_keys():
    out, _err = run("evaluate", str(RECONSTRUCTION), "--format", "json", "--draws", "500")
    result = json.loads(out)
    for key in ("clusters", "total", "ranking", "robustness", "stakeholders"):
        assert key in result
    assert {"key", "name", "mean_weight", "scores"} <= set(result["clusters"][0])
    assert {"clear_winner", "smallest_point_change", "rank_acceptability"} <= set(
        result["robustness"]
    )
    assert result["ranking"][0] == "uitbesteding"
    assert result["total"]["scores"]["opplus"] == pytest.approx(82.142857142857)  # unrounded
    assert "Cliënt" in out  # ensure_ascii=False
    assert result["robustness"]["smaa"]["draws"] == 500


def test_evaluate_text_prints_the_study_table_and_verdict():
    out, _err = run("evaluate", str(RECONSTRUCTION), "--format", "text", "--draws", "500")
    total = next(line for line in out.splitlines() if line.startswith("Totaal"))
    assert total.split()[-3:] == ["82,14", "97,43", "98,14"]
    assert "2,45" in total
    assert "Er is geen duidelijke winnaar." in out


def test_evaluate_bad_study_exits_2_naming_the_place(bad_study):
    error, err = run_failing("evaluate", str(bad_study))
    assert error.returncode == 2
    assert "onbekend: Onbekend veld onbekend" in err
    assert "weights.Hoorn.c07" in err


def test_evaluate_invalid_json_exits_2(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text("{kapot", encoding="utf-8")
    error, err = run_failing("evaluate", str(path))
    assert error.returncode == 2
    assert "studie: Geen geldige JSON" in err


def test_import_and_export_roundtrip(db):
    region = RegionFactory()
    out, _err = run("import", str(RECONSTRUCTION), "--region", region.code)
    study = Study.objects.get()
    assert study.region == region
    assert "opgeslagen" in out
    exported, _err = run("export", str(study.pk))
    assert json.loads(exported) == json.loads(RECONSTRUCTION.read_text(encoding="utf-8"))
    exported_by_uuid, _err = run("export", str(study.uuid))
    assert exported_by_uuid == exported


def test_import_bad_study_stores_nothing(db, bad_study):
    region = RegionFactory()
    error, err = run_failing("import", str(bad_study), "--region", region.code)
    assert error.returncode == 2
    assert "weights.Hoorn.c07" in err
    assert Study.objects.count() == 0


def test_export_unknown_exits_2(db):
    error, _err = run_failing("export", "999")
    assert error.returncode == 2


def test_command_line_exit_code_is_2(bad_study, capsys):
    """Run as ``regie mca`` (not via call_command), a CommandError becomes exit code 2."""
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as info:
        ManagementUtility(["regie", "mca", "evaluate", str(bad_study)]).execute()
    assert info.value.code == 2
    assert "onbekend" in capsys.readouterr().err
