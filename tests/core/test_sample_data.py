"""The bundled data: gazetteer, source copies and the sample clusters table (resources/data)."""
import csv
import importlib.util
import pathlib

import pandas as pd
import pytest

from clusterbelt.core import cities

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "resources" / "data"
SAMPLE = DATA / "clusters_sample.csv"


def _load_script(name):
    spec = importlib.util.spec_from_file_location(f"_script_{name}", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def build_script():
    return _load_script("build_sample_data")


@pytest.fixture(scope="module")
def sample():
    return read(SAMPLE)


@pytest.fixture(scope="module")
def national():
    """Both source copies of the national lists: the first compilation and the clusters found later."""
    return pd.concat([read(DATA / "national_clusters.csv"), read(DATA / "national_clusters_additions.csv")],
                     ignore_index=True)


def test_sample_is_what_the_script_builds(build_script, tmp_path):
    out = build_script.build(DATA, tmp_path)
    assert out.read_bytes() == SAMPLE.read_bytes(), "rerun scripts/build_sample_data.py"


def test_gazetteer_import_copies_values_unchanged(tmp_path):
    """Converting the shipped file back to the source layout and importing it again gives the same bytes."""
    importer = _load_script("import_gazetteer")
    with open(DATA / "china_prefecture_gazetteer.csv", newline="", encoding="utf-8") as handle:
        shipped = list(csv.DictReader(handle))
    source = tmp_path / "source.csv"
    back = {new: old for old, new in importer.RENAMES.items()}
    with open(source, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(importer.RENAMES), lineterminator="\n")
        writer.writeheader()
        writer.writerows({back[k]: v for k, v in row.items()} for row in shipped)
    out = tmp_path / "out.csv"
    assert importer.convert(source, out) == 369
    assert out.read_bytes() == (DATA / "china_prefecture_gazetteer.csv").read_bytes()


def test_sample_columns_and_ids(sample):
    assert list(sample.columns) == ["cluster_id", "cluster_type", "name", "cities", "industry", "source",
                                    "certainty", "notes"]
    assert sample["cluster_id"].is_unique
    assert set(sample["cluster_type"]) == {"seic", "amc", "icp"}
    assert (sample[["cluster_id", "name", "cities", "industry", "source", "certainty"]] != "").all().all()


def test_every_city_of_the_sample_is_located(sample):
    parts = cities.split_city_column(sample["cities"])
    assert (parts["city_count"] > 0).all()
    located = cities.Gazetteer.bundled().locate(parts["city_part"])
    assert (located["locate_status"] == cities.EXACT).all(), "sample cities are full official names"
    assert located["has_point"].all()


def test_counts_add_up(sample, national):
    parts = cities.split_city_column(sample.set_index("cluster_id")["cities"])
    parts["cluster_type"] = sample.set_index("cluster_id").loc[parts["row"], "cluster_type"].to_numpy()
    clusters = sample["cluster_type"].value_counts()
    city_parts = parts["cluster_type"].value_counts()
    # method.md section 2: the 25 advanced manufacturing clusters make 32 city records.
    assert clusters["amc"] == 25 and city_parts["amc"] == 32
    # Every national cluster once, with as many city parts as it has rows.
    from_national = sample[sample["cluster_id"].isin(national["cluster_id"])]
    assert len(from_national) == national["cluster_id"].nunique()
    rows_per_cluster = national.groupby("cluster_id").size()
    parts_per_cluster = parts.groupby("row").size()
    assert (parts_per_cluster[rows_per_cluster.index] == rows_per_cluster).all()
    # The rest come from the paper, and only from the paper.
    paper_only = sample[~sample["cluster_id"].isin(national["cluster_id"])]
    assert set(paper_only["source"]) <= {"paper Table 3", "paper Table 4"}
    assert (paper_only["certainty"] == "paper").all()
    assert len(sample) == len(from_national) + len(paper_only)
    assert (parts.groupby("row")["city_share"].sum().round(12) == 1).all()


def test_certainty_marks_kept(sample, national):
    marks = national.drop_duplicates("cluster_id").set_index("cluster_id")
    kept = sample.set_index("cluster_id").loc[marks.index]
    assert (kept["certainty"] == marks["certainty"]).all()
    assert (kept["name"] == marks["name_zh"]).all() and (kept["industry"] == marks["industry_zh"]).all()
    assert set(marks["certainty"]) >= {"medium", "probable", "low", "uncertain"}


def test_multi_city_clusters_list_cities_in_national_order(sample, national):
    for cluster_id, rows in national.groupby("cluster_id", sort=False):
        assert sample.set_index("cluster_id").at[cluster_id, "cities"] == "、".join(rows["city_zh"])


@pytest.mark.parametrize(
    "file_name, label_column",
    [("table3_seic_matches.csv", "cluster_industry_zh"), ("table4_amc_matches.csv", "cluster_name_zh")],
)
def test_each_paper_cluster_appears_exactly_once(sample, build_script, file_name, label_column):
    gazetteer = cities.Gazetteer.bundled()
    table = read(DATA / "paper" / file_name)
    sample_keys = [set(cities.resolve_city_keys(cities.split_city_list(c), gazetteer)) for c in sample["cities"]]
    for number, row in enumerate(table.itertuples(index=False), start=1):
        row = row._asdict()
        key = cities.resolve_city_keys([row["city_zh"]], gazetteer)[0]
        industry = build_script.plain_industry(row[label_column])
        hits = [
            i for i, keys in enumerate(sample_keys)
            if key in keys and sample.at[i, "cluster_type"] == row["cluster_type"]
            and (industry in sample.at[i, "industry"] or sample.at[i, "industry"] in industry)
        ]
        assert len(hits) == 1, f"{file_name} row {number}: {row}"
        hit = sample.loc[hits[0]]
        if hit["source"].startswith("paper"):
            assert hit["cluster_id"] == f"{row['cluster_type']}_t{file_name[5]}_r{number:02d}"
            assert hit["name"].endswith(row[label_column])  # bracketed district kept in the name
            assert "（" not in hit["industry"]
        else:
            assert f"also in paper Table {file_name[5]}" in hit["notes"]


def test_the_clusters_the_brief_names_are_not_duplicated(sample):
    def count(city, cluster_type, industry):
        return int(((sample["cities"] == city) & (sample["cluster_type"] == cluster_type)
                    & (sample["industry"] == industry)).sum())

    assert count("合肥市", "seic", "集成电路") == 1
    assert count("苏州市", "seic", "生物医药") == 1
    assert count("上海市", "seic", "生物医药") == 1 and count("上海市", "amc", "生物医药") == 1  # different types


def test_paper_copies_are_present():
    for name, header in [
        ("table1_match_summary.csv", "cluster_type,clusters,with_identical_belt,with_similar_belt"),
        ("table3_seic_matches.csv", "city_zh,cluster_type,cluster_industry_zh,matched_belts_zh"),
        ("table4_amc_matches.csv", "city_zh,cluster_type,cluster_name_zh,matched_belts_zh"),
    ]:
        text = (DATA / "paper" / name).read_text(encoding="utf-8")
        assert text.startswith(header)


def test_readme_carries_the_attribution():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert cities.BUNDLED_GAZETTEER_ATTRIBUTION in readme
    assert "CC BY 4.0" in readme and "Vonng/adcode" in readme


def test_additions_are_bundled_with_their_sources_and_marks(sample):
    additions = read(DATA / "national_clusters_additions.csv")
    assert (DATA / "national_clusters_additions.csv").read_bytes().startswith(b"cluster_id,cluster_type,name_zh")
    assert len(additions) == 6 and additions["cluster_id"].is_unique
    kept = sample.set_index("cluster_id").loc[additions["cluster_id"]]
    assert (kept["source"].to_numpy() == additions["source"].to_numpy()).all()
    assert (kept["certainty"].to_numpy() == additions["certainty"].to_numpy()).all()
    assert (kept["cities"].to_numpy() == additions["city_zh"].to_numpy()).all()
    # the shared folder's README: 4 strategic emerging (2 high, 2 probable), 2 second-batch pilots (high)
    assert additions.groupby(["cluster_type", "certainty"]).size().to_dict() == {
        ("icp", "high"): 2, ("seic", "high"): 2, ("seic", "probable"): 2}


def test_a_cluster_id_in_both_national_files_is_refused(build_script, tmp_path):
    import shutil

    shutil.copytree(DATA, tmp_path / "data")
    additions = tmp_path / "data" / "national_clusters_additions.csv"
    first = (DATA / "national_clusters.csv").read_text(encoding="utf-8").splitlines()[1]
    additions.write_text(additions.read_text(encoding="utf-8") + first + "\n", encoding="utf-8")
    with pytest.raises(build_script.SampleDataError, match="national_clusters_additions.csv line 8: amc01"):
        build_script.build(tmp_path / "data", tmp_path)


def test_coverage_of_each_national_list(sample):
    from clusterbelt.core.national_lists import list_coverage

    coverage = list_coverage(sample)
    # counted by hand from the two source copies and the paper's Table 3 (15 seic clusters only there)
    assert coverage.loc["amc", ["list_size", "in_sample", "from_public_sources", "paper_only"]].tolist() == [
        25, 25, 25, 0]
    assert coverage.loc["seic", ["list_size", "in_sample", "from_public_sources", "paper_only"]].tolist() == [
        66, 38, 23, 15]
    assert coverage.loc["icp", ["list_size", "in_sample", "from_public_sources", "paper_only"]].tolist() == [
        61, 14, 14, 0]
    assert coverage.loc["seic", ["high", "probable", "low"]].tolist() == [15, 7, 1]
    assert coverage.loc["icp", ["high", "uncertain"]].tolist() == [12, 2]
    assert coverage.loc["seic", "pct_of_list"] == pytest.approx(100 * 38 / 66)
    assert coverage["in_sample"].sum() == len(sample)
