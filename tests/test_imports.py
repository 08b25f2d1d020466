"""The product's modules import each other in one direction only: no module reaches itself again.

Every import counts, at the top of a module or inside a function: an import put off into a function
still makes the two modules depend on each other.
"""

import ast
from pathlib import Path

PACKAGE = "welfarelab"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE


def module_name(path):
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules():
    """{module name: its path}, every .py file of the package except the migrations."""
    return {module_name(path): path for path in ROOT.rglob("*.py") if "migrations" not in path.parts}


def imported(name, path, known):
    """The product's modules that module `name` imports, wherever in the module the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            # `from a import b` imports the module a.b when there is one, else a name of a.
            targets = [f"{source}.{alias.name}" for alias in node.names]
            targets = [target if target in known else source for target in targets]
        else:
            continue
        for target in targets:
            while target and target not in known:  # `import welfarelab.a.b` of a module that is a.b
                target = target.rpartition(".")[0]
            if target.startswith(PACKAGE) and target != name:
                found.add(target)
    return found


def graph():
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(edges):
    """Each strongly connected group of more than one module (Tarjan), with one cycle through it."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [cycle_in(group, edges) for group in groups]


def cycle_in(group, edges):
    """One path from the group's first module back to itself, through the group only."""
    start = min(group)
    paths = [[start]]
    seen = set()
    while paths:
        path = paths.pop(0)
        for other in sorted(edges[path[-1]] & group):
            if other == start:
                return path + [start]
            if other not in seen:
                seen.add(other)
                paths.append(path + [other])
    raise AssertionError(f"no cycle through {sorted(group)}")


def test_the_graph_sees_imports_at_the_top_and_inside_functions_and_relative_ones():
    edges = graph()
    assert "welfarelab.money.models" in edges["welfarelab.money.benefits"]  # from welfarelab.money.models import ...
    assert "welfarelab.money.benefits" in edges["welfarelab.money.views"]  # from welfarelab.money import benefits
    assert "welfarelab.valuation.engine" in edges["welfarelab.valuation"]  # from .engine import valuate
    assert not any(name.endswith("migrations") or ".migrations." in name for name in edges)


def test_finding_a_cycle_names_it():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert cycles(edges) == [["a", "b", "c", "a"]]


def test_no_module_of_the_product_imports_itself_through_others():
    found = cycles(graph())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)
