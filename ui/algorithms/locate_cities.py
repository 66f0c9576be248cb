"""clusterbelt:locatecities - give table rows a city point from a gazetteer."""
import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..compat import FAST_INSERT, SOURCE_VECTOR_POINT, WKB_POINT

from .base import ClusterBeltAlgorithm
from ..styles import QmlStyle, style_on_load

ADDED_FIELDS = [
    ("city_code", "string"),
    ("city_name", "string"),
    ("province", "string"),
    ("locate_status", "string"),
    ("candidates", "string"),
]


class LocateCitiesAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "locatecities"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("LocateCitiesAlgorithm", "Locate cities")
    GROUP_ID = "matching"
    GROUP_NAME = QT_TRANSLATE_NOOP("LocateCitiesAlgorithm", "Cluster-belt matching")

    INPUT = "INPUT"
    CITY_FIELD = "CITY_FIELD"
    GAZETTEER = "GAZETTEER"
    GAZETTEER_NAME_FIELD = "GAZETTEER_NAME_FIELD"
    GAZETTEER_CODE_FIELD = "GAZETTEER_CODE_FIELD"
    GAZETTEER_PROVINCE_FIELD = "GAZETTEER_PROVINCE_FIELD"
    OUTPUT = "OUTPUT"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Gives every row of a table the point of its city, looked up in a gazetteer.</p>"
            "<p><b>Input</b>: any table or vector layer; <b>City field</b>: the city name or code (adcode). "
            "Names match when they are the full name (深圳市), the short name (深圳), the adcode (440300), a name with "
            "its province in front (广东省深圳市) or a common variant (恩施 = 恩施土家族苗族自治州, 海西州, 兴安盟, 澄迈 = "
            "澄迈县); surrounding whitespace and full-width forms are ignored.</p>"
            "<p><b>Gazetteer</b> (optional): a point layer of cities with a name field and, optionally, a code and a "
            "province field. Default: the bundled gazetteer of 369 Chinese prefecture-level units (codes current to "
            "2025-12-31; points are government seats, WGS 84), from Vonng/adcode, CC BY 4.0.</p>"
            "<p><b>Output</b>: every input row, with all its fields, as a point in the gazetteer's CRS, plus "
            "<code>city_code</code>, <code>city_name</code>, <code>province</code>, <code>candidates</code> (for "
            "ambiguous names: the possible units, separated by |) and <code>locate_status</code>: exact (the full "
            "name or code as given), normalized (found after normalising the name), ambiguous (several units "
            "match: no point) or not_found (no point). Rows that cannot be located are kept without geometry "
            "and listed in the log: nothing is dropped.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_table_source(self.INPUT, self.tr("Input table"))
        self.add_field(self.CITY_FIELD, self.tr("City field (name or code)"), self.INPUT)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.GAZETTEER,
                self.tr("Gazetteer (default: bundled Chinese prefecture-level units)"),
                [SOURCE_VECTOR_POINT],
                optional=True,
            )
        )
        self.add_field(self.GAZETTEER_NAME_FIELD, self.tr("Gazetteer name field"), self.GAZETTEER, optional=True)
        self.add_field(self.GAZETTEER_CODE_FIELD, self.tr("Gazetteer code field"), self.GAZETTEER, optional=True)
        self.add_field(
            self.GAZETTEER_PROVINCE_FIELD, self.tr("Gazetteer province field"),
            self.GAZETTEER, optional=True,
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Located rows"), SOURCE_VECTOR_POINT)
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..io.layers import attribute_request, field_index, iterate_with_progress, python_value
        from ..io.tables import input_indices, output_fields

        source = self.source_or_raise(parameters, self.INPUT, context)
        layer_label = source.sourceName()
        city_name = self.parameterAsString(parameters, self.CITY_FIELD, context)
        if not city_name:
            raise QgsProcessingException(self.tr("Choose the city field of layer '{}'.").format(layer_label))
        city_index = field_index(source, city_name, layer_label, self.tr("City field"))

        gazetteer, gazetteer_crs = self._gazetteer(parameters, context, feedback)

        values = []
        request = attribute_request([city_index], with_geometry=False)
        for feature in iterate_with_progress(source, request, feedback, share=40.0):
            values.append(python_value(feature.attribute(city_index)))
        if feedback.isCanceled():
            return {}
        try:
            located = gazetteer.locate(values)
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error

        fields, kept_names, replaced = output_fields(source.fields(), ADDED_FIELDS)
        kept = input_indices(source, kept_names)
        if replaced:
            feedback.pushWarning(
                self.tr("The input already has fields {}: the output holds the new values.").format(
                    ", ".join(replaced)
                )
            )
        (sink, dest_id) = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, WKB_POINT, gazetteer_crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))

        added_columns = [located[name].tolist() for name, _ in ADDED_FIELDS]
        lon = located["lon"].to_numpy(dtype=float)
        lat = located["lat"].to_numpy(dtype=float)
        request = attribute_request(list(range(source.fields().count())), with_geometry=False)
        row = -1
        for row, feature in enumerate(iterate_with_progress(source, request, feedback, share=60.0, offset=40.0)):
            if row >= len(values):
                raise QgsProcessingException(
                    self.tr("Layer '{}' changed while it was read.").format(layer_label)
                )
            attributes = feature.attributes()
            out = QgsFeature(fields)
            out.setAttributes(
                [attributes[i] for i in kept] + [_text_or_null(column[row]) for column in added_columns]
            )
            if math.isfinite(lon[row]) and math.isfinite(lat[row]):
                out.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon[row], lat[row])))
            sink.addFeature(out, FAST_INSERT)
        if feedback.isCanceled():
            return {}
        if row + 1 != len(values):
            raise QgsProcessingException(self.tr("Layer '{}' changed while it was read.").format(layer_label))

        self._log_summary(feedback, values, located)
        style_on_load(context, dest_id, QmlStyle("located_cities"))
        return {self.OUTPUT: dest_id}

    def _gazetteer(self, parameters, context, feedback):
        import numpy as np
        import pandas as pd
        from ...core import cities
        from ..io.layers import attribute_request, feature_point, field_index, python_value

        layer = self.parameterAsSource(parameters, self.GAZETTEER, context)
        if layer is None:
            return cities.Gazetteer.bundled(), QgsCoordinateReferenceSystem("EPSG:4326")
        label = layer.sourceName()
        name_field = self.parameterAsString(parameters, self.GAZETTEER_NAME_FIELD, context)
        if not name_field:
            raise QgsProcessingException(
                self.tr("Gazetteer layer '{}': choose its name field.").format(label)
            )
        code_field = self.parameterAsString(parameters, self.GAZETTEER_CODE_FIELD, context)
        province_field = self.parameterAsString(parameters, self.GAZETTEER_PROVINCE_FIELD, context)
        indices = {
            "name": field_index(layer, name_field, label, self.tr("Gazetteer name field")),
            "code": field_index(layer, code_field, label, self.tr("Gazetteer code field")),
            "province": field_index(layer, province_field, label, self.tr("Gazetteer province field")),
        }
        records = {"name": [], "code": [], "province": [], "lon": [], "lat": []}
        request = attribute_request(list(indices.values()))
        for feature in layer.getFeatures(request):
            if feedback.isCanceled():
                break
            point = feature_point(feature.geometry())
            for key, index in indices.items():
                records[key].append(python_value(feature.attribute(index)) if index >= 0 else None)
            records["lon"].append(point[0] if point else np.nan)
            records["lat"].append(point[1] if point else np.nan)
        frame = pd.DataFrame(records)
        try:
            gazetteer = cities.Gazetteer.from_frame(
                frame,
                name_col="name",
                code_col="code" if indices["code"] >= 0 else None,
                province_col="province" if indices["province"] >= 0 else None,
                lon_col="lon",
                lat_col="lat",
                degrees=layer.sourceCrs().isGeographic(),
            )
        except ValueError as error:
            raise QgsProcessingException(self.tr("Gazetteer layer '{}': {}").format(label, error)) from error
        return gazetteer, layer.sourceCrs()

    def _log_summary(self, feedback, values, located):
        import numpy as np
        import pandas as pd

        statuses = located["locate_status"].value_counts()
        feedback.pushInfo(
            self.tr("Rows: {}; by status: {}.").format(
                len(values), ", ".join(f"{status} {count}" for status, count in statuses.items())
            )
        )
        without_point = ~(np.isfinite(located["lon"].to_numpy(float)) & np.isfinite(located["lat"].to_numpy(float)))
        if without_point.any():
            missing = pd.DataFrame(
                {
                    "name": pd.Series(values, dtype=object).fillna("<NULL>").astype(str).to_numpy(),
                    "status": located["locate_status"].to_numpy(),
                }
            )[without_point]
            listed = missing.groupby(["name", "status"], sort=True).size()
            feedback.pushWarning(
                self.tr("{} rows have no point (kept without geometry): {}").format(
                    int(without_point.sum()),
                    "; ".join(f"'{name}' ({status}) x{count}" for (name, status), count in listed.items()),
                )
            )


def _text_or_null(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)
