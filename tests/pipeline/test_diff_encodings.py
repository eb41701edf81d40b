"""Every test diff, saved with CRLF, CR, a UTF-8 BOM, UTF-16 or UTF-32, reviews exactly as the LF UTF-8 one.

"Every test diff" is each `.diff`/`.patch` file under tests/data and examples, and, built from every
source fixture under tests/data, a new-file diff and a modifying diff, each with LF and with CRLF content
(a CRLF source file inside an LF diff). The review compared is the whole offline pipeline: which files are
reviewed and why, and every finding with its line, placement and fingerprint.
"""

from __future__ import annotations

import codecs
import difflib
import gzip
import io
import json
import pickle
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from persona_review.cli import main
from persona_review.config import Config
from persona_review.diff import Diff, FileStatus, parse_diff
from persona_review.errors import DiffError
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from pipeline.conftest import ROOT, file_diff

SOURCE_SUFFIXES = {".py", ".js", ".ts", ".go", ".java", ".rb", ".sql", ".kt", ".php", ".cs", ".rs"}
INCLUDE_ALL = Config(include=("*",))
BUNDLED = load_persona(None)


def _diff_files() -> list[Path]:
    found = [
        p
        for base in (ROOT / "tests" / "data", ROOT / "examples")
        for p in sorted(base.rglob("*"))
        if p.suffix in {".diff", ".patch"}
    ]
    assert ROOT / "examples" / "sample.diff" in found
    return found


def _sources() -> list[Path]:
    return [p for p in sorted((ROOT / "tests" / "data").rglob("*")) if p.suffix in SOURCE_SUFFIXES]


def _added_diff(path: str, lines: list[bytes]) -> bytes:
    header = f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
    return header.encode() + f"@@ -0,0 +1,{len(lines)} @@\n".encode() + b"".join(b"+" + ln for ln in lines)


def _modifying_diff(path: str, lines: list[bytes]) -> bytes:
    """The file as the new side; every third line of it as the old side (context, added lines, hunks)."""
    new = [ln.decode("utf-8", "surrogateescape") for ln in lines]
    old = new[::3]
    body = difflib.unified_diff(old, new, f"a/{path}", f"b/{path}", n=2)
    return f"diff --git a/{path} b/{path}\n".encode() + "".join(body).encode("utf-8", "surrogateescape")


def _generated_diffs() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for src in _sources():
        rel = src.relative_to(ROOT / "tests" / "data").as_posix()
        lines = [ln.rstrip(b"\r\n") + b"\n" for ln in src.read_bytes().splitlines(keepends=True)]
        crlf = [ln[:-1] + b"\r\n" for ln in lines]
        out[f"added {rel}"] = _added_diff(f"added/{rel}", lines)
        out[f"added {rel} (CRLF content)"] = _added_diff(f"added-crlf/{rel}", crlf)
        out[f"modified {rel}"] = _modifying_diff(f"modified/{rel}", lines)
        out[f"modified {rel} (CRLF content)"] = _modifying_diff(f"modified-crlf/{rel}", crlf)
    return out


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


VARIANTS: dict[str, Callable[[bytes], bytes]] = {
    "CRLF": lambda raw: raw.replace(b"\n", b"\r\n"),
    "CRLF, content CRs kept (unix2dos)": lambda raw: re.sub(rb"(?<!\r)\n", b"\r\n", raw),
    "CR": lambda raw: raw.replace(b"\n", b"\r"),
    "UTF-8 BOM": lambda raw: codecs.BOM_UTF8 + raw,
    "UTF-16 LE BOM": lambda raw: codecs.BOM_UTF16_LE + _text(raw).encode("utf-16-le"),
    "UTF-16 BE BOM": lambda raw: codecs.BOM_UTF16_BE + _text(raw).encode("utf-16-be"),
    "UTF-16 LE BOM + CRLF (PowerShell >)": lambda raw: codecs.BOM_UTF16_LE
    + _text(raw).replace("\n", "\r\n").encode("utf-16-le"),
    "UTF-32 BOM": lambda raw: codecs.BOM_UTF32_LE + _text(raw).encode("utf-32-le"),
}

Review = tuple[list[tuple[str, bool, str]], list[tuple[object, ...]]]


def _review(diff: Diff, config: Config) -> Review:
    result = run_review(ReviewInput(diff=diff, config=config, persona=BUNDLED, offline=True))
    files = [(d.path, d.reviewed, d.reason) for d in result.files]
    findings = [
        (f.path, f.line, f.end_line, f.rule_id, f.severity, f.title, f.body, f.placement, f.fingerprint, f.code)
        for f in [*result.findings, *result.suppressed, *result.below_threshold]
    ]
    return files, findings


def _all_diffs() -> dict[str, tuple[bytes, Config]]:
    """The diff files one by one, and the generated diffs as one diff (distinct paths), for speed."""
    diffs = {p.relative_to(ROOT).as_posix(): (p.read_bytes(), Config()) for p in _diff_files()}
    generated = _generated_diffs()
    assert len(generated) >= 40
    diffs["generated from every source fixture"] = (b"".join(generated.values()), INCLUDE_ALL)
    return diffs


