"""Golden checks of extraction on the five real captures: one entity per person however spelled, quotes
attributed to the right speakers in every capture, and the timeline's events on their real dates."""
from __future__ import annotations

from datetime import date

import pytest

from newsfuse.stages.extract.entities import fold


def _story(corpus):
    assert len(corpus.stories) == 1
    return corpus.stories[0]


def _entity(story, name):
    found = [e for e in story.entities if e["name"] == name]
    assert len(found) == 1, f"{name}: {[e['name'] for e in story.entities]}"
    return found[0]


@pytest.mark.parametrize("name, spellings, role_word", [
    ("Volodymyr Zelensky", {"Zelenskyy", "Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelensky"}, "President"),
    ("Dmitry Peskov", {"Dmitry Peskov", "Dmitri Peskov", "Peskov"}, "spokesman"),
    ("Pete Hegseth", {"Pete Hegseth", "Hegseth"}, "Defense Secretary"),
    ("Donald Trump", {"Donald Trump", "Trump"}, "President"),
])
def test_one_entity_per_person_however_spelled(seeds_corpus, name, spellings, role_word):
    story = _story(seeds_corpus)
    entity = _entity(story, name)
    assert spellings <= set(entity["variants"])
    assert entity["type"] == "person"
    assert any(role_word in role for role in entity["roles"])
    others = [e for e in story.entities if e is not entity and e["type"] == "person"]
    for other in others:  # no second entity carries one of its spellings
        assert not {fold(v) for v in other["variants"]} & {fold(v) for v in spellings}


# (words inside the quote, speaker): one per capture at least, covering attribution after the quote, before it,
# pronouns, participles ("telling reporters that"), nested quotes ("quoting Trump's words") and descriptions.
QUOTES = [
    ("I just had a lengthy and highly productive phone call", "Donald Trump"),       # "...," Trump wrote
    ("President Trump spoke in favor of an early end", "Dmitry Peskov"),             # Peskov told reporters
    ("stopping the fighting and reaching an enduring peace", "Pete Hegseth"),        # Hegseth told leaders
    ("No more lives should be lost!", "Donald Trump"),                               # Trump posted (The Hill)
    ("went very well", "Donald Trump"),                                              # He ... saying (NPR)
    ("wants to make PEACE", "Donald Trump"),                                         # ... and that Zelenskyy "..."
    ("We believe that America's strength", "Volodymyr Zelensky"),                    # he said, after Zelenskyy said
    ("will no longer tolerate an imbalanced relationship", "Pete Hegseth"),          # he said (previous: Hegseth)
    ("Let’s get it done", "Donald Trump"),                                           # quoting Trump's words
    ("charting our next steps", "Volodymyr Zelensky"),                               # Zelensky stated ... that
    ("it’s unlikely", "Donald Trump"),                                               # Trump ..., telling reporters
    ("not practical", "Donald Trump"),                                               # He ..., calling it
    ("We would appreciate any efforts", "Farhan Haq"),                               # U.N. spokesman Farhan Haq stated
    ("a critical part of this team", "Karoline Leavitt"),                            # Leavitt insisted that
    ("need to eliminate the root causes of the conflict", "Vladimir Putin"),         # Peskov noted that Putin emphasized
]


@pytest.mark.parametrize("words, speaker", QUOTES)
def test_quotes_attributed_across_the_captures(seeds_corpus, words, speaker):
    story = _story(seeds_corpus)
    found = [q for q in story.quotes if q["kind"] != "paraphrase" and words in q["text"]]
    assert found, words
    # the quote itself is the shortest entry holding the words (a longer one may be another speaker's
    # statement that contains them: Peskov reporting what Putin "mentioned")
    assert min(found, key=lambda q: len(q["text"]))["speaker"] == speaker


def test_same_quote_from_several_outlets_is_one_entry(seeds_corpus):
    story = _story(seeds_corpus)
    entries = [q for q in story.quotes if "lengthy and highly productive phone call" in q["text"]
               and q["kind"] != "paraphrase"]
    assert len(entries) == 1
    assert len(entries[0]["sources"]) >= 3
    assert entries[0]["verbatim"] is True


@pytest.mark.parametrize("words, date", [
    ("Fogel arrived at the White House late Tuesday night", "2025-02-11"),
    ("President Donald Trump on Wednesday said he spoke with Russian President Vladimir Putin", "2025-02-12"),
    ("arrested on drug charges in 2021", "2021"),
    ("an initial meeting would be held on Friday in Munich", "2025-02-14"),
    ("before Russia’s invasion of Ukraine in February 2022", "2022-02"),
    ("which later this month will hit the three-year mark", "2025-02"),
])
def test_timeline_puts_events_on_their_real_dates(seeds_corpus, words, date):
    story = _story(seeds_corpus)
    events = [e for e in story.timeline if words in e["text"] or any(
        words in seeds_corpus.article(c["article_id"]).text[c["start"]:c["end"]] for c in e["citations"])]
    assert events, words
    assert date in {e["date"] for e in events}


def _start(value: str) -> str:
    if "-W" in value:
        year, week = value.split("-W")
        return date.fromisocalendar(int(year), int(week), 1).isoformat()
    return value


def test_timeline_is_in_date_order(seeds_corpus):
    story = _story(seeds_corpus)
    starts = [_start(e["date"]) for e in story.timeline]
    assert len(starts) >= 8
    assert starts == sorted(starts)


def test_two_outlets_for_the_call_on_wednesday(seeds_corpus):
    story = _story(seeds_corpus)
    wednesday = [e for e in story.timeline if e["date"] == "2025-02-12"]
    assert max(len(e["sources"]) for e in wednesday) >= 2
