#!/usr/bin/env python3
"""Print the README's field table of an output from core/schema.py (the one declaration of the fields).

    python3 scripts/readme_fields.py            # every output
    python3 scripts/readme_fields.py match      # one output, by its key in core/schema.py

Paste a table into the tool's section of README.md (replacing the old one); a description may be made
richer there, but the names must stay those of the schema: tests/core/test_readme_fields.py checks that
every field of an output is in its table and that the table names no other field.
"""
import importlib
import sys

from plugin_package import import_plugin_package

INPUT_ROWS = {
    "case": "| the case field | the case value |",
    "all": "| every input field | as in the input (a field named like an added one is replaced) |",
    "prefixed": "| every input field, twice | prefixed `a_` and `b_`: the two clusters of the pair |",
}


def table(output):
    """The Markdown table of ``output``: a header naming its parameter(s), then one row per field."""
    parameters = " / ".join(f"`{name}`" for name in output.parameter)
    rows = [f"| {parameters} field | meaning |", "|---|---|"]
    if output.input_fields:
        rows.append(INPUT_ROWS[output.input_fields])
    rows += [f"| `{field.name}` | {field.description.replace('|', chr(92) + '|')} |" for field in output.fields]
    return "\n".join(rows)


def main(keys):
    import_plugin_package()
    schema = importlib.import_module("clusterbelt.core.schema")
    chosen = [output for output in schema.OUTPUTS if not keys or output.key in keys]
    for output in chosen:
        print(f"{output.key} (clusterbelt:{output.tool}):\n\n{table(output)}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
