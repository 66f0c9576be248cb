"""The HTML report renders in a real browser (headless Debian chromium) and in a Qt text view."""
import pathlib
import shutil
import subprocess
import tempfile

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer
from qgis.PyQt.QtGui import QImage, QTextDocument

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"
SCREENS = pathlib.Path(__file__).resolve().parents[2] / "build" / "reports"


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("chromium is not installed (Debian package 'chromium'); `make test` installs it as root.")


@pytest.fixture(scope="module")
def match_report(tmp_path_factory):
    import processing
    from conftest import ensure_provider_registered

    ensure_provider_registered()
    folder = tmp_path_factory.mktemp("report")
    clusters = QgsVectorLayer(str(DATA / "clusters_sample.csv"), "clusters", "ogr")
    belts = QgsVectorLayer(str(DATA / "belts_sample.csv"), "belts", "ogr")
    context = QgsProcessingContext()
    split = processing.run("clusterbelt:splitmulticity", {"INPUT": clusters, "CITY_FIELD": "cities",
                                                          "OUTPUT": "TEMPORARY_OUTPUT"}, context=context)["OUTPUT"]
    html = folder / "match_report.html"
    processing.run(
        "clusterbelt:matchclustersbelts",
        {"CLUSTERS": split, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
         "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts, "BELT_CITY_FIELD": "city",
         "BELT_INDUSTRY_FIELD": "industry", "BELT_YEAR_FIELD": "year", "YEARS": "2021",
         "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT", "OUTPUT_HTML": str(html)},
        context=context, feedback=QgsProcessingFeedback(),
    )
    return html


def test_report_renders_in_headless_chromium(clusterbelt_provider, match_report):
    SCREENS.mkdir(parents=True, exist_ok=True)
    picture = SCREENS / "match_report.png"
    if picture.exists():
        picture.unlink()
    with tempfile.TemporaryDirectory() as profile:
        completed = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--window-size=1200,1600", f"--screenshot={picture}",
             match_report.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    assert picture.exists(), completed.stderr[-2000:]
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1200, 1600)
    # A rendered page has text and table rules, not one flat colour.
    dark = sum(
        1 for x in range(0, image.width(), 5) for y in range(0, 600, 5)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 200


def test_report_reads_in_a_qt_text_view_like_the_results_viewer(match_report):
    document = QTextDocument()
    document.setHtml(match_report.read_text(encoding="utf-8"))
    text = document.toPlainText()
    assert "Table 1" in text
    assert "深圳市" in text and "显示器件" in text
    assert "matched" in text and "no belt in city" in text
