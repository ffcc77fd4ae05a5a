"""The word named is the word counted: a table that counts several words under the name of one
("we" for we/us/our/ours/ourselves) is refused where it is made, and the study's own groups are
named as groups."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.annotating.pronouns import WE_FORMS, WE_GROUP
from helpers.comparing.counts import (
    MODALS,
    PRONOUNS,
    check_group_labels,
    per_thousand,
    per_thousand_interval,
    rate_differences,
)

# "We saw our town. I stayed." in one passage, tagged and marked as answers
TOKENS = pd.DataFrame({"speaker": ["A"] * 7, "passage_id": ["900:q1.a1"] * 7,
                       "norm": ["we", "saw", "our", "town", ".", "i", "stayed"],
                       "is_word": [True, True, True, True, False, True, True]})
TOKENS.attrs["speech"] = "answers"


@pytest.mark.parametrize("groups", [
    {"we": {"we", "our"}},  # one form's name over two forms
    {"we/us/our": WE_FORMS},  # three forms named, five counted
    {"they": PRONOUNS["third-person plural (they/them/their)"]},
    {"first-person plural (we/you)": WE_FORMS},  # a bracketed form the group does not count
])
def test_a_table_counting_several_forms_under_the_name_of_one_is_refused(groups):
    with pytest.raises(ValueError, match="label"):
        check_group_labels(groups)
    with pytest.raises(ValueError, match="label"):
        per_thousand(TOKENS, groups)
    with pytest.raises(ValueError, match="label"):
        rate_differences(TOKENS, groups, [("A", "A")])


@pytest.mark.parametrize("groups", [
    {"we": {"we"}, "I": {"i"}},  # one word each: its own name
    {"first-person plural (we/us/our)": WE_FORMS},  # a group's name, with forms it counts
    {"war/wars": {"war", "wars"}},  # every word it counts
    {"will": {"will", "wo", "'ll"}, "can": {"can", "ca"}},  # one word in its Treebank spellings
])
def test_a_label_that_names_what_it_counts_is_accepted(groups):
    check_group_labels(groups)
    assert per_thousand(TOKENS, groups).attrs["groups"] == {label: sorted(forms) for label, forms in groups.items()}


def test_the_studys_groups_are_named_as_groups_and_their_tables_say_what_they_count():
    check_group_labels(PRONOUNS)
    check_group_labels(MODALS)
    assert PRONOUNS[WE_GROUP] == WE_FORMS and all("(" in label for label in PRONOUNS)
    table = per_thousand_interval(TOKENS, PRONOUNS)
    assert table["group"].unique().tolist() == list(PRONOUNS)
    # 6 words: "we" and "our" are 2 of the first-person plural, "i" 1 of the singular
    assert table.set_index("group")["count"].tolist() == [2, 1, 0, 0]
    assert table.attrs["groups"][WE_GROUP] == ["our", "ours", "ourselves", "us", "we"]
