"""The errors the engine raises for input it cannot use: one hierarchy, each error with a code and arguments.

The engine never imports QGIS and never names a Processing parameter. An error names the input at fault by
its *role*, the keyword of the engine function that received it (``cluster_city``, ``belt_year``,
``cluster_weight``, ``years``...), and carries what a message needs: the ``field`` (column), the ``rows``
(counting from 1) and the ``values`` at fault, and per class a few more named arguments. ``str(error)`` is
the English message (scripts, logs, tests); the QGIS layer turns ``code`` and the arguments into a
translated message that names the input by the user's parameter label (ui/errors.py).

Every class here is a ``ValueError``, so code that caught ValueError still does.
"""

#: At most this many rows or values are listed in a message; the rest are counted.
LISTED_AT_MOST = 20


def listed(items, limit=LISTED_AT_MOST, more=" and {} more", separator=", "):
    """The first ``limit`` of ``items`` joined by ``separator``, then ``more`` with the number left out."""
    items = [str(item) for item in items]
    text = separator.join(items[:limit])
    if len(items) > limit:
        text += more.format(len(items) - limit)
    return text


def role_text(role):
    """The English name of a role in a message: ``cluster_city`` -> ``cluster city``."""
    return str(role).replace("_", " ") if role else "input"


class InputError(ValueError):
    """Input the engine cannot use; the root of the hierarchy.

    ``code``: stable, for the QGIS layer to choose a translated message (never shown, never translated).
    ``template``: the English message; its placeholders are the keys of :meth:`arguments`: ``role`` (the
    English role text), ``field``, ``rows`` and ``values`` (listed), ``count`` (the number of rows, or of
    values when no rows are given), ``detail`` (free text) and the class's own keyword arguments.
    """

    code = "input"
    template = "{detail}"

    def __init__(self, detail="", *, role=None, field=None, rows=(), values=(), **extra):
        self.detail = str(detail)
        self.role = role
        self.field = field
        self.rows = tuple(int(row) for row in rows)
        self.values = tuple(values)
        self.extra = extra
        super().__init__(self.message())

    def arguments(self, labels=None, more=" and {} more"):
        """The placeholders of a message. ``labels`` maps roles to the names to show (the user's parameter
        labels); a role without one shows as its English text. ``more`` ends a cut list ("{}": how many more).
        """
        return {
            "role": self.label(self.role, labels),
            "field": "" if self.field is None else str(self.field),
            "rows": listed(self.rows, more=more),
            "values": listed(self.values, more=more, separator="; "),  # values may hold commas
            "count": len(self.rows) if self.rows else len(self.values),
            "detail": self.detail,
            **{name: listed(value, more=more) if isinstance(value, (list, tuple)) else value
               for name, value in self.extra.items()},
        }

    @staticmethod
    def label(role, labels=None):
        """How a message names ``role``: its label in ``labels``, else its English text."""
        return (labels or {}).get(role) or role_text(role)

    def message(self, template=None, labels=None, more=" and {} more"):
        """``template`` (default: the English one) filled with :meth:`arguments`."""
        return (self.template if template is None else template).format(**self.arguments(labels, more))


class NotATableError(InputError):
    """An input that must be a table (a pandas DataFrame) is something else: a programming error."""

    code = "not_a_table"
    template = "{role}: expected a table (a pandas DataFrame), got {given}."


class MissingFieldError(InputError):
    """A named column is not in the table. ``available``: the table's columns."""

    code = "missing_field"
    template = "{role}: the {table} have no column '{field}'; their columns are: {available}."


class WrongLengthError(InputError):
    """Values given for a column instead of its name do not have one value per row."""

    code = "wrong_length"
    template = "{role}: expected a column name or {expected} values (one per row of the {table}), got {got}."


class EmptyTableError(InputError):
    """A table that must have rows has none."""

    code = "empty_table"
    template = "{role}: '{table}' has no rows."


class BadRowsError(InputError):
    """Rows whose value cannot be used (``rows`` counting from 1; ``field`` the column)."""

    code = "bad_rows"
    template = "{role}: {count} rows have a missing, non-numeric or negative value (rows {rows}, counting from 1)."


class MultiCityRowsError(InputError):
    """Rows that list several cities where one city per row is required (``values``: their texts)."""

    code = "multi_city_rows"
    template = (
        "{role}: field '{field}' of '{table}': {count} rows list several cities (rows {rows}: {values}). Split "
        "them first (one row per city part): each city part is matched on its own."
    )


class BadValueError(InputError):
    """A value (a parameter, or the value of one row) the engine cannot use; ``detail`` says why.

    ``row``: the 0-based row at fault, when one is (the ellipse engine's arrays), else None.
    """

    code = "bad_value"
    template = "{role}: {detail}"

    def __init__(self, detail="", *, row=None, **arguments):
        self.row = row
        super().__init__(detail, **arguments)

    def message(self, template=None, labels=None, more=" and {} more"):
        if template is None and self.role is None:
            return self.detail  # the ellipse engine's messages stand alone
        return super().message(template, labels, more)


#: The years the tools take: 1 to MAX_YEAR. A larger number is a typing slip (or a date read as a number),
#: and a range up to it would list billions of years.
MAX_YEAR = 9999


class NotAYearError(InputError):
    """A year that is not a whole number from 1 to :data:`MAX_YEAR`."""

    code = "not_a_year"
    template = "{role}: '{values}' is not a year or a range of years (write e.g. 2021, 2018-2021 or 2018,2020)."


class NoYearsError(InputError):
    """An empty set of years given as a filter."""

    code = "no_years"
    template = "{role}: the set of years is empty; give at least one year, or none to use every row."


class NeedsFieldError(InputError):
    """An option that needs another input which was not given (``needs``: the role of that input)."""

    code = "needs_field"
    template = "{role}: this needs {needs}, which was not given."

    def arguments(self, labels=None, more=" and {} more"):
        return {**super().arguments(labels, more), "needs": self.label(self.extra["needs"], labels)}


class NoLatestYearError(InputError):
    """No row has a year, so the latest year cannot be taken as the default."""

    code = "no_latest_year"
    template = "{role}: no row has a year, so there is no latest year; give the year."


class RelationTableError(InputError):
    """A relation table that cannot be used; ``detail`` names the rows and columns at fault."""

    code = "bad_relation_table"
    template = "{detail}"


__all__ = [
    "BadRowsError", "BadValueError", "EmptyTableError", "InputError", "MissingFieldError", "MultiCityRowsError",
    "NeedsFieldError", "NoLatestYearError", "NoYearsError", "NotATableError", "NotAYearError",
    "RelationTableError", "WrongLengthError", "listed", "role_text",
]
