"""House rules that a parser can check: no app uses another app's ``_private`` names.

A name that starts with ``_`` is the owning module's business; another app that needs it asks
for a public name instead. Checked on every module under ``src/regie`` except tests and
migrations: ``from regie.<other app>... import _name`` and ``<module of another app>._name``.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # src/regie


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or path.name == "conftest.py":
            continue
        yield path, parts


def _app_of(dotted: str) -> str | None:
    """'regie.clients.views' -> 'clients'; None for a module outside the project."""
    names = dotted.split(".")
    if names[0] != "regie" or len(names) < 2:
        return None
    return names[1]


def _resolve(module: str | None, level: int, own: tuple[str, ...]) -> str:
    """The absolute dotted name of an import's module (relative imports included)."""
    if level == 0:
        return module or ""
    package = ["regie", *own[:-1]]
    package = package[: len(package) - (level - 1)]
    return ".".join([*package, module] if module else package)


def private_imports(path: Path, parts: tuple[str, ...]) -> list[str]:
    """Every use of another app's private name in one module, as 'file:line name'."""
    own_app = parts[0].removesuffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    foreign = {}  # local name -> the other app's module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _resolve(node.module, node.level, parts)
            app = _app_of(source)
            if app is None or app == own_app:
                continue
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {source}.{alias.name}")
                foreign[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                app = _app_of(alias.name)
                if app is None or app == own_app:
                    continue
                if alias.asname:
                    foreign[alias.asname] = alias.name
                if any(part.startswith("_") for part in alias.name.split(".")):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
            continue
        if node.attr.startswith("__"):
            continue  # dunders (__name__, __doc__) are public
        chain = node.value
        names = []
        while isinstance(chain, ast.Attribute):
            names.append(chain.attr)
            chain = chain.value
        if not isinstance(chain, ast.Name):
            continue
        dotted = ".".join([chain.id, *reversed(names)])
        if chain.id in foreign:
            target = foreign[chain.id]
        elif chain.id == "regie" and _app_of(dotted) not in (None, own_app):
            target = dotted
        else:
            continue
        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {target}.{node.attr}")
    return found


def test_no_app_imports_another_apps_private_names():
    found = []
    for path, parts in _modules():
        found.extend(private_imports(path, parts))
    assert found == [], "private names used across apps:\n" + "\n".join(found)


def test_the_check_sees_a_private_import(tmp_path):
    """The check itself: a from-import, a module attribute and a relative import are caught."""
    app = tmp_path / "offer"
    app.mkdir()
    module = app / "views.py"
    module.write_text(
        "from regie.clients.views import _client_or_404\n"
        "from regie.clients import services\n"
        "from ..core import audit\n"
        "from .selectors import _own\n"
        "services._today()\n"
        "audit._json_value(1)\n",
        encoding="utf-8",
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = private_imports(module, ("offer", "views.py"))
    finally:
        ROOT = saved
    assert [f.split(" ")[1] for f in found] == [
        "regie.clients.views._client_or_404",
        "regie.clients.services._today",
        "regie.core.audit._json_value",
    ]
