"""clusterbelt:proposerelations - a relation table proposed by the taxonomy and name rules, for review."""
from qgis.core import QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSink
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..compat import SOURCE_VECTOR
from .base import ClusterBeltAlgorithm


class ProposeRelationsAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "proposerelations"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("ProposeRelationsAlgorithm", "Propose industry relations")
    GROUP_ID = "matching"
    GROUP_NAME = QT_TRANSLATE_NOOP("ProposeRelationsAlgorithm", "Cluster-belt matching")

    CLUSTERS = "CLUSTERS"
    CLUSTER_CITY_FIELD = "CLUSTER_CITY_FIELD"
    CLUSTER_INDUSTRY_FIELD = "CLUSTER_INDUSTRY_FIELD"
    BELTS = "BELTS"
    BELT_CITY_FIELD = "BELT_CITY_FIELD"
    BELT_INDUSTRY_FIELD = "BELT_INDUSTRY_FIELD"
    INCLUDE_UNRELATED = "INCLUDE_UNRELATED"
    OUTPUT = "OUTPUT"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Proposes the relation of every cluster industry and belt industry that share a city, so the "
            "analyst reviews a table instead of judging thousands of pairs by hand.</p>"
            "<p>Rules, in order, each recorded in <code>basis</code>: the analyst's <b>relation table</b> (it always "
            "wins; relation none in it vetoes an automatic relation); equal names after normalisation "
            "(same_name); the <b>taxonomy</b>: terms mapped to GB/T 4754-2017 codes (国民经济行业分类; by keywords, "
            "else by the words of the official code names) and the 2018 strategic emerging industry fields - same "
            "4-digit class = identical, one code inside the other = subordinate, same 2-digit division, an explicit "
            "industrial-chain link or one group of a published statistical grouping (high-tech industries, digital "
            "economy core industries, strategic emerging industry fields) = similar; <b>names</b>: "
            "character n-gram similarity after removing generic words (产业, 集群, 创新型, 先进, ...), for terms the "
            "vocabulary does not know.</p>"
            "<p><b>Output</b>: one row per distinct industry pair (its fields are listed below). Rows come in the "
            "order a reviewer should read them: highest <code>review_priority</code> first (what a wrong verdict would "
            "change x how unsure the rule was x cities). Edit it and give it back to <i>Match clusters with online "
            "belts</i> as its relation table.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        from ...core.relations import AUTO_RELATE_MODES

        self.add_table_source(self.CLUSTERS, self.tr("Clusters"))
        self.add_field(self.CLUSTER_CITY_FIELD, self.tr("Cluster city field"), self.CLUSTERS)
        self.add_field(self.CLUSTER_INDUSTRY_FIELD, self.tr("Cluster industry field"), self.CLUSTERS)
        self.add_table_source(self.BELTS, self.tr("Online belts"))
        self.add_field(self.BELT_CITY_FIELD, self.tr("Belt city field"), self.BELTS)
        self.add_field(self.BELT_INDUSTRY_FIELD, self.tr("Belt industry field"), self.BELTS)
        self.add_relation_parameters(default_auto_relate=len(AUTO_RELATE_MODES) - 1)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.INCLUDE_UNRELATED, self.tr("List unrelated pairs too (relation none)"), defaultValue=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Proposed relations"), SOURCE_VECTOR)
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core import proposals, schema
        from ..io.city_keys import city_keys
        from ..io.tables import read_frame

        clusters_source = self.source_or_raise(parameters, self.CLUSTERS, context)
        belts_source = self.source_or_raise(parameters, self.BELTS, context)
        cluster_city = self.field_parameter(parameters, self.CLUSTER_CITY_FIELD, context, clusters_source)
        cluster_industry = self.field_parameter(parameters, self.CLUSTER_INDUSTRY_FIELD, context, clusters_source)
        belt_city = self.field_parameter(parameters, self.BELT_CITY_FIELD, context, belts_source)
        belt_industry = self.field_parameter(parameters, self.BELT_INDUSTRY_FIELD, context, belts_source)
        relations, auto_relate = self.relation_parameters(parameters, context, feedback)

        clusters, _ = self.read_cluster_table(
            clusters_source, cluster_city, feedback, 40.0, field_names=[cluster_city, cluster_industry]
        )
        if clusters is None:
            return {}
        belts, _ = read_frame(belts_source, feedback, share=40.0, offset=40.0, field_names=[belt_city, belt_industry])
        if belts is None:
            return {}
        with self.engine_errors():
            result = proposals.propose_relations(
                clusters,
                belts,
                cluster_city=city_keys(clusters[cluster_city].tolist(), feedback, self.tr("Clusters")),
                cluster_industry=cluster_industry,
                belt_city=city_keys(belts[belt_city].tolist(), feedback, self.tr("Belts")),
                belt_industry=belt_industry,
                relations=relations,
                auto_relate=auto_relate,
                include_unrelated=self.parameterAsBool(parameters, self.INCLUDE_UNRELATED, context),
            )

        table = result.table
        dest_id = self.write_table_output(parameters, self.OUTPUT, context, table, feedback, 20.0, 80.0,
                                          output=schema.PROPOSALS)
        if dest_id is None:
            return {}
        counts = {k: v for k, v in result.counts.items() if k != "by_basis"}
        feedback.pushInfo(
            self.tr("{} industry pairs proposed: {}.").format(
                len(table), ", ".join(f"{relation} {count}" for relation, count in counts.items())
            )
        )
        first = table[table["review_priority"] > 0].head(5)
        if len(first):
            feedback.pushInfo(self.tr("Review first: {}.").format("; ".join(
                f"{row.industry_a} / {row.industry_b} ({row.relation}, {row.review_priority:.2f})"
                for row in first.itertuples())))
        overrides = result.accounting.get("table_overrode_taxonomy", 0)
        if overrides:
            feedback.pushInfo(self.tr("The relation table overrode the taxonomy on {} pairs.").format(overrides))
        cut = result.accounting.get("industry_names_cut", 0)
        if cut:
            from ...core.industry_names import MAX_NAME_CHARS

            feedback.pushWarning(self.tr("{} industry names are longer than {} characters: the rules read only their "
                                         "first {} characters.").format(cut, MAX_NAME_CHARS, MAX_NAME_CHARS))
        unusable = {k: v for k, v in result.accounting.items()
                    if k.endswith(("_no_city", "_no_industry")) and v}
        if unusable:
            feedback.pushWarning(
                self.tr("Not paired: {}.").format(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in unusable.items()))
            )
        return {self.OUTPUT: dest_id}
