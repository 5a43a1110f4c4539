"""Comments and texts cite the law itself, never a document outside this repository.

A rule that is in the law cites it ("Wi2021 art. 11", "Atw art. 4"); a rule whose only source is
guidance names that guidance in the rule set and stays UNCONFIRMED. Research notes and design
notes outside the repository are not cited: a reader of the code cannot open them. Checked on
every Python, HTML and JSON file under ``src/regie`` except tests, migrations and locale.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # src/regie
SUFFIXES = {".py", ".html", ".json"}
SKIPPED = {"tests", "migrations", "locale"}

#: (pattern, what it points to). ``[T]`` only as a tag, not as a type parameter (``list[T]``);
#: ``(seed)`` only as a label, not as an argument (``Random(seed)``).
FORBIDDEN = [
    (re.compile(r"rulebook", re.IGNORECASE), "the research notes ('rulebook')"),
    (re.compile(r"facts\.md", re.IGNORECASE), "a third-party fact sheet"),
    (re.compile(r"(?<!\w)\(seed\)", re.IGNORECASE), "the seed material; name the study in words"),
    (re.compile(r"(?<![\w\]])\[T\]"), "a reliability tag of the research notes"),
    (re.compile(r"anchors\.md", re.IGNORECASE), "a design note outside the repository"),
    (re.compile(r"\.md §"), "a section of a document outside the repository"),
]


def _files():
    for path in sorted(ROOT.rglob("*")):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        if SKIPPED.intersection(path.relative_to(ROOT).parts):
            continue
        yield path


def outside_references(path: Path, root: Path = ROOT) -> list[str]:
    """Every forbidden reference in one file, as 'file:line: text (why)'."""
    found = []
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, why in FORBIDDEN:
            if pattern.search(line):
                where = path.relative_to(root.parent)
                found.append(f"{where}:{number}: {line.strip()[:100]} ({why})")
    return found


def test_no_reference_to_documents_outside_the_repository():
    found = [hit for path in _files() for hit in outside_references(path)]
    assert not found, "Cite the law or name the guidance instead:\n" + "\n".join(found)


def test_the_check_finds_each_kind(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "# rulebook §2.2\n# facts.md\n# Westfriesland 2019 (seed)\n# art. 3 per [T]\n"
        "# mca-anchors.md\n# ux.md §4\n"
        "def first(items: list[T]) -> T: ...\nrng = random.Random(seed)\n# Wi2021 art. 11\n",
        encoding="utf-8",
    )
    hits = outside_references(sample, root=tmp_path)
    assert [hit.split(":")[1] for hit in hits] == ["1", "2", "3", "4", "5", "6"]
