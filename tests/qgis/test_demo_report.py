"""The demo (scripts/demo.py) says how much of each national list the bundled sample covers."""
import importlib.util
import pathlib

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "resources" / "data"


def _demo_module():
    spec = importlib.util.spec_from_file_location("_clusterbelt_demo", ROOT / "scripts" / "demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_report_states_the_coverage_of_each_national_list(clusterbelt_provider, tmp_path):
    from qgis.core import QgsProcessingFeedback, QgsProject

    demo = _demo_module()
    layers = demo.run_workflow(tmp_path, QgsProcessingFeedback())
    try:
        lines = demo.coverage_lines(layers["clusters"])
        demo.write_summary_html(layers, tmp_path / "summary.html", "map.png")
    finally:
        QgsProject.instance().clear()
    # independent count straight from the CSV: clusters per type, and those only the paper names
    sample = pd.read_csv(DATA / "clusters_sample.csv", dtype=str, keep_default_na=False)
    expected = {"seic": 66, "amc": 25, "icp": 61}
    assert len(lines) == 3
    for line, (kind, size) in zip(lines, expected.items()):
        rows = sample[sample["cluster_type"] == kind]
        paper = int((rows["certainty"] == "paper").sum())
        assert f"({kind}): {len(rows)} of {size} (" in line
        assert f"{len(rows) - paper} from public sources, {paper} named only in the paper" in line
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "<th>named only in the paper</th>" in page
    assert "<td>Strategic emerging (seic)</td><td>66</td><td>38</td><td>58 %</td><td>23</td>" in page
