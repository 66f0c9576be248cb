"""Co-location of clusters and belts by city against the paper's section 2.2 (method.md section 4)."""
import numpy as np
import pandas as pd
import pytest

from clusterbelt.core.colocation import city_colocation
from clusterbelt.core.errors import BadRowsError, NoLatestYearError
from clusterbelt.core.matching import round_half_up
from clusterbelt.core.report import render_colocation_report_html

# The 8 cities holding all three types and their cluster records (method.md section 4).
THREE_TYPE_CITIES = {"深圳": 7, "苏州": 5, "合肥": 5, "成都": 5, "杭州": 4, "常州": 4, "长沙": 3, "西安": 3}


def paper_like_tables():
    """Clusters and belts with exactly the paper's city counts.

    159 cluster records (66 seic, 32 amc, 61 icp) in 79 cities: 8 three-type cities (36 records:
    14 seic, 11 amc, 11 icp), 24 two-type cities (64: 29 seic, 14 amc, 21 icp), 47 one-type
    cities (59: 23 seic, 7 amc, 29 icp). 4,075 belts of 2021 in 158 cities, 63 of them cluster
    cities; of the 16 cluster cities without a 2021 belt, 9 have belts of 2018-2020 only.
    Decoys that must not change the figures: 5 non-cluster cities with earlier belts only,
    earlier belts in cities that also have 2021 ones, a 2022 belt, a belt without a year,
    records without a city.
    """
    records = []  # (city, type)
    extras = ["seic"] * 6 + ["amc"] * 3 + ["icp"] * 3
    for city, n in THREE_TYPE_CITIES.items():
        records += [(city, "seic"), (city, "amc"), (city, "icp")]
        for _ in range(n - 3):
            records.append((city, extras.pop(0)))
    assert not extras
    # Two-type cities: 14 seic+icp, 6 seic+amc, 4 amc+icp (48 records), plus 16 more records.
    two = [("seic", "icp")] * 14 + [("seic", "amc")] * 6 + [("amc", "icp")] * 4
    more = {"seic": 9, "icp": 3, "amc": 4}
    for i, kinds in enumerate(two):
        city = f"two{i:02d}"
        records += [(city, kinds[0]), (city, kinds[1])]
        for kind in kinds:
            if more[kind]:
                records.append((city, kind))
                more[kind] -= 1
    assert not any(more.values())
    # One-type cities: 18 seic cities (23 records), 6 amc (7), 23 icp (29).
    for kind, n_cities, n_records in (("seic", 18, 23), ("amc", 6, 7), ("icp", 23, 29)):
        for i in range(n_cities):
            city = f"one-{kind}{i:02d}"
            records += [(city, kind)] * (2 if i < n_records - n_cities else 1)
    clusters = pd.DataFrame(records, columns=["city", "type"])
    # 4 amc clusters span 3+3+3+2 = 11 city records: weights 1/3 and 1/2 on 11 amc records.
    weights = np.ones(len(clusters))
    amc_rows = np.flatnonzero(clusters["type"] == "amc")[:11]
    weights[amc_rows] = [1 / 3] * 9 + [1 / 2] * 2
    clusters["city_share"] = weights
    clusters = pd.concat([clusters, pd.DataFrame({"city": [None, " "], "type": ["seic", "icp"], "city_share": [1.0, 1.0]})],
                         ignore_index=True)

    cluster_cities = list(dict.fromkeys(c for c, _ in records))
    assert len(cluster_cities) == 79
    without_belts = cluster_cities[-16:]
    with_belts = cluster_cities[:-16]  # 63
    belt_cities = with_belts + [f"belt-only{i:02d}" for i in range(158 - 63)]
    per_city = np.full(158, 4075 // 158)
    per_city[: 4075 - per_city.sum()] += 1
    belts = [(city, 2021) for city, n in zip(belt_cities, per_city) for _ in range(n)]
    belts += [(city, 2019) for city in without_belts[:9]] + [(without_belts[0], 2018)]
    belts += [(f"old-only{i}", 2020) for i in range(5)]
    belts += [(with_belts[0], 2018), (with_belts[1], 2022), (with_belts[2], None), (None, 2021)]
    return clusters, pd.DataFrame(belts, columns=["city", "year"])


@pytest.fixture(scope="module")
def tables():
    return paper_like_tables()


def figures(tables, include_earlier):
    clusters, belts = tables
    return city_colocation(
        clusters, belts, cluster_city="city", cluster_type="type", cluster_weight="city_share",
        belt_city="city", belt_year="year", year=2021, include_earlier=include_earlier,
    )


def test_headline_figures_2021(tables):
    result = figures(tables, include_earlier=False)
    h = result.headline
    assert (h["cities_with_clusters"], h["cities_with_belts"], h["cities_with_both"]) == (79, 158, 63)
    assert round_half_up(h["share_of_cluster_cities"], 1) == 79.7
    assert round_half_up(h["share_of_belt_cities"], 1) == 39.9
    assert h["share_of_cluster_cities"] == pytest.approx(100 * 63 / 79)
    assert (h["cluster_cities_without_belts_now"], h["cluster_cities_with_earlier_belts_only"]) == (16, 9)
    assert h["other_cities_with_earlier_belts_only"] == 5


def test_headline_figures_counting_earlier_belts_as_the_paper_does(tables):
    h = figures(tables, include_earlier=True).headline
    assert (h["cities_with_clusters"], h["cities_with_belts"], h["cities_with_both"]) == (79, 167, 72)
    assert round_half_up(h["share_of_cluster_cities"], 1) == 91.1
    assert round_half_up(h["share_of_belt_cities"], 1) == 43.1


def test_cities_by_number_of_types(tables):
    result = figures(tables, include_earlier=False)
    h = result.headline
    assert (h["n_cluster_types"], h["cities_with_all_types"], h["clusters_in_all_type_cities"]) == (3, 8, 36)
    assert (h["cities_with_two_types"], h["clusters_in_two_type_cities"]) == (24, 64)
    by_k = result.by_type_count.set_index("n_types")
    assert by_k.loc[3, ["n_seic", "n_amc", "n_icp"]].tolist() == [14, 11, 11]
    assert by_k.loc[2, ["n_seic", "n_amc", "n_icp"]].tolist() == [29, 14, 21]
    assert by_k["cities"].sum() == 79 and by_k["clusters"].sum() == 159
    per_city = result.per_city.set_index("city_key")
    three = per_city[per_city["n_types"] == 3]
    assert three["clusters"].to_dict() == THREE_TYPE_CITIES


def test_per_city_table(tables):
    result = figures(tables, include_earlier=True)
    per_city = result.per_city
    # Every city with clusters, belts of the year or earlier belts appears once.
    assert per_city["city_key"].is_unique
    assert len(per_city) == 79 + 95 + 5
    assert per_city["clusters"].sum() == 159
    assert per_city[["n_seic", "n_amc", "n_icp"]].sum().tolist() == [66, 32, 61]
    # 1/N weights: 25 amc clusters in 32 records; 152 clusters in all.
    assert per_city["w_amc"].sum() == pytest.approx(25)
    assert per_city["clusters_weighted"].sum() == pytest.approx(152)
    assert per_city["belts_now"].sum() == 4075
    assert per_city["has_both"].sum() == 72
    assert result.accounting == {
        "clusters_input": 161, "belts_input": len(tables[1]), "belts_no_year": 1, "belts_later": 1,
        "clusters_no_city": 2, "belts_no_city": 1,
    }


def test_default_year_is_the_latest_and_weights_default_to_one(tables):
    clusters, belts = tables
    result = city_colocation(clusters, belts, cluster_city="city", cluster_type="type", belt_city="city", belt_year="year")
    assert result.headline["year"] == 2022
    assert result.per_city["clusters_weighted"].sum() == 159


def test_without_year_column_every_belt_is_current():
    clusters = pd.DataFrame({"city": ["A", "B"], "type": ["seic", "amc"]})
    belts = pd.DataFrame({"city": ["A", "C"]})
    h = city_colocation(clusters, belts, cluster_city="city", cluster_type="type", belt_city="city").headline
    assert (h["cities_with_clusters"], h["cities_with_belts"], h["cities_with_both"]) == (2, 2, 1)


def test_bad_weights_are_refused_naming_rows():
    clusters = pd.DataFrame({"city": ["A", "B", "C"], "type": ["seic"] * 3, "w": [1.0, None, -1]})
    with pytest.raises(BadRowsError, match=r"^cluster weight: 2 rows .*\(rows 2, 3, counting from 1\)") as error:
        city_colocation(clusters, pd.DataFrame({"city": ["A"]}), cluster_city="city", cluster_type="type",
                        cluster_weight="w", belt_city="city")
    assert (error.value.code, error.value.role, error.value.field, error.value.rows) == (
        "bad_rows", "cluster_weight", "w", (2, 3))


def test_no_latest_year_is_refused_naming_the_year_column():
    clusters = pd.DataFrame({"city": ["A"], "type": ["seic"]})
    with pytest.raises(NoLatestYearError) as error:
        city_colocation(clusters, pd.DataFrame({"city": ["A"], "year": [None]}), cluster_city="city",
                        belt_city="city", belt_year="year")
    assert (error.value.code, error.value.role, error.value.field) == ("no_latest_year", "belt_year", "year")


def test_colocation_report_shows_the_figures(tables):
    html_text = render_colocation_report_html(figures(tables, include_earlier=True))
    assert "91.1" in html_text and "43.1" in html_text and "167" in html_text
    assert "深圳" in html_text
