"""The static Qt 6 check (tests/test_qt6_names.py) against what the installed bindings hold.

The checker recognises an unscoped enum member by its shape (``Owner.Member``, not called), not from
a list, so every enum member ``dir()`` shows on these classes must be caught; and every QGIS 3-only
enum type it names must exist in the bindings, so its advice points at real names.
"""
import importlib

import pytest
from test_qt6_names import QGIS3_ONLY_ENUMS, problems_in_source

CLASSES = {
    "qgis.core": ["Qgis", "QgsWkbTypes", "QgsProcessing", "QgsFeatureSink", "QgsProcessingParameterNumber",
                  "QgsProcessingParameterField", "QgsFeatureRequest", "QgsProcessingAlgorithm",
                  "QgsProcessingParameterDefinition", "QgsUnitTypes", "QgsFields", "QgsMapLayer",
                  "QgsVectorFileWriter", "QgsLayoutExporter", "QgsCoordinateTransform"],
    "qgis.PyQt.QtCore": ["Qt", "QVariant", "QMetaType"],
    "qgis.PyQt.QtGui": ["QFont", "QColor", "QImage", "QPainter"],
    "qgis.PyQt.QtWidgets": ["QDialog", "QMessageBox", "QSizePolicy", "QAbstractItemView"],
}


def _class(module, name):
    return getattr(importlib.import_module(module), name)


def _is_enum_type(value):
    return isinstance(value, type) and type(value).__name__ in ("enumtype", "EnumType", "EnumMeta")


def _unscoped_members(cls):
    """Names on ``cls`` whose value is a member of one of its enums (PyQt5 puts them on the class).

    Not CONSTANTS_WITH_UNDERSCORES such as Qgis.DEFAULT_SNAP_UNITS: constants of an enum type that
    QGIS 4 keeps under the same name.
    """
    members = []
    for name in dir(cls):
        if name.startswith("_") or (name.isupper() and "_" in name):
            continue
        value = getattr(cls, name, None)
        if not _is_enum_type(value) and _is_enum_type(type(value)):
            members.append(name)
    return members


@pytest.mark.parametrize("module, name", [(m, n) for m, names in CLASSES.items() for n in names])
def test_every_unscoped_enum_member_of_the_bindings_is_caught(module, name):
    members = _unscoped_members(_class(module, name))
    assert members, name  # the class has enums, so the check below tests something
    missed = [member for member in members if not problems_in_source(f"value = {name}.{member}")]
    assert missed == []


@pytest.mark.parametrize("owner, enum_name", sorted(QGIS3_ONLY_ENUMS))
def test_the_qgis3_only_enums_the_checker_names_exist_here(owner, enum_name):
    module = "qgis.PyQt.QtCore" if owner == "QVariant" else "qgis.core"
    assert _is_enum_type(getattr(_class(module, owner), enum_name))
