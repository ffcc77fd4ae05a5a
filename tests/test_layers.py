"""`helpers` in layers that follow the study's arc: plumbing, then reading, annotating, comparing
and sharing. Each module imports only from its own layer and the layers before it, and no two
modules import each other, however indirectly (imports read with `ast`, lazy ones included). A
module longer than about 250 lines says why in its docstring."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "helpers"
LAYERS = ["plumbing", "reading", "annotating", "comparing", "sharing"]
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE and p.name != "__init__.py")
LONG = 260


def name_of(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def imports_of(path: Path) -> set[str]:
    """The helpers modules a module imports, anywhere in it, as dotted names."""
    package = name_of(path).rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            found |= {target} if node.module else {f"{base}.{a.name}" for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("helpers.")}
    return found


NAMES = sorted(name_of(p) for p in MODULES)


@cache
def graph() -> dict[str, set[str]]:
    """Each module's imports of helpers modules, read once, when a test first needs them (not while
    the tests are collected)."""
    return {name_of(p): imports_of(p) for p in MODULES}


def layer(name: str) -> int:
    return LAYERS.index(name.split(".")[1])


def test_every_module_is_in_a_layer():
    assert {name.split(".")[1] for name in NAMES} == set(LAYERS)
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py", "__main__.py"]  # python -m helpers


@pytest.mark.parametrize("module", NAMES)
def test_a_module_imports_only_its_own_layer_and_those_before_it(module):
    forward = [target for target in graph()[module] if layer(target) > layer(module)]
    assert forward == [], f"{module} reaches forward to {forward}"


def test_no_module_imports_itself_however_indirectly():
    def reach(start: str) -> set[str]:
        seen, todo = set(), list(graph()[start])
        while todo:
            name = todo.pop()
            if name not in seen and name in graph():
                seen.add(name)
                todo.extend(graph()[name])
        return seen
    assert [m for m in NAMES if m in reach(m)] == []


@pytest.mark.parametrize("path", MODULES, ids=name_of)
def test_a_long_module_says_why_it_is_long(path):
    if len(path.read_text(encoding="utf-8").splitlines()) > LONG:
        assert "Why this module is long:" in (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "")


def test_every_layer_says_what_it_holds_returns_and_lets_a_contributor_change():
    for name in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "contributor may" in doc
        assert "Returns" in doc or "returns" in doc or "nothing imports it" in doc


def public_functions(path: Path) -> list[ast.FunctionDef]:
    """The module's public functions and the public methods of its classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        found += [n for n in cls.body if isinstance(n, ast.FunctionDef)]
    return [n for n in found if not n.name.startswith("_")]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_and_public_function_has_a_docstring_and_type_hints(path):
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{path.name}: no module docstring"
    for func in public_functions(path):
        assert ast.get_docstring(func), f"{path.name}:{func.lineno} {func.name} has no docstring"
        arguments = [a for a in func.args.args + func.args.kwonlyargs if a.arg not in ("self", "cls")]
        unhinted = [a.arg for a in arguments if a.annotation is None]
        assert not unhinted and func.returns is not None, f"{path.name}:{func.lineno} {func.name} lacks type hints"


def test_every_layer_is_a_package_the_project_metadata_installs():
    import tomllib

    found = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert found["tool"]["setuptools"]["packages"]["find"]["include"] == ["helpers", "helpers.*"]
    for folder in {p.parent for p in PACKAGE.rglob("*.py")}:
        assert (folder / "__init__.py").is_file(), f"{folder} is not a package: setuptools would leave it out"
