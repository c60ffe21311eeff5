"""The search box's query: accents folded, every word required, exact > prefix > fuzzy."""

from __future__ import annotations

import pytest

from service.search import EmptyQuery, fold, lucene_query


def test_fold_removes_accents_and_case() -> None:
    assert fold("Bórui Zhào") == "borui zhao"
    assert fold("Frank Wätzold") == "frank watzold"
    assert fold("José Gobbi") == "jose gobbi"


def test_every_word_is_required_exactly_as_a_prefix_or_within_an_edit() -> None:
    assert lucene_query("Borui Zaho") == (
        "(borui^3 OR borui*^2 OR borui~1) AND (zaho^3 OR zaho*^2 OR zaho~1)"
    )


def test_short_words_are_never_fuzzy_and_long_ones_allow_two_edits() -> None:
    assert lucene_query("li") == "(li^3 OR li*^2)"
    assert lucene_query("distillation") == ("(distillation^3 OR distillation*^2 OR distillation~2)")


def test_stop_words_are_not_required_unless_they_are_all_there_is() -> None:
    assert lucene_query("University of Tokyo").count(" AND ") == 1
    assert lucene_query("the") == "(the^3 OR the*^2)"


def test_lucene_syntax_in_the_text_is_not_syntax() -> None:
    assert lucene_query('title:"x" OR (y) AND z~*') == (
        "(title^3 OR title*^2 OR title~1) AND (x^3 OR x*^2) AND (y^3 OR y*^2) AND (z^3 OR z*^2)"
    )


def test_nothing_to_search_is_refused() -> None:
    with pytest.raises(EmptyQuery):
        lucene_query("() !!")
