"""Issue 11: every tool and the model under hostile-but-realistic input (the table is in hostile_cases.py).

One child process starts QGIS once and runs the cases in order, writing each result to a file as it goes; a
case that crashes the child (a segfault) or hangs (HANG_SECONDS) is recorded as that case's failure and a new
child goes on after it. Each case is then one test here, with the tool's message or the row count at fault.
"""
import json
import os
import pathlib
import subprocess
import sys
import time

import pytest
from hostile_cases import cases

HANG_SECONDS = 60
CASES = cases()


def run_children(results_path, count=None, hang_seconds=HANG_SECONDS, drill=""):
    """{case index: result} for the first ``count`` cases, running children until each case has a result.

    ``drill``: tells the child to crash or hang on purpose (hostile_cases.child), for the test of this loop.
    """
    script = pathlib.Path(__file__).with_name("hostile_cases.py")
    count = len(CASES) if count is None else count
    results, start = {}, 0
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLUSTERBELT_HOSTILE_DRILL=drill)
    while start < count:
        errors_path = results_path.with_name(f"stderr_{start}.txt")
        with open(errors_path, "wb") as errors:
            child = subprocess.Popen([sys.executable, str(script), str(results_path), str(start)], env=environment,
                                     stdout=subprocess.DEVNULL, stderr=errors)
        started_case, started_at = None, time.monotonic()
        while True:
            finished = child.poll() is not None
            seen = _read(results_path)
            for line in seen:
                if line["event"] == "done":
                    results[line["index"]] = line
            running = [line["index"] for line in seen if line["event"] == "start" and line["index"] not in results]
            if running and running[-1] != started_case:
                started_case, started_at = running[-1], time.monotonic()
            if finished:
                stderr = errors_path.read_text(encoding="utf-8", errors="replace")[-800:]
                if running:  # the child died inside a case
                    results[running[-1]] = {"outcome": "crashed", "verdict": f"the process died (exit code "
                                            f"{child.returncode}): {stderr}", "message": ""}
                    start = running[-1] + 1
                elif len(results) < count and start not in results:
                    pytest.fail(f"the hostile-input child failed before its first case: {stderr}")
                else:
                    start = max(results) + 1 if results else count
                break
            if running and time.monotonic() - started_at > hang_seconds:
                child.kill()
                child.wait()
                results[running[-1]] = {"outcome": "hung", "verdict": f"no result after {hang_seconds} s",
                                        "message": ""}
                start = running[-1] + 1
                break
            time.sleep(0.05)
    return results


def _read(path):
    if not path.exists():
        return []
    lines = []
    for text in path.read_text(encoding="utf-8").splitlines():
        try:
            lines.append(json.loads(text))
        except ValueError:  # a line being written
            break
    return lines


@pytest.fixture(scope="module")
def hostile_results(tmp_path_factory):
    return run_children(tmp_path_factory.mktemp("hostile") / "results.jsonl")


def test_the_table_has_at_least_150_cases_and_covers_every_tool():
    from clusterbelt.ui.provider import _algorithm_classes

    assert len(CASES) >= 150
    tools = {case.tool for case in CASES}
    assert {cls.ALGORITHM_ID for cls in _algorithm_classes()} <= tools
    assert "paperworkflow" in tools
    assert len({case.id for case in CASES}) == len(CASES), "case ids are unique"


def test_a_crash_or_a_hang_fails_its_case_and_the_run_goes_on(tmp_path):
    results = run_children(tmp_path / "drill.jsonl", count=4, hang_seconds=3, drill="first:4,crash:1,hang:2")
    assert [results[index]["outcome"] for index in (1, 2)] == ["crashed", "hung"]
    assert results[0]["outcome"] in ("ran", "refused") and results[3]["outcome"] in ("ran", "refused")
    assert "the process died" in results[1]["verdict"] and "no result after 3 s" in results[2]["verdict"]
    assert results[0]["verdict"] is None and results[3]["verdict"] is None


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case.id for case in CASES])
def test_hostile_input(hostile_results, index):
    result = hostile_results[index]
    case = CASES[index]
    assert result["verdict"] is None, (
        f"{case.id} ({case.expect}): {result['outcome']}: {result['verdict']}\n{result['message']}")
