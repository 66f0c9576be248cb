"""Tables in and out of QGIS for the matching tools: layers <-> pandas DataFrames."""
import math

import numpy as np
import pandas as pd
from qgis.core import QgsFeature, QgsFields, QgsGeometry, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from ...core import cities
from ...core.relations import RelationTable
from ..compat import FAST_INSERT, make_field
from .layers import attribute_request, field_index, iterate_with_progress, python_value


def read_frame(source, feedback, share=100.0, offset=0.0, field_names=None, with_geometry=False):
    """All rows of ``source`` as a DataFrame (NULL -> None); geometries too when asked.

    ``field_names`` limits the columns read (and requested from the provider) to those named.
    Returns (frame, geometries or None); None as frame when the user cancelled.
    """
    names = source.fields().names() if field_names is None else [n for n in field_names if n]
    indices = [source.fields().lookupField(name) for name in names]
    request = attribute_request(indices, with_geometry=with_geometry)
    columns = [[] for _ in names]
    geometries = [] if with_geometry else None
    for feature in iterate_with_progress(source, request, feedback, share=share, offset=offset):
        attributes = feature.attributes()
        for column, index in zip(columns, indices):
            column.append(python_value(attributes[index]))
        if with_geometry:
            geometries.append(QgsGeometry(feature.geometry()))
    if feedback is not None and feedback.isCanceled():
        return None, None
    frame = pd.DataFrame({name: pd.Series(column, dtype=object) for name, column in zip(names, columns)})
    return frame, geometries


def require_field(source, field_name, layer_label, parameter_label, numeric=False):
    """Like ``field_index`` but the field is mandatory."""
    if not field_name:
        raise QgsProcessingException(
            QCoreApplication.translate("TableIO", "{}: choose a field of layer '{}'.").format(
                parameter_label, layer_label
            )
        )
    return field_index(source, field_name, layer_label, parameter_label, numeric=numeric)


def column_kind(series):
    """The QGIS field kind that holds a pandas column without loss."""
    if pd.api.types.is_bool_dtype(series):
        return "int"
    if pd.api.types.is_integer_dtype(series):
        return "longlong"
    if pd.api.types.is_float_dtype(series):
        return "double"
    return "string"


def output_fields(input_fields, added_columns):
    """Input fields followed by (name, kind) ``added_columns``; same-named input fields are replaced.

    Returns (QgsFields, names of the input fields kept, names replaced).
    """
    added_names = {name for name, _ in added_columns}
    fields = QgsFields()
    kept, replaced = [], []
    for field in input_fields:
        if field.name() in added_names:
            replaced.append(field.name())
            continue
        fields.append(field)
        kept.append(field.name())
    for name, kind in added_columns:
        fields.append(make_field(name, kind))
    return fields, kept, replaced


def input_indices(source, names):
    """Attribute indices of the named fields of ``source``."""
    return [source.fields().lookupField(name) for name in names]


def frame_fields(frame, columns=None):
    """QgsFields for the DataFrame columns (all, or those named), typed from their dtypes."""
    fields = QgsFields()
    for name in columns if columns is not None else frame.columns:
        fields.append(make_field(str(name), column_kind(frame[name])))
    return fields


