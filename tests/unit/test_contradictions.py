"""Contradictions on small stories written for these tests: what is flagged, what is equivalent, and how typed."""
from __future__ import annotations

import pytest

from newsfuse import Config, render
from newsfuse.render.view import story_views
from newsfuse.model import Corpus
from newsfuse.pipeline import run_corpus
from newsfuse.stages.load import load_text
from newsfuse.stages.synthesize.claims import compatible, quantity_value, split_claims, time_value
from newsfuse.nlp.quantities import find_quantities
from newsfuse.nlp.temporal import find_times
from datetime import date

FILLER = ("The town council met on the matter in a crowded hall. Residents asked many questions about safety. "
          "Local businesses said they hoped for a quick answer.")


def story(*pages: tuple[str, str, str], **settings) -> tuple[Corpus, list]:
    """Each page: (outlet, published, body).  One story; returns the corpus and its contradictions."""
    config = Config.from_dict({"clean": {"min_body_words": 5}, "group": {"threshold": 0.01},
                               "synthesize": settings})
    corpus = Corpus()
    for number, (outlet, published, body) in enumerate(pages):
        text = f"---\ntitle: \"Report {number}\"\nsite_name: \"{outlet}\"\ndate: \"{published}\"\n---\n\n{body}\n\n{FILLER}\n"
        loaded = load_text(text, config, source_path=f"page{number}.md")
        corpus.documents.extend(loaded.documents)
    corpus = run_corpus(corpus, config)
    assert len(corpus.stories) == 1, "the pages should make one story"
    return corpus, corpus.stories[0].contradictions


def _values(text: str, anchor=date(2024, 5, 1)):
    return [v for v in map(quantity_value, find_quantities(text)) if v], \
        [v for v in map(time_value, find_times(text, anchor)) if v]


@pytest.mark.parametrize("first, second", [
    ("The meeting lasted two and a half hours.", "The meeting lasted nearly 150 minutes."),
    ("He has lived there for more than a decade.", "He has lived there for over ten years."),
    ("About 1,000 people attended.", "1,023 people attended."),
    ("The fire destroyed 1,000 homes.", "The fire destroyed 1,020 homes."),
    ("The call lasted an hour and a half.", "The call lasted nearly 90 minutes."),
    ("He faced at least two years in prison.", "He faced up to 14 years in prison."),  # a floor under a ceiling
])
def test_equivalent_figures_are_compatible(first, second):
    (a,), _ = _values(first)
    (b,), _ = _values(second)
    assert compatible(a, b), (a, b)


@pytest.mark.parametrize("first, second", [
    ("Twelve people were injured.", "15 people were injured."),
    ("The call lasted 40 minutes.", "The call lasted two hours."),
    ("The payment was $130,000.", "The payment was $390,000."),
])
def test_different_figures_are_not(first, second):
    (a,), _ = _values(first)
    (b,), _ = _values(second)
    assert not compatible(a, b)


def test_relative_and_absolute_dates_compare_as_intervals():
    _, (five_years_ago,) = _values("The company was founded five years ago.", anchor=date(2024, 3, 1))
    _, (in_2017,) = _values("The company was founded in 2017.")
    _, (in_2019,) = _values("The company was founded in 2019.")
    assert not compatible(five_years_ago, in_2017)
    assert compatible(five_years_ago, in_2019)


def test_claims_split_at_clause_boundaries_only():
    from newsfuse.model import Article, Span
    text = ("Twelve people were hurt in the collapse of the wall; the harbour will stay closed until Friday. "
            "Police said the road was closed, and the council said repairs would take weeks. "
            "Apples, pears and plums were on sale at the market that morning. "
            "Owners of boats in the harbour, and fishermen working from the quay, will use the north slip. "
            "The wall was inspected in March by engineers, and Ruth Lane said it had looked sound. "
            "The harbour master walked the wall on Monday evening, and divers will search the seabed below it.")
    article = Article(id="a", source_path="a", format="text", text=text)
    import re
    sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    sentences = [Span(s.start + 1, s.end) if text[s.start] == " " else s for s in sentences]
    pieces = [[text[p.start:p.end] for p in split_claims(article, s, 5)] for s in sentences]
    assert pieces[0] == ["Twelve people were hurt in the collapse of the wall",
                         "the harbour will stay closed until Friday."]
    assert pieces[1] == ["Police said the road was closed", "the council said repairs would take weeks."]
    assert len(pieces[2]) == 1
    assert len(pieces[3]) == 1  # ", and fishermen …, will use": one subject of two parts, not a new clause
    assert pieces[4] == ["The wall was inspected in March by engineers", "Ruth Lane said it had looked sound."]
    assert pieces[5] == ["The harbour master walked the wall on Monday evening",
                         "divers will search the seabed below it."]


def test_a_different_count_is_a_conflict_with_both_sides():
    body = "{n} people were injured when the old harbour wall collapsed on Tuesday night, the fire service said."
    corpus, found = story(("Coast News", "2026-03-03T07:00:00+00:00", body.format(n="Twelve")),
                          ("Bay Times", "2026-03-03T07:10:00+00:00",
                           "Firefighters said twelve people were injured as the harbour wall collapsed late on Tuesday."),
                          ("Port Daily", "2026-03-03T07:05:00+00:00", body.format(n="Twenty")))
    numbers = [c for c in found if c["kind"] == "number"]
    assert len(numbers) == 1
    conflict = numbers[0]
    assert conflict["status"] == "conflict"  # minutes apart: not an update
    values = sorted(side["value"] for side in conflict["sides"])
    assert values == ["12 people", "20 people"]
    twelve = next(s for s in conflict["sides"] if s["value"] == "12 people")
    assert twelve["independent_sources"] == 2
    for side in conflict["sides"]:
        for claim in side["claims"]:
            text = corpus.article(claim["article_id"]).text
            assert text[claim["value_start"]:claim["value_end"]] == claim["value_text"]


