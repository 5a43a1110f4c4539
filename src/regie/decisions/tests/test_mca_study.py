"""Reading a study: every kind of bad input is refused with a Dutch message at its place, and a
valid study survives an export round trip."""

import copy
import json
from pathlib import Path

import pytest

from regie.decisions.mca import Study, StudyError, evaluate, load_study

DEMO = Path(__file__).resolve().parent.parent / "demo"


def study_data():
    return json.loads((DEMO / "reconstructie-2019.json").read_text(encoding="utf-8"))


def errors_of(data):
    with pytest.raises(StudyError) as caught:
        load_study(data)
    return {error.place: error.message for error in caught.value.errors}


def test_valid_study_loads():
    study = load_study(study_data())
    assert isinstance(study, Study)
    assert len(study.criteria) == 19
    assert study.criterion_keys[6] == "c07"
    assert study.stakeholders[0] == "Hoorn"
    assert study.weight_scale == study.points_scale == (1, 3)


def test_unknown_criterion_key_names_the_place():
    data = study_data()
    data["weights"]["Hoorn"]["c99"] = 2
    errors = errors_of(data)
    assert errors == {"weights.Hoorn.c99": "Onbekende criteriumsleutel c99 in weights.Hoorn."}


def test_missing_weight_names_the_place():
    data = study_data()
    del data["weights"]["Hoorn"]["c07"]
    assert errors_of(data) == {"weights.Hoorn.c07": "Gewicht ontbreekt."}


def test_weight_outside_the_scale():
    data = study_data()
    data["weights"]["Stede Broec"]["c03"] = 4
    errors = errors_of(data)
    assert errors == {"weights.Stede Broec.c03": "Waarde 4 ligt buiten de schaal 1 tot en met 3."}


def test_point_outside_a_custom_scale():
    data = study_data()
    data["scale"] = {"weights": [1, 3], "points": [1, 5]}
    data["points"]["opplus"]["c01"] = 0
    assert errors_of(data) == {
        "points.opplus.c01": "Waarde 0 ligt buiten de schaal 1 tot en met 5."
    }


@pytest.mark.parametrize(
    ("mutate", "place", "message"),
    [
        (lambda d: d.update(title=3), "title", "Verwacht een tekst."),
        (lambda d: d.update(title="  "), "title", "Deze tekst mag niet leeg zijn."),
        (lambda d: d.pop("title"), "title", "Verplicht veld ontbreekt."),
        (lambda d: d.update(clusters={}), "clusters", "Verwacht een lijst."),
        (lambda d: d.update(stakeholders=[]), "stakeholders", "Verwacht minstens 1 elementen."),
        (
            lambda d: d["weights"]["Hoorn"].update(c01="3"),
            "weights.Hoorn.c01",
            "Verwacht een getal.",
        ),
        (
            lambda d: d["weights"]["Hoorn"].update(c01=True),
            "weights.Hoorn.c01",
            "Verwacht een getal.",
        ),
        (
            lambda d: d["points"]["opplus"].update(c01=None),
            "points.opplus.c01",
            "Verwacht een getal.",
        ),
        (
            lambda d: d["weights"].update(Hoorn=[3] * 19),
            "weights.Hoorn",
            "Verwacht een object met sleutels en waarden.",
        ),
        (
            lambda d: d["clusters"][1]["criteria"][0].update(key="c01"),
            "clusters[1].criteria[0].key",
            "Dubbele sleutel c01: die staat al in clusters[0].criteria[0].key.",
        ),
        (
            lambda d: d["clusters"][3].update(key="bestuur"),
            "clusters[3].key",
            "Dubbele sleutel bestuur: die staat al in clusters[0].key.",
        ),
        (
            lambda d: d["alternatives"][2].update(key="opplus"),
            "alternatives[2].key",
            "Dubbele sleutel opplus: die staat al in alternatives[0].key.",
        ),
        (
            lambda d: d["stakeholders"].append("Hoorn"),
            "stakeholders[7]",
            "Dubbele belanghebbende Hoorn.",
        ),
        (
            lambda d: d["weights"].update(Amsterdam=d["weights"]["Hoorn"]),
            "weights.Amsterdam",
            "Onbekende belanghebbende Amsterdam in weights.",
        ),
        (
            lambda d: d["weights"].pop("Opmeer"),
            "weights.Opmeer",
            "Gewichten ontbreken voor Opmeer.",
        ),
        (
            lambda d: d["points"].update(synthese=d["points"]["opplus"]),
            "points.synthese",
            "Onbekende alternatiefsleutel synthese in points.",
        ),
        (lambda d: d["points"]["opplus"].pop("c19"), "points.opplus.c19", "Punt ontbreekt."),
        (
            lambda d: d.update(alternatives=d["alternatives"][:1]),
            "alternatives",
            "Verwacht minstens 2 elementen.",
        ),  # fmt: skip
        (
            lambda d: d.update(scale={"weights": [3, 1]}),
            "scale.weights",
            "Het minimum moet kleiner zijn dan het maximum.",
        ),
        (
            lambda d: d.update(scale={"weights": [-1, 3]}),
            "scale.weights",
            "Een gewicht kan niet negatief zijn.",
        ),
        (
            lambda d: d.update(scale={"weights": [1, 3, 5]}),
            "scale.weights",
            "Verwacht twee getallen: [minimum, maximum].",
        ),
        (lambda d: d.update(scale={"punten": [1, 3]}), "scale.punten", None),
        (lambda d: d.update(wieghts={}), "wieghts", None),
        (
            lambda d: d["clusters"][0]["criteria"][0].pop("name"),
            "clusters[0].criteria[0].name",
            "Verplicht veld ontbreekt.",
        ),  # fmt: skip
    ],
)
def test_bad_input_is_refused_at_its_place(mutate, place, message):
    data = study_data()
    mutate(data)
    errors = errors_of(data)
    assert place in errors, errors
    if message is not None:
        assert errors[place] == message
    else:
        assert errors[place].startswith("Onbekend veld")