def attribute_value(value):
    """A pandas/numpy cell as a value QGIS stores; NaN and None become NULL."""
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(value) else float(value)
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, np.integer):
        return int(value)
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def write_frame(sink, fields, frame, columns, geometries=None, feedback=None, share=0.0, offset=0.0):
    """Write ``frame[columns]`` (in ``fields`` order) to ``sink``, one feature per row."""
    total = len(frame)
    step = share / total if total else 0.0
    report_every = max(1, total // 100)
    rows = frame[list(columns)].itertuples(index=False, name=None)
    for position, row in enumerate(rows):
        if feedback is not None and position % report_every == 0:
            if feedback.isCanceled():
                return False
            feedback.setProgress(offset + position * step)
        feature = QgsFeature(fields)
        feature.setAttributes([attribute_value(value) for value in row])
        if geometries is not None and geometries[position] is not None:
            feature.setGeometry(geometries[position])
        sink.addFeature(feature, FAST_INSERT)
    return True


def city_keys(values, feedback, label):
    """Resolve city names/codes to keys with the bundled gazetteer; log what could not be located.

    Located names become the adcode of their prefecture-level city, also when they name a place
    below it (义乌 -> 金华市 330700, 深圳市南山区 -> 440300); other non-empty names keep their normalised
    text (so two tables spelling an unknown city alike still meet); empty names give None (no city).
    """
    gazetteer = cities.Gazetteer.bundled()
    located = gazetteer.locate(values)
    keys = cities.resolve_city_keys(values, gazetteer)
    empty = sum(1 for key in keys if key is None)
    unlocated = located["locate_status"].isin([cities.NOT_FOUND, cities.AMBIGUOUS]).to_numpy() & np.array(
        [key is not None for key in keys], dtype=bool
    )
    below = gazetteer.below_city(located)
    if below.any():
        feedback.pushInfo(
            QCoreApplication.translate(
                "TableIO", "{}: {} rows were resolved to their city through a place below it (county, district)."
            ).format(label, int(below.sum()))
        )
    if empty:
        feedback.pushWarning(
            QCoreApplication.translate(
                "TableIO", "{}: {} rows have no city: they cannot meet any belt or cluster."
            ).format(label, empty)
        )
    if unlocated.any():
        names = sorted({str(values[i]) for i in np.flatnonzero(unlocated)})
        shown = ", ".join(names[:20])
        if len(names) > 20:
            shown += QCoreApplication.translate("TableIO", " and {} more").format(len(names) - 20)
        feedback.pushWarning(
            QCoreApplication.translate(
                "TableIO",
                "{}: {} rows name a city the gazetteer does not know or cannot decide ({}); they are compared by "
                "their normalised name."
            ).format(label, int(unlocated.sum()), shown)
        )
    return keys


def city_names_for_keys(keys):
    """The gazetteer name of each city key (None when the key is not an adcode of the gazetteer)."""
    units = cities.Gazetteer.bundled().units
    names = dict(zip(units["city_key"].astype(str), units["city_name"]))
    return [names.get(str(key)) if key is not None else None for key in keys]


def relation_table(source, feedback, label):
    """The analyst's relation table from a layer (columns industry_a, industry_b, relation[, note])."""
    if source is None:
        return None
    frame, _ = read_frame(source, feedback, share=0.0)
    if frame is None:
        return None
    try:
        return RelationTable.from_frame(frame, source=f"{label} '{source.sourceName()}'")
    except ValueError as error:
        raise QgsProcessingException(f"{label} '{source.sourceName()}': {error}") from error


def parse_years(text):
    """'2021', '2018-2021', '2018,2020' or '2018-2019, 2021' -> sorted list of years; '' -> None."""
    text = (text or "").strip()
    if not text:
        return None
    years = set()
    for part in text.replace("，", ",").replace("、", ",").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        bounds = [b.strip() for b in part.replace("–", "-").split("-")]
        try:
            if len(bounds) == 1:
                years.add(int(bounds[0]))
            elif len(bounds) == 2:
                low, high = int(bounds[0]), int(bounds[1])
                if low > high:
                    raise ValueError
                years.update(range(low, high + 1))
            else:
                raise ValueError
        except ValueError:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "TableIO",
                    "YEARS: '{}' is not a year or a range of years (write e.g. 2021, 2018-2021 or 2018,2020)."
                ).format(part)
            ) from None
    return sorted(years)


def refuse_multi_city_rows(values, layer_label, field_name):
    """Clusters listing several cities must be split first: each city part is its own record.

    The messages keep the translation context of the tool they were written for.
    """
    counts = np.array([len(cities.split_city_list(value)) for value in values.tolist()])
    multi = np.flatnonzero(counts > 1)
    if len(multi):
        shown = "; ".join(
            QCoreApplication.translate("MatchClustersBeltsAlgorithm", "row {}: {}").format(i + 1, values.iloc[i])
            for i in multi[:10]
        )
        if len(multi) > 10:
            shown += QCoreApplication.translate("MatchClustersBeltsAlgorithm", " and {} more").format(len(multi) - 10)
        raise QgsProcessingException(
            QCoreApplication.translate(
                "MatchClustersBeltsAlgorithm",
                "Layer '{}', field '{}': {} rows list several cities ({}). Run 'Split multi-city records' "
                "(clusterbelt:splitmulticity) first and match on its city_part field: the method matches each city "
                "part of a cluster on its own."
            ).format(layer_label, field_name, len(multi), shown)
        )