def test_equivalent_statements_across_outlets_are_not_flagged():
    corpus, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         "The council meeting on the harbour wall lasted two and a half hours, and Mayor Ada Quist chaired it. "
         "Quist has led the council for more than a decade."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "The council meeting on the harbour wall lasted nearly 150 minutes, and Mayor Ada Quist chaired it. "
         "Quist has led the council for over ten years."),
        ("Port Daily", "2026-03-03T09:00:00+00:00",
         "The council meeting on the harbour wall lasted 2.5 hours, and Mayor Ada Quisst chaired it. "
         "Quisst has led the council for more than 10 years."))
    assert found == []


def test_a_changed_toll_in_a_later_report_is_an_update():
    body = "{n} people were injured when the old harbour wall collapsed on Tuesday night, officials said."
    _, found = story(("Coast News", "2026-03-03T07:00:00+00:00", body.format(n="Twelve")),
                     ("Bay Times", "2026-03-03T13:00:00+00:00", body.format(n="Fifteen")))
    (update,) = [c for c in found if c["kind"] == "number"]
    assert update["status"] == "update"
    assert [s["value"] for s in update["sides"]] == ["12 people", "15 people"]  # earlier first


def test_dates_relative_to_each_article_conflict_with_absolute_ones():
    _, found = story(
        ("Coast News", "2024-03-01T07:00:00+00:00",
         "The harbour company that owns the wall was founded five years ago by the Quist family of Marrowby."),
        ("Bay Times", "2024-03-01T08:00:00+00:00",
         "The harbour company that owns the wall was founded in 2017 by the Quist family of Marrowby."))
    (conflict,) = [c for c in found if c["kind"] == "date"]
    assert sorted(s["value"] for s in conflict["sides"]) == ["2017", "2019"]


def test_an_outlet_disputing_a_figure_it_reports():
    corpus, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         "The developer claimed that 400 homes would be protected by the new wall. "
         "In fact, council records show that 250 homes lie behind it."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "The new harbour wall will be built by a local developer over the next two years."))
    (disputed,) = [c for c in found if c["status"] == "disputed"]
    assert [s["role"] for s in disputed["sides"]] == ["claimed", "correction"]
    assert [s["value"] for s in disputed["sides"]] == ["400 homes", "250 homes"]
    for form in ("md", "html"):  # one outlet's figure and its own correction, said as such
        page = render(corpus, form)
        assert "Coast News reports: “" in page and " — and disputes it: “" in page, form


@pytest.mark.parametrize("body", [
    # a figure in a quote, then the outlet's own estimate set against it
    "\"We will not let thousands of families lose their homes to the sea,\" the developer said. "
    "(Council estimates put it at several hundred families, rather than thousands.)",
    # one sentence conceding the claimed figure before correcting it
    "While the developer spoke of \"thousands\" of families at risk, council records show 400 families live "
    "behind the harbour wall.",
])
def test_an_outlet_correcting_a_magnitude_in_words(body):
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00", body),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "The new harbour wall will be built by a local developer over the next two years."))
    (disputed,) = [c for c in found if c["status"] == "disputed"]
    assert [s["role"] for s in disputed["sides"]] == ["claimed", "correction"]
    assert disputed["sides"][0]["text"] == "thousands"


def test_magnitudes_in_words_agree_with_figures_they_cover():
    def values(text):
        return [v for v in map(quantity_value, find_quantities(text)) if v]

    (thousands,) = values("Thousands of people marched.")
    (tens,) = values("Tens of thousands of people marched.")
    (several,) = values("Several hundred thousand people marched.")
    (millions,) = values("Millions of people marched.")
    (exact,) = values("4,500 people marched.")
    assert compatible(thousands, exact) and compatible(thousands, tens)  # loose plurals meet at their edges
    assert not compatible(exact, tens) and not compatible(thousands, millions)
    assert not compatible(several, millions)  # "several hundred thousand" stays under a million
    (deaths,) = values("It caused 12 deaths.")
    (fatalities,) = values("It caused 15 fatalities.")
    assert deaths.unit == fatalities.unit == "deaths"


def test_a_magnitude_in_words_does_not_answer_a_specific_figure():
    aid = "The budget deal includes {} in disaster aid for the flooded harbour towns, the finance committee said."
    first = aid.format("nearly $90 billion") + " " + aid.format("tens of billions of dollars").replace("The", "It")
    assert _number_conflicts(first, aid.format("almost $45 billion"))  # "tens of billions" does not cover for it
    assert not _number_conflicts(aid.format("tens of billions of dollars"), aid.format("almost $45 billion"))
    # but a specific figure does answer a magnitude: the other outlet's "4,000" covers "thousands", and its
    # "more than 900" in a context nearly as close is another count, not a disagreement
    fans = "{} fans gathered at the harbour on Saturday for the {}parade, the council said."
    assert not _number_conflicts(fans.format("Thousands of", ""),
                                 fans.format("4,000", "") + " " + fans.format("More than 900", "night "))


