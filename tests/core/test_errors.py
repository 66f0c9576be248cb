"""The engine's one error hierarchy: codes, arguments and English messages."""
import pytest

from clusterbelt.core import errors
from clusterbelt.core.columns import column_values, refuse_multi_city_rows
from clusterbelt.core.errors import BadValueError, InputError, MissingFieldError, MultiCityRowsError, listed


def all_error_classes():
    found, todo = [], [InputError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_error_is_a_value_error_with_its_own_code():
    classes = [cls for cls in all_error_classes() if cls.__module__ == errors.__name__]
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes)), codes
    assert all(issubclass(cls, ValueError) for cls in classes)


def test_message_names_the_role_field_and_available_columns():
    import pandas as pd

    with pytest.raises(MissingFieldError) as error:
        column_values(pd.DataFrame({"city": [], "name": []}), "town", "belt_city", "belts")
    assert str(error.value) == "belt city: the belts have no column 'town'; their columns are: city, name."
    # The QGIS layer fills a translated template with the user's parameter label instead of the role.
    assert error.value.message("{role} / {field} / {available}", {"belt_city": "Belt city field"}) == (
        "Belt city field / town / city, name"
    )


def test_long_lists_are_cut_and_counted():
    assert listed(range(1, 25)) == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 and 4 more"
    assert listed([1, 2, 3], limit=2, more=" (+{})") == "1, 2 (+1)"


def test_multi_city_rows_are_named_with_their_text():
    values = ["深圳市", "广州市、佛山市", None, "北京/天津"]
    with pytest.raises(MultiCityRowsError) as error:
        refuse_multi_city_rows(values, lambda v: [] if v is None else v.replace("/", "、").split("、"),
                               "cluster_city", "cities", "clusters.csv")
    assert error.value.rows == (2, 4)
    assert error.value.values == ("广州市、佛山市", "北京/天津")
    assert "field 'cities' of 'clusters.csv': 2 rows list several cities (rows 2, 4: 广州市、佛山市; 北京/天津)" in str(
        error.value)
    refuse_multi_city_rows(["深圳市", None], lambda v: [v], "cluster_city", "cities", "clusters.csv")


def test_bad_value_without_a_role_is_its_detail_and_keeps_the_row():
    error = BadValueError("row 4: x not finite", row=4)
    assert str(error) == "row 4: x not finite" and error.row == 4 and error.code == "bad_value"
    assert str(BadValueError("must be > 0", role="size")) == "size: must be > 0"
