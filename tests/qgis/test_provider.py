"""The provider loads, lists its tools under stable ids, and the plugin object registers it."""
import pathlib

from qgis.core import QgsApplication

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"

EXPECTED_ALGORITHMS = {
    "clusterbelt:standarddeviationalellipse": "spatialdistribution",
    "clusterbelt:locatecities": "matching",
    "clusterbelt:splitmulticity": "matching",
    "clusterbelt:matchclustersbelts": "matching",
    "clusterbelt:citycolocation": "matching",
    "clusterbelt:crosstyperelations": "matching",
    "clusterbelt:proposerelations": "matching",
    "clusterbelt:loadsampledata": "sampledata",
    "clusterbelt:paperworkflow": "workflows",  # a model (ui/models.py gives it a translated group)
}


def test_provider_lists_the_tools_under_stable_ids(clusterbelt_provider):
    ids = {algorithm.id(): algorithm.groupId() for algorithm in clusterbelt_provider.algorithms()}
    for algorithm_id, group_id in EXPECTED_ALGORITHMS.items():
        assert ids.get(algorithm_id) == group_id
    assert not clusterbelt_provider.icon().isNull()


def test_every_algorithm_has_help_and_checks_its_parameter_ids(clusterbelt_provider):
    for algorithm in clusterbelt_provider.algorithms():
        if algorithm.id() == "clusterbelt:paperworkflow":
            continue  # a model: its help is the model's description
        assert len(algorithm.shortHelpString()) > 200, algorithm.id()
        # one paragraph per line, so `qgis_process help` reads well in a terminal
        assert "</p><p>" not in algorithm.shortHelpString() and "</p>\n<p>" in algorithm.shortHelpString()
        assert algorithm.helpUrl().startswith("https://")
        for parameter in algorithm.parameterDefinitions():
            assert parameter.name() == parameter.name().upper(), (algorithm.id(), parameter.name())
            assert parameter.description(), (algorithm.id(), parameter.name())
        assert algorithm.createInstance().name() == algorithm.name()


def test_plugin_registers_and_unregisters_without_iface(clusterbelt_provider):
    import clusterbelt
    from conftest import ensure_provider_registered

    registry = QgsApplication.processingRegistry()
    registry.removeProvider(registry.providerById("clusterbelt"))
    try:
        plugin = clusterbelt.classFactory(None)  # qgis_process passes iface=None
        plugin.initProcessing()
        provider = registry.providerById("clusterbelt")
        assert provider is not None and len(provider.algorithms()) >= 3
        plugin.unload()
        assert registry.providerById("clusterbelt") is None
    finally:
        ensure_provider_registered()


def test_every_help_url_points_at_a_readme_section(clusterbelt_provider):
    from clusterbelt.ui.algorithms.base import HELP_BASE_URL, github_anchor

    anchors = {github_anchor(line.lstrip("#")) for line in README.read_text(encoding="utf-8").splitlines()
               if line.startswith("#")}
    for algorithm in clusterbelt_provider.algorithms():
        if algorithm.id() == "clusterbelt:paperworkflow":
            continue
        url = algorithm.helpUrl()
        assert url.startswith(HELP_BASE_URL + "#")
        assert url.split("#", 1)[1] in anchors, (algorithm.id(), url)
    assert github_anchor("Locate cities (`clusterbelt:locatecities`)") == "locate-cities-clusterbeltlocatecities"