def test_all_problems_are_reported_together():
    data = study_data()
    data["weights"]["Hoorn"]["c01"] = 9
    data["weights"]["Opmeer"]["c02"] = "hoog"
    del data["points"]["integratie"]["c05"]
    with pytest.raises(StudyError) as caught:
        load_study(data)
    places = [error.place for error in caught.value.errors]
    assert places == ["weights.Hoorn.c01", "weights.Opmeer.c02", "points.integratie.c05"]
    listed = caught.value.to_list()
    assert listed[1] == {"place": "weights.Opmeer.c02", "message": "Verwacht een getal."}
    assert "weights.Hoorn.c01" in str(caught.value)


def test_duplicate_keys_in_json_text_are_refused():
    text = (DEMO / "reconstructie-2019.json").read_text(encoding="utf-8")
    text = text.replace('"Hoorn": {"c01": 3,', '"Hoorn": {"c01": 3, "c01": 1,', 1)
    errors = errors_of(text)
    assert errors == {"weights.Hoorn.c01": "Dubbele sleutel c01."}


def test_invalid_json_text_and_nan_are_refused():
    assert list(errors_of("{")) == ["studie"]
    text = json.dumps(study_data()).replace('"c01": 3', '"c01": NaN', 1)
    errors = errors_of(text)
    assert list(errors) == ["studie"]
    assert errors["studie"].startswith("Geen geldige JSON")
    assert errors_of("[]") == {"studie": "Verwacht een object met sleutels en waarden."}


def test_nothing_is_returned_for_a_bad_study():
    data = study_data()
    data["weights"]["Hoorn"]["c07"] = 0
    result = None
    with pytest.raises(StudyError):
        result = load_study(data)
    assert result is None
    with pytest.raises(StudyError):
        evaluate(data, draws=10)


def ordering_study():
    data = study_data()
    data["orderings"] = {
        "c01": {"order": ["uitbesteding", ["opplus", "integratie"]], "tie_rule": "anchored"},
        "c19": {
            "order": [["opplus", "integratie", "uitbesteding"]],
            "tie_rule": "anchored",
            "level": 3,
            "note": "Alle drie gelijk.",
        },  # fmt: skip
    }
    data["measurements"] = {
        "c18": {
            "values": {"opplus": 100, "integratie": 400, "uitbesteding": 250},
            "direction": "cost",
            "unit": "EUR",
            "range": [100, 400],
        }
    }
    for row in data["points"].values():
        for key in ("c01", "c18", "c19"):
            del row[key]
    return data


