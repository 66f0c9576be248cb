"""clusterbelt:matchclustersbelts - each cluster against the online belts of its own city."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .base import ClusterBeltAlgorithm
from ..compat import SOURCE_VECTOR, WKB_NO_GEOMETRY, make_field
from ..styles import QmlStyle, style_on_load

MATCH_FIELDS = [
    ("match_class", "string"),
    ("matched_belts", "string"),
    ("similar_belts", "string"),
    ("n_city_belts", "longlong"),
    ("city_key", "string"),
    ("basis", "string"),
]
PAIR_FIELDS = [
    ("cluster_row", "longlong"),
    ("belt_row", "longlong"),
    ("city_key", "string"),
    ("cluster_type", "string"),
    ("cluster_industry", "string"),
    ("belt_industry", "string"),
    ("belt_year", "double"),
    ("relation", "string"),
    ("direction", "string"),
    ("basis", "string"),
    ("score", "double"),
    ("note", "string"),
]
SUMMARY_FIELDS = [
    ("cluster_type", "string"),
    ("clusters", "longlong"),
    ("matched", "longlong"),
    ("similar", "longlong"),
    ("none", "longlong"),
    ("no_belt_in_city", "longlong"),
    ("matched_pct", "double"),
    ("similar_pct", "double"),
    ("matched_or_similar_pct", "double"),
]


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
    RELATIONS = "RELATIONS"
    AUTO_RELATE = "AUTO_RELATE"
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
            "<p><b>Output</b>: every cluster row exactly once with all its fields, plus <code>match_class</code> "
            "(matched: some belt of its city is identical or subordinate; similar: else some belt is similar; "
            "none: its city has belts but none related; no_belt_in_city: no belt in its city, or no city), "
            "<code>matched_belts</code> and <code>similar_belts</code> (belt names joined by '; '), "
            "<code>n_city_belts</code>, <code>city_key</code> (the resolved city) and <code>basis</code> (which "
            "rule decided: relations, same_name, no_relation, empty_industry, no_belt, missing_city).</p>"
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
        self.add_table_source(
            self.RELATIONS, self.tr("Relation table (default: the paper's judgements)"),
            optional=True,
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.AUTO_RELATE,
                self.tr("Automatic relations"),
                options=_auto_relate_labels(),
                defaultValue=0,
            )
        )
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
        from ...core.relations import AUTO_RELATE_MODES
        from ..io.layers import field_index
        from ..io.tables import (
            city_keys,
            output_fields,
            parse_years,
            read_frame,
            relation_table,
            require_field,
            write_frame,
        )

        clusters_source = self.source_or_raise(parameters, self.CLUSTERS, context)
        belts_source = self.source_or_raise(parameters, self.BELTS, context)
        clusters_label = clusters_source.sourceName()
        belts_label = belts_source.sourceName()
        cluster_city = self.parameterAsString(parameters, self.CLUSTER_CITY_FIELD, context)
        cluster_type = self.parameterAsString(parameters, self.CLUSTER_TYPE_FIELD, context) or None
        cluster_industry = self.parameterAsString(parameters, self.CLUSTER_INDUSTRY_FIELD, context)
        belt_city = self.parameterAsString(parameters, self.BELT_CITY_FIELD, context)
        belt_industry = self.parameterAsString(parameters, self.BELT_INDUSTRY_FIELD, context)
        belt_year = self.parameterAsString(parameters, self.BELT_YEAR_FIELD, context) or None
        require_field(clusters_source, cluster_city, clusters_label, self.tr("Cluster city field"))
        require_field(clusters_source, cluster_industry, clusters_label, self.tr("Cluster industry field"))
        field_index(clusters_source, cluster_type, clusters_label, self.tr("Cluster type field"))
        require_field(belts_source, belt_city, belts_label, self.tr("Belt city field"))
        require_field(belts_source, belt_industry, belts_label, self.tr("Belt industry field"))
        field_index(belts_source, belt_year, belts_label, self.tr("Belt year field"))
        years = parse_years(self.parameterAsString(parameters, self.YEARS, context))
        if years is not None and belt_year is None:
            raise QgsProcessingException(
                self.tr("Belt years {} were given but no belt year field: choose the field that holds the year.").format(
                    self.parameterAsString(parameters, self.YEARS, context)
                )
            )
        auto_relate = AUTO_RELATE_MODES[self.parameterAsEnum(parameters, self.AUTO_RELATE, context)]
        relations = relation_table(
            self.parameterAsSource(parameters, self.RELATIONS, context), feedback, self.tr("Relation table")
        )

        clusters, geometries = self.read_cluster_table(clusters_source, cluster_city, feedback, 30.0, with_geometry=True)
        if clusters is None:
            return {}
        belt_columns = [belt_city, belt_industry] + ([belt_year] if belt_year else [])
        belts, _ = read_frame(belts_source, feedback, share=30.0, offset=30.0, field_names=belt_columns)
        if belts is None:
            return {}
        if len(belts) == 0:
            feedback.pushWarning(self.tr("Belts layer '{}' has no rows: every cluster is no_belt_in_city.").format(belts_label))

        cluster_keys = city_keys(clusters[cluster_city].tolist(), feedback, self.tr("Clusters"))
        belt_keys = city_keys(belts[belt_city].tolist(), feedback, self.tr("Belts"))
        warn_duplicate_cluster_ids(clusters, cluster_keys, feedback)
        feedback.setProgress(65)
        try:
            result = matching.match_clusters_to_belts(
                clusters,
                belts,
                cluster_city=cluster_keys,
                cluster_industry=cluster_industry,
                cluster_type=cluster_type,
                belt_city=belt_keys,
                belt_industry=belt_industry,
                belt_year=belt_year,
                years=years,
                relations=relations,
                auto_relate=auto_relate,
                with_pairs=self.OUTPUT_PAIRS in parameters and parameters[self.OUTPUT_PAIRS] is not None,
            )
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.setProgress(75)

        fields, kept, replaced = output_fields(clusters_source.fields(), MATCH_FIELDS)
        if replaced:
            feedback.pushWarning(
                self.tr("The clusters already have fields {}: the output holds the new values.").format(", ".join(replaced))
            )
        wkb_type = clusters_source.wkbType()
        crs = clusters_source.sourceCrs() if wkb_type != WKB_NO_GEOMETRY else QgsCoordinateReferenceSystem()
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        columns = kept + [name for name, _ in MATCH_FIELDS]
        if not write_frame(sink, fields, result.clusters, columns, geometries, feedback, share=15.0, offset=75.0):
            return {}
        results = {self.OUTPUT: dest_id}
        if wkb_type != WKB_NO_GEOMETRY:
            style_on_load(context, dest_id, QmlStyle("match_classes"))

        pairs_sink, pairs_id = self.parameterAsSink(
            parameters, self.OUTPUT_PAIRS, context, _fields(PAIR_FIELDS), WKB_NO_GEOMETRY,
            QgsCoordinateReferenceSystem(),
        )
        if pairs_sink is not None:
            pairs = result.pairs.rename(columns={"cluster_index": "cluster_row", "belt_index": "belt_row"})
            write_frame(pairs_sink, _fields(PAIR_FIELDS), pairs, [name for name, _ in PAIR_FIELDS])
            results[self.OUTPUT_PAIRS] = pairs_id

        summary_sink, summary_id = self.parameterAsSink(
            parameters, self.OUTPUT_SUMMARY, context, _fields(SUMMARY_FIELDS), WKB_NO_GEOMETRY,
            QgsCoordinateReferenceSystem(),
        )
        if summary_sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_SUMMARY))
        write_frame(summary_sink, _fields(SUMMARY_FIELDS), result.summary, [name for name, _ in SUMMARY_FIELDS])
        results[self.OUTPUT_SUMMARY] = summary_id

        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        if html_path:
            page = report.render_match_report_html(
                result, cluster_label=_label_column(clusters, cluster_industry), city_label=cluster_city,
                translate=QCoreApplication.translate,
            )
            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(page)
            results[self.OUTPUT_HTML] = html_path

        self._log(feedback, result, len(clusters))
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
            feedback.pushInfo(self.tr("The relation table overrode the taxonomy on {} industry pairs.").format(overrides))
        missing_city = int((result.clusters["basis"] == matching.BASIS_MISSING_CITY).sum())
        if missing_city:
            feedback.pushWarning(self.tr("{} cluster rows have no city key (class no_belt_in_city).").format(missing_city))
        for row in result.summary.itertuples(index=False):
            feedback.pushInfo(
                self.tr("{}: {} clusters, {} matched ({:.1f} %), {} similar ({:.1f} %)").format(
                    row.cluster_type, row.clusters, row.matched, matching.round_half_up(row.matched_pct) or 0.0,
                    row.similar, matching.round_half_up(row.similar_pct) or 0.0,
                )
            )


def _auto_relate_labels():
    """The AUTO_RELATE enum options, translated, in the order of AUTO_RELATE_MODES."""
    from ...core.relations import AUTO_RELATE_MODES

    labels = {
        "none": QT_TRANSLATE_NOOP("MatchClustersBeltsAlgorithm", "None: the relation table and equal names only"),
        "taxonomy": QT_TRANSLATE_NOOP("MatchClustersBeltsAlgorithm", "Taxonomy (GB/T 4754-2017 codes)"),
        "taxonomy+names": QT_TRANSLATE_NOOP("MatchClustersBeltsAlgorithm", "Taxonomy and name similarity"),
    }
    return [
        QCoreApplication.translate("MatchClustersBeltsAlgorithm", labels.get(mode, mode)) for mode in AUTO_RELATE_MODES
    ]


def _fields(spec):
    fields = QgsFields()
    for name, kind in spec:
        fields.append(make_field(name, kind))
    return fields


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
