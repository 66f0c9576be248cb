"""Issue 15 (3): names as users write them - places, parks, programme words stripped."""
import pathlib

import pandas as pd
import pytest

from clusterbelt.core.industry_names import PLACE_LIKE_WORDS, match_parts, strip_places
from clusterbelt.core.taxonomy import load_bundled_taxonomy

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"


def _read(name):
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("cluster_type", ["amc", "seic", "icp"])
def test_official_cluster_names_read_as_their_industry(cluster_type):
    # The national lists give each cluster's official name and its industry field: the parser
    # must find the industry in the name (provinces, cities, counties, parks, 创新型产业集群 ...).
    clusters = _read("national_clusters.csv")
    rows = clusters[clusters["cluster_type"] == cluster_type].drop_duplicates("cluster_id")
    assert len(rows) >= 10
    wrong = [(r.name_zh, match_parts(r.name_zh), match_parts(r.industry_zh)) for r in rows.itertuples()
             if match_parts(r.name_zh) != match_parts(r.industry_zh)]
    assert not wrong, wrong


def test_the_innovative_pilots_long_names():
    assert match_parts("武汉东湖高新区国家地球空间信息及应用服务创新型产业集群") == ("地球空间信息", "应用服务")
    assert match_parts("北京中关村移动互联网创新型产业集群") == ("移动互联网",)
    assert match_parts("无锡高新区智能传感系统创新型产业集群") == ("智能传感系统",)
    assert match_parts("深圳高新区下一代互联网创新型产业集群") == ("互联网",)


def test_places_in_belt_and_multi_city_names():
    assert match_parts("烟台橡塑") == ("橡塑",)
    assert match_parts("广东省广州市、佛山市、惠州市超高清视频和智能家电集群") == ("超高清视频", "智能家电")
    assert match_parts("浙江省温州市乐清电气集群") == ("电气",)
    assert match_parts("集成电路（浦东新区）") == ("集成电路",)
    assert match_parts("珠三角智能装备示范基地") == ("珠三角智能设备",)  # 珠三角 is a region, not a unit: kept
    # A name is never emptied, and words that start like a place are not places.
    assert strip_places("深圳") == "深圳" and strip_places("深圳市电子") == "电子"
    for word in PLACE_LIKE_WORDS:
        assert strip_places(word + "制品") == word + "制品"


def test_no_keyword_or_code_name_starts_with_a_place():
    taxonomy = load_bundled_taxonomy()
    words = set(taxonomy.keywords["keyword"]) | set(taxonomy.codes["name_zh"])
    changed = sorted(w for w in words if strip_places(w) != w)
    assert not changed, changed
