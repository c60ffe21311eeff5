"""`scholar import openalex` and `scholar refresh` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.cli import parser
from service.settings import Settings
from tests.importer.conftest import DATA


def run(settings: Settings, *argv: str) -> int:
    args = parser().parse_args(list(argv))
    code: int = args.run(args, settings)
    return code


def test_import_prints_the_summary(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = DATA / "api-pages" / "keypapers-page-1.json"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    code = run(settings, "import", "openalex", str(page), str(bad), "--batch-size", "1")
    out, err = capsys.readouterr()
    assert code == 1  # something was skipped
    assert "read 3, written 2, skipped 1" in out
    assert f"{bad}:1: not valid JSON" in out
    assert "records/s" not in err  # no progress line when stderr is not a terminal
    # The two papers' authors, refreshed once at the end of the run.
    assert "researcher summaries in" in out


def test_refresh_recomputes_every_summary(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    page = DATA / "api-pages" / "keypapers-page-1.json"
    assert run(settings, "import", "openalex", str(page)) == 0
    capsys.readouterr()
    assert run(settings, "refresh", "--batch-size", "2") == 0
    out = capsys.readouterr().out
    assert out.startswith("refreshed ") and " researcher summaries in " in out
    assert int(out.split()[1]) > 0


def test_import_fail_fast(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    assert run(settings, "import", "openalex", str(bad), "--fail-fast") == 1
    assert f"{bad}:1: not valid JSON" in capsys.readouterr().err


def test_import_names_a_missing_path(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(settings, "import", "openalex", str(tmp_path / "nope.json")) == 2
    assert "no such file or folder" in capsys.readouterr().err
