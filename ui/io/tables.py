"""Tables in and out of QGIS: layers <-> pandas DataFrames, DataFrames -> sinks with QgsFields."""
import math

import numpy as np
import pandas as pd
from qgis.core import QgsFeature, QgsField, QgsFields, QgsGeometry, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from ...core.columns import column_kind
from ..compat import FAST_INSERT, make_field
from .layers import attribute_request, iterate_with_progress, python_value


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


def output_fields(input_fields, added_columns):
    """Input fields followed by (name, kind) ``added_columns``; both are kept when names collide.

    An input field named as an added one, in any letter case (GeoPackage and Shapefile ignore case), is kept
    under the name ``<name>_input`` (``<name>_input_2``... if that is taken too), so the user's values and
    the tool's both reach the output. Returns (QgsFields, the input fields' names in order as the input spells
    them, {input name: output name} of the renamed ones).
    """
    taken = {name.lower() for name, _ in added_columns} | {field.name().lower() for field in input_fields}
    added_lower = {name.lower() for name, _ in added_columns}
    fields = QgsFields()
    kept, renamed = [], {}
    for field in input_fields:
        kept.append(field.name())
        if field.name().lower() in added_lower:
            new_name, number = f"{field.name()}_input", 1
            while new_name.lower() in taken:
                number += 1
                new_name = f"{field.name()}_input_{number}"
            taken.add(new_name.lower())
            renamed[field.name()] = new_name
            field = QgsField(field)
            field.setName(new_name)
        fields.append(field)
    for name, kind in added_columns:
        fields.append(make_field(name, kind))
    return fields, kept, renamed


def schema_fields(output, values=()):
    """QgsFields of the fields core/schema.py declares for ``output`` (patterns expanded with ``values``)."""
    fields = QgsFields()
    for name, kind in output.kinds(values):
        fields.append(make_field(name, kind))
    return fields


def input_indices(source, names):
    """Attribute indices of the named fields of ``source``."""
    return [source.fields().lookupField(name) for name in names]


def frame_fields(frame, columns=None, declared=None):
    """QgsFields for the DataFrame columns (all, or those named): of the kind ``declared`` gives (name -> kind,
    from core/schema.py), else typed from their dtypes."""
    declared = declared or {}
    fields = QgsFields()
    for name in columns if columns is not None else frame.columns:
        fields.append(make_field(str(name), declared.get(name) or column_kind(frame[name])))
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


def write_frame(sink, fields, frame, columns, geometries=None, feedback=None, share=0.0, offset=0.0, output=""):
    """Write ``frame[columns]`` (in ``fields`` order) to ``sink``, one feature per row; False when cancelled.

    A row the sink refuses (a GeoPackage that could not create a column, a full disk...) is refused with a
    QgsProcessingException naming the output (``output``: its label) and the sink's reason: the run must
    not report success for an output that was not written.
    """
    total = len(frame)
    if total == 0:
        return True  # an empty frame may lack the columns (nothing was computed); the output stays empty
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
        if not sink.addFeature(feature, FAST_INSERT):
            raise QgsProcessingException(QCoreApplication.translate(
                "Tables", "The output {output} could not be written (row {row}): {reason}").format(
                    output=f"'{output}'" if output else "", row=position + 1, reason=sink.lastError()))
    return True
