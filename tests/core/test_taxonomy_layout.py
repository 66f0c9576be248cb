"""Issue 10 and 11 for the taxonomy: modules without import cycles, and bounded work on long texts."""
import ast
import pathlib

from clusterbelt.core.industry_names import MAX_NAME_CHARS, match_parts
from clusterbelt.core.name_relator import NameRelator
from clusterbelt.core.taxonomy import Taxonomy, load_bundled_taxonomy

CORE = pathlib.Path(__file__).resolve().parents[2] / "core"


def _core_imports(path):
    """Core modules ``path`` imports anywhere in it (function-level, i.e. lazy, imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found & {p.stem for p in CORE.glob("*.py")}


def test_core_modules_import_no_cycle_lazy_imports_included():
    graph = {p.stem: _core_imports(p) for p in CORE.glob("*.py")}
    state = {}

    def visit(module, trail):
        if state.get(module) == "done":
            return
        assert state.get(module) != "open", "import cycle: " + " -> ".join(trail + [module])
        state[module] = "open"
        for other in sorted(graph[module]):
            visit(other, trail + [module])
        state[module] = "done"

    for module in sorted(graph):
        visit(module, [])
    # The relation vocabulary and the taxonomy no longer import each other.
    assert "relations" not in graph["taxonomy"] and "taxonomy" in graph["relations"]


def test_taxonomy_modules_take_no_private_names_from_each_other():
    ours = ("relations", "relation_base", "taxonomy", "taxonomy_relators", "name_relator", "industry_names",
            "code_tree", "proposals")
    for stem in ours:
        for node in ast.walk(ast.parse((CORE / f"{stem}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module in ours:
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{stem} imports {private} from {node.module}"


def _long_text(taxonomy, length):
    words = sorted(taxonomy.keywords["keyword"].unique())[:400]
    text, size, i = [], 0, 0
    while size < length:
        text.append(words[(i * 7919) % len(words)] + "的")
        size += len(text[-1])
        i += 1
    return "".join(text)[:length]


class _CountingVocabulary(dict):
    """The taxonomy's keyword forms, counting the lookups made in them."""

    lookups = 0

    def __contains__(self, key):
        self.lookups += 1
        return super().__contains__(key)


def test_keyword_spans_are_linear_in_the_length():
    taxonomy = load_bundled_taxonomy()
    small, large = _long_text(taxonomy, 4_000), _long_text(taxonomy, 40_000)
    small_spans = taxonomy._keyword_spans(small, 2)
    large_spans = taxonomy._keyword_spans(large, 2)
    assert len(large_spans) > 5 * len(small_spans) > 0
    # None inside another, in order.
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(large_spans, large_spans[1:]))
    # Lookups: at most the longest keyword's length per character.
    counting = Taxonomy.__new__(Taxonomy)
    counting._stripped, counting._longest = _CountingVocabulary(taxonomy._stripped), taxonomy._longest
    assert counting._keyword_spans(large, 2) == large_spans
    assert counting._stripped.lookups <= len(large) * taxonomy._longest
    # Ten times the text, about ten times the lookups (the old filter compared every span with every
    # other: a hundred times). Counted, not timed: the machines are noisy.
    counting._stripped.lookups = 0
    counting._keyword_spans(small, 2)
    small_lookups = counting._stripped.lookups
    counting._stripped.lookups = 0
    counting._keyword_spans(large, 2)
    assert counting._stripped.lookups <= 12 * small_lookups, (counting._stripped.lookups, small_lookups)


def test_a_100k_character_term_costs_what_a_short_one_costs_and_is_counted():
    fresh = load_bundled_taxonomy()
    huge = _long_text(fresh, 100_000)
    fresh._term_cache.clear()
    cut_before = fresh.names_cut
    mapping = fresh.map_term(huge)
    assert fresh.names_cut == cut_before + 1
    assert mapping is not None and f"first {MAX_NAME_CHARS} of 100000 characters" in mapping.how
    assert mapping.codes == fresh.map_term(huge[:MAX_NAME_CHARS]).codes
    assert fresh.names_cut == cut_before + 1  # the short one was not cut
    # Parts and name grams are read from the start too.
    assert sum(map(len, match_parts(huge))) <= MAX_NAME_CHARS
    relator = NameRelator()
    assert len(relator._gram_sets(huge)[0]) <= MAX_NAME_CHARS

    def fresh_mapping(term):
        fresh._term_cache.clear()
        fresh.map_term(term)

    # 100,000 characters cost what their first MAX_NAME_CHARS cost: counted lookups, not time.
    fresh._stripped = _CountingVocabulary(fresh._stripped)
    fresh_mapping(huge[:MAX_NAME_CHARS])
    prefix_lookups, fresh._stripped.lookups = fresh._stripped.lookups, 0
    fresh_mapping(huge)
    assert 0 < fresh._stripped.lookups <= prefix_lookups, (fresh._stripped.lookups, prefix_lookups)


def test_proposals_count_the_names_read_by_their_start():
    import pandas as pd

    from clusterbelt.core.proposals import propose_relations
    from clusterbelt.core.relations import RelationTable

    huge = "电池" * 60_000
    clusters = pd.DataFrame({"city": ["深圳", "深圳"], "industry": ["新能源汽车", huge]})
    belts = pd.DataFrame({"city": ["深圳", "深圳"], "industry": ["电池", "锂电池" + huge]})
    result = propose_relations(clusters, belts, relations=RelationTable.empty(), auto_relate="taxonomy+names",
                               cluster_city="city", cluster_industry="industry", belt_city="city",
                               belt_industry="industry")
    assert result.accounting["industry_names_cut"] == 2
    assert len(result.table) == 4