def test_the_same_words_given_to_different_people():
    quote = "We will rebuild the wall stronger than it was before, whatever it costs the town"
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         f"Mayor Ada Quist spoke at the harbour on Wednesday. \"{quote},\" Quist said."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         f"Harbour master Tomas Reed spoke at the harbour on Wednesday. \"{quote},\" Reed said."))
    (conflict,) = [c for c in found if c["kind"] == "speaker"]
    assert sorted(s["value"] for s in conflict["sides"]) == ["Ada Quist", "Tomas Reed"]


def test_a_negated_quote_is_a_change_of_meaning():
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         "Mayor Ada Quist spoke on Wednesday. \"The town will pay for the repairs to the harbour wall,\" Quist said."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "Mayor Ada Quist spoke on Wednesday. \"The town will not pay for the repairs to the harbour wall,\" "
         "Quist said."))
    (changed,) = [c for c in found if c["kind"] == "quote"]
    assert any(s.get("difference", {}).get("to") == "not" or s.get("difference", {}).get("from") == "not"
               for s in changed["sides"])
    # a version worded another way throughout is a paraphrase: its "not" changes no one word's meaning
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         "Ann Lee spoke on Wednesday. \"Mommy, am I going to be all right? Mommy, am I going to be OK?\" "
         "her son asked, Ann Lee said."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "Ann Lee spoke on Wednesday. \"Mommy, am I going to be all right? Mommy, I'm not going to die, am I?\" "
         "her son asked, Ann Lee said."))
    assert not [c for c in found if c["kind"] == "quote"]
    # a figure changed into another changes the meaning; a number word standing in other words does not
    quote = ("Ann Lee spoke on Wednesday. \"Many of them say, well, you are a hypocrite, {words} the one thing you "
             "say about the town,\" Ann Lee said.")
    for first, second, flagged in (("we will hire 12 more officers for", "we will hire 20 more officers for", True),
                                   ("I am telling you where", "you say one thing and then", False)):
        _, found = story(("Coast News", "2026-03-03T07:00:00+00:00", quote.format(words=first)),
                         ("Bay Times", "2026-03-03T08:00:00+00:00", quote.format(words=second)))
        assert bool([c for c in found if c["kind"] == "quote"]) is flagged, (first, second)


def test_a_value_the_other_outlet_also_states_in_that_place_is_another_slot():
    """Both outlets give the 15 percent grower tax; only one adds a 10 percent sales tax.  The 10 percent is
    near the 15 percent in wording, but the second outlet states 15 percent itself in that very place."""
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         "The state collects a 15 percent excise tax on growers and a 10 percent excise tax on retail sales."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "Growers pay the state a 15 percent excise tax under the new law, officials said on Monday."))
    assert [c for c in found if c["kind"] == "number"] == []
    # the same pages with the grower tax changed in one of them do disagree
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         "The state collects a 15 percent excise tax on growers and a 10 percent excise tax on retail sales."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "Growers pay the state a 25 percent excise tax under the new law, officials said on Monday."))
    (conflict,) = [c for c in found if c["kind"] == "number"]
    assert sorted(s["value"] for s in conflict["sides"]) == ["15 %", "25 %"]


def test_how_long_a_thing_is_does_not_meet_how_long_something_went_on():
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         "The teacher, who had been imprisoned in Russia for over three years, was freed on Tuesday."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "The teacher, who was serving a 14-year prison sentence in Russia, was freed on Tuesday."))
    assert [c for c in found if c["kind"] == "number"] == []


def test_a_duration_that_frames_another_figure_is_no_value():
    def durations(body):
        _, found = story(("Coast News", "2026-03-03T07:00:00+00:00", body.format(n="four")),
                         ("Bay Times", "2026-03-03T08:00:00+00:00", body.format(n="two")))
        return [c for c in found if c["kind"] == "number"
                and any("days" in claim["value_text"] for side in c["sides"] for claim in side["claims"])]

    assert durations("Shops in the harbour district were closed for {n} days after the storm, the council said.")
    assert not durations("The harbour district shops reopened and sold goods to many visitors in the first {n} "
                         "days after the storm, the council said.")


def _conflicts(first: str, second: str, kind: str, **settings) -> list:
    """The contradictions of one kind in a story of two outlets, one body each, an hour apart."""
    _, found = story(("Coast News", "2026-03-03T07:00:00+00:00", first),
                     ("Bay Times", "2026-03-03T08:00:00+00:00", second), **settings)
    return [c for c in found if c["kind"] == kind]


def _number_conflicts(first: str, second: str) -> list:
    return _conflicts(first, second, "number")


def test_figures_of_plainly_different_owners_are_different_slots():
    body = "After the flood the family moved into the shelter with {owner} {n} children, the volunteers said on Monday."
    assert _number_conflicts(body.format(owner="their", n="two"), body.format(owner="their", n="six"))
    assert _number_conflicts(body.format(owner="his", n="two"), body.format(owner="Lind's", n="six"))  # may be one man
    assert not _number_conflicts(body.format(owner="his", n="two"), body.format(owner="her", n="six"))
    assert not _number_conflicts(body.format(owner="Hale's", n="two"), body.format(owner="Lind's", n="six"))


