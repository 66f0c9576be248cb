"""The provider loads, lists its tools under stable ids, and the plugin object registers it."""
import pathlib

from qgis.core import QgsApplication

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"

#: Ids published in a release: models and scripts store them, so they must never disappear or change
#: group. A new tool needs no entry here: the provider list (ui/provider.py) is what the tests check.
PUBLISHED_IDS = {
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


def test_provider_lists_every_tool_of_its_list_under_stable_ids(clusterbelt_provider):
    from clusterbelt.ui.provider import _algorithm_classes

    ids = {algorithm.id(): algorithm.groupId() for algorithm in clusterbelt_provider.algorithms()}
    for algorithm_class in _algorithm_classes():
        expected = f"clusterbelt:{algorithm_class.ALGORITHM_ID}"
        assert ids.get(expected) == algorithm_class.GROUP_ID, f"{algorithm_class.__name__} is not loaded as {expected}"
        assert algorithm_class.ALGORITHM_ID == algorithm_class.ALGORITHM_ID.lower(), algorithm_class.__name__
    for algorithm_id, group_id in PUBLISHED_IDS.items():
        assert ids.get(algorithm_id) == group_id, f"published id {algorithm_id} is gone or changed group"
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
    from conftest import ensure_provider_registered

    import clusterbelt

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
    """The help URL is derived from the display name and id; the README must have that heading."""
    from clusterbelt.ui.algorithms.base import HELP_BASE_URL, github_anchor, readme_heading

    anchors = {github_anchor(line.lstrip("#")) for line in README.read_text(encoding="utf-8").splitlines()
               if line.startswith("#")}
    for algorithm in clusterbelt_provider.algorithms():
        if algorithm.id() == "clusterbelt:paperworkflow":
            continue
        url = algorithm.helpUrl()
        assert url.startswith(HELP_BASE_URL + "#")
        assert url.split("#", 1)[1] in anchors, (
            f"README.md needs a section for {algorithm.id()}: add the heading '### {readme_heading(algorithm)}'")
    assert github_anchor("Locate cities (`clusterbelt:locatecities`)") == "locate-cities-clusterbeltlocatecities"
