"""Issue 14 (5): metadata.txt a reviewer can trust: experimental while 0.x, a changelog true to each version,
distinct homepage, repository and tracker."""
import configparser
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
ENTRY = re.compile(r"^(\d+\.\d+\.\d+)\b(.*)$")


def metadata():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def changelog_entries(general):
    """[(version, text)] in the order written, one entry per line starting with a version."""
    entries = []
    for line in general["changelog"].strip().splitlines():
        match = ENTRY.match(line.strip())
        assert match, f"changelog line does not start with a version: {line!r}"
        entries.append((match.group(1), match.group(2)))
    return entries


def as_tuple(version):
    return tuple(int(part) for part in VERSION.match(version).groups())


def test_experimental_exactly_while_the_version_is_0x():
    general = metadata()
    major = as_tuple(general["version"])[0]
    assert general["experimental"] == ("True" if major == 0 else "False")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Versions and the way to 1.0" in readme


def test_changelog_newest_entry_is_this_version_and_versions_descend():
    general = metadata()
    versions = [version for version, _ in changelog_entries(general)]
    assert versions[0] == general["version"]
    assert [as_tuple(v) for v in versions] == sorted({as_tuple(v) for v in versions}, reverse=True)


def test_changelog_names_every_tool_and_model_the_provider_ships(clusterbelt_provider):
    text = " ".join(entry for _, entry in changelog_entries(metadata()))
    missing = [algorithm.displayName() for algorithm in clusterbelt_provider.algorithms()
               if algorithm.displayName() not in text]
    assert not missing, f"metadata.txt changelog names no {missing}: add them to the entry of this version"


def test_homepage_repository_and_tracker_are_different_addresses():
    general = metadata()
    addresses = [general[key] for key in ("homepage", "repository", "tracker")]
    assert len(set(addresses)) == 3
    assert all(address.startswith("https://") for address in addresses)
    from clusterbelt.ui.algorithms.base import HELP_BASE_URL

    assert general["homepage"] == HELP_BASE_URL  # the user documentation the tools' help links to
