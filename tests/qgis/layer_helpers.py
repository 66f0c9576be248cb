"""Small builders and readers of layers for the Processing tests."""
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer


def memory_points(points, crs="EPSG:3857", fields=(), attributes=None, name="points"):
    """A memory point layer; ``fields`` are (name, 'double'|'int'|'string') pairs."""
    field_spec = "".join(f"&field={field_name}:{kind}" for field_name, kind in fields)
    layer = QgsVectorLayer(f"Point?crs={crs}{field_spec}", name, "memory")
    assert layer.isValid()
    features = []
    for position, point in enumerate(points):
        feature = QgsFeature(layer.fields())
        if point is not None:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(point[0]), float(point[1]))))
        if attributes is not None:
            feature.setAttributes(list(attributes[position]))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer

def memory_table(fields, rows, name="table"):
    """A memory table (no geometry) with string/int/double fields."""
    field_spec = "&".join(f"field={field_name}:{kind}" for field_name, kind in fields)
    layer = QgsVectorLayer(f"None?{field_spec}", name, "memory")
    assert layer.isValid()
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(row))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer

def features_by_case(layer, case_field=None):
    """Output features as dicts keyed by the case value (or a single None key)."""
    result = {}
    for feature in layer.getFeatures():
        attributes = {name: feature[name] for name in layer.fields().names()}
        for key, value in attributes.items():
            if hasattr(value, "isNull") and value.isNull():
                attributes[key] = None
        attributes["_geometry"] = QgsGeometry(feature.geometry())
        result[attributes.get(case_field) if case_field else None] = attributes
    return result


def as_layer(value, context):
    """An output as a layer: processing.run returns a layer or a layer id depending on the session."""
    from qgis.core import QgsMapLayer, QgsProcessingUtils

    if value is None or isinstance(value, QgsMapLayer):
        return value
    return context.getMapLayer(value) or QgsProcessingUtils.mapLayerFromString(value, context)
