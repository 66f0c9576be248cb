"""City names and codes of the tools' tables resolved to city keys with the bundled gazetteer, logged."""
import numpy as np
from qgis.PyQt.QtCore import QCoreApplication

from ...core import cities


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
                "CityKeys", "{}: {} rows were resolved to their city through a place below it (county, district)."
            ).format(label, int(below.sum()))
        )
    if empty:
        feedback.pushWarning(
            QCoreApplication.translate(
                "CityKeys", "{}: {} rows have no city: they cannot meet any belt or cluster."
            ).format(label, empty)
        )
    if unlocated.any():
        names = sorted({str(values[i]) for i in np.flatnonzero(unlocated)})
        shown = ", ".join(names[:20])
        if len(names) > 20:
            shown += QCoreApplication.translate("CityKeys", " and {} more").format(len(names) - 20)
        feedback.pushWarning(
            QCoreApplication.translate(
                "CityKeys",
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
