"""clusterbelt:splitmulticity - one row per city for records that list several cities."""
from qgis.core import (
    QgsFeature,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import schema
from ..compat import FAST_INSERT
from .base import ClusterBeltAlgorithm

ADDED_FIELDS = schema.SPLIT.kinds()


class SplitMultiCityAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "splitmulticity"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("SplitMultiCityAlgorithm", "Split multi-city records")
    GROUP_ID = "matching"
    GROUP_NAME = QT_TRANSLATE_NOOP("SplitMultiCityAlgorithm", "Cluster-belt matching")

    INPUT = "INPUT"
    CITY_FIELD = "CITY_FIELD"
    OUTPUT = "OUTPUT"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Writes one row per city for records whose city field lists several cities, as the method "
            "counts a cluster that spans N cities: in matching each city part is its own record, in spatial "
            "statistics each part weighs 1/N.</p>"
            "<p><b>City field</b>: separators are 、 , ， ; ； / ／ | ｜ with any whitespace around them "
            "(广州市、佛山市、惠州市; 广州/佛山).</p>"
            "<p><b>Output</b>: every input field and geometry, plus the fields listed below. A row with an "
            "empty city field is kept once with city_count 0 and a NULL share, and the log says how "
            "many there were.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_table_source(self.INPUT, self.tr("Input table"))
        self.add_field(self.CITY_FIELD, self.tr("City field (may list several cities)"), self.INPUT)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("One row per city")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core import cities
        from ..io.layers import attribute_request, field_index, iterate_with_progress, python_value
        from ..io.tables import input_indices, output_fields

        source = self.source_or_raise(parameters, self.INPUT, context)
        layer_label = source.sourceName()
        city_name = self.parameterAsString(parameters, self.CITY_FIELD, context)
        if not city_name:
            raise QgsProcessingException(self.tr("Choose the city field of layer '{}'.").format(layer_label))
        city_index = field_index(source, city_name, layer_label, self.tr("City field"))

        values = [
            python_value(feature.attribute(city_index))
            for feature in iterate_with_progress(
                source, attribute_request([city_index], with_geometry=False), feedback, share=30.0
            )
        ]
        if feedback.isCanceled():
            return {}
        parts = cities.split_city_column(values)
        parts_by_row = parts.groupby("row", sort=True)
        first_part = parts_by_row.indices

        fields, kept_names, renamed = output_fields(source.fields(), ADDED_FIELDS)
        kept = input_indices(source, kept_names)
        if renamed:
            feedback.pushWarning(self.tr("The input already has fields named as this tool's: kept as {}.").format(
                ", ".join(f"{old} -> {new}" for old, new in renamed.items())))
        sink, dest_id = self.sink_or_raise(
            parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs())

        city_part = parts["city_part"].tolist()
        city_count = parts["city_count"].tolist()
        city_share = parts["city_share"].tolist()
        request = attribute_request(list(range(source.fields().count())))
        written = 0
        for row, feature in enumerate(iterate_with_progress(source, request, feedback, share=70.0, offset=30.0)):
            attributes = feature.attributes()
            base = [attributes[i] for i in kept]
            for position in first_part.get(row, []):
                out = QgsFeature(fields)
                out.setGeometry(feature.geometry())
                share = city_share[position]
                out.setAttributes(
                    base
                    + [
                        city_part[position] or None,
                        int(city_count[position]),
                        None if share != share else float(share),  # NaN -> NULL
                    ]
                )
                sink.addFeature(out, FAST_INSERT)
                written += 1
        if feedback.isCanceled():
            return {}

        empty = int((parts["city_count"] == 0).sum())
        multi = int((parts.drop_duplicates("row")["city_count"] > 1).sum())
        feedback.pushInfo(
            self.tr("{} input rows -> {} output rows; {} rows listed several cities.").format(
                len(values), written, multi)
        )
        if empty:
            feedback.pushWarning(
                self.tr("{} rows have an empty city field; they are kept with city_count 0.").format(empty)
            )
        self._log_places(feedback, parts)
        return {self.OUTPUT: dest_id}

    def _log_places(self, feedback, parts):
        """Parts named after a place below a city (浦东新区), and records whose parts fall in one city."""
        from ...core import cities

        listed = parts[parts["city_part"].notna()]
        located = cities.Gazetteer.bundled().locate(listed["city_part"])
        below = cities.Gazetteer.bundled().below_city(located)
        if below.any():
            feedback.pushInfo(
                self.tr("{} city parts name a place below their city (county, district): they count as their "
                        "city in matching and co-location.").format(int(below.sum()))
            )
        same_city = listed.assign(city=located["city_code"])[located["city_code"].notna()]
        repeated = same_city[same_city.duplicated(["row", "city"], keep=False)]
        if len(repeated):
            feedback.pushWarning(
                self.tr("{} records list several parts in one city (e.g. two districts of it): rows {}.").format(
                    repeated["row"].nunique(), ", ".join(str(r + 1) for r in sorted(repeated["row"].unique())[:20])
                )
            )
