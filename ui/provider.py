"""The ClusterBelt Processing provider (id ``clusterbelt``)."""
import glob
import os

from qgis.core import QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.paths import RESOURCES_DIR
from .compat import MESSAGE_WARNING
from .dependencies import LOG_TAG, missing_dependency_message, missing_packages
from .models import ClusterBeltModel


def _algorithm_classes():
    from .algorithms.central_feature import CentralFeatureAlgorithm
    from .algorithms.city_colocation import CityColocationAlgorithm
    from .algorithms.compare_ellipses import CompareEllipsesAlgorithm
    from .algorithms.cross_type_relations import CrossTypeRelationsAlgorithm
    from .algorithms.distribution_over_time import DistributionOverTimeAlgorithm
    from .algorithms.load_sample_data import LoadSampleDataAlgorithm
    from .algorithms.locate_cities import LocateCitiesAlgorithm
    from .algorithms.match_clusters_belts import MatchClustersBeltsAlgorithm
    from .algorithms.median_center import MedianCenterAlgorithm
    from .algorithms.propose_relations import ProposeRelationsAlgorithm
    from .algorithms.split_multi_city import SplitMultiCityAlgorithm
    from .algorithms.standard_deviational_ellipse import StandardDeviationalEllipseAlgorithm
    from .algorithms.standard_distance import StandardDistanceAlgorithm

    return [
        StandardDeviationalEllipseAlgorithm,
        StandardDistanceAlgorithm,
        MedianCenterAlgorithm,
        CentralFeatureAlgorithm,
        DistributionOverTimeAlgorithm,
        CompareEllipsesAlgorithm,
        LocateCitiesAlgorithm,
        SplitMultiCityAlgorithm,
        MatchClustersBeltsAlgorithm,
        CityColocationAlgorithm,
        CrossTypeRelationsAlgorithm,
        ProposeRelationsAlgorithm,
        LoadSampleDataAlgorithm,
    ]


class ClusterBeltProvider(QgsProcessingProvider):
    def id(self):
        return "clusterbelt"

    def name(self):
        return QCoreApplication.translate("ClusterBeltProvider", "ClusterBelt")

    def longName(self):  # noqa: N802
        return self.name()

    def icon(self):
        return QIcon(os.path.join(RESOURCES_DIR, "icon.svg"))

    def svgIconPath(self):  # noqa: N802
        return os.path.join(RESOURCES_DIR, "icon.svg")

    def loadAlgorithms(self):  # noqa: N802
        if missing_packages():  # the tools are listed all the same; each says this again when run
            QgsMessageLog.logMessage(missing_dependency_message(missing_packages()), LOG_TAG, MESSAGE_WARNING)
        for algorithm_class in _algorithm_classes():
            self.addAlgorithm(algorithm_class())
        # The graphical models in resources/models show in the toolbox as tools of this provider.
        for path in sorted(glob.glob(os.path.join(RESOURCES_DIR, "models", "*.model3"))):
            model = ClusterBeltModel()
            if model.fromFile(path):
                self.addAlgorithm(model)
            else:
                QgsMessageLog.logMessage(
                    QCoreApplication.translate("ClusterBeltProvider", "Could not load the model {}").format(path),
                    "ClusterBelt",
                    MESSAGE_WARNING,
                )
