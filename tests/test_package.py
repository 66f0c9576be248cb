"""`make package` builds the zip the QGIS plugin repository accepts."""
import configparser
import pathlib
import subprocess
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
REQUIRED_METADATA = ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email",
                     "repository", "tracker")


def test_package_zip_has_one_clusterbelt_folder_and_no_development_files():
    completed = subprocess.run(["bash", "scripts/package.sh"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    archive = ROOT / "dist" / "clusterbelt.zip"
    with zipfile.ZipFile(archive) as package:
        names = package.namelist()
        assert {name.split("/")[0] for name in names} == {"clusterbelt"}
        for required in ("clusterbelt/metadata.txt", "clusterbelt/LICENSE", "clusterbelt/__init__.py",
                         "clusterbelt/plugin.py", "clusterbelt/resources/icon.png",
                         "clusterbelt/resources/data/china_prefecture_gazetteer.csv",
                         "clusterbelt/resources/data/china_county_gazetteer.csv",
                         "clusterbelt/resources/data/README.md", "clusterbelt/resources/models/paperworkflow.model3"):
            assert required in names, required
        for name in names:
            assert "__pycache__" not in name and not name.endswith(".pyc"), name
            assert not name.startswith(("clusterbelt/tests/", "clusterbelt/.venv/", "clusterbelt/build/",
                                        "clusterbelt/.git", "clusterbelt/scripts/", "clusterbelt/demo_output/")), name
        metadata = configparser.ConfigParser()
        metadata.read_string(package.read("clusterbelt/metadata.txt").decode("utf-8"))
        general = metadata["general"]
        for key in REQUIRED_METADATA:
            assert general.get(key, "").strip(), key
        assert general["hasProcessingProvider"] == "yes"
        assert (ROOT / general["icon"]).exists()
        translations = [name for name in names if name.endswith(".qm")]
        sources = list((ROOT / "resources" / "i18n").glob("*.ts")) if (ROOT / "resources" / "i18n").exists() else []
        assert len(translations) >= len(sources)  # every translation source ships compiled
    assert archive.stat().st_size < 2_000_000  # no test-data bloat


def test_deploy_links_the_working_tree_into_a_plugin_folder(tmp_path):
    plugins = tmp_path / "profiles" / "default" / "python" / "plugins"
    env = {"QGIS_PLUGINS_DIR": str(plugins), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for _ in range(2):  # running it again replaces the link
        completed = subprocess.run(["bash", "scripts/deploy.sh"], cwd=ROOT, env=env, capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
    link = plugins / "clusterbelt"
    assert link.is_symlink() and link.resolve() == ROOT.resolve()
    assert (link / "metadata.txt").exists()
    link.unlink()
    link.mkdir()  # a real folder there is never overwritten
    completed = subprocess.run(["bash", "scripts/deploy.sh"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert completed.returncode != 0 and "not a link" in completed.stderr


def _plugin_manager_version_check():
    """QGIS's own plugin-manager check isCompatible(current, minimum, maximum), from the installed QGIS."""
    import importlib.util

    from qgis.core import QgsApplication

    path = pathlib.Path(QgsApplication.pkgDataPath()) / "python" / "pyplugin_installer" / "version_compare.py"
    spec = importlib.util.spec_from_file_location("qgis_version_compare", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.isCompatible


def test_metadata_offers_the_plugin_from_qgis_3_22_to_4_x():
    metadata = configparser.ConfigParser()
    metadata.read(ROOT / "metadata.txt", encoding="utf-8")
    general = metadata["general"]
    minimum, maximum = general["qgisMinimumVersion"], general["qgisMaximumVersion"]
    assert (minimum, maximum) == ("3.22", "4.99")
    # QGIS 4 and plugins.qgis.org decide by qgisMaximumVersion; supportsQt6 was retired (QGIS PR 65168).
    assert "supportsQt6" not in general
    is_compatible = _plugin_manager_version_check()
    for version in ("3.22.16", "3.40.13", "3.44.5", "4.0.0", "4.2.1", "4.99.0"):
        assert is_compatible(version, minimum, maximum), version
    for version in ("3.16.0", "5.0.0"):
        assert not is_compatible(version, minimum, maximum), version
