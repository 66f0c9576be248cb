"""Translations (resources/i18n): the .ts is complete and current, and QGIS shows the tools in Chinese.

pylupdate5 (pyqt5-dev-tools) and lrelease (qttools5-dev-tools) are installed by scripts/ensure_env.sh;
`make translations` updates the .ts and compiles the .qm.
"""
import ast
import pathlib
import re
import shutil
import string
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

ROOT = pathlib.Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TS_PATH = I18N / "clusterbelt_zh_CN.ts"
QM_PATH = I18N / "clusterbelt_zh_CN.qm"
SCRIPT = ROOT / "scripts" / "translations.sh"
TOOLS_HINT = "install pyqt5-dev-tools and qttools5-dev-tools (make env as root does)"
CJK = re.compile(r"[\u4e00-\u9fff]")


def translation_sources():
    """The files scripts/translations.sh hands to pylupdate5 (its `sources=(...)` line)."""
    line = next(line for line in SCRIPT.read_text(encoding="utf-8").splitlines() if line.startswith("sources=("))
    paths = []
    for pattern in line[len("sources=("):-1].split():
        paths += sorted(ROOT.glob(pattern))
    return paths


def read_ts(path):
    """{(context, source): (translation text, type attribute or None)} of a .ts file."""
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            messages[(name, message.findtext("source"))] = (translation.text or "", translation.get("type"))
    return messages


