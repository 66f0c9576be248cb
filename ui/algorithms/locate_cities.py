"""clusterbelt:locatecities - give table rows the point of their place and city from a gazetteer."""
import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import schema
from ..compat import FAST_INSERT, SOURCE_VECTOR_POINT, WKB_POINT
from ..styles import QmlStyle, style_on_load
from .base import ClusterBeltAlgorithm

ADDED_FIELDS = schema.LOCATE.kinds()
# POINT_LEVEL options, in the order of the parameter's list.
POINT_LEVELS = ("place", "city")
# The columns of the user place format (resources/data/README.md); code and level are optional.
PLACE_COLUMNS = ("name", "parent", "lon", "lat")
OPTIONAL_PLACE_COLUMNS = ("code", "level")


class LocateCitiesAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "locatecities"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("LocateCitiesAlgorithm", "Locate cities")
    GROUP_ID = "matching"
    GROUP_NAME = QT_TRANSLATE_NOOP("LocateCitiesAlgorithm", "Cluster-belt matching")

    INPUT = "INPUT"
    CITY_FIELD = "CITY_FIELD"
    PROVINCE_FIELD = "PROVINCE_FIELD"
    CONTEXT_CITY_FIELD = "CONTEXT_CITY_FIELD"
    POINT_LEVEL = "POINT_LEVEL"
    GAZETTEER = "GAZETTEER"
    GAZETTEER_NAME_FIELD = "GAZETTEER_NAME_FIELD"
    GAZETTEER_CODE_FIELD = "GAZETTEER_CODE_FIELD"
    GAZETTEER_PROVINCE_FIELD = "GAZETTEER_PROVINCE_FIELD"
    PLACES = "PLACES"
    OUTPUT = "OUTPUT"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Gives every row of a table the point of its place and the prefecture-level city it lies in, looked "
            "up in a gazetteer.</p>"
            "<p><b>Input</b>: any table or vector layer; <b>City field</b>: the name or code (adcode) of a city, "
            "county, county-level city or district. Names match when they are the full name (深圳市, 义乌市, "
            "南山区), the name without its suffix (深圳, 义乌), the adcode (440300, 330782), a name with its "
            "province and city in front (广东省深圳市南山区, 浙江省义乌市, 深圳南山) or a common variant (恩施 = "
            "恩施土家族苗族自治州, 海西州, 兴安盟); whitespace, full-width forms and traditional characters are "
            "ignored. A bare name is a city before it is a county (朝阳 = 朝阳市).</p>"
            "<p><b>Province field</b>, <b>Context city field</b> (optional): the row's province or city, used "
            "when a name exists in several places (南山区 is in 深圳 and in 鹤岗). Without them such a row is "
            "ambiguous and the log lists the candidates.</p>"
            "<p><b>Point</b>: the place's own point (default; a place without one gets its city's seat) or the "
            "seat of its city.</p>"
            "<p><b>Gazetteer</b> (optional): a point layer of cities with a name field and, optionally, a code and a "
            "province field. Default: the bundled gazetteer of the 369 Chinese prefecture-level units and the "
            "2,817 counties, county-level cities and districts below them (codes current to 2025-12-31; points "
            "are government seats, WGS 84), from Vonng/adcode, CC BY 4.0.</p>"
            "<p><b>Places</b> (optional): your own towns and markets, a table with the fields name, parent (the "
            "code or name of the county or city it lies in), lon and lat (WGS 84), optionally code and level; "
            "e.g. 白沟镇, 高碑店市, 116.03, 39.12. They extend the gazetteer.</p>"
            "<p><b>Output</b>: every input row, with all its fields, as a point in the gazetteer's CRS (the added "
            "fields are listed below). Rows that cannot be located are kept without geometry and "
            "listed in the log: nothing "
            "is dropped.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_table_source(self.INPUT, self.tr("Input table"))
        self.add_field(self.CITY_FIELD, self.tr("City field (name or code)"), self.INPUT)
        self.add_field(self.PROVINCE_FIELD, self.tr("Province field (context, optional)"), self.INPUT, optional=True)
        self.add_field(
            self.CONTEXT_CITY_FIELD, self.tr("Context city field (optional)"), self.INPUT, optional=True
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.POINT_LEVEL, self.tr("Point"),
                options=[self.tr("The place's own point"), self.tr("The seat of its city")], defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.GAZETTEER,
                self.tr("Gazetteer (default: bundled Chinese cities, counties and districts)"),
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
        self.add_table_source(self.PLACES, self.tr("Places of your own (name, parent, lon, lat)"), optional=True)
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Located rows"), SOURCE_VECTOR_POINT)
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # core/, io and numpy/pandas are imported when a tool runs, so the plugin loads without them.
        from ..io.layers import field_index

        source = self.source_or_raise(parameters, self.INPUT, context)
        layer_label = source.sourceName()
        city_name = self.parameterAsString(parameters, self.CITY_FIELD, context)
        if not city_name:
            raise QgsProcessingException(self.tr("Choose the city field of layer '{}'.").format(layer_label))
        indices = [
            field_index(source, city_name, layer_label, self.tr("City field")),
            field_index(source, self.parameterAsString(parameters, self.PROVINCE_FIELD, context), layer_label,
                        self.tr("Province field")),
            field_index(source, self.parameterAsString(parameters, self.CONTEXT_CITY_FIELD, context), layer_label,
                        self.tr("Context city field")),
        ]
        gazetteer, gazetteer_crs = self._gazetteer(parameters, context, feedback)
        gazetteer = self._with_user_places(parameters, context, feedback, gazetteer, gazetteer_crs)

        values, province, context_city = self._read_city_columns(source, indices, feedback)
        if feedback.isCanceled():
            return {}
        point = POINT_LEVELS[self.parameterAsEnum(parameters, self.POINT_LEVEL, context)]
        with self.engine_errors():
            located = gazetteer.locate(values, province=province, context_city=context_city, point=point)

        dest_id = self._write(parameters, context, feedback, source, located, gazetteer_crs)
        if dest_id is None:
            return {}
        self._log_summary(feedback, values, located, gazetteer)
        style_on_load(context, dest_id, QmlStyle("located_cities"))
        return {self.OUTPUT: dest_id}

    def _read_city_columns(self, source, indices, feedback):
        """The city field's values and those of the optional context fields (None when not chosen)."""
        from ..io.layers import attribute_request, iterate_with_progress, python_value

        wanted = [index for index in indices if index >= 0]
        columns = {index: [] for index in wanted}
        request = attribute_request(wanted, with_geometry=False)
        for feature in iterate_with_progress(source, request, feedback, share=40.0):
            for index in wanted:
                columns[index].append(python_value(feature.attribute(index)))
        return [columns[index] if index >= 0 else None for index in indices]

    def _write(self, parameters, context, feedback, source, located, crs):
        from ..io.layers import attribute_request, iterate_with_progress
        from ..io.tables import input_indices, output_fields

        layer_label = source.sourceName()
        fields, kept_names, renamed = output_fields(source.fields(), ADDED_FIELDS)
        kept = input_indices(source, kept_names)
        if renamed:
            feedback.pushWarning(self.tr("The input already has fields named as this tool's: kept as {}.").format(
                ", ".join(f"{old} -> {new}" for old, new in renamed.items())))
        sink, dest_id = self.sink_or_raise(parameters, self.OUTPUT, context, fields, WKB_POINT, crs)

        added_columns = [located[name].tolist() for name, _ in ADDED_FIELDS]
        lon = located["lon"].to_numpy(dtype=float)
        lat = located["lat"].to_numpy(dtype=float)
        request = attribute_request(list(range(source.fields().count())), with_geometry=False)
        row = -1
        for row, feature in enumerate(iterate_with_progress(source, request, feedback, share=60.0, offset=40.0)):
            if row >= len(located):
                raise QgsProcessingException(self.tr("Layer '{}' changed while it was read.").format(layer_label))
            attributes = feature.attributes()
            out = QgsFeature(fields)
            out.setAttributes(
                [attributes[i] for i in kept] + [_text_or_null(column[row]) for column in added_columns]
            )
            if math.isfinite(lon[row]) and math.isfinite(lat[row]):
                out.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon[row], lat[row])))
            sink.addFeature(out, FAST_INSERT)
        if feedback.isCanceled():
            return None
        if row + 1 != len(located):
            raise QgsProcessingException(self.tr("Layer '{}' changed while it was read.").format(layer_label))
        return dest_id

    def _gazetteer(self, parameters, context, feedback):
        import numpy as np
        import pandas as pd

        from ...core import cities
        from ..io.layers import attribute_request, feature_point, field_index, python_value

        layer = self.parameterAsSource(parameters, self.GAZETTEER, context)
        if layer is None:
            feedback.pushInfo(cities.BUNDLED_GAZETTEER_ATTRIBUTION)
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

    def _with_user_places(self, parameters, context, feedback, gazetteer, crs):
        """The gazetteer extended by the PLACES table (points given in WGS 84, moved to the gazetteer's CRS)."""
        import numpy as np

        from ..io.layers import transform_arrays
        from ..io.tables import read_frame

        source = self.parameterAsSource(parameters, self.PLACES, context)
        if source is None:
            return gazetteer
        label = source.sourceName()
        names = source.fields().names()
        missing = [column for column in PLACE_COLUMNS if column not in names]
        if missing:
            raise QgsProcessingException(
                self.tr("Places table '{}': the fields {} are missing (a places table has the fields name, parent, "
                        "lon, lat and optionally code, level).").format(label, ", ".join(missing))
            )
        optional = [column for column in OPTIONAL_PLACE_COLUMNS if column in names]
        frame, _ = read_frame(source, feedback, share=0.0, field_names=list(PLACE_COLUMNS) + optional)
        if frame is None:
            return gazetteer
        columns = {"code_col": "code" if "code" in optional else None,
                   "level_col": "level" if "level" in optional else None, "what": "places"}
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        try:
            extended = gazetteer.with_places(frame, degrees=True, **columns)
            if crs != wgs84:
                # The points are WGS 84 degrees (checked above); the gazetteer's points are in its own CRS.
                added = extended.places.iloc[len(gazetteer.places):]
                lon, lat = added["lon"].to_numpy(dtype=float), added["lat"].to_numpy(dtype=float)
                has_point = np.isfinite(lon)
                lon[has_point], lat[has_point] = transform_arrays(
                    lon[has_point], lat[has_point], wgs84, crs, context.transformContext()
                )
                extended = gazetteer.with_places(frame.assign(lon=lon, lat=lat), degrees=False, **columns)
        except ValueError as error:
            raise QgsProcessingException(self.tr("Places table '{}': {}").format(label, error)) from error
        feedback.pushInfo(self.tr("Places table '{}': {} places added to the gazetteer.").format(label, len(frame)))
        return extended

    def _log_summary(self, feedback, values, located, gazetteer):
        import pandas as pd

        statuses = located["locate_status"].value_counts()
        feedback.pushInfo(
            self.tr("Rows: {}; by status: {}.").format(
                len(values), ", ".join(f"{status} {count}" for status, count in statuses.items())
            )
        )
        below = gazetteer.below_city(located)
        if below.any():
            levels = located["place_level"][below].value_counts()
            feedback.pushInfo(
                self.tr("{} rows were resolved through a place below their city ({}).").format(
                    int(below.sum()), ", ".join(f"{level} {count}" for level, count in levels.items())
                )
            )
        seat_instead = below & (located["point_level"].to_numpy(dtype=object) == "city")
        if seat_instead.any():
            feedback.pushInfo(
                self.tr("{} rows have their city's seat as point: {}.").format(
                    int(seat_instead.sum()),
                    ", ".join(sorted(set(located["place_name"][seat_instead])))[:2000],
                )
            )
        without_point = ~located["has_point"].to_numpy(dtype=bool)
        if without_point.any():
            missing = pd.DataFrame(
                {
                    "name": pd.Series(values, dtype=object).fillna("<NULL>").astype(str).to_numpy(),
                    "status": located["locate_status"].to_numpy(),
                    "candidates": located["candidates"].fillna("").to_numpy(),
                }
            )[without_point]
            listed = missing.groupby(["name", "status", "candidates"], sort=True).size()
            feedback.pushWarning(
                self.tr("{} rows have no point (kept without geometry): {}").format(
                    int(without_point.sum()),
                    "; ".join(
                        f"'{name}' ({status}{': ' + candidates if candidates else ''}) x{count}"
                        for (name, status, candidates), count in listed.items()
                    ),
                )
            )


def _text_or_null(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)
