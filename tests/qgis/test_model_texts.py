"""Issue 14 (3): the bundled model reads as a tool: a display name, group and help in English and Chinese,
in the toolbox, in the copy QGIS runs or shows in a dialog, and with the id models store unchanged."""
import re

from qgis.core import QgsApplication
from test_provider import README
from test_translations import chinese_translator  # noqa: F401 (fixture)

from clusterbelt.ui.algorithms.base import HELP_BASE_URL

CJK = re.compile(r"[\u4e00-\u9fff]")
MODEL = "clusterbelt:paperworkflow"


def _model(provider):
    return next(a for a in provider.algorithms() if a.id() == MODEL)


def _texts(algorithm):
    return algorithm.displayName(), algorithm.group(), algorithm.shortHelpString()


def test_model_has_a_display_name_group_and_help(clusterbelt_provider):
    for algorithm in (_model(clusterbelt_provider), QgsApplication.processingRegistry().createAlgorithmById(MODEL)):
        name, group, help_text = _texts(algorithm)
        assert algorithm.id() == MODEL and algorithm.name() == "paperworkflow"
        assert name == "Paper workflow: clusters, ellipses and online belts"
        assert group == "Workflows" and algorithm.groupId() == "workflows"
        assert help_text.startswith("<p>The whole workflow of Zhao, Dai, Fan and Ma (2022)")
        assert "<b>Inputs</b>" in help_text and "<b>Outputs</b>" in help_text
    anchors = {line.lstrip("#").strip() for line in README.read_text(encoding="utf-8").splitlines()
               if line.startswith("###")}
    assert f"{name} (`{MODEL}`)" in anchors
    assert _model(clusterbelt_provider).helpUrl().startswith(HELP_BASE_URL + "#paper-workflow-clusters")


def test_model_reads_in_chinese(clusterbelt_provider, chinese_translator):  # noqa: F811
    english_help = "<p>The whole workflow"
    for algorithm in (_model(clusterbelt_provider), QgsApplication.processingRegistry().createAlgorithmById(MODEL)):
        name, group, help_text = _texts(algorithm)
        assert name == "论文完整流程：集群、标准差椭圆与线上产业带"
        assert group == "工作流程"
        assert CJK.search(help_text) and english_help not in help_text
        assert help_text.count("<p>") == 4 and "<b>输入</b>" in help_text
        assert algorithm.id() == MODEL


def test_model_file_keeps_the_english_help_for_the_modeler(clusterbelt_provider):
    from clusterbelt.ui.help_text import plain_text
    from clusterbelt.ui.models import TEXTS

    model = _model(clusterbelt_provider)
    assert model.helpContent()["ALG_DESC"] == plain_text(TEXTS["paperworkflow"][1], width=10 ** 6)
