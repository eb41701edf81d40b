"""How much of a repository's instructions reaches the model: each source up to 4,000 characters, all of
them up to 16,000, and a notice for whatever is cut or left out."""

from __future__ import annotations

import subprocess
from pathlib import Path

from persona_review.model.repo_instructions import (
    RepoGuidance,
    RepoInstruction,
    directory_reader,
    for_paths,
    git_reader,
    load_guidance,
)


def guidance(*texts: str) -> RepoGuidance:
    rules = [((), text) for text in texts]
    return load_guidance(lambda path: None, lambda directory: [], [], rules)


def test_a_source_of_4000_characters_is_kept_whole_and_a_longer_one_is_cut_with_a_notice() -> None:
    whole = guidance("a" * 4000)
    assert [len(i.text) for i in whole.instructions] == [4000] and whole.notices == []
    cut = guidance("b" * 4001)
    assert [i.text for i in cut.instructions] == ["b" * 4000]
    assert cut.notices == ["repository instructions from path-instructions[1] in the config cut to 4000 characters"]


def test_past_16000_characters_in_all_a_source_is_cut_to_the_room_left_then_left_out() -> None:
    full = guidance("a" * 4000, "b" * 4000, "c" * 4000, "d" * 3999, "e" * 10, "f" * 10)
    assert [len(i.text) for i in full.instructions] == [4000, 4000, 4000, 3999, 1]
    assert full.notices == [
        "repository instructions from path-instructions[5] in the config cut to 1 characters",
        "repository instructions from path-instructions[6] in the config left out: over 16000 characters of "
        "instructions in total",
    ]
    assert guidance("  \n  ").instructions == [], "a blank source adds nothing"


def test_only_the_first_40_repository_checklist_items_are_used() -> None:
    def checklist(count: int) -> str:
        items = "".join(f"  - id: T-{n:02}\n    rule: \"Rule number {n}.\"\n" for n in range(1, count + 1))
        return f"category: security\ntitle: Tenancy\nitems:\n{items}"

    for count, used in ((40, 40), (41, 40)):
        files = {".github/persona-review/checklists/many.yml": checklist(count)}
        found = load_guidance(files.get, lambda directory: ["many.yml"] if directory.endswith("checklists") else [],
                              [])
        (security,) = found.checklists
        assert [i.id for i in security.items] == [f"repo:T-{n:02}" for n in range(1, used + 1)]
        past = "repository checklist items past the first 40 are not used"
        assert (past in found.notices) is (count > 40), count


def test_instructions_at_the_base_that_are_not_utf8_are_read_with_replacement_characters(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=tmp_path,
                       check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (tmp_path / "AGENTS.md").write_bytes(b"Use caf\xe9 tables only.\n")
    git("add", "AGENTS.md")
    git("commit", "-q", "-m", "base")
    read, list_dir = git_reader(tmp_path, "main")
    assert read("AGENTS.md") == "Use caf\ufffd tables only.\n"
    assert read("missing.md") is None and list_dir(".github/instructions") == []


def test_a_checkout_is_read_only_inside_its_root(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".github" / "instructions").mkdir(parents=True)
    (root / "AGENTS.md").write_bytes(b"Prices in caf\xe9 cents.\n")
    (root / ".github" / "instructions" / "api.instructions.md").write_text("x", encoding="utf-8")
    (root / ".github" / "instructions" / "nested").mkdir()
    (tmp_path / "secret.md").write_text("outside", encoding="utf-8")
    read, list_dir = directory_reader(root)
    assert read("AGENTS.md") == "Prices in caf\ufffd cents.\n"
    assert read("../secret.md") is None and read(".github") is None and read("missing.md") is None
    assert list_dir(".github/instructions") == ["api.instructions.md"], "files only"
    assert list_dir("..") == [] and list_dir("missing") == [] and list_dir("AGENTS.md") == []


def test_only_files_named_dot_instructions_md_are_instructions() -> None:
    files = {".github/instructions/api.instructions.md": "---\napplyTo: \"app/**\"\n---\nReturn 404.\n",
             ".github/instructions/notes.md": "---\napplyTo: \"app/**\"\n---\nScratch notes.\n"}
    found = load_guidance(files.get, lambda d: sorted(p.rsplit("/", 1)[1] for p in files if p.startswith(d + "/")),
                          ["app/a.py"])
    assert [i.source for i in found.instructions] == [".github/instructions/api.instructions.md"]


def test_each_block_names_the_files_it_is_for_up_to_eight() -> None:
    def header(count: int) -> str:
        paths = [f"app/m{n}.py" for n in range(count)]
        text = for_paths([RepoInstruction("AGENTS.md", ("/app/**",), "Be careful.")], paths)
        return text.splitlines()[0]

    assert header(8) == "## From AGENTS.md (for " + ", ".join(f"app/m{n}.py" for n in range(8)) + ")"
    assert header(9) == "## From AGENTS.md (for " + ", ".join(f"app/m{n}.py" for n in range(8)) + " and 1 more)"
    assert header(11).endswith("app/m6.py and 3 more)"), "sorted: m10 comes before m2"
    everywhere = for_paths([RepoInstruction("AGENTS.md", (), "Be careful.")], ["a.py", "b.py"])
    assert everywhere == "## From AGENTS.md (for every file)\nBe careful."
    assert for_paths([RepoInstruction("x.md", ("/web/**",), "t")], ["app/a.py"]) == ""
