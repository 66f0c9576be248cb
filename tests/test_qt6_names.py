"""No name that PyQt6 or QGIS 4 refuses may come back into the code (issue 9).

QGIS 4 runs plugins on Qt 6 / PyQt6, where every enum is scoped (``Qt.AlignmentFlag.AlignLeft``,
never ``Qt.AlignLeft``), ``QVariant.Int`` and ``exec_()`` are gone, and QGIS 4 dropped its flat
enums (``QgsWkbTypes.Point``, ``QgsProcessing.TypeVectorPoint``, ``Qgis.Warning``...). Every
Qt/QGIS enum or type name the project uses is therefore resolved once, in ui/compat.py, and
taken from there. This test reads the code with ``ast`` (no QGIS needed, so it also runs where
QGIS is not installed) and fails on any of these outside ui/compat.py:

- an enum member or enum type taken straight from a Qt/QGIS class: ``Owner.Member`` that is not
  called (the PyQt5-only unscoped form) and ``Owner.Enum.Member`` (scoped, but the scoped
  name depends on the QGIS version: ``QgsWkbTypes.Type.Point`` is QGIS 3 only,
  ``Qgis.WkbType.Point`` exists from 3.30 only);
- methods PyQt6 dropped (``exec_``, ``print_``);
- Qt imported from PyQt5, PyQt6, PySide or ``sip`` directly instead of through ``qgis.PyQt``;
- Qt classes removed in Qt 6 (``QRegExp``, ``QDesktopWidget``...).

tests/qgis/test_qt6_names_bindings.py proves the shape rule catches every unscoped enum member that
``dir()`` shows on the main Qt and QGIS classes of the installed bindings. The lists follow the Qt 6
porting notes ("Changes to Qt modules in Qt 6", PyQt6's "Differences between PyQt5 and PyQt6") and
the QGIS 3.30-3.40 API moves to ``Qgis.*`` enums, checked against ``dir()`` of the QGIS 3.22 bindings
(``QgsWkbTypes.Type``, ``QgsProcessing.SourceType``...).
"""
import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
COMPAT = ROOT / "ui" / "compat.py"
# What ships or runs against QGIS: the plugin, the scripts and the tests (the suite must give no
# deprecation warnings on 3.44 either).
SCANNED = ("__init__.py", "plugin.py", "ui", "core", "scripts", "tests")

# A Qt or QGIS class: Qt, Qgis, QgsXxx or QXxx. Not the Qt modules (QtCore, QtGui...), which only
# lead to a class.
QT_OR_QGIS_CLASS = re.compile(r"^(Qt|Qgis|Qgs[A-Z]\w*|Q[A-Z][a-z]\w*)$")
QT_MODULES = {"PyQt5", "PyQt6", "PySide2", "PySide6", "sip"}
REMOVED_METHODS = {"exec_": "exec()", "print_": "print()"}
# Classes Qt 6 removed (or moved to Qt5Compat, which PyQt6 does not ship), with what replaces them.
REMOVED_QT_CLASSES = {
    "QRegExp": "QRegularExpression",
    "QRegExpValidator": "QRegularExpressionValidator",
    "QDesktopWidget": "QGuiApplication.screens()",
    "QTextCodec": "Python's str.encode/decode",
    "QMatrix": "QTransform",
    "QGLWidget": "QOpenGLWidget",
    "QGLFormat": "QSurfaceFormat",
    "QSound": "QSoundEffect",
    "QLinkedList": "a Python list",
    "QStringRef": "str",
    "QDirModel": "QFileSystemModel",
    "QWebView": "QgsWebView or a browser",
}
# The one Qt enum whose members are lower case (Qt.GlobalColor): Qt.red is Qt.GlobalColor.red in PyQt6.
QT_GLOBAL_COLORS = {"black", "blue", "color0", "color1", "cyan", "darkBlue", "darkCyan", "darkGray", "darkGreen",
                    "darkMagenta", "darkRed", "darkYellow", "gray", "green", "lightGray", "magenta", "red",
                    "transparent", "white", "yellow"}
