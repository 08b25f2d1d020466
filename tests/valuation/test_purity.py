"""The engine is pure Python: usable without Django, by scripts and by other services."""

import ast
import subprocess
import sys
from pathlib import Path

import welfarelab.valuation

from .builders import REPO_ROOT

PACKAGE = Path(welfarelab.valuation.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_of_the_engine_imports_django():
    modules = {path.name: imported_modules(path) for path in PACKAGE.glob("*.py")}

    assert {name: sorted(m for m in imported if m.split(".")[0] == "django") for name, imported in modules.items()} == {
        name: [] for name in modules
    }


def test_the_engine_runs_without_django_loaded():
    script = (
        "import sys; from welfarelab.valuation import valuate; "
        "valuate({'price_year': 2016, 'benefits': []}); print('django' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "False"