def test_two_ages_given_to_one_named_person_disagree_whatever_their_sentences_say():
    """One person has one age: "Dale Orwin, 27," and "43-year-old military veteran Dale Orwin" disagree though
    the sentences share little else; ages of two different people do not."""
    first = "The gunman, Dale Orwin, 27, had argued with his former fiancee earlier in the day, police said."
    second = "Investigators named 43-year-old military veteran Dale Orwin as the man who opened fire on the bridge."
    (conflict,) = _number_conflicts(first, second)
    assert sorted(s["value"] for s in conflict["sides"]) == ["27 years old", "43 years old"]
    other = second.replace("Dale Orwin", "Ray Tamsin")
    assert not _number_conflicts(first, other)


def test_figures_stated_of_two_different_people_are_different_slots():
    body = "In the last home game of the season at the harbour arena, {name} scored {n} points for the Gulls."
    assert _number_conflicts(body.format(name="Ada Quist", n="20"), body.format(name="Ada Quist", n="16"))
    assert not _number_conflicts(body.format(name="Ada Quist", n="20"), body.format(name="Mira Dunst", n="16"))
    # the one who reports a figure is not the one it is stated of
    told = "{name} told reporters that the Gulls scored {n} points in the last home game at the harbour arena."
    assert _number_conflicts(told.format(name="Ada Quist", n="20"), told.format(name="Mira Dunst", n="16"))
    confirmed = "{name} confirmed that the Gulls scored {n} points in the last home game at the harbour arena."
    assert _number_conflicts(confirmed.format(name="Ada Quist", n="20"), confirmed.format(name="Mira Dunst", n="16"))
    # the holder may be named a dozen words back in the claim
    far = "{name} came off the bench late in the last home game of the season and scored {n} points for the Gulls."
    assert _number_conflicts(far.format(name="Ada Quist", n="20"), far.format(name="Ada Quist", n="16"))
    assert not _number_conflicts(far.format(name="Ada Quist", n="20"), far.format(name="Mira Dunst", n="16"))


def test_figures_their_own_claims_date_to_different_times_are_different_slots():
    body = "The storm flooded {n} homes in the harbour district {when}, the council said."
    assert _number_conflicts(body.format(n="40", when="in March 2024"), body.format(n="90", when="in March 2024"))
    # a date on one side only does not tell two times apart
    assert _number_conflicts(body.format(n="40", when="in March 2024"), body.format(n="90", when="near the old port"))
    # one outlet's figure is of another storm, years before
    assert not _number_conflicts(body.format(n="40", when="in March 2024"), body.format(n="90", when="in March 2019"))


def test_figures_counted_over_different_time_frames_are_different_slots():
    body = "The ferry line carried {n} passengers {frame}, the harbour office said."
    assert _number_conflicts(body.format(n="4,000", frame="this season"), body.format(n="9,000", frame="this season"))
    # a frame on one side only does not tell two counts apart
    assert _number_conflicts(body.format(n="4,000", frame="this season"), body.format(n="9,000", frame="on its route"))
    # the same period with no clashing modifier is one frame
    assert _number_conflicts(body.format(n="4,000", frame="in the season"), body.format(n="9,000", frame="this season"))
    assert _number_conflicts(body.format(n="4,000", frame="in the past year"),
                             body.format(n="9,000", frame="over the last year"))
    assert not _number_conflicts(body.format(n="4,000", frame="in its last two weeks"),
                                 body.format(n="9,000", frame="this season"))
    assert not _number_conflicts(body.format(n="4,000", frame="this season"),
                                 body.format(n="9,000", frame="last season"))
    # a figure is not its own frame: "in 14 games" against "in 16 games" are two counts of one thing
    games = "The striker has played in {n} games for the harbour club, the coach said."
    assert _number_conflicts(games.format(n="14"), games.format(n="16"))


def test_counts_of_different_outcomes_are_different_slots():
    body = "The storm that crossed the harbour district on Monday night {what}, the county office said."
    assert _number_conflicts(body.format(what="killed 12 people"), body.format(what="killed 19 people"))
    assert _number_conflicts(body.format(what="killed 12 people"), body.format(what="left 19 people dead"))
    assert _number_conflicts(body.format(what="killed 12 people"),
                             body.format(what="saw 19 people shot and killed by looters"))
    # an outcome on one side only does not tell two counts apart
    assert _number_conflicts(body.format(what="killed 12 people"), body.format(what="hit 19 people"))
    assert not _number_conflicts(body.format(what="killed 12 people"), body.format(what="injured 19 people"))
    # the outcome of a count is the one in its own phrase, not one past a conjunction
    assert _number_conflicts(body.format(what="hurt 40 guests at the old hall"),
                             body.format(what="killed two and 52 guests at the old hall were hurt"))
    assert not _number_conflicts(body.format(what="damaged 300 houses"), body.format(what="destroyed 800 houses"))
    assert not _number_conflicts(body.format(what="caused the collapse of three houses"),
                                 body.format(what="led officials to evacuate 22 houses"))


def test_an_increment_is_not_a_total():
    body = "European leaders said on Thursday that the sanctions list over the harbour dispute {what}, officials said."
    assert _number_conflicts(body.format(what="now names 11 people"), body.format(what="now names 12 people"))
    assert not _number_conflicts(body.format(what="now names 11 people"), body.format(what="will add 12 more people"))
    assert not _number_conflicts(body.format(what="now names 11 people"), body.format(what="gains another 12 people"))


