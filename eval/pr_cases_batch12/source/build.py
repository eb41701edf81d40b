"""Build diffs/ and labels.jsonl of this batch from the case sources (*.cases) next to this script.

A source holds cases one after another. A case starts with a header line
    === NAME | PATH | START | EXPECT | CATEGORY | RULE | SUBTLE [| SECTION]
where START is the new-side number of the hunk's first line (0: the diff adds the whole file), EXPECT is
flag or clean, SUBTLE is yes or no, and SECTION (optional) is the text after the hunk's @@ header. The
body lines start with ' ' (context), '+' (added), '-' (removed) or '!' (the added line the label names).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent


def build_case(header: str, body: list[str]) -> tuple[str, str, dict[str, object]]:
    parts = [p.strip() for p in header[3:].split("|")]
    name, path, start_s, expect, category, rule, subtle = parts[:7]
    section = parts[7] if len(parts) > 7 else ""
    start = int(start_s)
    new_file = start == 0
    new_no = 1 if new_file else start
    old_len = new_len = 0
    label_line = None
    hunk: list[str] = []
    for raw in body:
        mark, text = (raw[0], raw[1:]) if raw else (" ", "")
        if mark == "!":
            label_line = new_no
            mark = "+"
        if mark == "+":
            new_len += 1
            new_no += 1
        elif mark == "-":
            old_len += 1
        elif mark == " ":
            old_len += 1
            new_len += 1
            new_no += 1
        else:
            raise SystemExit(f"{name}: bad line {raw!r}")
        hunk.append(mark + text)
    if label_line is None:
        raise SystemExit(f"{name}: no labelled line")
    if new_file and old_len:
        raise SystemExit(f"{name}: a new file has no old lines")
    head = [f"diff --git a/{path} b/{path}"]
    if new_file:
        head += ["new file mode 100644", "index 0000000..4b1c2de", "--- /dev/null", f"+++ b/{path}",
                 f"@@ -0,0 +1,{new_len} @@"]
    else:
        head += ["index 3f2a9c1..8d7e0b4 100644", f"--- a/{path}", f"+++ b/{path}",
                 f"@@ -{start},{old_len} +{start},{new_len} @@" + (f" {section}" if section else "")]
    label = {"case": name, "file": path, "line": label_line, "expect": expect, "category": category,
             "rule": rule, "subtle": subtle == "yes"}
    return name, "\n".join(head + hunk) + "\n", label


def main() -> int:
    labels: list[dict[str, object]] = []
    seen: set[str] = set()
    (OUT / "diffs").mkdir(exist_ok=True)
    for source in sorted(HERE.glob("*.cases")):
        header = ""
        body: list[str] = []
        cases: list[tuple[str, list[str]]] = []
        for raw in source.read_text(encoding="utf-8").split("\n"):
            if raw.startswith("==="):
                if header:
                    cases.append((header, body))
                header, body = raw, []
            elif header:
                body.append(raw)
        if header:
            cases.append((header, body))
        for header, body in cases:
            while body and body[-1] == "":
                body.pop()
            name, diff, label = build_case(header, body)
            if name in seen:
                raise SystemExit(f"duplicate case {name}")
            seen.add(name)
            (OUT / "diffs" / f"{name}.diff").write_text(diff, encoding="utf-8")
            labels.append(label)
    (OUT / "labels.jsonl").write_text("".join(json.dumps(x) + "\n" for x in labels), encoding="utf-8")
    print(f"{len(labels)} cases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
