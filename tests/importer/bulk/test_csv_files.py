"""CSV cells as neo4j-admin reads them."""

from __future__ import annotations

from pathlib import Path

from service.importer.bulk.csv_files import ARRAY_DELIMITER, CsvFile, cell


def test_cells_keep_null_empty_text_quotes_and_arrays_apart() -> None:
    assert cell(None) == ""
    assert cell("") == '""'
    assert cell('say "hi", then\nleave') == '"say ""hi"", then\nleave"'
    assert cell(True) == "true" and cell(False) == "false"
    assert cell(3) == "3" and cell(0.25) == "0.25"
    assert cell(["a;b", "c"]) == f'"a;b{ARRAY_DELIMITER}c"'
    assert cell([f"x{ARRAY_DELIMITER}y"]) == '"xy"'


def test_a_file_is_multiline_only_once_a_field_holds_a_line_break(tmp_path: Path) -> None:
    nodes, links = CsvFile(tmp_path / "n.csv", ["id:ID"]), CsvFile(tmp_path / "l.csv", ["a", "b"])
    nodes.write("x")
    links.link("a", "b", "plain", occurrence=1)
    assert not nodes.multiline and not links.multiline
    nodes.write("two\nlines")
    links.link("a", "b", "carriage\rreturn")
    written = nodes.output("N"), links.output("L")
    assert [(f.kind, f.rows, f.multiline) for f in written] == [("N", 2, True), ("L", 2, True)]
