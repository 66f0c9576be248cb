"""clusterbelt:crosstyperelations - clusters of different types in one city and their relation."""
from qgis.core import QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSink
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..compat import SOURCE_VECTOR
from .base import ClusterBeltAlgorithm


class CrossTypeRelationsAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "crosstyperelations"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("CrossTypeRelationsAlgorithm", "Relations between cluster types in a city")
    GROUP_ID = "matching"
    GROUP_NAME = QT_TRANSLATE_NOOP("CrossTypeRelationsAlgorithm", "Cluster-belt matching")

    CLUSTERS = "CLUSTERS"
    CLUSTER_CITY_FIELD = "CLUSTER_CITY_FIELD"
    CLUSTER_TYPE_FIELD = "CLUSTER_TYPE_FIELD"
    CLUSTER_INDUSTRY_FIELD = "CLUSTER_INDUSTRY_FIELD"
    RELATED_ONLY = "RELATED_ONLY"
    OUTPUT = "OUTPUT"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Pairs every two clusters of different types in the same city and judges the relation of their "
            "industries with the same relation table as <i>Match clusters with online belts</i> (section 6 of the "
            "method: e.g. 上海 浦东新区生物医药 (seic) and 张江生物医药 (amc) are identical).</p>"
            "<p><b>Output</b>: one row per pair of clusters (its fields are listed below). <b>Related pairs only</b> "
            "leaves out the pairs with relation none. Rows without a city or a type cannot be paired "
            "and are counted in the "
            "log.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_table_source(self.CLUSTERS, self.tr("Clusters"))
        self.add_field(self.CLUSTER_CITY_FIELD, self.tr("Cluster city field"), self.CLUSTERS)
        self.add_field(self.CLUSTER_TYPE_FIELD, self.tr("Cluster type field"), self.CLUSTERS)
        self.add_field(self.CLUSTER_INDUSTRY_FIELD, self.tr("Cluster industry field"), self.CLUSTERS)
        self.add_relation_parameters()
        self.addParameter(
            QgsProcessingParameterBoolean(self.RELATED_ONLY, self.tr("Related pairs only"), defaultValue=False)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Cluster pairs"), SOURCE_VECTOR)
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core import crosstype, schema
        from ..io.city_keys import city_keys

        source = self.source_or_raise(parameters, self.CLUSTERS, context)
        city = self.field_parameter(parameters, self.CLUSTER_CITY_FIELD, context, source)
        kind = self.field_parameter(parameters, self.CLUSTER_TYPE_FIELD, context, source)
        industry = self.field_parameter(parameters, self.CLUSTER_INDUSTRY_FIELD, context, source)
        relations, auto_relate = self.relation_parameters(parameters, context, feedback)

        clusters, _ = self.read_cluster_table(source, city, feedback, 60.0)
        if clusters is None:
            return {}
        with self.engine_errors():
            result = crosstype.cross_type_relations(
                clusters,
                cluster_city=city_keys(clusters[city].tolist(), feedback, self.tr("Clusters")),
                cluster_type=kind,
                cluster_industry=industry,
                relations=relations,
                auto_relate=auto_relate,
                related_only=self.parameterAsBool(parameters, self.RELATED_ONLY, context),
            )

        pairs = result.pairs
        dest_id = self.write_table_output(parameters, self.OUTPUT, context, pairs, feedback, 40.0, 60.0,
                                          output=schema.CROSS_TYPE)
        if dest_id is None:
            return {}
        feedback.pushInfo(
            self.tr("{} pairs: {}.").format(
                len(pairs), ", ".join(f"{relation} {count}" for relation, count in result.counts.items())
            )
        )
        unusable = {k: v for k, v in result.accounting.items() if k != "clusters_input" and v}
        if unusable:
            feedback.pushWarning(
                self.tr("Not paired: {}.").format(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in unusable.items()))
            )
        return {self.OUTPUT: dest_id}
