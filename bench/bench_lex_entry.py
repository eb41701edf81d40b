"""How often a hunk's start state is recovered, on real source files given on the command line.

For every line of every file, a hunk of WINDOW lines starting there is lexed alone and compared with the
whole file's lexing of the same lines. Hunks that start inside a multi-line string or block comment whose
closing delimiter lies in the hunk are "recoverable": the share of them read exactly as in the whole file
is the recovery rate. Hunks that start in code must stay exactly as the whole file reads them: the share
that does not is the regression rate (the baseline, lexing every hunk from the code state, has none).

    python bench/bench_lex_entry.py [--window 10] FILE...

Use files nobody tuned the heuristics on, e.g. an installed package's sources.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from persona_review.checks._lexing import _SYNTAX, _lex_lines, _likeliest
from persona_review.languages import detect_language


def measure(paths: list[Path], window: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in paths:
        language = detect_language(str(path))
        syntax = _SYNTAX.get(language)
        if syntax is None:
            continue
        try:
            texts = path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        counts["files"] += 1
        whole = _lex_lines(texts, None, syntax, language)
        for start in range(1, len(texts)):
            inside = whole.rows[start - 1][2]
            hunk = texts[start : start + window]
            truth = [row[:2] for row in whole.rows[start : start + window]]
            plain = _lex_lines(hunk, None, syntax, language)
            got = [row[:2] for row in _likeliest(hunk, plain, syntax, language).rows]
            if inside is None:
                counts["code starts"] += 1
                counts["code starts misread"] += got != truth
                continue
            closer = "*/" if inside == "/*" else inside
            if any(closer in line for line in hunk):
                counts["recoverable starts"] += 1
                counts["recovered"] += got == truth
                counts["recovered before"] += [row[:2] for row in plain.rows] == truth
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--window", type=int, default=10)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    c = measure(args.files, args.window)
    recoverable, code = max(c["recoverable starts"], 1), max(c["code starts"], 1)
    print(f"{c['files']} files, {c['recoverable starts']} recoverable starts, {c['code starts']} code starts")
    print(f"recovered: {c['recovered']} = {c['recovered'] / recoverable:.3f} (lexing from the code state: "
          f"{c['recovered before'] / recoverable:.3f})")
    print(f"code starts misread: {c['code starts misread']} = {c['code starts misread'] / code:.5f} "
          "(lexing from the code state: 0)")


if __name__ == "__main__":
    main()
