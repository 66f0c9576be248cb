"""Issue 14 (4): rich help in the dialog, readable plain text on the command line (qgis_process help)."""
import html
import re
import shutil
import subprocess

import pytest
from qgis.core import QgsApplication, QgsVectorLayer
from test_qgis_process import qgis_process_env  # noqa: F401 (fixture)
from test_translations import chinese_translator  # noqa: F401 (fixture)

from clusterbelt.ui.help_text import display_width, for_this_application, plain_text, wrap

TAG = re.compile(r"</?(p|b|i|code|br|ul|ol|li|h\d|a|table|tr|td|th|html|body)\b[^>]*>")
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _rich_helps(provider):
    for algorithm in provider.algorithms():
        yield algorithm.id(), algorithm.create({}).shortHelpString()


def assert_readable(text, width=79):
    assert text.strip()
    assert not TAG.search(text), TAG.search(text).group(0)
    assert not ENTITY.search(text), ENTITY.search(text).group(0)
    long_lines = [line for line in text.splitlines() if display_width(line) > width]
    assert not long_lines, long_lines


def test_the_dialog_gets_rich_help_one_paragraph_per_line(clusterbelt_provider):
    assert QgsApplication.platform() != "qgis_process"
    for algorithm_id, rich in _rich_helps(clusterbelt_provider):
        assert "<p>" in rich, algorithm_id
        assert all(line.startswith("<p>") and line.endswith("</p>") for line in rich.splitlines()), algorithm_id
        assert for_this_application(rich) == rich


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_help_turns_into_readable_plain_text(clusterbelt_provider, request, language):
    if language == "zh_CN":
        request.getfixturevalue("chinese_translator")
    for algorithm_id, rich in _rich_helps(clusterbelt_provider):
        text = plain_text(rich)
        assert_readable(text)
        # nothing is lost: the same words, in the same order, one paragraph per <p>
        words = html.unescape(TAG.sub(" ", rich)).split()  # n_&lt;type&gt; is the text n_<type>
        assert "".join(text.split()) == "".join(words), algorithm_id
        assert text.count("\n\n") == rich.count("<p>") - 1, algorithm_id


def test_wrapping_counts_chinese_characters_as_two_columns():
    assert display_width("集群ab") == 6
    lines = wrap("集" * 50, width=20)
    assert lines == ["集" * 10] * 5
    # Chinese punctuation closes its line instead of opening the next one
    assert wrap("一二三四五，六七", width=10) == ["一二三四", "五，六七"]
    assert wrap("一二三四，六七", width=10) == ["一二三四，", "六七"]
    assert wrap("alpha beta gamma", width=10) == ["alpha beta", "gamma"]
    assert wrap("x" * 30, width=10) == ["x" * 30]  # a word longer than a line stays whole


def _description(output):
    """The Description section qgis_process prints: between its heading and the Arguments heading."""
    return output.split("Description\n----------------\n", 1)[1].split("\n----------------\nArguments", 1)[0]


def _help(binary, env, algorithm_id):
    completed = subprocess.run([binary, "help", algorithm_id], env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_qgis_process_help_is_plain_text_in_english_and_chinese(qgis_process_env):  # noqa: F811
    binary, env, base = qgis_process_env
    descriptions = {algorithm_id: _description(_help(binary, env, algorithm_id))
                    for algorithm_id in ("clusterbelt:standarddeviationalellipse", "clusterbelt:paperworkflow")}
    for description in descriptions.values():
        assert_readable(description)
        assert len(description.split("\n\n")) >= 3
    ellipse = descriptions["clusterbelt:standarddeviationalellipse"]
    assert "scale × sqrt(λ)" in ellipse and "Wang, Shi & Miao 2015" in ellipse
    # the field list generated from core/schema.py (lines wrapped, so compare on words)
    assert "Output fields: Ellipses (OUTPUT, OUTPUT_CENTERS): the case field, then n (points used" in " ".join(
        ellipse.split())

    chinese = dict(env)
    profile = base / "profile_zh"
    if not profile.exists():
        shutil.copytree(base / "profile", profile)
        with open(profile / "profiles" / "default" / "QGIS" / "QGIS3.ini", "a", encoding="utf-8") as ini:
            ini.write("\n[locale]\nuserLocale=zh_CN\noverrideFlag=true\n")
    chinese["QGIS_CUSTOM_CONFIG_PATH"] = str(profile)
    output = _help(binary, chinese, "clusterbelt:standarddeviationalellipse")
    assert output.startswith("标准差椭圆 (clusterbelt:standarddeviationalellipse)")
    description = _description(output)
    assert_readable(description)
    assert "输入图层：任意矢量图层" in description
    assert "输出字段" in description and "二元正态分布落在椭圆内的百分比" in "".join(description.split())


def test_qgis_process_writes_the_sample_data(qgis_process_env):  # noqa: F811
    binary, env, base = qgis_process_env
    outputs = {name: base / f"{name.lower()}.gpkg" for name in
               ("OUTPUT_CLUSTERS", "OUTPUT_BELTS", "OUTPUT_RELATIONS", "OUTPUT_GAZETTEER")}
    completed = subprocess.run(
        [binary, "run", "clusterbelt:loadsampledata", "--"] + [f"{name}={path}" for name, path in outputs.items()],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    counts = {name: QgsVectorLayer(str(path), name, "ogr").featureCount() for name, path in outputs.items()}
    assert counts["OUTPUT_CLUSTERS"] == 84 and counts["OUTPUT_GAZETTEER"] == 369
    assert counts["OUTPUT_BELTS"] > 50 and counts["OUTPUT_RELATIONS"] > 40
