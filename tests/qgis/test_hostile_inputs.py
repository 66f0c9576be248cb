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


def run_children(results_path):
    """{case index: result} for every case, running children until each case has a result."""
    script = pathlib.Path(__file__).with_name("hostile_cases.py")
    results, start = {}, 0
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    while start < len(CASES):
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
                elif len(results) < len(CASES) and start not in results:
                    pytest.fail(f"the hostile-input child failed before its first case: {stderr}")
                else:
                    start = max(results) + 1 if results else len(CASES)
                break
            if running and time.monotonic() - started_at > HANG_SECONDS:
                child.kill()
                child.wait()
                results[running[-1]] = {"outcome": "hung", "verdict": f"no result after {HANG_SECONDS} s",
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


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case.id for case in CASES])
def test_hostile_input(hostile_results, index):
    result = hostile_results[index]
    case = CASES[index]
    assert result["verdict"] is None, (
        f"{case.id} ({case.expect}): {result['outcome']}: {result['verdict']}\n{result['message']}")
