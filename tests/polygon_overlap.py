"""Independent reference for the overlap of ellipses: clipping fine polygons (the method the engine used
before Green's theorem on the exact ellipses), kept here only to check core/distribution.py.

Each ellipse becomes a regular-in-parameter polygon of ``vertices`` vertices scaled to the ellipse's exact
area; the area of A n B is Green's sum over the edges of A clipped to B (Cyrus-Beck, B convex) plus the
edges of B clipped to A. O(vertices^2) per pair, so for a few pairs only. Against the closed form for
circles its iou is within 1e-6 at 1024 vertices and shrinks about as 1 / vertices^2.
"""
import math

import numpy as np

COLUMNS = ("CenterX", "CenterY", "major_sd", "minor_sd", "azimuth")


def ellipse_polygons(centre_x, centre_y, major, minor, azimuth, origin_x, origin_y, vertices):
    """Counter-clockwise polygons ``(pairs, vertices, 2)`` with the exact areas of the ellipses."""
    t = 2.0 * np.pi * np.arange(vertices) / vertices
    angle = 2.0 * np.pi / vertices
    scale = math.sqrt(angle / math.sin(angle))  # an inscribed polygon has sin(angle)/angle of the area
    phi = np.radians(90.0 - np.where(np.isnan(azimuth), 90.0, azimuth))
    cos_phi, sin_phi = np.cos(phi)[:, None], np.sin(phi)[:, None]
    along = scale * major[:, None] * np.cos(t)[None, :]
    across = scale * minor[:, None] * np.sin(t)[None, :]
    polygon = np.empty((major.size, vertices, 2))
    polygon[..., 0] = (centre_x - origin_x)[:, None] + along * cos_phi - across * sin_phi
    polygon[..., 1] = (centre_y - origin_y)[:, None] + along * sin_phi + across * cos_phi
    return polygon


def edges_inside_area(edges_of, clip, strict):
    """Green's share of the parts of the edges of ``edges_of`` inside the convex CCW polygon ``clip``;
    ``strict``: parts on the boundary of ``clip`` do not count (so a shared boundary counts once)."""
    direction = np.roll(edges_of, -1, axis=0) - edges_of
    clip_edge = np.roll(clip, -1, axis=0) - clip
    offset_x = edges_of[:, None, 0] - clip[None, :, 0]
    offset_y = edges_of[:, None, 1] - clip[None, :, 1]
    numerator = clip_edge[None, :, 0] * offset_y - clip_edge[None, :, 1] * offset_x
    denominator = clip_edge[None, :, 0] * direction[:, None, 1] - clip_edge[None, :, 1] * direction[:, None, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        limit = -numerator / denominator
    t_low = np.maximum(0.0, np.max(np.where(denominator > 0, limit, -np.inf), axis=1))
    t_high = np.minimum(1.0, np.min(np.where(denominator < 0, limit, np.inf), axis=1))
    outside = (numerator <= 0) if strict else (numerator < 0)
    blocked = np.any((denominator == 0) & outside, axis=1)
    keep = (t_high > t_low) & ~blocked
    a = edges_of + t_low[:, None] * direction
    b = edges_of + t_high[:, None] * direction
    return 0.5 * np.sum(np.where(keep, a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0], 0.0))


def intersection_area(first, second, vertices=2048):
    """Area of A n B row by row of two ellipse tables (as ``distribution.ellipse_intersection_area``)."""
    a = [np.asarray(first[name], dtype=float) for name in COLUMNS]
    b = [np.asarray(second[name], dtype=float) for name in COLUMNS]
    poly_a = ellipse_polygons(*a, a[0], a[1], vertices)
    poly_b = ellipse_polygons(*b, a[0], a[1], vertices)
    return np.array([max(0.0, edges_inside_area(poly_a[k], poly_b[k], strict=False)
                         + edges_inside_area(poly_b[k], poly_a[k], strict=True)) for k in range(a[0].size)])


def iou(first, second, vertices=2048):
    inter = intersection_area(first, second, vertices)
    area_a = math.pi * np.asarray(first["major_sd"], dtype=float) * np.asarray(first["minor_sd"], dtype=float)
    area_b = math.pi * np.asarray(second["major_sd"], dtype=float) * np.asarray(second["minor_sd"], dtype=float)
    return inter / (area_a + area_b - inter), inter / area_a, inter / area_b