def test_a_rate_is_compared_only_with_rates_of_its_period():
    from newsfuse.stages.synthesize.claims import per_period

    def value(text):
        numbers, _ = _values(text)
        return per_period(text, numbers[0])

    assert value("He signed for $20 million per season.").bucket == "money:USD/season"
    assert value("He earns $9 million annually.").bucket == "money:USD/year"
    assert value("Shares rose to $31 a share.").display.endswith("per share")
    assert value("The fund paid $9 million a year ago.").bucket == "money:USD"  # when, not a rate
    assert value("The centre pulled down eight rebounds a game.").display == "8 rebounds per game"
    assert value("The centre pulled down eight rebounds in a game.").bucket == "count"  # one game, not a rate
    assert value("Fertility fell to 2.1 children per woman.").display == "2.1 children per head"
    assert value("She saw two children a woman had carried out.").bucket == "count"  # "a woman" is no period
    # the period of a rate says how often, not how long: no duration of its own
    from newsfuse.stages.synthesize.claims import is_period
    for text, periods in (("Cleaners earn $15 an hour.", [True]), ("She swam for an hour.", [False]),
                          ("He was paid $15 an hour for two hours.", [True, False])):
        numbers, _ = _values(text)
        assert [is_period(text, v, numbers) for v in numbers if v.bucket == "duration"] == periods
    shift = "The harbour cleaners worked {what} on the night shift at the old port, the union said."
    assert _number_conflicts(shift.format(what="for an hour"), shift.format(what="for two hours"))
    assert not _number_conflicts(shift.format(what="for $15 an hour"), shift.format(what="for two hours"))
    body = "The club offered the striker {n}, his agent said after the talks in the harbour city."
    assert _number_conflicts(body.format(n="a deal worth $184 million"), body.format(n="a deal worth $160 million"))
    assert not _number_conflicts(body.format(n="a deal worth $184 million"),
                                 body.format(n="a deal worth $23 million a year"))


def test_a_score_is_one_value_compared_whole():
    from newsfuse.model import Span
    from newsfuse.stages.synthesize.claims import scores

    def found(text):
        return [v.display for v in scores(text, Span(0, len(text)))]

    assert found("The Gulls lost 27-24 in overtime.") == ["27-24"]
    assert found("It was a 24-27 loss for the Gulls.") == ["27-24 loss"]  # either side first
    assert found("Quist (52-3, 46 KOs) won again.") == ["52-3"]
    assert found("About 10-15 people were hurt.") == []  # a range
    assert found("The Gulls won praise as 10-15 people joined them.") == []  # a range after a result verb
    body = "The Gulls {result} at the harbour arena on Sunday, their coach told reporters after the game."
    assert _number_conflicts(body.format(result="lost 27-24"), body.format(result="lost 27-21"))
    assert not _number_conflicts(body.format(result="lost 27-24"), body.format(result="lost 24-27"))
    # the 24 of a 27-24 loss is no count of losses, and the Week 15 of "the Week 15 loss" no count either
    week = "The Gulls were beaten in the Week {n} loss at the harbour arena, their coach told reporters."
    assert not _number_conflicts(week.format(n="15"), week.format(n="14"))


def test_a_score_the_game_passed_through_is_no_value():
    from newsfuse.model import Span
    from newsfuse.stages.synthesize.claims import RUNNING, scores

    def found(text):
        return [(v.display, v.bucket == RUNNING) for v in scores(text, Span(0, len(text)))]

    assert found("The Gulls beat the Terns 65-53 after trailing 30-28 at the half.") == [("65-53", False),
                                                                                          ("30-28", True)]
    assert found("A 7-0 run gave the Gulls a 19-12 lead.") == [("7-0 run", True), ("19-12 lead", True)]
    assert found("The Gulls, who led for most of the night, lost 27-24.") == [("27-24", False)]
    body = "The Gulls {what} at the harbour arena on Sunday, their coach told reporters after the game."
    # two moments of one game are not two accounts of one score; two final scores still disagree
    assert not _number_conflicts(body.format(what="stretched their lead to 50-44"),
                                 body.format(what="stretched their lead to 62-46"))
    assert _number_conflicts(body.format(what="won 65-53"), body.format(what="won 65-51"))
    # and the numbers of a running score are no counts: "a 19-12 lead" is not 12 leads
    assert not _number_conflicts(body.format(what="built a 19-12 lead"), body.format(what="built a 20-14 lead"))


def test_an_average_is_compared_only_with_averages():
    from newsfuse.stages.synthesize.claims import per_average

    def buckets(text):
        return [per_average(text, v).bucket for v in _values(text)[0]]

    assert buckets("The striker has averaged more than 30 goals and 12 assists in his career.") == \
        ["count/average", "count/average"]
    assert buckets("The striker averaged 20 goals and added 10 assists.") == ["count/average", "count"]
    assert buckets("An average of 5,000 visitors came, but 300 people left early.") == ["count/average", "count"]
    assert buckets("The striker scored 30 goals last season.") == ["count"]
    body = "The harbour club's striker {what}, the club said after the season at the old ground."
    assert _number_conflicts(body.format(what="scored 31 goals"), body.format(what="scored 25 goals"))
    assert not _number_conflicts(body.format(what="scored 31 goals"), body.format(what="has averaged 25 goals"))