def test_every_test_diff_reviews_the_same_in_every_encoding() -> None:
    """The review reads nothing of the input but the parsed diff (and the config and persona, the same for
    every variant): a variant whose parsed diff pickles to the same bytes as the original's is the same
    input, so it gets the original's review without running the pipeline again. Any variant parsed even
    slightly differently is reviewed in full and compared."""
    total_files = total_findings = 0
    for name, (raw, config) in _all_diffs().items():
        original = parse_diff(raw)
        expected = _review(original, config)
        assert expected[0], f"{name}: no files"
        total_files += len(expected[0])
        total_findings += len(expected[1])
        same_input = pickle.dumps(original)
        for variant, convert in VARIANTS.items():
            parsed = parse_diff(convert(raw))
            review = expected if pickle.dumps(parsed) == same_input else _review(parsed, config)
            assert review == expected, f"{name} saved as {variant}"
    # The comparison is not vacuous: the originals carry many findings on many files.
    assert total_files >= 80 and total_findings >= 300


def test_a_crlf_diff_keeps_paths_and_line_numbers_clean() -> None:
    raw = (ROOT / "examples" / "sample.diff").read_bytes()
    diff = parse_diff(raw.replace(b"\n", b"\r\n"))
    assert not any("\r" in f.path for f in diff)
    assert 'f"SELECT id, total FROM orders' in diff.by_path()["app/api/orders.py"].added[19]


def test_an_lf_diff_of_a_crlf_file_keeps_working() -> None:
    raw = b"diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,3 @@\n a\r\n-b\r\n+c\r\n+d\r\n"
    f = parse_diff(raw).files[0]
    assert f.path == "x.py" and f.added == {2: "c", 3: "d"} and f.deleted_count == 1


def test_a_cr_diff_with_empty_context_lines_reads_them_as_lines() -> None:
    # Some tools write an empty context line as an empty line; in a CR diff it is an empty piece.
    raw = b"--- a/x.py\r+++ b/x.py\r@@ -1,3 +1,4 @@\r a\r\r+b\r c\r"
    f = parse_diff(raw).files[0]
    assert f.added == {3: "b"} and f.commentable == frozenset({1, 2, 3, 4})


def test_utf16_without_a_byte_order_mark_is_recognised() -> None:
    raw = (ROOT / "examples" / "sample.diff").read_text(encoding="utf-8")
    assert parse_diff(raw.encode("utf-16-le")).by_path().keys() == parse_diff(raw).by_path().keys()
    assert parse_diff(raw.encode("utf-16-be")).by_path().keys() == parse_diff(raw).by_path().keys()


def test_a_bom_only_file_is_an_empty_diff() -> None:
    assert len(parse_diff(codecs.BOM_UTF16_LE)) == 0 and len(parse_diff(codecs.BOM_UTF8 + b"\r\n")) == 0


SAMPLE = (ROOT / "examples" / "sample.diff").read_bytes()


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (gzip.compress(SAMPLE), "gzip-compressed data, not a diff"),
        (b"PK\x03\x04" + SAMPLE[:200], "a zip archive"),
        (bytes(range(256)) * 8, "binary data (it contains NUL bytes)"),
        (SAMPLE.decode().encode("utf-32-le"), "binary data"),
        (SAMPLE.decode().encode("cp500"), "not text in an encoding persona-review reads"),
    ],
    ids=["gzip", "zip", "binary", "utf-32 without BOM", "EBCDIC"],
)
def test_unreadable_input_is_named_for_what_it_is(data: bytes, named: str) -> None:
    with pytest.raises(DiffError, match=re.escape(named)):
        parse_diff(data)


def test_a_latin1_diff_is_still_read() -> None:
    raw = "--- a/x.sql\n+++ b/x.sql\n@@ -0,0 +1 @@\n+-- caf\u00e9\n".encode("latin-1")
    assert parse_diff(raw).files[0].added == {1: "-- caf\ufffd"}


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_gates_a_crlf_or_utf16_diff_as_the_lf_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    saved = {
        "LF": SAMPLE,
        "CRLF": VARIANTS["CRLF"](SAMPLE),
        "UTF-16": VARIANTS["UTF-16 LE BOM + CRLF (PowerShell >)"](SAMPLE),
    }
    runs = {}
    for name, data in saved.items():
        path = tmp_path / "pr.diff"
        path.write_bytes(data)
        code, out, _ = _cli(["review", "--diff", str(path), "--offline", "--format", "json", "--fail-on", "high"],
                            capsys)
        runs[name] = (code, json.loads(out)["files"], json.loads(out)["findings"])
    assert runs["LF"][0] == 1 and runs["LF"][2]
    assert runs["CRLF"] == runs["LF"] and runs["UTF-16"] == runs["LF"]


def test_the_cli_reads_a_utf16_diff_from_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = VARIANTS["UTF-16 LE BOM"](SAMPLE)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = _cli(["review", "--diff", "-", "--offline", "--format", "json"], capsys)
    assert code == 0 and "app/api/orders.py" in {f["path"] for f in json.loads(out)["files"]}


def test_the_cli_names_a_compressed_diff_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "pr.diff.gz"
    path.write_bytes(gzip.compress(SAMPLE))
    code, out, err = _cli(["review", "--diff", str(path), "--offline"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "gzip-compressed data, not a diff" in err and "Traceback" not in err


def test_concatenated_diffs_each_with_a_byte_order_mark_read_as_one() -> None:
    first = file_diff("api/a.py", ["x = 1"]).encode()
    second = file_diff("api/b.py", ["y = 2"]).encode()
    joined = codecs.BOM_UTF8 + first + codecs.BOM_UTF8 + second
    files = parse_diff(joined).by_path()
    assert files.keys() == {"api/a.py", "api/b.py"}
    assert all(f.status is FileStatus.ADDED for f in files.values())