# QGIS 3 enum types that QGIS 4 no longer has, and where their members went.
QGIS3_ONLY_ENUMS = {
    ("QgsWkbTypes", "Type"): "Qgis.WkbType (3.30)",
    ("QgsWkbTypes", "GeometryType"): "Qgis.GeometryType (3.30)",
    ("QgsProcessing", "SourceType"): "Qgis.ProcessingSourceType (3.36)",
    ("QgsProcessingParameterNumber", "Type"): "Qgis.ProcessingNumberParameterType (3.36)",
    ("QgsProcessingParameterField", "DataType"): "Qgis.ProcessingFieldParameterDataType (3.36)",
    ("QgsProcessingAlgorithm", "Flag"): "Qgis.ProcessingAlgorithmFlag (3.36)",
    ("QgsProcessingParameterDefinition", "Flag"): "Qgis.ProcessingParameterFlag (3.36)",
    ("QgsFeatureRequest", "Flag"): "Qgis.FeatureRequestFlag (3.36)",
    ("QgsFeatureRequest", "InvalidGeometryCheck"): "Qgis.InvalidGeometryCheck (3.36)",
    ("QgsUnitTypes", "LayoutUnit"): "Qgis.LayoutUnit (3.30)",
    ("QgsUnitTypes", "DistanceUnit"): "Qgis.DistanceUnit (3.30)",
    ("QgsFields", "FieldOrigin"): "Qgis.FieldOrigin (3.38)",
    ("QgsMapLayer", "LayerType"): "Qgis.LayerType (3.30)",
    ("QVariant", "Type"): "QMetaType.Type (QGIS 3.38 fields)",
}


def _is_enum_like(name):
    """A name an enum type or member may have (Point, AlignLeft, AA_EnableHighDpiScaling, Format_ARGB32,
    ARGB32); not a method (lower case first) nor a CONSTANT_WITH_UNDERSCORES (QGIS_VERSION_INT)."""
    if not name[:1].isupper():
        return False
    return not (name.isupper() and "_" in name)


