"""What an import run read, wrote, skipped and refreshed: the report both import paths fill in
and `scholar import` prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from service.importer import summaries


@dataclass
class Summary:
    read: int = 0
    written: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    # Problems with whole files (a part whose record count differs from its manifest).
    warnings: list[str] = field(default_factory=list)
    by_entity: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    # A bulk load's phases and the store it wrote (see service/importer/bulk/).
    phases: dict[str, float] = field(default_factory=dict)
    nodes: int = 0
    relationships: int = 0
    # Researcher summaries recomputed at the end of the run (service/importer/summaries.py).
    refreshed: summaries.Refreshed = field(default_factory=summaries.Refreshed)

    def skip(self, where: str, why: str, reason: str | None = None) -> None:
        """Count a record skipped under `reason` (default: the text before `why`'s first colon)."""
        self.skipped[reason or why.split(":")[0]] += 1
        if len(self.problems) < 1000:
            self.problems.append(f"{where}: {why}")

    def warn(self, warning: str) -> None:
        """Note a problem with a whole file once (every part of a snapshot folder reports its
        unreadable manifest)."""
        if warning not in self.warnings:
            self.warnings.append(warning)

    def add(self, other: Summary) -> None:
        """Count what `other` read, wrote and skipped as well (its problems after these)."""
        self.read += other.read
        self.written += other.written
        self.skipped.update(other.skipped)
        self.problems += other.problems[: max(0, 1000 - len(self.problems))]
        for warning in other.warnings:
            self.warn(warning)
        self.by_entity.update(other.by_entity)

    def render(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        lines = [
            f"read {self.read}, written {self.written}, skipped {sum(self.skipped.values())}"
            f" in {self.seconds:.2f}s ({rate:,.0f} records/s)"
        ]
        if self.by_entity:
            lines.append(
                "  written: " + ", ".join(f"{n} {e}" for e, n in sorted(self.by_entity.items()))
            )
        if self.phases:
            lines.append(
                f"  bulk load: {self.nodes:,} nodes, {self.relationships:,} relationships; "
                + ", ".join(f"{name} {s:.1f}s" for name, s in self.phases.items())
            )
        if self.refreshed.researchers:
            lines.append(
                f"  refreshed {self.refreshed.researchers} researcher summaries"
                f" in {self.refreshed.seconds:.2f}s"
            )
        lines += [f"  skipped {count}: {why}" for why, count in self.skipped.most_common()]
        lines += [f"  {problem}" for problem in self.problems[:20]]
        if len(self.problems) > 20:
            lines.append(f"  … and {len(self.problems) - 20} more")
        lines += [f"  warning: {warning}" for warning in self.warnings]
        return "\n".join(lines)
