"""How much of a repository's instructions reaches the model: each source up to 4,000 characters, all of
them up to 16,000, and a notice for whatever is cut or left out."""

from __future__ import annotations

import subprocess
from pathlib import Path

from persona_review.findings import Category
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


def instruction_files(files: dict[str, str], changed: list[str]) -> RepoGuidance:
    def list_dir(directory: str) -> list[str]:
        return sorted(p.rsplit("/", 1)[1] for p in files if p.rsplit("/", 1)[0] == directory)

    return load_guidance(files.get, list_dir, changed)


def sent_for(text: str, path: str = "app/a.py") -> tuple[str, list[str]]:
    """What the model is shown for `path` from one `.instructions.md` file, and the notices."""
    found = instruction_files({".github/instructions/x.instructions.md": text}, [path])
    return for_paths(found.instructions, [path]), found.notices


NOT_USED = [".github/instructions/x.instructions.md has no applyTo; it is not used"]


def test_frontmatter_after_a_byte_order_mark_is_read() -> None:
    sent, notices = sent_for("\ufeff---\napplyTo: \"app/**\"\n---\nReturn 404 for a missing order.\n")
    assert sent == "## From .github/instructions/x.instructions.md (for app/a.py)\nReturn 404 for a missing order."
    assert notices == []


def test_applyto_as_a_list_or_a_comma_separated_string_names_each_glob() -> None:
    for head in ("applyTo:\n  - \"lib/**\"\n  - \"app/**\"", "applyTo: \"lib/**, app/**, \""):
        for path in ("app/a.py", "lib/b.py"):
            sent, notices = sent_for(f"---\n{head}\n---\nKeep handlers small.\n", path)
            assert sent == f"## From .github/instructions/x.instructions.md (for {path})\nKeep handlers small.", head
            assert notices == []
        assert sent_for(f"---\n{head}\n---\nKeep handlers small.\n", "web/c.py")[0] == "", head


def test_a_file_without_usable_frontmatter_is_not_used_and_says_so() -> None:
    for text in (
        "Keep handlers small.\n",  # no frontmatter at all
        "## applyTo: app/**\n---\nKeep handlers small.\n",  # a heading and a rule are not frontmatter
        "---applyTo: \"app/**\"\n---\nKeep handlers small.\n",  # the opening fence is a line of its own
        "Notes.\napplyTo: \"app/**\"\n---\nKeep handlers small.\n",  # the fence opens the file
        "---\napplyTo: \"app/**\"\nKeep: handlers small\n",  # frontmatter never closed
        "---\napplyTo: [app/**\n---\nKeep handlers small.\n",  # frontmatter that is not YAML
        "---\n- app/**\n---\nKeep handlers small.\n",  # frontmatter that is a list
        "---\napplyTo: 5\n---\nKeep handlers small.\n",  # applyTo neither a list nor a string
        "---\ntitle: Handlers\n---\nKeep handlers small.\n",  # no applyTo key
        "---\napplyTo: \" , \"\n---\nKeep handlers small.\n",  # only blank globs
    ):
        assert sent_for(text) == ("", NOT_USED), text


def test_a_closing_fence_longer_than_three_dashes_is_not_shown_to_the_model() -> None:
    sent, _ = sent_for("---\napplyTo: \"app/**\"\n-----\nKeep handlers small.\n")
    assert sent.endswith(")\nKeep handlers small.")


def checklist_files(*texts: str, name: str = "team") -> dict[str, str]:
    return {f".github/persona-review/checklists/{name}{n}.yml": t for n, t in enumerate(texts)}


def checklist_guidance(files: dict[str, str], categories: tuple[Category, ...] = tuple(Category)) -> RepoGuidance:
    def list_dir(directory: str) -> list[str]:
        return sorted(p.rsplit("/", 1)[1] for p in files if p.rsplit("/", 1)[0] == directory)

    return load_guidance(files.get, list_dir, [], categories=categories)


def test_checklist_items_are_capped_and_their_whitespace_folded() -> None:
    long_id = "X" * 70
    text = ("category: security\ntitle: Tenancy\nitems:\n"
            f"  - id: \"  {long_id}  \"\n"
            f"    rule: \"Scope   every query\\n  by tenant {'r' * 600}\"\n"
            f"    why: \"Data   leaks {'w' * 600}\"\n"
            f"    fix: \"Add   a filter {'f' * 600}\"\n"
            "  - id: SHORT\n    rule: Only a rule.\n")
    found = checklist_guidance(checklist_files(text))
    assert found.notices == []
    (security,) = found.checklists
    assert security.title == "Repository checklist (security)"
    first, second = security.items
    assert first.id == "repo:" + "X" * 55 and len(first.id) == 60
    assert first.rule == ("Scope every query by tenant " + "r" * 600)[:500] and len(first.rule) == 500
    assert first.why == ("Data leaks " + "w" * 600)[:500]
    assert first.fix == ("Add a filter " + "f" * 600)[:500]
    assert (second.id, second.rule, second.why, second.fix) == ("repo:SHORT", "Only a rule.", "", "")