def test_a_span_of_years_is_one_date_covering_them_all():
    from newsfuse.stages.synthesize.claims import through

    def shown(text):
        return [through(text, v).display for v in _values(text)[1]]

    assert [t.value for t in find_times("She ran it from 1974 to 1978, then between 1995 and 1999.", None)] == \
        ["1974", "1978", "1995", "1999"]  # both years are dates of the text...
    assert shown("She ran the harbour school from 1974 to 1978.")[0] == "1974–1978"  # ...the first one the span
    assert shown("She ran the harbour school between 1995 and 1999.")[0] == "1995–1999"
    assert shown("Between 2000 and 3000 people ran there in 1999.") == ["1999"]
    assert shown("She ran it in 2001-04, and again in 1995 – 1999.") == ["2001–2004", "1995–1999"]
    assert shown("She ran it in 2004 and in 2008.") == ["2004", "2008"]  # two years, not a span
    assert shown("She ran it in 2012 - 13 boats sank that year.") == ["2012"]
    body = "The harbour school's record was set by Ada Quist {when}, the school said in its yearbook."
    assert not _conflicts(body.format(when="from 1974 to 1978"), body.format(when="in 1978"), "date")
    assert _conflicts(body.format(when="from 1974 to 1978"), body.format(when="in 1981"), "date")
    assert not _conflicts(body.format(when="from 1974 to 1978"), body.format(when="in 1974"), "date")
    assert not _conflicts(body.format(when="between 1974 and 1978"), body.format(when="in 1976"), "date")


def test_the_same_date_words_read_against_different_article_dates_agree():
    def dates(first, second):
        _, found = story(("Coast News", first[0], "The old harbour wall collapsed " + first[1] + ", officials said."),
                         ("Bay Times", second[0], "The old harbour wall collapsed " + second[1] + ", officials said."))
        return [c for c in found if c["kind"] == "date"]

    # a week apart, both outlets wrote "on Tuesday": the same words, not two days
    assert not dates(("2026-03-04T07:00:00+00:00", "on Tuesday"), ("2026-03-11T07:00:00+00:00", "on Tuesday"))
    assert dates(("2026-03-04T07:00:00+00:00", "on Tuesday"), ("2026-03-04T08:00:00+00:00", "on Monday"))
    assert dates(("2026-03-04T07:00:00+00:00", "on March 3, 2026"), ("2026-03-04T08:00:00+00:00", "on March 2, 2026"))


def test_only_name_shaped_people_can_be_in_a_person_conflict():
    from newsfuse.stages.synthesize.conflicts import _name_shaped

    for name in ("Ann Lee", "Lee", "Émile O'Brien", "Jean-Luc Picard", "W. Mark Felt Sr.", "Bashar al-Assad",
                 "Ludwig van Beethoven"):
        assert _name_shaped(name), name
    for name in ("van", "mug", "M.B. A", "Ann lee"):  # a tagger's "people" in lowercase or initials only
        assert not _name_shaped(name), name


def test_two_people_in_one_specific_office_are_a_conflict():
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00",
         "Harbour Commission Chair Ada Quist said the wall would be rebuilt by the summer."),
        ("Bay Times", "2026-03-03T08:00:00+00:00",
         "Harbour Commission Chair Mira Dunst told reporters that repairs to the wall would start in May."))
    (conflict,) = [c for c in found if c["kind"] == "person"]
    assert sorted(s["value"] for s in conflict["sides"]) == ["Ada Quist", "Mira Dunst"]


def test_names_that_can_be_one_person():
    from newsfuse.stages.synthesize.conflicts import _one_name

    assert _one_name("Ben Abruzzo", "Albuquerqueans Ben Abruzzo")  # a tagger's span swallowed a word
    assert _one_name("Jon Hubbard", "Jonathan Hubbard")
    assert not _one_name("Ada Quist", "Mira Dunst")
    assert not _one_name("Ada Quist", "Ada Dunst")
    assert _one_name("Bill Quist", "William W. Quist III")  # a generational suffix is no family name
    assert _one_name("Ada Quist Jr.", "Ada Quist")
    assert not _one_name("Bo Quist III", "Bo Dunst III")


def test_a_passage_left_out_of_a_quote_is_not_a_change_of_meaning():
    said = ("Mayor Ada Quist said on Tuesday: \"We are going to rebuild this wall before the summer storms, and "
            "no family on the harbour front will have to leave its home while we do it, whatever it costs the "
            "town.\"")
    shorter = ("Mayor Ada Quist said on Tuesday: \"We are going to rebuild this wall before the summer storms, "
               "whatever it costs the town.\"")
    negated = ("Mayor Ada Quist said on Tuesday: \"We are not going to rebuild this wall before the summer storms, "
               "and no family on the harbour front will have to leave its home while we do it, whatever it costs "
               "the town.\"")
    first = ("Coast News", "2026-03-03T07:00:00+00:00", said)
    _, found = story(first, ("Bay Times", "2026-03-03T08:00:00+00:00", shorter))
    assert [c for c in found if c["kind"] == "quote"] == []
    _, found = story(first, ("Bay Times", "2026-03-03T08:00:00+00:00", negated))
    assert len([c for c in found if c["kind"] == "quote"]) == 1


