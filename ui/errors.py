"""The engine's errors as the user reads them: translated, naming the tool's parameters by their labels.

The engine (core/errors.py) raises errors with a stable ``code`` and their arguments, naming each input by
its role (``cluster_city``, ``belt_year``...). :func:`engine_errors` turns them into a
``QgsProcessingException`` whose message is the translated template of the code, with each role replaced by
the label of the tool's parameter for it. A tool uses ``with self.engine_errors():`` (ui/algorithms/base.py),
which finds the labels itself.
"""
from contextlib import contextmanager

from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..core import errors

#: One translated template per error code; the placeholders are those of core/errors.py's messages.
MESSAGES = {
    errors.InputError.code: QT_TRANSLATE_NOOP("EngineErrors", "{detail}"),
    errors.NotATableError.code: QT_TRANSLATE_NOOP("EngineErrors", "{role}: expected a table, got {given}."),
    errors.MissingFieldError.code: QT_TRANSLATE_NOOP(
        "EngineErrors", "{role}: there is no field '{field}'. The fields are: {available}."),
    errors.WrongLengthError.code: QT_TRANSLATE_NOOP(
        "EngineErrors", "{role}: expected {expected} values, one per row, got {got}."),
    errors.EmptyTableError.code: QT_TRANSLATE_NOOP("EngineErrors", "{role}: layer '{table}' has no rows."),
    errors.BadRowsError.code: QT_TRANSLATE_NOOP(
        "EngineErrors",
        "{role}: field '{field}' has a missing, non-numeric or negative value in {count} rows (rows {rows}, "
        "counting from 1)."),
    errors.MultiCityRowsError.code: QT_TRANSLATE_NOOP(
        "EngineErrors",
        "Layer '{table}', field '{field}': {count} rows list several cities (rows {rows}: {values}). Run 'Split "
        "multi-city records' (clusterbelt:splitmulticity) first and match on its city_part field: the method "
        "matches each city part of a cluster on its own."),
    errors.BadValueError.code: QT_TRANSLATE_NOOP("EngineErrors", "{role}: {detail}"),
    errors.NotAYearError.code: QT_TRANSLATE_NOOP(
        "EngineErrors",
        "{role}: '{values}' is not a year or a range of years (write e.g. 2021, 2018-2021 or 2018,2020)."),
    errors.NoYearsError.code: QT_TRANSLATE_NOOP(
        "EngineErrors", "{role}: the set of years is empty; give at least one year, or none to use every row."),
    errors.NeedsFieldError.code: QT_TRANSLATE_NOOP("EngineErrors", "{role}: this needs {needs}: choose it."),
    errors.NoLatestYearError.code: QT_TRANSLATE_NOOP(
        "EngineErrors", "{role}: no row has a year in field '{field}', so there is no latest year; give the year."),
    errors.RelationTableError.code: QT_TRANSLATE_NOOP("EngineErrors", "{detail}"),
}


def translated_message(error, labels=None):
    """The message of an engine error in the user's language; ``labels`` maps roles to parameter labels."""
    template = MESSAGES.get(error.code, MESSAGES[errors.InputError.code])
    if error.code == errors.BadValueError.code and error.role is None:
        template = MESSAGES[errors.InputError.code]  # the ellipse engine's messages stand alone
    more = QCoreApplication.translate("EngineErrors", " and {} more")
    return error.message(QCoreApplication.translate("EngineErrors", template), labels, more)


@contextmanager
def engine_errors(labels=None):
    """Raise the engine errors of the block as ``QgsProcessingException`` with translated messages."""
    try:
        yield
    except errors.InputError as error:
        raise QgsProcessingException(translated_message(error, labels)) from error
