"""Fixtures for tests that run the Processing algorithms inside QGIS (pytest-qgis)."""
import pytest
from qgis.core import QgsApplication

# Python must keep a reference to a provider it registers, or its Python half is collected
# and the registry is left with a bare C++ object without our algorithms.
_KEEP_ALIVE = {}


def ensure_provider_registered():
    """Our provider in the registry (qgis_processing only loads the built-in ones); returns it."""
    from clusterbelt.ui.provider import ClusterBeltProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("clusterbelt") is None:
        provider = ClusterBeltProvider()
        assert registry.addProvider(provider)
        _KEEP_ALIVE["provider"] = provider
    return _KEEP_ALIVE.get("provider") or registry.providerById("clusterbelt")


@pytest.fixture(scope="session")
def _provider_for_session(qgis_processing):
    ensure_provider_registered()
    yield
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("clusterbelt")
    if provider is not None:
        registry.removeProvider(provider)


@pytest.fixture
def clusterbelt_provider(_provider_for_session):
    # Looked up per test: a test may unload and reload the plugin, replacing the provider object.
    return ensure_provider_registered()


@pytest.fixture
def run_alg(clusterbelt_provider):
    """Run a clusterbelt algorithm with processing.run and return its results dict."""
    import processing

    def run(algorithm_id, parameters, feedback=None, context=None):
        return processing.run(f"clusterbelt:{algorithm_id}", parameters, feedback=feedback, context=context)

    return run