def test_meaning_joins_two_people_whose_roles_are_worded_differently():
    """One outlet's fire chief, the other's head of the fire department: the words around the two names share
    almost nothing (lexical cosine about 0.1), their meaning does.  Both are "Dan", so the lower bar applies."""
    from newsfuse.nlp import embed

    if not embed.available():
        pytest.skip("the embeddings extra is not installed")
    pages = (("Coast News", "2026-03-03T07:00:00+00:00",
              "Fire chief Dan Reyes said the blaze started in the basement kitchen of the restaurant shortly "
              "after midnight."),
             ("Bay Times", "2026-03-03T08:00:00+00:00",
              "According to Dan Ortiz, who heads the city fire department, flames broke out just after 12 a.m. "
              "below the restaurant's kitchen."))
    _, found = story(*pages, embeddings="on")
    (conflict,) = [c for c in found if c["kind"] == "person"]
    assert sorted(s["value"] for s in conflict["sides"]) == ["Dan Ortiz", "Dan Reyes"]
    _, found = story(*pages, embeddings="off")
    assert [c for c in found if c["kind"] == "person"] == []


def test_a_name_only_one_outlet_gives_against_one_two_others_agree_on():
    """Two outlets name the police spokesman Carl Benning, a third names Ada Quist in his place.  The bar
    is set from the pair's own score so that it lies between 1.5 and 2 times the person bar: the lone name
    is flagged there, while the same two names with one outlet each are not."""
    lone = ("Harbor Post", "2026-03-03T09:00:00+00:00",
            "Police spokeswoman Ada Quist said the driver fled north on Route 9 after the crash near the pier. "
            "Two fishermen on the pier saw the car hit the railing and called for help. "
            "The railing will be repaired next week, the harbour office said in a notice.")
    agreed = [("Coast News", "2026-03-03T07:00:00+00:00",
               "Police spokesman Carl Benning said the driver fled north on Route 9 after the crash. "
               "A cyclist was treated at the scene for cuts and released the same evening. "
               "Officers closed the road for two hours while they searched for debris.")]
    agreed.append(("Bay Times", "2026-03-03T08:00:00+00:00",
                   "The driver fled north on Route 9 after the crash, police spokesman Carl Benning told reporters. "
                   "Witnesses described the vehicle as a grey van with a broken headlight. "
                   "Anyone with a dashboard camera recording is asked to contact the station."))
    _, found = story(*agreed, lone, person_context=0.01, embeddings="off")
    (conflict,) = [c for c in found if c["kind"] == "person"]
    bar = conflict["score"] / 1.75  # the pair's score is 1.75 × this bar: under 2 ×, over 1.5 ×
    _, found = story(*agreed, lone, person_context=bar, embeddings="off")
    (conflict,) = [c for c in found if c["kind"] == "person"]
    assert sorted(s["value"] for s in conflict["sides"]) == ["Ada Quist", "Carl Benning"]
    # one outlet each, the bar set the same way from that pair's own score: neither name is the lone one
    _, found = story(agreed[0], lone, person_context=0.01, embeddings="off")
    (conflict,) = [c for c in found if c["kind"] == "person"]
    _, found = story(agreed[0], lone, person_context=conflict["score"] / 1.75, embeddings="off")
    assert [c for c in found if c["kind"] == "person"] == []


def test_people_named_in_a_list_are_examples_not_a_role():
    def people(first, second):
        found = _conflicts(first, second, "person", person_context=0.01, embeddings="off")
        return [sorted(s["value"] for s in c["sides"]) for c in found]

    body = "The harbour clinic has treated {who} over the years, its staff said in a statement on Monday."
    assert people(body.format(who="the singer Ada Quist"), body.format(who="the singer Dee Morrow")) == \
        [["Ada Quist", "Dee Morrow"]]
    assert people(body.format(who="singers such as Ada Quist, Bo Rayner and Cy Tanaka"),
                  body.format(who="the singer Dee Morrow")) == []


def test_the_people_two_outlets_are_each_about_are_set_against_each_other():
    """Each outlet's report is about its fire officer, named three times and more than twice as often as anyone
    else, and neither names the other's: one of them has the name wrong.  The bar is set from the pair's own
    score so that it lies between 1 and 2 times the person bar: there the two leads are flagged; the same names
    mentioned once each, or three times beside a resident named twice (no one the report is about), are not."""
    def pages(lead: str):
        again = {"lead": 2, "once": 0, "shared": 2}[lead]
        first = ("Harbor Post", "2026-03-03T09:00:00+00:00",
                 "Mara Lind of the fire brigade said the blaze started in the bakery kitchen shortly after midnight. "
                 + "Lind said crews kept the fire from spreading to the flats above the shop. " * again
                 + ("Ann Cole, who lives next door, said the smoke woke her. Cole said she ran outside. "
                    if lead == "shared" else "")
                 + "The street was closed until the morning while investigators worked at the scene.")
        second = ("Coast News", "2026-03-03T10:00:00+00:00",
                  "Tomas Weir of the fire brigade said the blaze began in the bakery kitchen soon after midnight. "
                  + "Weir said crews stopped the fire before it reached the flats upstairs. " * again
                  + "Residents of the building were allowed back into their homes by noon on Tuesday.")
        return first, second

    for lead in ("lead", "once", "shared"):
        _, found = story(*pages(lead), person_context=0.01, embeddings="off")
        (conflict,) = [c for c in found if c["kind"] == "person" and "Ann Cole" not in str(c)]
        bar = conflict["score"] / 1.5  # the pair's score is 1.5 × this bar: under 2 ×, over 1 ×
        _, found = story(*pages(lead), person_context=bar, embeddings="off")
        flagged = [sorted(s["value"] for s in c["sides"]) for c in found if c["kind"] == "person"]
        assert flagged == ([["Mara Lind", "Tomas Weir"]] if lead == "lead" else []), lead


