"""What the line-labelled evaluations (`eval_async_blocking.py`, `eval_java_locks.py`) share: the split of
a case by a hash of its name, and a score of labelled lines found, missed and falsely reported."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def split_of(name: str) -> str:
    """"dev" or "test" for a case, by the parity of the SHA-256 of its name (stable across runs)."""
    return "dev" if hashlib.sha256(name.encode()).digest()[-1] % 2 == 0 else "test"


@dataclass
class LineScore:
    found: int = 0
    missed: int = 0
    false_alarms: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        labelled = self.found + self.missed
        reported = self.found + self.false_alarms
        recall = self.found / labelled if labelled else 0.0
        precision = self.found / reported if reported else 1.0
        return (f"{labelled:4} labelled  found {self.found:4}  missed {self.missed:4}  false alarms "
                f"{self.false_alarms:3}  recall {recall:.3f}  precision {precision:.3f}")
