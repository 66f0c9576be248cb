"""The README's field tables name exactly the fields core/schema.py declares, output by output."""
import pathlib
import re

import pytest

from clusterbelt.core import schema

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
FIRST_CELL = re.compile(r"^\|\s*(.*?)\s*(?<!\\)\|")


def tool_section(text, tool):
    """The lines of the README section headed "... (`clusterbelt:<tool>`)", up to the next heading."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("#") and f"(`clusterbelt:{tool}`)" in line),
                 None)
    assert start is not None, f"README.md has no section for clusterbelt:{tool}"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return lines[start + 1:end]


def field_table(section, output):
    """The field names in the table whose header names the output's first parameter as "`OUTPUT...` field"."""
    header = next((i for i, line in enumerate(section) if line.startswith("|")
                   and f"`{output.parameter[0]}`" in FIRST_CELL.match(line).group(1)
                   and " field" in FIRST_CELL.match(line).group(1)), None)
    hint = f"python3 scripts/readme_fields.py {output.key} prints the table to paste"
    assert header is not None, f"README.md, clusterbelt:{output.tool}: no field table for {output.parameter[0]} ({hint})"
    names = []
    for line in section[header + 2:]:
        if not line.startswith("|"):
            break
        names += re.findall(r"`([^`]+)`", FIRST_CELL.match(line).group(1))
    return names, hint


@pytest.mark.parametrize("output", schema.OUTPUTS, ids=[output.key for output in schema.OUTPUTS])
def test_readme_table_names_the_schema_fields(output):
    names, hint = field_table(tool_section(README.read_text(encoding="utf-8"), output.tool), output)
    declared = [field.name for field in output.fields]
    missing = [name for name in declared if name not in names]
    extra = [name for name in names if name not in declared]
    assert not missing and not extra, f"{output.key}: README lacks {missing}, names undeclared {extra} ({hint})"
    assert len(names) == len(set(names)), f"{output.key}: a field is listed twice"


def test_the_parser_sees_a_wrong_table():
    section = ["| `OUTPUT` field | meaning |", "|---|---|", "| `a`, `b` | x \\| y |", "| `c` | z |", "", "| `d` | |"]
    output = schema.Output("t", "tool", ("OUTPUT",), (schema.Field("a", "int", "."),))
    assert field_table(section, output)[0] == ["a", "b", "c"]
