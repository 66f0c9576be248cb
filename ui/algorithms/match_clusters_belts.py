"""clusterbelt:matchclustersbelts - each cluster against the online belts of its own city."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..compat import SOURCE_VECTOR, WKB_NO_GEOMETRY
from ..styles import QmlStyle, style_on_load
from .base import ClusterBeltAlgorithm


class MatchClustersBeltsAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "matchclustersbelts"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("MatchClustersBeltsAlgorithm", "Match clusters with online belts")
    GROUP_ID = "matching"
    GROUP_NAME = QT_TRANSLATE_NOOP("MatchClustersBeltsAlgorithm", "Cluster-belt matching")

    CLUSTERS = "CLUSTERS"
    CLUSTER_CITY_FIELD = "CLUSTER_CITY_FIELD"
    CLUSTER_TYPE_FIELD = "CLUSTER_TYPE_FIELD"
    CLUSTER_INDUSTRY_FIELD = "CLUSTER_INDUSTRY_FIELD"
    BELTS = "BELTS"
    BELT_CITY_FIELD = "BELT_CITY_FIELD"
    BELT_INDUSTRY_FIELD = "BELT_INDUSTRY_FIELD"
    BELT_YEAR_FIELD = "BELT_YEAR_FIELD"
    YEARS = "YEARS"
    OUTPUT = "OUTPUT"
    OUTPUT_PAIRS = "OUTPUT_PAIRS"
    OUTPUT_SUMMARY = "OUTPUT_SUMMARY"
    OUTPUT_HTML = "OUTPUT_HTML"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Matches every cluster record with the online industrial belts of its own city by industry "
            "(Zhao et al. 2022, section 5 of the method) and reproduces the paper's Table 1.</p>"
            "<p><b>Clusters</b>: one row per cluster and city (run <i>Split multi-city records</i> first for "
            "clusters that list several cities: this tool refuses such rows and names them). <b>City fields</b>: "
            "names or adcodes, resolved with the bundled gazetteer as <i>Locate cities</i> does (深圳 = 深圳市 = "
            "440300); names it does not know are compared as written after normalisation. <b>Years</b>: the belt "
            "years that count, e.g. 2021, 2018-2021 or 2018,2020 (needs the belt year field; empty: every belt).</p>"
            "<p><b>Relations</b>: a table with columns industry_a, industry_b, relation (identical, subordinate or "
            "similar; 相同/隶属/相近 accepted) and an optional note. identical and similar are symmetric; "
            "subordinate (a belongs to b) matches either way round. Industry names compare after removing "
            "whitespace, full-width forms, brackets such as （浦东新区） and a trailing 产业/集群/产业集群. Default: "
            "the bundled table of the paper's published judgements (Tables 3 and 4). Names that are equal after "
            "normalisation are identical.</p>"
            "<p><b>Output</b>: every cluster row exactly once with all its fields, plus the fields listed below.</p>"
            "<p><b>Pairs</b>: every related cluster-belt pair with <code>relation</code>, <code>direction</code>, "
            "<code>basis</code>, <code>score</code> and the relation's <code>note</code>; cluster_row and "
            "belt_row count input rows from 0. <b>Summary</b>: Table 1 per cluster type and in total (rates in "
            "percent, stored unrounded; the paper rounds half up to one decimal). <b>Report</b>: an HTML page with "
            "Table 1, the matched belts of every cluster and the clusters without a match.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_table_source(self.CLUSTERS, self.tr("Clusters"))
        self.add_field(self.CLUSTER_CITY_FIELD, self.tr("Cluster city field"), self.CLUSTERS)
        self.add_field(self.CLUSTER_TYPE_FIELD, self.tr("Cluster type field"), self.CLUSTERS, optional=True)
        self.add_field(self.CLUSTER_INDUSTRY_FIELD, self.tr("Cluster industry field"), self.CLUSTERS)
        self.add_table_source(self.BELTS, self.tr("Online belts"))
        self.add_field(self.BELT_CITY_FIELD, self.tr("Belt city field"), self.BELTS)
        self.add_field(self.BELT_INDUSTRY_FIELD, self.tr("Belt industry field"), self.BELTS)
        self.add_field(self.BELT_YEAR_FIELD, self.tr("Belt year field"), self.BELTS, optional=True)
        self.addParameter(
            QgsProcessingParameterString(
                self.YEARS, self.tr("Belt years that count (e.g. 2021 or 2018-2021; empty: all)"), optional=True
            )
        )
        self.add_relation_parameters()
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Clusters with match class"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PAIRS,
                self.tr("Related cluster-belt pairs"),
                SOURCE_VECTOR,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_SUMMARY, self.tr("Summary (Table 1)"), SOURCE_VECTOR
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML,
                self.tr("Report"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=True,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core import matching, report
        from ..io.city_keys import city_keys

        clusters_source = self.source_or_raise(parameters, self.CLUSTERS, context)
        belts_source = self.source_or_raise(parameters, self.BELTS, context)
        fields = self._field_choices(parameters, context, clusters_source, belts_source)
        with self.engine_errors():
            years = matching.year_set(self.parameterAsString(parameters, self.YEARS, context))
        if years is not None and fields["belt_year"] is None:
            raise QgsProcessingException(
                self.tr(
                    "Belt years {} were given but no belt year field: choose the field that holds the year."
                ).format(
                    self.parameterAsString(parameters, self.YEARS, context)
                )
            )
        relations, auto_relate = self.relation_parameters(parameters, context, feedback)

        tables = self._read_tables(clusters_source, belts_source, fields, feedback)
        if tables is None:
            return {}
        clusters, geometries, belts = tables
        cluster_keys = city_keys(clusters[fields["cluster_city"]].tolist(), feedback, self.tr("Clusters"))
        belt_keys = city_keys(belts[fields["belt_city"]].tolist(), feedback, self.tr("Belts"))
        warn_duplicate_cluster_ids(clusters, cluster_keys, feedback)
        feedback.setProgress(65)
        with self.engine_errors():
            result = matching.match_clusters_to_belts(
                clusters, belts, cluster_city=cluster_keys, belt_city=belt_keys, years=years, relations=relations,
                auto_relate=auto_relate, with_pairs=parameters.get(self.OUTPUT_PAIRS) is not None,
                cluster_industry=fields["cluster_industry"], cluster_type=fields["cluster_type"],
                belt_industry=fields["belt_industry"], belt_year=fields["belt_year"],
            )
        feedback.setProgress(75)

        results = self._write_clusters(parameters, context, clusters_source, clusters, result, geometries, feedback)
        if results is None:
            return {}
        results.update(self._write_pairs_and_summary(parameters, context, result))
        if self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context):
            page = report.render_match_report_html(
                result, cluster_label=_label_column(clusters, fields["cluster_industry"]),
                city_label=fields["cluster_city"], translate=QCoreApplication.translate,
            )
            results[self.OUTPUT_HTML] = self.write_html_output(parameters, self.OUTPUT_HTML, context, page)
        self._log(feedback, result, len(clusters))
        return results

    def _field_choices(self, parameters, context, clusters_source, belts_source):
        """The chosen fields by engine keyword, as the layers spell them (None: an optional one not chosen)."""
        return {
            "cluster_city": self.field_parameter(parameters, self.CLUSTER_CITY_FIELD, context, clusters_source),
            "cluster_industry": self.field_parameter(
                parameters, self.CLUSTER_INDUSTRY_FIELD, context, clusters_source),
            "cluster_type": self.field_parameter(
                parameters, self.CLUSTER_TYPE_FIELD, context, clusters_source, optional=True),
            "belt_city": self.field_parameter(parameters, self.BELT_CITY_FIELD, context, belts_source),
            "belt_industry": self.field_parameter(parameters, self.BELT_INDUSTRY_FIELD, context, belts_source),
            "belt_year": self.field_parameter(parameters, self.BELT_YEAR_FIELD, context, belts_source, optional=True),
        }

    def _read_tables(self, clusters_source, belts_source, fields, feedback):
        """(clusters, their geometries, belts); None when the user cancelled."""
        from ..io.tables import read_frame

        clusters, geometries = self.read_cluster_table(
            clusters_source, fields["cluster_city"], feedback, 30.0, with_geometry=True)
        if clusters is None:
            return None
        belt_columns = [fields[name] for name in ("belt_city", "belt_industry", "belt_year") if fields[name]]
        belts, _ = read_frame(belts_source, feedback, share=30.0, offset=30.0, field_names=belt_columns)
        if belts is None:
            return None
        if len(belts) == 0:
            feedback.pushWarning(self.tr("Belts layer '{}' has no rows: every cluster is no_belt_in_city.").format(
                belts_source.sourceName()))
        return clusters, geometries, belts

    def _write_clusters(self, parameters, context, clusters_source, clusters, result, geometries, feedback):
        """OUTPUT: every cluster with its input fields and geometry, plus the match fields; None on cancel."""
        import pandas as pd

        from ...core import schema
        from ..io.tables import output_fields, write_frame

        fields, kept, renamed = output_fields(clusters_source.fields(), schema.MATCH.kinds())
        if renamed:
            feedback.pushWarning(self.tr("The clusters already have fields named as this tool's: kept as {}.").format(
                ", ".join(f"{old} -> {new}" for old, new in renamed.items())))
        wkb_type = clusters_source.wkbType()
        crs = clusters_source.sourceCrs() if wkb_type != WKB_NO_GEOMETRY else QgsCoordinateReferenceSystem()
        sink, dest_id = self.sink_or_raise(parameters, self.OUTPUT, context, fields, wkb_type, crs)
        # The user's values from the table as read, the match's from the result (one row per cluster row):
        # a user's field named as a match field keeps its own values under its new name.
        frame = pd.concat([clusters[kept].reset_index(drop=True),
                           result.clusters[list(schema.MATCH.engine_columns())].reset_index(drop=True)],
                          axis=1, ignore_index=True)
        frame.columns = fields.names()
        if not write_frame(sink, fields, frame, fields.names(), geometries, feedback, share=15.0, offset=75.0,
                           output=self.parameterDefinition(self.OUTPUT).description()):
            return None
        if wkb_type != WKB_NO_GEOMETRY:
            style_on_load(context, dest_id, QmlStyle("match_classes"))
        return {self.OUTPUT: dest_id}

    def _write_pairs_and_summary(self, parameters, context, result):
        """OUTPUT_PAIRS (when asked for) and OUTPUT_SUMMARY (Table 1)."""
        from ...core import schema
        from ..io.tables import schema_fields, write_frame

        results = {}
        if parameters.get(self.OUTPUT_PAIRS) is not None:
            fields = schema_fields(schema.MATCH_PAIRS)
            sink, results[self.OUTPUT_PAIRS] = self.sink_or_raise(parameters, self.OUTPUT_PAIRS, context, fields)
            write_frame(sink, fields, result.pairs, schema.MATCH_PAIRS.engine_columns(),
                        output=self.parameterDefinition(self.OUTPUT_PAIRS).description())
        fields = schema_fields(schema.MATCH_SUMMARY)
        sink, results[self.OUTPUT_SUMMARY] = self.sink_or_raise(parameters, self.OUTPUT_SUMMARY, context, fields)
        write_frame(sink, fields, result.summary, schema.MATCH_SUMMARY.engine_columns(),
                    output=self.parameterDefinition(self.OUTPUT_SUMMARY).description())
        return results

    def _log(self, feedback, result, n_clusters):
        from ...core import matching

        accounting = result.belt_accounting
        feedback.pushInfo(
            self.tr("Belts: {input} read, {used} used; left out: {other_year} of other years, {no_year} without "
                    "a year, {no_city} without a city.").format(**{k: accounting.get(k, 0) for k in
                                                                   ("input", "used", "other_year", "no_year",
                                                                    "no_city")})
        )
        classes = result.clusters["match_class"].value_counts()
        feedback.pushInfo(
            self.tr("Clusters: {} rows; {}.").format(
                n_clusters, ", ".join(f"{name} {int(classes.get(name, 0))}" for name in matching.MATCH_CLASSES)
            )
        )
        overrides = (result.settings or {}).get("table_overrode_taxonomy") or 0
        if overrides:
            feedback.pushInfo(
                self.tr("The relation table overrode the taxonomy on {} industry pairs.").format(overrides))
        missing_city = int((result.clusters["basis"] == matching.BASIS_MISSING_CITY).sum())
        if missing_city:
            feedback.pushWarning(
                self.tr("{} cluster rows have no city key (class no_belt_in_city).").format(missing_city))
        for row in result.summary.itertuples(index=False):
            feedback.pushInfo(
                self.tr("{}: {} clusters, {} matched ({:.1f} %), {} similar ({:.1f} %)").format(
                    row.cluster_type, row.clusters, row.matched, matching.round_half_up(row.matched_pct) or 0.0,
                    row.similar, matching.round_half_up(row.similar_pct) or 0.0,
                )
            )


def _label_column(frame, fallback):
    return "name" if "name" in frame.columns else fallback


def warn_duplicate_cluster_ids(clusters, keys, feedback, id_field="cluster_id"):
    """Warn (and keep the rows) when a cluster id repeats within one city.

    After splitmulticity one id legitimately appears once per city part, so only the same id
    in the same city is a duplicate.
    """
    import pandas as pd

    if id_field not in clusters.columns:
        return
    frame = pd.DataFrame({"id": clusters[id_field].astype(object), "city": list(keys)})
    repeated = frame[frame["id"].notna() & frame.duplicated(["id", "city"], keep=False)]
    if len(repeated):
        ids = sorted({str(value) for value in repeated["id"]})
        rows = ", ".join(str(i + 1) for i in repeated.index[:20])
        feedback.pushWarning(
            QCoreApplication.translate(
                "MatchClustersBeltsAlgorithm",
                "{} cluster rows repeat a {} within one city ({}; rows {}); they are kept and each is matched and "
                "counted."
            ).format(len(repeated), id_field, ", ".join(ids[:10]), rows)
        )