def _attribute_chain(node):
    """['QgsWkbTypes', 'Type', 'Point'] for QgsWkbTypes.Type.Point; None unless it starts at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def problems_in_source(source, filename="<source>"):
    """(line, message) for every name in ``source`` that PyQt6 or QGIS 4 refuses."""
    tree = ast.parse(source, filename)
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = []

    def report(node, message):
        found.append((node.lineno, message))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in QT_MODULES:
                    report(node, f"import {alias.name}: import Qt through qgis.PyQt")
        elif isinstance(node, ast.ImportFrom):
            if node.module and node.module.split(".")[0] in QT_MODULES:
                report(node, f"from {node.module} import ...: import Qt through qgis.PyQt")
            for alias in node.names:
                if alias.name in REMOVED_QT_CLASSES:
                    report(node, f"{alias.name} is gone in Qt 6: use {REMOVED_QT_CLASSES[alias.name]}")
        elif isinstance(node, ast.Name) and node.id in REMOVED_QT_CLASSES:
            report(node, f"{node.id} is gone in Qt 6: use {REMOVED_QT_CLASSES[node.id]}")
        elif isinstance(node, ast.Attribute):
            if node.attr in REMOVED_METHODS:
                report(node, f".{node.attr}() is gone in PyQt6: use .{REMOVED_METHODS[node.attr]}")
            parent = parents.get(node)
            if isinstance(parent, ast.Attribute) and parent.value is node:
                continue  # only the whole chain QgsWkbTypes.Type.Point is judged, not its prefixes
            found.extend((node.lineno, message) for message in _enum_problems(node, parent))
    return sorted(found)


def _enum_problems(node, parent):
    chain = _attribute_chain(node)
    if chain is None:
        return []
    owners = [i for i, part in enumerate(chain) if QT_OR_QGIS_CLASS.match(part)]
    if not owners:
        return []
    owner = chain[owners[0]]
    rest = chain[owners[0] + 1:]
    if owner == "Qt" and rest[:1] and rest[0] in QT_GLOBAL_COLORS:
        return [f"Qt.{rest[0]}: unscoped enum member (PyQt5 only); use the ui/compat.py name"]
    if not rest or not _is_enum_like(rest[0]):
        return []
    dotted = ".".join([owner] + rest)
    if len(rest) >= 2 and _is_enum_like(rest[1]):
        moved = QGIS3_ONLY_ENUMS.get((owner, rest[0]))
        if moved:
            return [f"{dotted}: {owner}.{rest[0]} is QGIS 3 only (now {moved}); use the ui/compat.py name"]
        return [f"{dotted}: enum member outside ui/compat.py; use (or add) the ui/compat.py name"]
    called = isinstance(parent, ast.Call) and parent.func is node and len(rest) == 1
    if called:
        return []  # a nested class or an enum built from a value: QgsLayoutExporter.ImageExportSettings()
    return [f"{dotted}: unscoped enum member (PyQt5 / QGIS 3 only) or enum type outside ui/compat.py; "
            "use the ui/compat.py name"]


def scanned_files():
    for entry in SCANNED:
        path = ROOT / entry
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for file in files:
            if file != COMPAT and "__pycache__" not in file.parts:
                yield file


def test_shipped_code_has_no_pyqt5_or_qgis3_only_names():
    problems = []
    for file in scanned_files():
        for line, message in problems_in_source(file.read_text(encoding="utf-8"), str(file)):
            problems.append(f"{file.relative_to(ROOT)}:{line}: {message}")
    assert not problems, "\n".join(problems)


def test_the_scan_covers_the_plugin_scripts_and_tests():
    scanned = {file.relative_to(ROOT).as_posix() for file in scanned_files()}
    for expected in ("plugin.py", "__init__.py", "ui/provider.py", "ui/io/fast_read.py",
                     "ui/algorithms/standard_deviational_ellipse.py", "scripts/demo.py", "tests/conftest.py"):
        assert expected in scanned
    assert "ui/compat.py" not in scanned


# Planted bad names: each must be caught (the names issue 9 found, and the PyQt6 classics).
@pytest.mark.parametrize("source", [
    "from qgis.core import QgsWkbTypes\nkind = QgsWkbTypes.Point",
    "x = QgsWkbTypes.NoGeometry",
    "sink(name, QgsProcessing.TypeVectorPoint)",
    "sink.addFeature(feature, QgsFeatureSink.FastInsert)",
    "log(text, 'ClusterBelt', Qgis.Warning)",
    "QgsField('n', QVariant.Int)",
    "QgsField('n', QVariant.Type.Int)",
    "QgsField('n', QMetaType.Type.Int)",
    "p = QgsProcessingParameterNumber('N', 'n', type=QgsProcessingParameterNumber.Double)",
    "t = QgsProcessingParameterField.Numeric",
    "request.setFlags(QgsFeatureRequest.NoGeometry)",
    "request.setFlags(QgsFeatureRequest.SubsetOfAttributes)",
    "flags = QgsProcessingAlgorithm.FlagNoThreading",
    "flags = QgsProcessingAlgorithm.Flag.FlagNoThreading",
    "kind = QgsWkbTypes.Type.Point",
    "kind = Qgis.WkbType.Point",
    "font = QFont('Sans', 16, QFont.Bold)",
    "label.setAlignment(Qt.AlignLeft | Qt.AlignTop)",
    "QCoreApplication.setAttribute(Qt.AA_EnableHighDpiScaling)",
    "image = QImage(10, 10, QImage.Format_ARGB32)",
    "data_type = Qgis.ARGB32",
    "pen = QPen(Qt.red)",
    "from qgis.PyQt import QtCore\nalign = QtCore.Qt.AlignLeft",
    "dialog.exec_()",
    "import sip",
    "from PyQt5.QtCore import QVariant",
    "import PyQt6.QtWidgets",
    "from qgis.PyQt.QtCore import QRegExp",
    "pattern = QRegExp('a+')",
    "geometry = QDesktopWidget().screenGeometry()",
])
def test_checker_catches_a_planted_bad_name(source):
    assert problems_in_source(source), source


# Names that are fine on QGIS 3.22 .. 4.x and must not be reported.
@pytest.mark.parametrize("source", [
    "from qgis.PyQt import sip",
    "from qgis.PyQt.QtCore import QCoreApplication, QVariant",
    "from clusterbelt.ui.compat import WKB_POINT\nkind = WKB_POINT",
    "flat = QgsWkbTypes.flatType(layer.wkbType())",
    "version = Qgis.QGIS_VERSION_INT",
    "units = Qgis.DEFAULT_SNAP_UNITS",
    "out = QgsProcessing.TEMPORARY_OUTPUT",
    "settings = QgsLayoutExporter.ImageExportSettings()",
    "text = QCoreApplication.translate('Ctx', 'x')",
    "dialog.exec()",
    "spec.loader.exec_module(module)",
    "value = QVariant()",
])
def test_checker_accepts_names_that_work_everywhere(source):
    assert problems_in_source(source) == [], source
