"""Engine errors reach the user translated and naming the tool's parameters (ui/errors.py); field names are
matched case-insensitively, as QGIS matches them."""
import re

import pytest
from layer_helpers import as_layer, memory_table
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import QCoreApplication

from clusterbelt.core import errors
from clusterbelt.ui.errors import MESSAGES, engine_errors


def error_classes():
    found, todo = [], [errors.InputError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__ == errors.__name__]


def placeholders(template):
    return set(re.findall(r"{(\w+)}", template))


def test_every_error_code_has_a_template_with_the_errors_placeholders():
    samples = {
        errors.NotATableError: dict(given="list"), errors.MissingFieldError: dict(table="t", available=["a"]),
        errors.WrongLengthError: dict(table="t", expected=3, got=2), errors.EmptyTableError: dict(table="t"),
        errors.MultiCityRowsError: dict(table="t"), errors.NeedsFieldError: dict(needs="belt_year"),
    }
    for cls in error_classes():
        assert cls.code in MESSAGES, f"ui/errors.py MESSAGES needs a template for {cls.__name__} ({cls.code})"
        error = cls("why", role="belt_city", field="f", rows=[1, 2], values=["v"], **samples.get(cls, {}))
        known = set(error.arguments())
        assert placeholders(MESSAGES[cls.code]) <= known, cls.code
        assert placeholders(cls.template) <= known, cls.code


def test_the_message_uses_the_label_and_the_translation(clusterbelt_provider):
    from clusterbelt.plugin import install_translator

    labels = {"cluster_weight": "Cluster weight field (e.g. city_share)"}
    with pytest.raises(QgsProcessingException) as english:
        with engine_errors(labels):
            raise errors.BadRowsError(role="cluster_weight", field="w", rows=range(1, 26))
    assert str(english.value) == (
        "Cluster weight field (e.g. city_share): field 'w' has a missing, non-numeric or negative value in 25 rows "
        "(rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 and 5 more, counting from 1).")
    translator = install_translator("zh_CN")
    try:
        with pytest.raises(QgsProcessingException) as chinese:
            with engine_errors({"cluster_weight": "集群权重字段"}):
                raise errors.BadRowsError(role="cluster_weight", field="w", rows=range(1, 26))
    finally:
        QCoreApplication.removeTranslator(translator)
    assert str(chinese.value).startswith("集群权重字段：字段“w”有 25 行的值缺失、非数值或为负（第 1, 2, 3")
    assert "另有 5 个" in str(chinese.value) and "rows" not in str(chinese.value)


def test_weights_refused_by_the_engine_name_the_parameter(clusterbelt_provider):
    import processing

    clusters = memory_table([("city", "string"), ("kind", "string"), ("w", "double")],
                            [("深圳", "seic", 1.0), ("广州", "amc", -2.0)])
    belts = memory_table([("city", "string")], [("深圳",)])
    parameters = {"CLUSTERS": clusters, "CLUSTER_CITY_FIELD": "city", "CLUSTER_TYPE_FIELD": "kind",
                  "CLUSTER_WEIGHT_FIELD": "w", "BELTS": belts, "BELT_CITY_FIELD": "city",
                  "OUTPUT": "TEMPORARY_OUTPUT"}
    with pytest.raises(QgsProcessingException, match=r"^Cluster weight field \(e.g. city_share\): field 'w' .* "
                                                     r"in 1 rows \(rows 2, counting from 1\)"):
        processing.run("clusterbelt:citycolocation", parameters, context=QgsProcessingContext(),
                       feedback=QgsProcessingFeedback())


def test_field_names_match_whatever_their_case(clusterbelt_provider):
    """CLUSTER_CITY_FIELD='City' on a layer whose field is 'city' passes QGIS's check, so it must work."""
    import processing

    clusters = memory_table([("city", "string"), ("Industry", "string")], [("深圳", "电池"), ("杭州", "电商")])
    belts = memory_table([("CITY", "string"), ("industry", "string"), ("Year", "int")],
                         [("深圳", "电池", 2021), ("杭州", "服装", 2021)])
    parameters = {"CLUSTERS": clusters, "CLUSTER_CITY_FIELD": "City", "CLUSTER_INDUSTRY_FIELD": "industry",
                  "BELTS": belts, "BELT_CITY_FIELD": "city", "BELT_INDUSTRY_FIELD": "INDUSTRY",
                  "BELT_YEAR_FIELD": "year", "YEARS": "2021", "OUTPUT": "TEMPORARY_OUTPUT",
                  "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT"}
    context = QgsProcessingContext()
    results = processing.run("clusterbelt:matchclustersbelts", parameters, context=context,
                             feedback=QgsProcessingFeedback())
    layer = as_layer(results["OUTPUT"], context)
    assert [f["match_class"] for f in layer.getFeatures()] == ["matched", "none"]
    # the input fields keep their own spelling
    assert layer.fields().names()[:2] == ["city", "Industry"]
    colocation = processing.run("clusterbelt:citycolocation", {
        "CLUSTERS": clusters, "CLUSTER_CITY_FIELD": "CITY", "BELTS": belts, "BELT_CITY_FIELD": "City",
        "BELT_YEAR_FIELD": "YEAR", "OUTPUT": "TEMPORARY_OUTPUT"}, context=context, feedback=QgsProcessingFeedback())
    assert colocation["CITIES_WITH_BOTH"] == 2