def test_bad_items_and_second_ids_are_left_out_with_a_notice_each() -> None:
    text = ("category: security\ntitle: T\nitems:\n"
            "  - just a string\n"
            "  - id: NO-RULE\n"
            "  - rule: No id.\n"
            "  - id: A\n    rule: First.\n"
            "  - id: A\n    rule: Second with the same id.\n")
    found = checklist_guidance(checklist_files(text))
    source = ".github/persona-review/checklists/team0.yml"
    assert found.notices == [f"{source}: an item without id or rule is not used"] * 3 + [
        f"{source}: a second item with id repo:A is not used"]
    (security,) = found.checklists
    assert [(i.id, i.rule) for i in security.items] == [("repo:A", "First.")]


def test_the_40_item_cap_spans_files_and_is_said_once_per_file() -> None:
    def items(prefix: str, count: int) -> str:
        body = "".join(f"  - id: {prefix}{n}\n    rule: Rule {n}.\n" for n in range(count))
        return f"category: security\ntitle: T\nitems:\n{body}"

    found = checklist_guidance(checklist_files(items("A", 30), items("B", 15), items("C", 2)))
    (security,) = found.checklists
    assert [i.id for i in security.items] == [f"repo:A{n}" for n in range(30)] + [f"repo:B{n}" for n in range(10)]
    assert found.notices == ["repository checklist items past the first 40 are not used"] * 2


def test_checklist_files_are_yml_or_yaml_of_a_wanted_category_in_the_bundled_format() -> None:
    def one(category: str, ident: str) -> str:
        return f"category: {category}\ntitle: T\nitems:\n  - id: {ident}\n    rule: Rule {ident}.\n"

    files = {".github/persona-review/checklists/a.yaml": one("security", "S1"),
             ".github/persona-review/checklists/b.yml": one("error-handling", "R1"),
             ".github/persona-review/checklists/c.txt": one("security", "S2"),
             ".github/persona-review/checklists/d.yml": "category: nonsense\nitems: []\n",
             ".github/persona-review/checklists/e.yml": "title: no category\n",
             ".github/persona-review/checklists/f.yml": "category: security\ntitle: no items\n",
             ".github/persona-review/checklists/g.yml": ": : :\n  - [\n"}
    found = checklist_guidance(files, categories=(Category.SECURITY,))
    assert [(c.category, [i.id for i in c.items]) for c in found.checklists] == [(Category.SECURITY, ["repo:S1"])]
    bad = "is not a checklist in the bundled format (category, title, items); it is not used"
    assert found.notices == [f".github/persona-review/checklists/{n}.yml {bad}" for n in "defg"]
    both = checklist_guidance(files)
    assert sorted(c.category.value for c in both.checklists) == ["error-handling", "security"]


def test_a_directory_of_instructions_at_the_base_is_listed_by_name(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=tmp_path,
                       check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (tmp_path / ".github" / "instructions" / "deep").mkdir(parents=True)
    (tmp_path / ".github" / "instructions" / "api.instructions.md").write_text("---\napplyTo: app/**\n---\nX\n")
    (tmp_path / ".github" / "instructions" / "deep" / "n.md").write_text("nested\n")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    read, list_dir = git_reader(tmp_path, "main")
    assert list_dir(".github/instructions") == ["api.instructions.md", "deep"]
    assert list_dir(".github/instructions/") == ["api.instructions.md", "deep"]
    assert read(".github/instructions/deep/n.md") == "nested\n"
    gone, gone_list = git_reader(tmp_path / "missing", "main")
    assert gone("AGENTS.md") is None and gone_list(".github") == [], "git cannot even start there"


def test_frontmatter_may_open_with_a_windows_line_end() -> None:
    sent, notices = sent_for("---\r\napplyTo: \"app/**\"\r\n---\r\nKeep handlers small.\r\n")
    assert sent == "## From .github/instructions/x.instructions.md (for app/a.py)\nKeep handlers small."
    assert notices == []


def test_agents_files_apply_under_their_directory_shallowest_first_and_blocks_are_apart() -> None:
    files = {"AGENTS.md": "Root rule.", "app/AGENTS.md": "App rule.", "app/orders/AGENTS.md": "Orders rule.",
             "b/AGENTS.md": "B rule."}
    found = load_guidance(files.get, lambda directory: [], ["app/orders/api.py", "b/y.py"])
    assert [(i.source, i.globs) for i in found.instructions] == [
        ("AGENTS.md", ()), ("app/AGENTS.md", ("/app/**",)), ("b/AGENTS.md", ("/b/**",)),
        ("app/orders/AGENTS.md", ("/app/orders/**",))]
    assert for_paths(found.instructions, ["b/y.py"]) == (
        "## From AGENTS.md (for every file)\nRoot rule.\n\n## From b/AGENTS.md (for b/y.py)\nB rule.")