def test_a_side_shows_the_whole_sentence_its_clause_comes_from():
    """A claim cut at "; " or ", and" is shown in its sentence, so the figure is read in what the outlet wrote;
    a sentence too long to show whole shows the clause, marked as cut."""
    first = ("Crews worked through the night on the harbour road; engineers said twelve people were injured "
             "when the old harbour wall collapsed on Tuesday night.")
    second = ("Crews worked through the night on the harbour road; engineers said fifteen people were injured "
              "when the old harbour wall collapsed on Tuesday night.")
    corpus, found = story(("Coast News", "2026-03-03T07:00:00+00:00", first),
                          ("Bay Times", "2026-03-03T07:00:00+00:00", second))
    (conflict,) = [c for c in found if c["kind"] == "number"]
    assert all(s["claims"][0]["text"].startswith("engineers said") for s in conflict["sides"])  # clauses
    view = story_views(corpus)[0]
    shown = [view.side_words(side) for side in conflict["sides"]]
    assert sorted(shown) == sorted([first, second])
    for form in ("md", "html"):
        assert f"“{first}”" in render(corpus, form), form

    padding = " ".join(["and then the crews on the harbour road worked on"] * 7)
    long_first, long_second = f"{padding}; {first.split('; ')[1]}", f"{padding}; {second.split('; ')[1]}"
    corpus, found = story(("Coast News", "2026-03-03T07:00:00+00:00", long_first),
                          ("Bay Times", "2026-03-03T07:00:00+00:00", long_second))
    (conflict,) = [c for c in found if c["kind"] == "number"]
    view = story_views(corpus)[0]
    assert sorted(view.side_words(s) for s in conflict["sides"]) == sorted(
        "… " + text.split("; ")[1] for text in (first, second))


def test_durations_read_in_the_units_people_use():
    shown = {text: quantity_value(find_quantities(text)[0]).display
             for text in ("six months in county jail", "three years of probation", "at least two years",
                          "two and a half hours", "36 hours", "between two and four weeks", "1.5 seconds")}
    assert shown == {"six months in county jail": "6 months", "three years of probation": "3 years",
                     "at least two years": "at least 2 years", "two and a half hours": "150 minutes",
                     "36 hours": "36 hours", "between two and four weeks": "2–4 weeks", "1.5 seconds": "1.5 seconds"}


def test_time_in_jail_and_time_on_probation_are_two_terms():
    """A sentence of months in jail and years on probation: two terms, not two accounts of one."""
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00", "The judge sentenced Dale Orwin to six months in county jail "
         "for the break-in at the marina office, prosecutors said on Tuesday."),
        ("Bay Times", "2026-03-03T08:00:00+00:00", "The judge sentenced Dale Orwin to three years probation for "
         "the break-in at the marina office, prosecutors said on Tuesday."))
    assert not [c for c in found if c["kind"] == "number"]
    _, found = story(
        ("Coast News", "2026-03-03T07:00:00+00:00", "The judge sentenced Dale Orwin to six months in county jail "
         "for the break-in at the marina office, prosecutors said on Tuesday."),
        ("Bay Times", "2026-03-03T08:00:00+00:00", "The judge sentenced Dale Orwin to three years in county jail "
         "for the break-in at the marina office, prosecutors said on Tuesday."))
    assert [c["kind"] for c in found] == ["number"]


def test_a_past_holder_of_a_title_is_no_rival_to_the_present_one():
    """"In 2009, harbour master Ian Doyle …" and "harbour master Tomas Quill said …": the office changed hands,
    the outlets do not disagree.  Without the year the two are rival names for one office."""
    def people(first: str):
        _, found = story(
            ("Coast News", "2026-03-03T07:00:00+00:00", first),
            ("Bay Times", "2026-03-03T08:00:00+00:00", "Harbour master Tomas Quill said the sea wall at Marrowby "
             "would be inspected section by section after the collapse."))
        return [c for c in found if c["kind"] == "person"]

    assert not people("In 2009, harbour master Ian Doyle ordered the sea wall at Marrowby inspected section by "
                      "section after a collapse.")
    assert people("Harbour master Ian Doyle ordered the sea wall at Marrowby inspected section by section after "
                  "the collapse.")


def test_a_future_date_is_no_present_for_undated_articles():
    """An undated article's present is the story's latest publication day, never the latest date a claim
    states: "by 2050" would make every claim of the story look like the past."""
    from types import SimpleNamespace as Obj

    from newsfuse.stages.synthesize.conflicts import _present
    dated = Obj(id="a", published="2024-05-01T08:00:00")
    undated = Obj(id="b", published=None)
    future = Obj(kind="date", high=date(2050, 12, 31).toordinal())
    values = [(Obj(article=dated), future), (Obj(article=undated), future)]
    assert _present(values) == {"a": date(2024, 5, 1).toordinal(), "b": date(2024, 5, 1).toordinal()}
    assert _present(values[1:]) == {"b": None}
