"""Splitting a PR into requests: by file and hunk, riskiest files first, each request under a budget.

A hunk too large for one request is cut into slices of whole lines. Pieces are packed in risk order
(`risk.risk_of`), so when the total budget runs out it is the least risky code that is left unreviewed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from persona_review.checks.base import FileContext
from persona_review.diff import DiffFile, DiffLine, Hunk
from persona_review.findings import Finding
from persona_review.model.prompt import Piece, render_piece
from persona_review.model.risk import risk_of
from persona_review.model.tokens import estimate_tokens

MIN_PIECE_BUDGET = 400
MAX_FILES_PER_REQUEST = 20
"""A request holds the hunks of at most this many files: a model reading a hundred files at once
reviews each of them less carefully, and a failed request loses less."""


class Chunk(NamedTuple):
    pieces: tuple[Piece, ...]
    texts: tuple[str, ...]
    tokens: int
    """Estimated tokens of the rendered pieces."""

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.pieces]


Renderer = Callable[[Piece], str]


def make_renderer(contexts: Mapping[str, FileContext], evidence: Sequence[Finding],
                  context_lines: int) -> Renderer:
    by_path: dict[str, list[Finding]] = {}
    for finding in evidence:
        by_path.setdefault(finding.path, []).append(finding)

    def render(piece: Piece) -> str:
        return render_piece(piece, contexts.get(piece.path), by_path.get(piece.path, ()), context_lines)

    return render


def ordered_files(files: Sequence[DiffFile]) -> list[DiffFile]:
    return sorted(files, key=lambda f: (risk_of(f.path), f.path))


def pieces_of(diff_file: DiffFile) -> list[Piece]:
    return [Piece(diff_file.path, diff_file.status.value, hunk) for hunk in diff_file.hunks]


def plan_chunks(files: Sequence[DiffFile], render: Renderer, budget: int) -> list[Chunk]:
    """Chunks in risk order, each with an estimate of at most `budget` tokens where possible (a single
    line longer than the budget still gets its own chunk)."""
    budget = max(budget, MIN_PIECE_BUDGET)
    chunks: list[Chunk] = []
    pieces: list[Piece] = []
    texts: list[str] = []
    used = 0
    for diff_file in ordered_files(files):
        for whole in pieces_of(diff_file):
            for piece in fit(whole, render, budget):
                text = render(piece)
                cost = estimate_tokens(text) + 1
                paths = {p.path for p in pieces} | {piece.path}
                if pieces and (used + cost > budget or len(paths) > MAX_FILES_PER_REQUEST):
                    chunks.append(Chunk(tuple(pieces), tuple(texts), used))
                    pieces, texts, used = [], [], 0
                pieces.append(piece)
                texts.append(text)
                used += cost
    if pieces:
        chunks.append(Chunk(tuple(pieces), tuple(texts), used))
    return chunks


def fit(piece: Piece, render: Renderer, budget: int) -> list[Piece]:
    """`piece`, or slices of it that each render under `budget` tokens."""
    if estimate_tokens(render(piece)) <= budget or len(piece.hunk.lines) < 2:
        return [piece]
    halves = halve(piece)
    return [part for half in halves for part in fit(half, render, budget)]


def halve(piece: Piece) -> list[Piece]:
    """Two slices of a piece's hunk (the piece itself when it has a single line)."""
    lines = piece.hunk.lines
    if len(lines) < 2:
        return [piece]
    middle = len(lines) // 2
    return [piece._replace(hunk=_slice(piece.hunk, lines[:middle])),
            piece._replace(hunk=_slice(piece.hunk, lines[middle:]))]


def split_chunk(chunk: Chunk, render: Renderer) -> list[Chunk]:
    """A smaller retry for a chunk whose reply was cut off or had no tool call: its pieces in two
    halves, or its single piece in two slices. Empty when it cannot get smaller."""
    pieces = list(chunk.pieces)
    if len(pieces) == 1:
        pieces = halve(pieces[0])
        if len(pieces) == 1:
            return []
    middle = len(pieces) // 2
    out = []
    for group in (pieces[:middle], pieces[middle:]):
        texts = tuple(render(p) for p in group)
        out.append(Chunk(tuple(group), texts, sum(estimate_tokens(t) + 1 for t in texts)))
    return out


def _slice(hunk: Hunk, lines: tuple[DiffLine, ...]) -> Hunk:
    new = [line.new_no for line in lines if line.new_no is not None]
    old = [line.old_no for line in lines if line.old_no is not None]
    new_start = new[0] if new else _next_new(hunk, lines)
    old_start = old[0] if old else hunk.old_start
    return Hunk(old_start, len(old), new_start, len(new), hunk.section, lines)


def _next_new(hunk: Hunk, lines: tuple[DiffLine, ...]) -> int:
    """New-side position of a slice with only deleted lines: the new line after the last one before it."""
    before = [line.new_no for line in hunk.lines[: hunk.lines.index(lines[0])] if line.new_no is not None]
    return before[-1] + 1 if before else hunk.new_start