@pytest.fixture(scope="module")
def fresh_extraction(tmp_path_factory):
    assert shutil.which("pylupdate5"), f"pylupdate5 is missing: {TOOLS_HINT}"
    out = tmp_path_factory.mktemp("i18n") / "fresh.ts"
    completed = subprocess.run(["bash", str(SCRIPT), "--extract", str(out)], cwd=ROOT, capture_output=True,
                               text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return read_ts(out)


def _name(node):
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def literal_texts(path):
    """(context, text) of every literal text passed to tr/translate/QT_TRANSLATE_NOOP in a file, and the
    mistakes pylupdate5 would silently miss: f-strings, contexts that are not literals."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, problems = set(), []

    def check_class_name_attribute(statement, class_name):
        # ClusterBeltAlgorithm translates DISPLAY_NAME and GROUP_NAME at run time under the class name;
        # pylupdate5 sees them only when they are marked.
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and _name(statement.targets[0]) in ("DISPLAY_NAME", "GROUP_NAME")):
            return
        value, where = statement.value, f"{path.relative_to(ROOT)}:{statement.lineno}"
        marked = (isinstance(value, ast.Call) and _name(value.func) == "QT_TRANSLATE_NOOP"
                  and isinstance(value.args[0], ast.Constant) and value.args[0].value == class_name)
        if not marked and not (isinstance(value, ast.Constant) and value.value == ""):
            problems.append(f'{where}: write {statement.targets[0].id} = QT_TRANSLATE_NOOP("{class_name}", "...")')

    def visit(node, class_name):
        if isinstance(node, ast.ClassDef):
            class_name = node.name
            for statement in node.body:
                check_class_name_attribute(statement, class_name)
        if isinstance(node, ast.Call):
            name = _name(node.func)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name == "tr" and node.args:
                text = node.args[0]
                if isinstance(text, ast.JoinedStr):
                    problems.append(f"{where}: f-string in tr(): use tr('... {{}} ...').format(...)")
                elif isinstance(text, ast.Constant) and isinstance(text.value, str):
                    if class_name is None:
                        problems.append(f"{where}: tr() outside a class has no context: use translate()")
                    found.add((class_name, text.value))
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
                context, text = node.args[0], node.args[1]
                if isinstance(text, ast.JoinedStr):
                    problems.append(f"{where}: f-string in {name}(): format after translating")
                elif isinstance(text, ast.Constant) and isinstance(text.value, str):
                    if not (isinstance(context, ast.Constant) and isinstance(context.value, str)):
                        problems.append(f"{where}: {name}() needs a literal context for pylupdate5")
                    else:
                        found.add((context.value, text.value))
        for child in ast.iter_child_nodes(node):
            visit(child, class_name)

    visit(tree, None)
    return found, problems


def test_pylupdate5_extracts_every_literal_text(fresh_extraction):
    """What pylupdate5 finds is exactly what the code translates (it skips e.g. a call with a trailing comma)."""
    expected, problems = set(), []
    for path in translation_sources():
        found, mistakes = literal_texts(path)
        expected |= found
        problems += mistakes
    assert not problems, "\n".join(problems)
    missed = expected - set(fresh_extraction)
    assert not missed, f"pylupdate5 does not see these (write the call on one argument list, no trailing comma): {missed}"
    assert set(fresh_extraction) == expected
    assert len(expected) > 200


def test_ts_is_complete_and_matches_the_sources(fresh_extraction):
    text = TS_PATH.read_text(encoding="utf-8")
    for marker in ('type="unfinished"', 'type="obsolete"', 'type="vanished"'):
        assert marker not in text, f"{TS_PATH.name} has {marker} entries: translate them, then make translations"
    committed = read_ts(TS_PATH)
    stale = set(committed) - set(fresh_extraction)
    new = set(fresh_extraction) - set(committed)
    assert not stale and not new, f"run make translations and translate: new {sorted(new)}; gone {sorted(stale)}"
    empty = [key for key, (translation, _) in committed.items() if not translation.strip()]
    assert not empty, empty


def _fields(text):
    """Format fields of a str.format template as (name or position, spec); {} numbered in order."""
    fields, position = Counter(), 0
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if name == "":
            name, position = str(position), position + 1
        fields[(name, spec or "", conversion)] += 1
    return fields


def test_translations_keep_placeholders_tags_and_code():
    for (context, source), (translation, _) in read_ts(TS_PATH).items():
        where = f"{context}: {source[:60]!r}"
        assert _fields(translation) == _fields(source), where
        assert Counter(re.findall(r"<[^>]+>", translation)) == Counter(re.findall(r"<[^>]+>", source)), where
        assert Counter(re.findall(r"<code>(.*?)</code>", translation)) == Counter(
            re.findall(r"<code>(.*?)</code>", source)), where
        assert Counter(re.findall(r"&\w+;", translation)) == Counter(re.findall(r"&\w+;", source)), where


def test_qm_is_compiled_from_the_ts(tmp_path):
    assert shutil.which("lrelease"), f"lrelease is missing: {TOOLS_HINT}"
    compiled = tmp_path / "check.qm"
    subprocess.run(["lrelease", "-silent", str(TS_PATH), "-qm", str(compiled)], check=True, timeout=60)
    assert QM_PATH.read_bytes() == compiled.read_bytes(), "the .qm is out of date: make translations"


@pytest.fixture
def chinese_translator(clusterbelt_provider):
    from clusterbelt.plugin import install_translator

    translator = install_translator("zh_CN")
    assert translator is not None
    yield translator
    QCoreApplication.removeTranslator(translator)


def _texts(algorithm):
    """Everything a user reads about a tool, from a freshly initialised instance (descriptions are
    set when the parameters are created)."""
    fresh = algorithm.create({})
    texts = {"display name": fresh.displayName(), "group": fresh.group(), "help": fresh.shortHelpString()}
    for parameter in fresh.parameterDefinitions():
        texts[f"parameter {parameter.name()}"] = parameter.description()
        for position, option in enumerate(getattr(parameter, "options", lambda: [])()):
            texts[f"parameter {parameter.name()} option {position}"] = option
    for output in fresh.outputDefinitions():
        texts[f"output {output.name()}"] = output.description()
    ids = (fresh.name(), [p.name() for p in fresh.parameterDefinitions()], [o.name() for o in fresh.outputDefinitions()])
    return texts, ids


def _our_algorithms(provider):
    # The graphical models carry their own (English) names: they are not Qt-translated.
    return [a for a in provider.algorithms() if a.id().startswith("clusterbelt:") and a.id() != "clusterbelt:paperworkflow"]


def test_every_tool_reads_in_chinese_and_ids_stay(clusterbelt_provider, request):
    english = {a.id(): _texts(a) for a in _our_algorithms(clusterbelt_provider)}
    assert len(english) >= 6
    request.getfixturevalue("chinese_translator")
    untranslated = []
    for algorithm in _our_algorithms(clusterbelt_provider):
        texts, ids = _texts(algorithm)
        english_texts, english_ids = english[algorithm.id()]
        assert ids == english_ids, algorithm.id()  # ids and parameter ids are never translated
        for key, text in texts.items():
            if text == english_texts[key] or not CJK.search(text):
                untranslated.append(f"{algorithm.id()} {key}: {text[:80]!r}")
    assert not untranslated, "\n".join(untranslated)
    provider_group = {a.group() for a in _our_algorithms(clusterbelt_provider)}
    assert provider_group <= {"空间分布", "集群—产业带匹配", "示例数据"}


def test_translator_removed_gives_english_back(clusterbelt_provider):
    from clusterbelt.plugin import install_translator

    algorithm = clusterbelt_provider.algorithm("standarddeviationalellipse")
    translator = install_translator("zh_CN")
    assert algorithm.displayName() == "标准差椭圆"
    QCoreApplication.removeTranslator(translator)
    assert algorithm.displayName() == "Standard deviational ellipse"


def test_plugin_follows_the_qgis_locale_setting(clusterbelt_provider):
    import clusterbelt

    settings = QgsSettings()
    previous = settings.value("locale/userLocale", None)
    registry = QgsApplication.processingRegistry()
    from conftest import ensure_provider_registered

    registry.removeProvider(registry.providerById("clusterbelt"))
    settings.setValue("locale/userLocale", "zh_CN")
    try:
        plugin = clusterbelt.classFactory(None)
        assert plugin.translator is not None
        plugin.initProcessing()
        algorithm = registry.providerById("clusterbelt").algorithm("matchclustersbelts")
        assert algorithm.displayName() == "集群与线上产业带匹配"
        assert algorithm.parameterDefinition("CLUSTER_CITY_FIELD").description() == "集群城市字段"
        plugin.unload()
        assert plugin.translator is None
        settings.setValue("locale/userLocale", "en_US")
        plugin = clusterbelt.classFactory(None)
        assert plugin.translator is None
        plugin.unload()
    finally:
        if previous is None:
            settings.remove("locale/userLocale")
        else:
            settings.setValue("locale/userLocale", previous)
        ensure_provider_registered()
    assert registry.providerById("clusterbelt").algorithm("matchclustersbelts").displayName() == (
        "Match clusters with online belts")


def test_translation_file_falls_back_to_the_language():
    from clusterbelt.plugin import translation_file

    assert translation_file("zh_CN") == str(QM_PATH)
    assert translation_file("zh-CN") == str(QM_PATH)
    assert translation_file("zh") == str(QM_PATH)  # QGIS may store the language alone
    assert translation_file("en_US") is None
    assert translation_file("") is None


def test_reports_are_written_in_chinese(chinese_translator):
    import pandas as pd

    from clusterbelt.core.matching import match_clusters_to_belts
    from clusterbelt.core.report import render_match_report_html

    clusters = pd.DataFrame({"city": ["深圳市", "广州市"], "type": ["seic", "amc"], "industry": ["新能源汽车", "服装"]})
    belts = pd.DataFrame({"city": ["深圳市"], "industry": ["新能源汽车"]})
    result = match_clusters_to_belts(clusters, belts, cluster_city="city", cluster_industry="industry",
                                     cluster_type="type", belt_city="city", belt_industry="industry")
    english = render_match_report_html(result)
    chinese = render_match_report_html(result, translate=QCoreApplication.translate)
    assert "Table 1. Clusters matched" in english and "Table 1. Clusters matched" not in chinese
    assert "表 1　集群与所在城市线上产业带的匹配情况" in chinese
    assert "seic：1 条集群记录" in chinese and "匹配 1 + 相近 0 + 无关联 0 + 所在城市无产业带 0 = 1" in chinese
    # Data stay as they are: names and bases are not translated.
    assert "新能源汽车" in chinese and "same_name" in chinese


def test_chinese_dialog_of_the_ellipse_tool(chinese_translator, monkeypatch):
    """The Processing dialog in Chinese (picture in build/dialogs for a person to look at)."""
    import processing.gui.AlgorithmDialog as algorithm_dialog_module
    import processing.gui.ParametersPanel as parameters_panel_module
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.PyQt.QtWidgets import QLabel, QTextBrowser

    monkeypatch.setattr(parameters_panel_module, "iface", None, raising=False)
    monkeypatch.setattr(algorithm_dialog_module, "iface", None, raising=False)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("clusterbelt:standarddeviationalellipse")
    dialog = AlgorithmDialog(algorithm, False, None)
    try:
        dialog.resize(1100, 800)
        dialog.show()
        QgsApplication.processEvents()
        # QGIS 3.22 titles the dialog with the tool's name, 3.40 and later with "group - name": either, in Chinese.
        name, group = algorithm.displayName(), algorithm.group()
        assert name == "标准差椭圆" and CJK.search(group), (name, group)
        assert dialog.windowTitle() in (name, f"{group} - {name}"), dialog.windowTitle()
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        for description in ("输入图层", "权重字段", "分组字段（每个取值一个椭圆）", "每个椭圆的顶点数"):
            assert any(label.startswith(description) for label in labels), (description, labels)
        help_text = " ".join(browser.toPlainText() for browser in dialog.findChildren(QTextBrowser))
        assert "为每个分组绘制一个标准差椭圆" in help_text
        screens = ROOT / "build" / "dialogs"
        screens.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(screens / "standarddeviationalellipse_zh_CN.png"))
    finally:
        dialog.close()
        dialog.deleteLater()
