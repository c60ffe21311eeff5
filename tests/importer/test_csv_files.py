"""CSV cells as neo4j-admin reads them."""

from __future__ import annotations

from service.importer.csv_files import ARRAY_DELIMITER, cell


def test_cells_keep_null_empty_text_quotes_and_arrays_apart() -> None:
    assert cell(None) == ""
    assert cell("") == '""'
    assert cell('say "hi", then\nleave') == '"say ""hi"", then\nleave"'
    assert cell(True) == "true" and cell(False) == "false"
    assert cell(3) == "3" and cell(0.25) == "0.25"
    assert cell(["a;b", "c"]) == f'"a;b{ARRAY_DELIMITER}c"'
    assert cell([f"x{ARRAY_DELIMITER}y"]) == '"xy"'