def test_extensions_give_the_same_points_as_the_study():
    plain = load_study(study_data())
    extended = load_study(ordering_study())
    for alt in plain.alternative_keys:
        for key in ("c01", "c18", "c19"):
            assert extended.points[alt][key] == plain.points[alt][key]
    assert [float(extended.points[a]["c18"]) for a in extended.alternative_keys] == [3.0, 1.0, 2.0]
    assert extended.derivation("c01")["method"] == "ordering"
    assert extended.derivation("c19")["level"] == 3.0
    assert extended.derivation("c18")["range_source"] == "given"
    assert plain.derivation("c01")["method"] == "direct"


@pytest.mark.parametrize(
    ("mutate", "place", "message"),
    [
        (
            lambda d: d["orderings"]["c01"].update(order=["uitbesteding", "opplus"]),
            "orderings.c01.order",
            "Alternatief integratie ontbreekt in de volgorde.",
        ),
        (
            lambda d: d["orderings"]["c01"].update(order=["uitbesteding", ["opplus", "x"]]),
            "orderings.c01.order[1][1]",
            "Onbekende alternatiefsleutel x in orderings.c01.order.",
        ),
        (
            lambda d: d["orderings"]["c01"].update(
                order=["uitbesteding", "opplus", "integratie", "opplus"]
            ),
            "orderings.c01.order[3]",
            "Alternatief opplus staat al in orderings.c01.order[1].",
        ),
        (
            lambda d: d["orderings"]["c01"].update(tie_rule="gemiddeld"),
            "orderings.c01.tie_rule",
            "Onbekende regel gemiddeld. Kies uit: midrank, competition, modified_competition, "
            "dense, anchored.",
        ),
        (
            lambda d: d["orderings"]["c01"].update(level=2),
            "orderings.c01.level",
            None,
        ),
        (
            lambda d: d["orderings"].update(c99={"order": ["opplus"]}),
            "orderings.c99",
            "Onbekende criteriumsleutel c99 in orderings.",
        ),
        (
            lambda d: d["points"]["opplus"].update(c01=3),
            "points.opplus.c01",
            "De punten voor c01 staan al in orderings.c01. Geef ze op één manier op.",
        ),
        (
            lambda d: d["measurements"]["c18"].update(direction="meer"),
            "measurements.c18.direction",
            None,
        ),
        (
            lambda d: d["measurements"]["c18"]["values"].update(opplus=50),
            "measurements.c18.values.opplus",
            "Waarde 50 ligt buiten het bereik 100 tot en met 400.",
        ),
        (
            lambda d: d["measurements"]["c18"]["values"].pop("integratie"),
            "measurements.c18.values.integratie",
            "Meetwaarde ontbreekt.",
        ),
        (
            lambda d: d["measurements"].update(c01=d["measurements"]["c18"]),
            "measurements.c01",
            "De punten voor c01 staan al in orderings.c01. Geef ze op één manier op.",
        ),
        (
            lambda d: d["orderings"]["c19"].update(level=5),
            "orderings.c19.level",
            "Waarde 5 ligt buiten de schaal 1 tot en met 3.",
        ),
    ],
)
def test_bad_extensions_are_refused_at_their_place(mutate, place, message):
    data = ordering_study()
    mutate(data)
    errors = errors_of(data)
    assert place in errors, errors
    if message is not None:
        assert errors[place] == message


@pytest.mark.parametrize(
    "name", ["reconstructie-2019.json", "met-synthesescenario.json", "extended"]
)
def test_export_round_trip(name):
    data = ordering_study() if name == "extended" else json.loads((DEMO / name).read_text())
    study = load_study(data)
    exported = study.to_dict()
    again = load_study(json.loads(json.dumps(exported)))
    assert again == study
    assert again.to_dict() == exported
    if name != "extended":
        assert exported == data


def test_weights_of_zero_need_a_scale_that_allows_them_and_not_all_zero():
    data = study_data()
    data["scale"] = {"weights": [0, 3], "points": [1, 3]}
    data["weights"]["Hoorn"] = {key: 0 for key in data["weights"]["Hoorn"]}
    assert errors_of(data) == {"weights.Hoorn": "Alle gewichten van Hoorn zijn 0."}
    data["weights"]["Hoorn"]["c01"] = 1
    assert load_study(data).weights["Hoorn"]["c01"] == 1


def test_input_is_not_modified():
    data = study_data()
    before = copy.deepcopy(data)
    evaluate(data, draws=10)
    assert data == before
