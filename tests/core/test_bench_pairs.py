"""The benchmark's paired timing: a tool and its floor run alternately (ABBA), the i-th time of each
from the same pair, so that the ratio of a pair compares runs made side by side."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))
import bench  # noqa: E402  (scripts/bench.py: alternated)


def test_pairs_alternate_their_order_and_keep_each_pair_together():
    calls = []
    walls, cpus, floor_walls, floor_cpus = bench.alternated(
        lambda: calls.append("tool"), lambda: calls.append("floor"), 4)
    assert calls == ["floor", "tool", "tool", "floor", "floor", "tool", "tool", "floor"]
    assert len(walls) == len(cpus) == len(floor_walls) == len(floor_cpus) == 4
    assert all(value >= 0 for value in walls + cpus + floor_walls + floor_cpus)


def test_a_pair_times_the_function_it_names():
    import time

    walls, _cpus, floor_walls, _floor_cpus = bench.alternated(
        lambda: time.sleep(0.03), lambda: None, 2)
    assert min(walls) >= 0.03 > max(floor_walls)
