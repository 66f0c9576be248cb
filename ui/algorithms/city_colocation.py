"""clusterbelt:citycolocation - which cities hold clusters, belts, or both (method section 4)."""
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..compat import NUMBER_INTEGER, SOURCE_VECTOR
from .base import ClusterBeltAlgorithm

# Output id: (headline key, label). The labels are marked for pylupdate5 and translated in initAlgorithm.
NUMERIC_OUTPUTS = {
    "CITIES_WITH_CLUSTERS": (
        "cities_with_clusters", QT_TRANSLATE_NOOP("CityColocationAlgorithm", "Cities with clusters")
    ),
    "CITIES_WITH_BELTS": (
        "cities_with_belts", QT_TRANSLATE_NOOP("CityColocationAlgorithm", "Cities with belts")
    ),
    "CITIES_WITH_BOTH": (
        "cities_with_both", QT_TRANSLATE_NOOP("CityColocationAlgorithm", "Cities with both")
    ),
    "SHARE_OF_CLUSTER_CITIES": (
        "share_of_cluster_cities",
        QT_TRANSLATE_NOOP("CityColocationAlgorithm", "Share of cluster cities with belts (%)")
    ),
    "SHARE_OF_BELT_CITIES": (
        "share_of_belt_cities", QT_TRANSLATE_NOOP("CityColocationAlgorithm", "Share of belt cities with clusters (%)")
    ),
    "CITIES_WITH_ALL_TYPES": (
        "cities_with_all_types", QT_TRANSLATE_NOOP("CityColocationAlgorithm", "Cities holding every cluster type")
    ),
    "CITIES_WITH_TWO_TYPES": (
        "cities_with_two_types",
        QT_TRANSLATE_NOOP("CityColocationAlgorithm", "Cities holding exactly two cluster types")
    ),
}


class CityColocationAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "citycolocation"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("CityColocationAlgorithm", "City co-location of clusters and belts")
    GROUP_ID = "matching"
    GROUP_NAME = QT_TRANSLATE_NOOP("CityColocationAlgorithm", "Cluster-belt matching")

    CLUSTERS = "CLUSTERS"
    CLUSTER_CITY_FIELD = "CLUSTER_CITY_FIELD"
    CLUSTER_TYPE_FIELD = "CLUSTER_TYPE_FIELD"
    CLUSTER_WEIGHT_FIELD = "CLUSTER_WEIGHT_FIELD"
    BELTS = "BELTS"
    BELT_CITY_FIELD = "BELT_CITY_FIELD"
    BELT_YEAR_FIELD = "BELT_YEAR_FIELD"
    YEAR = "YEAR"
    INCLUDE_EARLIER = "INCLUDE_EARLIER"
    OUTPUT = "OUTPUT"
    OUTPUT_HTML = "OUTPUT_HTML"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Counts, city by city, the cluster records by type (as records and 1/N-weighted) and the online "
            "belts, and gives the headline figures of section 4 of the method: cities with clusters, with belts, "
            "with both, and the two shares (the paper: 63 of 79 cluster cities = 79.7 %, 63 of 158 belt cities = "
            "39.9 %).</p>"
            "<p><b>Cluster weight field</b> (optional): e.g. <code>city_share</code> from <i>Split multi-city "
            "records</i>, so a cluster spanning N cities weighs 1/N in each. <b>Year</b>: the year that counts as "
            "now (0: the latest belt year). <b>Include earlier years</b>: a cluster city whose belts are all from "
            "earlier years counts as having belts, and is added to the belt cities (the paper: 72 of 79 = 91.1 %, "
            "72 of 158 + 9 = 167 = 43.1 %). Belts after the year, and rows without a city, are left out and "
            "counted in the log.</p>"
            "<p><b>Output</b>: one row per city (its fields are listed below). Numeric outputs: CITIES_WITH_CLUSTERS, "
            "CITIES_WITH_BELTS, CITIES_WITH_BOTH, SHARE_OF_CLUSTER_CITIES, SHARE_OF_BELT_CITIES (percent), "
            "CITIES_WITH_ALL_TYPES, CITIES_WITH_TWO_TYPES.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        from ...core.errors import MAX_YEAR

        self.add_table_source(self.CLUSTERS, self.tr("Clusters"))
        self.add_field(self.CLUSTER_CITY_FIELD, self.tr("Cluster city field"), self.CLUSTERS)
        self.add_field(self.CLUSTER_TYPE_FIELD, self.tr("Cluster type field"), self.CLUSTERS, optional=True)
        self.add_field(
            self.CLUSTER_WEIGHT_FIELD, self.tr("Cluster weight field (e.g. city_share)"),
            self.CLUSTERS, optional=True, numeric=True,
        )
        self.add_table_source(self.BELTS, self.tr("Online belts"))
        self.add_field(self.BELT_CITY_FIELD, self.tr("Belt city field"), self.BELTS)
        self.add_field(self.BELT_YEAR_FIELD, self.tr("Belt year field"), self.BELTS, optional=True)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.YEAR, self.tr("Year that counts as now (0: the latest belt year)"),
                type=NUMBER_INTEGER, defaultValue=0, minValue=0, maxValue=MAX_YEAR,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.INCLUDE_EARLIER, self.tr("Count cluster cities whose belts are from earlier years only"),
                defaultValue=False,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Cities"), SOURCE_VECTOR))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True,
                createByDefault=True,
            )
        )
        for output_id, (_, label) in NUMERIC_OUTPUTS.items():
            self.addOutput(QgsProcessingOutputNumber(output_id, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core import colocation, report, schema
        from ..io.city_keys import city_keys, city_names_for_keys
        from ..io.tables import read_frame

        clusters_source = self.source_or_raise(parameters, self.CLUSTERS, context)
        belts_source = self.source_or_raise(parameters, self.BELTS, context)
        cluster_city = self.field_parameter(parameters, self.CLUSTER_CITY_FIELD, context, clusters_source)
        cluster_type = self.field_parameter(
            parameters, self.CLUSTER_TYPE_FIELD, context, clusters_source, optional=True)
        cluster_weight = self.field_parameter(
            parameters, self.CLUSTER_WEIGHT_FIELD, context, clusters_source, optional=True, numeric=True)
        belt_city = self.field_parameter(parameters, self.BELT_CITY_FIELD, context, belts_source)
        belt_year = self.field_parameter(parameters, self.BELT_YEAR_FIELD, context, belts_source, optional=True)
        year = self.parameterAsInt(parameters, self.YEAR, context) or None
        include_earlier = self.parameterAsBool(parameters, self.INCLUDE_EARLIER, context)
        if (year is not None or include_earlier) and belt_year is None:
            raise QgsProcessingException(
                self.tr("A year or 'include earlier years' needs the belt year field: choose it.")
            )

        cluster_columns = [cluster_city] + [c for c in (cluster_type, cluster_weight) if c]
        clusters, _ = self.read_cluster_table(
            clusters_source, cluster_city, feedback, 40.0, field_names=cluster_columns)
        if clusters is None:
            return {}
        belts, _ = read_frame(
            belts_source, feedback, share=40.0, offset=40.0,
            field_names=[belt_city] + ([belt_year] if belt_year else []),
        )
        if belts is None:
            return {}
        with self.engine_errors():
            result = colocation.city_colocation(
                clusters,
                belts,
                cluster_city=city_keys(clusters[cluster_city].tolist(), feedback, self.tr("Clusters")),
                cluster_type=cluster_type,
                cluster_weight=cluster_weight,
                belt_city=city_keys(belts[belt_city].tolist(), feedback, self.tr("Belts")),
                belt_year=belt_year,
                year=year,
                include_earlier=include_earlier,
            )

        for cluster_type_value, label in result.renamed_types.items():
            feedback.pushWarning(self.tr(
                "Cluster type '{}' is written as n_{} and w_{}: its own name would repeat another column.").format(
                    cluster_type_value, label, label))
        if result.accounting.get("clusters_no_city"):
            feedback.pushWarning(self.tr("{} cluster records have no city and were not counted in any city.").format(
                result.accounting["clusters_no_city"]))
        per_city = result.per_city.copy()
        per_city.insert(1, "city_name", city_names_for_keys(per_city["city_key"].tolist()))
        per_city["city_name"] = per_city["city_name"].astype(object)
        dest_id = self.write_table_output(parameters, self.OUTPUT, context, per_city, feedback, 20.0, 80.0,
                                          output=schema.COLOCATION, values=result.types)
        if dest_id is None:
            return {}
        results = {self.OUTPUT: dest_id}
        headline = result.headline
        for output_id, (key, _) in NUMERIC_OUTPUTS.items():
            value = headline.get(key)
            results[output_id] = None if value is None else float(value)
        if self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context):
            page = report.render_colocation_report_html(result, translate=QCoreApplication.translate)
            results[self.OUTPUT_HTML] = self.write_html_output(parameters, self.OUTPUT_HTML, context, page)

        feedback.pushInfo(
            self.tr("{} cities with clusters, {} with belts, {} with both: {:.1f} % of cluster cities, {:.1f} % of "
                    "belt cities.").format(
                headline["cities_with_clusters"], headline["cities_with_belts"], headline["cities_with_both"],
                headline["share_of_cluster_cities"] or 0.0, headline["share_of_belt_cities"] or 0.0,
            )
        )
        left_out = {k: v for k, v in result.accounting.items() if not k.endswith("_input") and v}
        if left_out:
            feedback.pushWarning(
                self.tr("Left out: {}.").format(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in left_out.items()))
            )
        return results
