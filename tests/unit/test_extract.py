"""Unit tests for numbers, dates, entity merging and quote attribution on hand-built inputs."""
from __future__ import annotations

import re
from datetime import date

import pytest

from newsfuse import Config, NewsfuseError
from newsfuse.model import Article, Corpus, Span
from newsfuse.nlp import ner
from newsfuse.nlp.ner import Mention
from newsfuse.nlp.quantities import find_quantities, parse_number_words
from newsfuse.nlp.sentences import split_spans
from newsfuse.nlp.temporal import find_times
from newsfuse.pipeline import run_corpus
from newsfuse.stages.extract.entities import build_entities
from newsfuse.stages.extract.quotes import find_quotes, merge_quotes, person_genders
from newsfuse.stages.group import StoryClusterer
from newsfuse.stages.load import load_text


@pytest.mark.parametrize("words, value", [
    ("two hundred and fifty", 250), ("twenty-five", 25), ("two and a half", 2.5), ("a dozen", 12),
    ("three million", 3_000_000), ("one", 1), ("banana", None),
])
def test_number_words(words, value):
    assert parse_number_words(words) == value


@pytest.mark.parametrize("text, value, kind, qualifier", [
    ("It lasted two and a half hours.", 9000, "duration", None),
    ("It lasted nearly 150 minutes.", 9000, "duration", "nearly"),
    ("It lasted an hour and a half.", 5400, "duration", None),
    ("more than a decade", 315569520, "duration", "more than"),
    ("a 14-year-old boy", 14, "age", None),
    ("a 14-year prison sentence", 14 * 31556952, "duration", None),
    ("$1.2 billion in aid", 1.2e9, "money", None),
    ("about 3.5% of voters", 3.5, "percent", "about"),
    ("some 200,000 people fled", 200000, "count", "about"),
    ("5 miles away", 8046.72, "measure", None),
    ("56 nautical miles southwest of the port", 103712, "measure", None),
    ("about a quarter-mile from shore", 402.336, "measure", "about"),
    ("It lasted an hour and a quarter.", 4500, "duration", None),
    ("It lasted a quarter of an hour.", 900, "duration", None),
    ("about a quarter of a mile from shore", 402.336, "measure", "about"),
    ("half a mile away", 804.672, "measure", None),
    ("half a dozen eggs", 6, "count", None),
    ("a hundred and twenty men", 120, "count", None),
    ("about a thousand people", 1000, "count", "about"),
    ("a million dollars", 1e6, "money", None),
    ("damage of $US1.5 million", 1.5e6, "money", None),
])
def test_quantities_are_normalised(text, value, kind, qualifier):
    found = find_quantities(text)
    assert len(found) == 1
    assert found[0].value == pytest.approx(value) and found[0].kind == kind and found[0].qualifier == qualifier
    assert text[found[0].span.start:found[0].span.end] == found[0].text


def test_a_conversion_in_brackets_is_not_a_second_figure():
    assert [q.text for q in find_quantities("It sank 56 nautical miles (103 kilometers) off the coast.")] == \
        ["56 nautical miles"]
    assert [q.text for q in find_quantities("Rooms cost $100 (£80) a night.")] == ["$100"]
    assert [q.value for q in find_quantities("It killed 20 people (17 civilians).")] == [20, 17]  # a breakdown
    assert [q.text for q in find_quantities("Damage reached $US1 million ($1.52 million).")] == ["$US1 million"]
    assert [(q.value, q.unit) for q in find_quantities("It cost NZ$3 million, or HK$40.")] == [(3e6, "NZD"),
                                                                                             (40, "HKD")]


def test_ranges_rates_and_non_figures():
    (rng,) = find_quantities("between 12 and 15 people were hurt")
    assert (rng.low, rng.high) == (12, 15)
    assert [q.text for q in find_quantities("He walks 30 minutes a day.")] == ["30 minutes"]
    assert find_quantities("one of them said no one knew") == []
    assert find_quantities("in 2019") == []  # a year is a date
    assert find_quantities("from 2001 to 2004 people") == []  # and so is a span of years...
    (rng,) = find_quantities("between 2000 and 3000 visitors came")  # ...but not a range that ends past them
    assert (rng.low, rng.high, rng.unit) == (2000, 3000, "visitors")
    # "and" joins number words after a scale or before a fraction only: two numbers here, a range
    (rng,) = find_quantities("a deal between six and eight years")
    assert (rng.low, rng.high) == (6 * 31556952, 8 * 31556952)
    assert [q.value for q in find_quantities("He has five and she has six children.")] == [5, 6]
    # the half of a game is no figure
    assert find_quantities("He made a first-half free throw.") == []
    assert [q.text for q in find_quantities("Two second - half goals won it; half a dozen fans cheered.")] == \
        ["Two", "half a dozen"]


def test_magnitudes_in_words_are_intervals():
    def read(text):
        return [(q.text, q.kind, q.unit, q.low, q.high) for q in find_quantities(text)]

    assert read("Thousands of residents fled the valley.") == [("Thousands", "count", "residents", 2e3, 2e4)]
    assert read("Tens of thousands of fans came.") == [("Tens of thousands", "count", "fans", 2e4, 2e5)]
    assert read("It displaced several hundred thousand people.") == \
        [("several hundred thousand", "count", "people", 2e5, 1e6)]
    assert read("The repairs cost hundreds of millions of dollars.") == \
        [("hundreds of millions of dollars", "money", "USD", 2e8, 2e9)]
    assert read("a few thousand sheep and dozens of goats") == \
        [("a few thousand", "count", "sheep", 2e3, 1e4), ("dozens", "count", "goats", 24, 240)]
    assert read("He spoke of “millions” of victims.")[0][:3] == ("millions", "count", "victims")
    # a magnitude of nothing named, or of a pronoun, is nothing to compare; figures are read as before
    assert read("It was far fewer than millions. Thousands of them stayed.") == []
    assert [q.text for q in find_quantities("About 3,000 people and thousands of cars.")] == \
        ["About 3,000", "thousands"]
    assert read("several dozen goats and a dozen sheep") == [("several dozen", "count", "goats", 24, 120),
                                                             ("a dozen", "count", "sheep", None, None)]


ANCHOR = date(2024, 3, 6)  # a Wednesday


@pytest.mark.parametrize("text, value, precision", [
    ("The talks began on Monday.", "2024-03-04", "day"),
    ("They will meet on Friday.", "2024-03-08", "day"),
    ("He said he would meet them on Friday.", "2024-03-08", "day"),  # either side: the nearest
    # a subordinate clause with its own past event dates that event, whatever the main clause's tense
    ("Engineers will inspect the wall after a section collapsed on Monday.", "2024-03-04", "day"),
    ("They will reopen the road once repairs are finished on Friday.", "2024-03-08", "day"),
    ("The committee will decide after the speed trial on Friday.", "2024-03-08", "day"),
    ("The deal closed last Friday.", "2024-03-01", "day"),
    ("It happened late Tuesday night.", "2024-03-05", "day"),
    ("It was signed on 28 February 2024.", "2024-02-28", "day"),
    ("Prices rose in February.", "2024-02", "month"),
    ("The war began three years ago.", "2021", "year"),
    ("They met earlier this week.", "2024-W10", "week"),
    ("The vote is later this month.", "2024-03", "month"),
    ("It was built in 1998.", "1998", "year"),
    ("Next year's edition runs from July 4.", "2025-07-04", "day"),
    ('"We are going to win," she said on Tuesday.', "2024-03-05", "day"),  # the quote's tense is not the clause's
    ("“The council and the unions have reached an agreement on the bridge that keeps every crossing open and that "
     "will reduce the tolls and end the dispute,” the mayor said in a brief statement to reporters Tuesday night.",
     "2024-03-05", "day"),  # nor a long quotation's, cut by the window the tense is read in
    ("Just because the leaders agree, the vote on the plan, scheduled for Friday, is not a done deal.", "2024-03-08",
     "day"),  # a subordinate clause that ended before the date's
    ("The unions have scheduled a rally for Friday.", "2024-03-08", "day"),
])
def test_dates_resolved_against_publication(text, value, precision):
    found = find_times(text, ANCHOR)
    assert [(t.value, t.precision) for t in found] == [(value, precision)]


def test_relative_dates_without_anchor_stay_unresolved():
    (found,) = find_times("It happened on Monday.", None)
    assert found.value is None and found.relative
    assert find_times("You may go.", ANCHOR) == []


def _article(text: str, aid: str = "a1", published: str = "2024-03-06") -> Article:
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    sentences = [s for p in paragraphs for s in split_spans(text, p.start, p.end)]
    return Article(id=aid, source_path=aid, format="text", text=text, published=published,
                   paragraphs=paragraphs, sentences=sentences)


def _mentions(article: Article, names: dict[str, str]) -> list[Mention]:
    out = []
    for name, label in names.items():
        for match in re.finditer(re.escape(name), article.text):
            out.append(Mention(Span(match.start(), match.end()), label))
    return out


def test_entities_merge_spellings_and_correct_labels():
    one = _article("Kremlin spokesman Dmitry Peskov said the call went well. Peskov added more.", "a1")
    two = _article("Dmitri Peskov, the Kremlin spokesman, said nothing. Later Peskov left.", "a2")
    later = two.text.index("Peskov left")
    added = one.text.index("Peskov added")
    mentions = {"a1": _mentions(one, {"Dmitry Peskov": "PERSON"}) + [Mention(Span(added, added + 6), "PERSON")],
                "a2": _mentions(two, {"Dmitri Peskov": "PERSON"}) + [Mention(Span(later, later + 6), "GPE")]}
    index = build_entities([one, two], mentions)
    people = [e for e in index.entities if e.type == "person"]
    assert len(people) == 1
    assert {"Dmitry Peskov", "Dmitri Peskov", "Peskov"} <= set(people[0].variants)
    assert any("spokesman" in role for role in people[0].roles)
    assert set(people[0].article_ids) == {"a1", "a2"}


def test_a_word_without_a_capital_is_no_person_in_cased_text():
    text = "Sales of marijuana began on Saturday, Ann Lee said. Lee expects marijuana tax revenue to grow."
    cased, lowered = _article(text, "a1"), _article(text.lower(), "a2")
    names = {"marijuana": "PERSON", "Ann Lee": "PERSON", "ann lee": "PERSON"}
    people = {e.name for e in build_entities([cased], {"a1": _mentions(cased, names)}).entities if e.type == "person"}
    assert people == {"Ann Lee"}
    # a capture written all in lower case keeps the tagger's people: there is no case to go by
    people = {e.name for e in build_entities([lowered], {"a2": _mentions(lowered, names)}).entities
              if e.type == "person"}
    assert "ann lee" in people


def test_a_word_the_story_writes_in_small_letters_is_no_name():
    """Where a sentence or a heading opens with a common word, the tagger may take it for a name; the story
    writes it in small letters elsewhere.  A name is capitalised inside sentences too ("Twitter", "U.S.
    Army"), a web address is no running text ("twitter.com"), and an organisation's word written as often
    one way as the other stays."""
    one = _article("Caucus\nCarcinogens were found in the water, Ann Lee said. Tests found carcinogens in May. "
                   "The caucus met.", "a1")
    two = _article("Lee wrote on Twitter, at twitter.com/annlee. U.S. Army officers met the army of the north. "
                   "Tick bites rose. A tick was found.", "a2")
    names = {"Caucus": "PERSON", "Carcinogens": "PERSON", "Ann Lee": "PERSON", "Twitter": "ORG", "Army": "ORG",
             "Tick": "PERSON"}
    index = build_entities([one, two], {a.id: _mentions(a, names) for a in (one, two)})
    assert {e.name: e.type for e in index.entities} == {"Ann Lee": "person", "Twitter": "organization",
                                                          "Army": "organization"}
    three = _article("The Senate met. The Army said nothing. An army of lawyers waited.", "a3")
    index = build_entities([three], {"a3": _mentions(three, {"Army": "ORG"})})
    assert [e.name for e in index.entities] == ["Army"]  # once each way: an organisation may stay


def test_an_opening_word_is_no_first_name_and_a_numbered_thing_is_no_person():
    """The tagger may take a sentence's first word into the name after it ("Whether Reid"), or read a product, a
    station or a film with a number for a person; "50 Cent" is a name."""
    one = _article("Harry Reid spoke. Whether Reid and Mitch McConnell agree is unclear. Neither Bethenny nor her "
                   "agent replied. Bethenny Frankel left.", "a1")
    two = _article("He drove a Hummer H2 to the NBC10 studio. 50 Cent watched Furious 8 there.", "a2")
    names = {"Harry Reid": "PERSON", "Whether Reid": "PERSON", "Mitch McConnell": "PERSON",
             "Neither Bethenny": "PERSON", "Bethenny Frankel": "PERSON", "Hummer H2": "PERSON", "NBC10": "PERSON",
             "50 Cent": "PERSON", "Furious 8": "PERSON"}
    index = build_entities([one, two], {a.id: _mentions(a, names) for a in (one, two)})
    assert sorted(e.name for e in index.entities) == ["50 Cent", "Bethenny Frankel", "Harry Reid", "Mitch McConnell"]
    reid = next(e for e in index.entities if e.name == "Harry Reid")
    assert reid.variants == ["Harry Reid", "Reid"]


def test_a_department_word_in_a_title_is_no_organisation():
    one = _article("Secretary of State Ann Lee met Health Minister Bo Ray. The Finance Ministry said little.", "a1")
    two = _article("Ann Lee spoke. Budget cuts at the Treasury and at Health were announced by Lee.", "a2")
    at = {"a1": ["State", "Health", "Finance"], "a2": ["Treasury", "Health"]}
    mentions = {a.id: _mentions(a, {"Ann Lee": "PERSON", "Bo Ray": "PERSON"}) +
                [Mention(Span(a.text.index(w), a.text.index(w) + len(w)), "ORG") for w in at[a.id]]
                for a in (one, two)}
    index = build_entities([one, two], mentions)
    organisations = {e.name: e.article_ids for e in index.entities if e.type == "organization"}
    # "State", "Health" and "Finance" only name titles in a1; a2's "Treasury" and "Health" stand alone
    assert organisations == {"Treasury": ["a2"], "Health": ["a2"]}
    people = {e.name: e.roles for e in index.entities if e.type == "person"}
    assert people["Ann Lee"] == ["Secretary of State"] and people["Bo Ray"] == ["Health Minister"]


@pytest.mark.parametrize("text, role", [
    ("Geoffrey Collins, a planetary scientist at Wheaton College in Norton, Massachusetts, said", "planetary scientist at Wheaton College"),
    ("Ann Lee, the director of the museum, said", "director of the museum"),
    ("Bo Ray, a spokesman for the city and the county, said", "spokesman for the city"),
    ("Pete Hegseth, the defense secretary, said", "defense secretary"),
])
def test_an_appositive_role_is_never_cut_after_a_function_word(text, role):
    from newsfuse.stages.extract.entities import role_after

    assert role_after(text, text.index(",")) == role


def test_a_family_name_two_people_share_says_no_one_when_each_is_called_by_given_name():
    """Two brothers, each also called by his given name: "Smith told officers" is said by neither in
    particular (not by the one named more often); with one of them never called by given name, the family
    name speaks for the most named, as before."""
    text = ("Shimron Smith, 4, died on Saturday. His brother, Shawn Smith, was charged. Shimron was the youngest "
            "of six. Shawn had arrived from Guyana. Shimron loved to play. \"I did it,\" Smith told officers.")

    def tagged(text: str):
        article = _article(text)
        names = r"Shimron Smith|Shawn Smith|Shimron|Shawn|(?<=Mr\. )Smith|Smith(?= told)"
        mentions = [Mention(Span(m.start(), m.end()), "PERSON") for m in re.finditer(names, text)]
        index = build_entities([article], {article.id: mentions})
        (quote,) = [q for q in find_quotes(article, index) if q.kind != "paraphrase"]
        return index, quote

    index, quote = tagged(text)
    assert index.shared_family_names == {"smith"} and index.named("Smith") is None
    assert quote.speaker is None and quote.speaker_text == "Smith"
    index, quote = tagged(text.replace("Shawn had arrived", "He had arrived"))
    assert not index.shared_family_names and quote.speaker.name == "Shimron Smith"
    # nor is "he" after a sentence about "Mr. Smith"
    index, quote = tagged(text.replace('"I did it," Smith told officers.',
                                       'Mr. Smith walked up to two officers. "I did it," he said.'))
    assert index.shared_family_names == {"smith"} and quote.speaker is None


def test_later_mentions_by_family_name_alone_are_the_person():
    """Only the full names are tagged; the family name alone after them is the same person, except where it
    is part of another name, comes before the full name, belongs to two people, or opens a sentence in a
    story that also uses it as a common word."""
    text = ("Lind Street was closed. Fire officer Mara Lind said the blaze began at midnight. Lind said crews "
            "saved the flats, and Ms Lind thanked them. Anna Lind Park stayed open in Rome. Lind went home. "
            "Pilot Ada Young landed safely. Young people gathered to watch, and Young said she was relieved to see "
            "so many young faces. "
            "George Bush and Laura Bush sent a note. Bush said it was moving.")
    article = _article(text)
    names = {"Mara Lind": "PERSON", "Ada Young": "PERSON", "George Bush": "PERSON", "Laura Bush": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})

    def starts(name: str) -> list[int]:
        entity = next(e for e in index.entities if e.name == name)
        return sorted(c.start for c in entity.citations)

    assert starts("Mara Lind") == [text.index("Mara Lind"), text.index("Lind said crews"), text.index("Lind thanked"),
                                 text.index("Lind went")]
    assert starts("Ada Young") == [text.index("Ada Young"), text.index("Young said")]
    assert starts("George Bush") == [text.index("George Bush")]
    assert index.at(article.id, text.index("Bush said"), text.index("Bush said") + 4) is None


def _quotes(text: str, names: dict[str, str]):
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, names)})
    return find_quotes(article, index)


def test_attribution_after_before_pronoun_and_nested():
    quotes = _quotes(
        'Anna Berg said the plan was "dead on arrival." "We will fight it," she said.\n\n'
        'Berg said Omar Diaz told her "the money is gone."',
        {"Anna Berg": "PERSON", "Berg": "PERSON", "Omar Diaz": "PERSON"})
    direct = {q.text.rstrip("."): q.speaker.name if q.speaker else None for q in quotes if q.kind != "paraphrase"}
    assert direct == {"dead on arrival": "Anna Berg", "We will fight it": "Anna Berg", "the money is gone": "Omar Diaz"}


def test_multi_paragraph_quote_and_paraphrase():
    quotes = _quotes('“We waited for years. Nobody came.\n\n“Now we are done waiting,” said Lena Fox.\n\n'
                     'Fox said that the group would sue the city.', {"Lena Fox": "PERSON", "Fox": "PERSON"})
    direct = [q for q in quotes if q.kind != "paraphrase"]
    assert len(direct) == 1 and "Nobody came" in direct[0].text and "done waiting" in direct[0].text
    assert direct[0].speaker.name == "Lena Fox"
    (paraphrase,) = [q for q in quotes if q.kind == "paraphrase"]
    assert paraphrase.text.startswith("the group would sue") and paraphrase.speaker.name == "Lena Fox"


def test_unattributed_description_and_scare_quotes():
    quotes = _quotes('The so-called "reform" failed. "It is fragile," the ministry spokesman warned.', {})
    assert [q.text for q in quotes if q.kind != "paraphrase"] == ["It is fragile"]
    assert quotes[-1].speaker is None and quotes[-1].speaker_text == "the ministry spokesman"


def test_a_speech_verbs_word_used_otherwise_is_no_attribution():
    """"her promise" is a noun and "time will tell if" reports no speech: the title in quotation marks is no
    one's words, and the figure she "once predicted" is hers, not said by "Only time"."""
    quotes = _quotes('Weeks after her television special, "The Big Choice," Ana Lee delivered on her promise to '
                     'bring a title to the city. Only time will tell if she wins the "seven or eight" titles she '
                     'once predicted. "We are proud of this team," Lee told reporters.',
                     {"Ana Lee": "PERSON", "Lee": "PERSON"})
    direct = {q.text.rstrip(",."): (q.speaker.name if q.speaker else q.speaker_text) for q in quotes
              if q.kind != "paraphrase"}
    assert direct == {"seven or eight": "Ana Lee", "We are proud of this team": "Ana Lee"}
    (asked,) = [q for q in _quotes('Ana Lee asked whether "anyone will answer for this."', {"Ana Lee": "PERSON"})
                if q.kind != "paraphrase"]
    assert asked.speaker.name == "Ana Lee"  # only "tell" of "time will tell if" is no speech


def test_one_entry_per_quote_across_outlets_with_differences():
    one = _article('"We will rebuild every home," Mayor Ruth Lane said.', "a1")
    two = _article('"We will rebuild each home," Ruth Lane said.', "a2", "2024-03-07")
    three = _article('Ruth Lane said they would "rebuild every home."', "a3", "2024-03-07")
    mentions = {a.id: _mentions(a, {"Ruth Lane": "PERSON"}) for a in (one, two, three)}
    index = build_entities([one, two, three], mentions)
    quotes = [q for a in (one, two, three) for q in find_quotes(a, index)]
    merged = [e for e in merge_quotes(quotes) if e["kind"] != "paraphrase"]
    assert len(merged) == 1
    entry = merged[0]
    assert set(entry["sources"]) == {"a1", "a2", "a3"} and entry["speaker"] == "Ruth Lane"
    assert entry["verbatim"] is False
    changes = [c for v in entry["variants"] for c in v["differences"]]
    assert {"op": "replace", "from": "every", "to": "each"} in changes


def test_a_shows_name_after_told_is_no_quote_and_a_credit_is_no_person():
    text = ('Lawyer John Fuller told "Good Morning America" that his client had been threatened. '
            '"Someone hit him," Fuller said. The photo was taken by Mike Trip/ESPN at the scene.')
    quotes = _quotes(text, {"John Fuller": "PERSON", "Fuller": "PERSON", "Mike Trip/ESPN": "PERSON"})
    assert [q.text.rstrip(",") for q in quotes if q.kind != "paraphrase"] == ["Someone hit him"]
    # a title with a small word in lower case is a title too
    quotes = _quotes('The app said it would host "Wheel of Fortune" nights, Fuller said.', {"Fuller": "PERSON"})
    assert not [q for q in quotes if q.kind != "paraphrase"]
    # ... and one that takes the sentence's stop inside its marks; a one-word answer with a stop stays a quote
    quotes = _quotes('"We need help now," Fuller said on CNN\'s "State of the Union." Asked again, he said: "Absolutely."',
                     {"Fuller": "PERSON"})
    assert [q.text for q in quotes if q.kind != "paraphrase"] == ["We need help now", "Absolutely."]
    # ... or with the comma before its attribution; a one-word name in marks is no quote, with a comma neither
    quotes = _quotes('Asked if he would run again, Fuller paused. "Absolutely," he said. He called the boat "Osprey" '
                     'after his first dog. His next one, called "Tern," will be faster, he said.', {"Fuller": "PERSON"})
    assert [(q.text, q.speaker.name) for q in quotes if q.kind != "paraphrase"] == [("Absolutely", "Fuller")]
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, {"John Fuller": "PERSON",
                                                                      "Mike Trip/ESPN": "PERSON"})})
    assert [e.name for e in index.entities] == ["John Fuller"]


def test_an_appositive_role_stays_in_its_paragraph():
    from newsfuse.stages.extract.entities import role_after

    text = "Jane Roe, The Jane Roe Collection\n\nThe singer, actress and TV star started her brand a decade ago."
    assert role_after(text, text.index(",")) is None
    text = "Ann Lee, the company spokeswoman\nShe said the line sold out."
    assert role_after(text, text.index(",")) == "company spokeswoman"


def test_a_day_before_a_title_is_when_not_part_of_it():
    from newsfuse.stages.extract.entities import role_before

    text = "Sen. Ann Lee said Sunday President Bo Ray was wrong. Treasury Secretary Cy Tan agreed."
    assert role_before(text, text.index("Bo Ray")) == "President"
    assert role_before(text, text.index("Cy Tan")) == "Treasury Secretary"


def test_an_occupation_taken_into_a_name_is_a_role():
    text = ("Musician Ada Quist played the hall on Friday. Ada Quist and her band sold out. "
            "The promoter said Ada Quist would return.")
    article = _article(text)
    mentions = _mentions(article, {"Musician Ada Quist": "PERSON"}) + [
        m for m in _mentions(article, {"Ada Quist": "ORG"}) if m.span.start > 10]  # the model's other reading
    index = build_entities([article], {article.id: mentions})
    assert [(e.name, e.type) for e in index.entities] == [("Ada Quist", "person")]
    band = _article("Guitarist Jo Ward tuned up while drummer Ken Ito counted in. Ward smiled.")
    tagged = {"Guitarist Jo Ward": "PERSON", "Ken Ito": "PERSON", "Ward": "PERSON"}
    names = sorted(e.name for e in build_entities([band], {band.id: _mentions(band, tagged)}).entities)
    assert names == ["Jo Ward", "Ken Ito"]


def test_a_rank_inside_a_tagged_name_ends_what_came_before_it():
    article = _article("Green Beret Sgt Joe Serna spent a night in the cell. Serna thanked the judge. "
                       "Martin Luther King Jr. spoke here in 1963, Ann Lee said.")
    tagged = ["Green Beret Sgt Joe Serna", "Serna", "Martin Luther King Jr.", "Ann Lee"]
    entities = build_entities([article], {article.id: _mentions(article, dict.fromkeys(tagged, "PERSON"))}).entities
    assert sorted(e.name for e in entities) == ["Ann Lee", "Joe Serna", "Martin Luther King Jr"]


def test_a_name_in_capitals_that_spells_a_persons_initials_is_that_person():
    article = _article("Ann B. Lee Jr. opened the bridge in 1961. Crowds cheered ABL that day. Abe Ben Tran, a welder, "
                       "watched. Later ABT spoke, and Al Bo Tate said he was proud.")
    tagged = ["Ann B. Lee Jr.", "ABL", "Abe Ben Tran", "ABT", "Al Bo Tate"]
    entities = build_entities([article], {article.id: _mentions(article, dict.fromkeys(tagged, "PERSON"))}).entities
    groups = sorted(sorted(e.variants) for e in entities)
    assert ["ABL", "Ann B. Lee Jr"] in groups
    assert ["ABT"] in groups  # the initials of two people ("Abe Ben Tran", "Al Bo Tate"): neither is sure


def test_a_title_with_its_department_taken_into_a_name_is_no_part_of_it():
    article = _article("Secretary of State Ann Lee met Minister of Foreign Affairs Bo Tran on Monday. "
                       "Lee and Tran spoke for an hour.")
    tagged = ["Secretary of State Ann Lee", "Minister of Foreign Affairs Bo Tran", "Lee", "Tran"]
    entities = build_entities([article], {article.id: _mentions(article, dict.fromkeys(tagged, "PERSON"))}).entities
    assert sorted(e.name for e in entities) == ["Ann Lee", "Bo Tran"]


def test_a_name_with_a_stock_ticker_is_a_company_in_every_mention():
    text = ("Retailer Ada Quist (QUIS.N) agreed to buy shoemaker Bo Tran BOTR.L on Tuesday. Ada Quist has long "
            "sold handbags; Bo Tran makes shoes. Quist said the deal would close in May. Rival Cy Moor "
            "(NYSE: MOOR) declined to comment, and its founder Cy Moor did not answer. Analyst Di Kahn said so.")
    article = _article(text)
    names = {"Ada Quist": "PERSON", "Bo Tran": "PERSON", "Quist": "PERSON", "Cy Moor": "PERSON", "Di Kahn": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    types = {e.name: e.type for e in index.entities}
    assert types["Ada Quist"] == types["Bo Tran"] == types["Cy Moor"] == "organization"
    assert types.get("Quist", "organization") == "organization" and types["Di Kahn"] == "person"


def test_a_family_name_of_two_words_joins_the_full_name():
    text = ("The film was directed by Ada Vogt-Roberts. Vogt-Roberts said it took a year. Vogt-Roberts smiled. "
            "Gabriel Garcia Marquez wrote the book; Garcia Marquez never saw the film. Bo Roberts produced it.")
    article = _article(text)
    names = {"Ada Vogt-Roberts": "PERSON", "Vogt-Roberts": "PERSON", "Gabriel Garcia Marquez": "PERSON",
             "Garcia Marquez": "PERSON", "Bo Roberts": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    people = sorted(sorted(e.variants) for e in index.entities)
    assert people == [["Ada Vogt-Roberts", "Vogt-Roberts"], ["Bo Roberts"], ["Gabriel Garcia Marquez", "Garcia Marquez"]]


def test_a_family_name_alone_is_the_person_whose_name_ends_with_it_before_a_suffix():
    text = ("William W. Taylor III, her lawyer, spoke first. Later Taylor said she did nothing wrong. The band played "
            "for Ada Quist, Jr., and Quist thanked them. Donald Rao Jr. stood beside Donald Rao.")
    article = _article(text)
    names = {"William W. Taylor III": "PERSON", "Taylor": "PERSON", "Ada Quist": "PERSON", "Jr.": "PERSON",
             "Quist": "PERSON", "Donald Rao Jr.": "PERSON", "Donald Rao": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    people = {e.name: sorted(e.variants) for e in index.entities}
    assert people["William W. Taylor III"] == ["Taylor", "William W. Taylor III"]
    assert "Jr" not in people and sorted(people["Ada Quist"]) == ["Ada Quist", "Quist"]
    assert "Donald Rao" in people and "Donald Rao Jr" in people  # a father and his son: two people
    # a senior's suffix left out is the same person; his son is another
    text = "W. Mark Pell Sr. led the bureau. Mark Pell was 95. His son, Mark Pell Jr., spoke."
    article = _article(text)
    names = {"W. Mark Pell Sr.": "PERSON", "Mark Pell": "PERSON", "Mark Pell Jr.": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    assert sorted(sorted(e.variants) for e in index.entities) == [["Mark Pell", "W. Mark Pell Sr"], ["Mark Pell Jr"]]


def test_a_piece_of_an_institutions_name_is_no_person_a_fraternity_is_an_organisation_and_a_mount_a_place():
    text = ("Nola died at the San Diego Zoo Safari Park on Sunday. She had flown in through John F. Kennedy Airport "
            "in 1989, keeper Jane Park said. Frank Church visited her.")
    article = _article(text)
    names = {"Zoo Safari": "PERSON", "John F. Kennedy Airport": "PERSON", "Jane Park": "PERSON",
             "Frank Church": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    assert sorted(e.name for e in index.entities if e.type == "person") == ["Frank Church", "Jane Park"]
    text = "Six Kappa Sigma members were charged. Kappa Sigma lost its charter, Ann Lee said."
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, {"Kappa Sigma": "PERSON", "Ann Lee": "PERSON"})})
    assert {e.name: e.type for e in index.entities} == {"Kappa Sigma": "organization", "Ann Lee": "person"}
    text = "Ann Lee climbed Mount Adams and then sailed round Cape Cod."
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, {"Mount Adams": "PERSON", "Cape Cod": "PERSON",
                                                                       "Ann Lee": "PERSON"})})
    assert {e.name: e.type for e in index.entities} == {"Ann Lee": "person", "Mount Adams": "place", "Cape Cod": "place"}
    text = "The court cited Brulotte v. Thys, Ann Lee said."
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, {"Brulotte v. Thys": "PERSON", "Ann Lee": "PERSON"})})
    assert [e.name for e in index.entities] == ["Ann Lee"]  # the parties of a court case are no person
    text = "He backed the Buffett Rule on taxes, said the Rev. Ann Lee, who knew the late Bo Ray."
    article = _article(text)
    names = {"the Buffett Rule": "PERSON", "the Rev. Ann Lee": "PERSON", "the late Bo Ray": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    assert sorted(e.name for e in index.entities) == ["Ann Lee", "Bo Ray"]  # "the" names no one, bar a title


def test_an_abbreviation_always_before_a_number_is_a_reference_not_a_person():
    text = "Weak arrivals were seen under the volcano (Fig. 1), as in earlier studies (Fig. 3), Ann Lee said."
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, {"Fig": "PERSON", "Ann Lee": "PERSON"})})
    assert [e.name for e in index.entities] == ["Ann Lee"]
    text = "Fig. 2 shows the oven. Fig baked the bread in it, her sister said."
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, {"Fig": "PERSON"})})
    assert [e.name for e in index.entities] == ["Fig"]  # once written not before a number: a name


def test_an_organisation_named_without_its_kind_is_the_same_organisation():
    text = ("Researchers at Stanford University made ethanol from carbon monoxide. Stanford said the method scales. "
            "Acme Corp. will license it; Acme declined to comment. New York City and New York were not involved.")
    article = _article(text)
    names = {"Stanford University": "ORG", "Stanford": "ORG", "Acme Corp.": "ORG", "Acme": "ORG",
             "New York City": "GPE", "New York": "GPE"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    groups = sorted(sorted(e.variants) for e in index.entities)
    assert groups == [["Acme", "Acme Corp"], ["New York"], ["New York City"], ["Stanford", "Stanford University"]]


def test_a_family_name_alone_is_not_given_to_the_one_person_when_a_misread_relative_is_named_more():
    text = ("Ada Quist took her son Bo Quist on Monday. Ada Quist was arrested. Ada Quist told police she was sorry. "
            "Quist said so twice. Quist cried.")
    article = _article(text)
    mentions = _mentions(article, {"Ada Quist": "ORG", "Bo Quist": "PERSON", "Quist": "PERSON"})
    index = build_entities([article], {article.id: mentions})
    bo = next(e for e in index.entities if e.name == "Bo Quist")
    assert bo.variants == ["Bo Quist"]  # "Quist said" is not the boy's
    # with no such rival, the family name alone is the one person's
    text = "Bo Quist won on Monday. Quist said so twice. Quist smiled."
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, {"Bo Quist": "PERSON", "Quist": "PERSON"})})
    assert [sorted(e.variants) for e in index.entities] == [["Bo Quist", "Quist"]]


def test_a_name_only_ever_in_quotation_marks_is_a_title():
    text = ('The remake of “The Evil Dead,” directed by Fede Alvarez, opens Friday. “Evil Dead’’ is gorier. '
            'Alvarez spoke to "Good Morning America" on Monday. Critics called it ‘Raimi’s revenge’.')
    article = _article(text)
    names = {"Evil Dead": "PERSON", "Fede Alvarez": "PERSON", "Alvarez": "PERSON", "Good Morning America": "ORG",
             "Raimi": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    assert [e.name for e in index.entities] == ["Fede Alvarez", "Raimi"]  # a possessive closes no quotation


def test_a_possessive_owner_is_not_part_of_a_persons_name():
    text = ("Lightspeed’s Jeremy Liew backed the app early. Liew said so on Monday. "
            "Shiloh Fernandez’s David returns to the cabin.")
    article = _article(text)
    names = {"Lightspeed’s Jeremy Liew": "PERSON", "Liew": "PERSON", "Fernandez’s David": "PERSON"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    assert [e.name for e in index.entities] == ["Jeremy Liew"]
    assert text[index.entities[0].citations[0].start:index.entities[0].citations[0].end] == "Jeremy Liew"


def test_who_said_after_a_quote_is_not_an_inverted_attribution_and_two_people_are_not_one_name():
    text = ('Jason Chaffetz wrote to Andrew McCabe on Monday.\n\nThe story cited anonymous "people familiar with '
            'the case," who said the FBI inquiry did not mean a crime was suspected.\n\nIn a letter to McCabe, '
            'Chaffetz said he wants to "better understand" the memos.')
    article = _article(text)
    names = {"Jason Chaffetz": "PERSON", "Andrew McCabe": "PERSON", "FBI": "ORG", "McCabe, Chaffetz": "ORG"}
    index = build_entities([article], {article.id: _mentions(article, names)})
    assert "McCabe, Chaffetz" not in [e.name for e in index.entities]
    speakers = {q.text.rstrip(","): q.speaker.name if q.speaker else q.speaker_text
                for q in find_quotes(article, index) if q.kind != "paraphrase"}
    assert speakers.get("people familiar with the case") is None
    assert speakers["better understand"] == "Jason Chaffetz"


def test_a_verb_word_inside_a_name_is_no_speech_verb():
    """"Post" of "The Washington Post" and "States" of "the United States" are parts of names: the words
    before them ("The Washington") are no speaker, and a place named like them is not credited."""
    text = ('WASHINGTON (AP) — Lawmakers met on Tuesday.\n\nThe Washington Post first reported that an aide '
            'was a "person of interest" in the inquiry.\n\nAid to the United States "is not charity," Ann Wu said.')
    quotes = _quotes(text, {"WASHINGTON": "GPE", "Washington Post": "ORG", "United States": "GPE", "Ann Wu": "PERSON"})
    speakers = {q.text.rstrip(","): q.speaker.name if q.speaker else q.speaker_text
                for q in quotes if q.kind != "paraphrase"}
    assert speakers.get("person of interest") is None
    assert speakers["is not charity"] == "Ann Wu"


def test_a_title_without_an_article_between_commas_keeps_the_speaker():
    text = ('Representative Ted Deutch, Democrat of Florida, wrote that the bill was "a betrayal of voters."\n\n'
            'In Tallahassee, the capital of Florida, officials said the vote was "final."\n\n'
            'His aunt, Mia Sykes, said he was "a quiet boy." "It hurts," said another relative, Nora Odell, 18.')
    quotes = _quotes(text, {"Ted Deutch": "PERSON", "Florida": "GPE", "Tallahassee": "GPE", "Mia Sykes": "PERSON",
                            "Nora Odell": "PERSON"})
    speakers = {q.text.rstrip(".,"): q.speaker.name if q.speaker else q.speaker_text
                for q in quotes if q.kind != "paraphrase"}
    assert speakers["a betrayal of voters"] == "Ted Deutch"
    assert speakers["final"] != "Tallahassee"
    assert speakers["a quiet boy"] == "Mia Sykes" and speakers["It hurts"] == "Nora Odell"


def test_a_speaker_is_named_in_the_verbs_own_sentence():
    text = ('"I think she will not back down," predicted one council aide.\n\n'
            'Harbour Trust leans on one donor: a new fund raised $3 million this year.')
    quotes = _quotes(text, {"Harbour Trust": "ORG"})
    (quote,) = [q for q in quotes if q.kind != "paraphrase"]
    assert quote.speaker is None  # not the trust that opens the next paragraph
    quotes = _quotes('"We did nothing wrong," according to the council statement.', {})
    (quote,) = [q for q in quotes if q.kind != "paraphrase"]
    assert quote.speaker_text == "the council statement"  # without the sentence's stop


def test_a_party_and_state_in_brackets_do_not_hide_the_speaker():
    text = ('Ann Wu spoke first.\n\n"That contract is outrageous," Rep. John Mica (R-Fla.) told POLITICO.\n\n'
            '"We were not told," Sen. Ann Wu (D-Calif.) said.')
    quotes = _quotes(text, {"Ann Wu": "PERSON", "John Mica": "PERSON", "POLITICO": "ORG"})
    speakers = {q.text.rstrip(","): q.speaker.name if q.speaker else None for q in quotes if q.kind != "paraphrase"}
    assert speakers == {"That contract is outrageous": "John Mica", "We were not told": "Ann Wu"}


def test_a_short_quote_is_no_version_of_a_long_one_that_holds_its_words_far_apart():
    one = _article('"It is hard to see what comes out of Washington, and that is the worry. We will adapt to whatever '
                   'the committee decides in the end, actually," a fund manager said.', "a1")
    two = _article('"It is five, actually," the host said. "It is what comes out of Washington," he added.', "a2")
    index = build_entities([one, two], {a.id: [] for a in (one, two)})
    merged = [e for e in merge_quotes([q for a in (one, two) for q in find_quotes(a, index)]) if e["kind"] != "paraphrase"]
    # the host's second quotation is a version of the manager's; "It is five, actually" is not
    assert sorted((e["text"][:20], len(e["sources"])) for e in merged) == [("It is five, actually", 1),
                                                                            ("It is hard to see wh", 2)]


def test_words_one_article_repeats_are_one_entry_and_two_utterances_stay_two():
    article = _article('"It is about time," Ruth Lane said when it was over. "It is about time."\n\n'
                       '"We did it," Lane said. "We did it together," she added.', "a1")
    index = build_entities([article], {article.id: _mentions(article, {"Ruth Lane": "PERSON", "Lane": "PERSON"})})
    merged = [e for e in merge_quotes(find_quotes(article, index)) if e["kind"] != "paraphrase"]
    texts = sorted(e["text"].rstrip(".,") for e in merged)
    assert texts == ["It is about time", "We did it", "We did it together"]
    (repeated,) = [e for e in merged if e["text"].startswith("It is")]
    assert len(repeated["citations"]) == 2 and repeated["sources"] == ["a1"]


def test_she_is_never_a_man_the_story_calls_he():
    text = ('Ada Quist was driving north when she heard the alarm. Tom Hale lost his truck in the flood.\n\n'
            '"We were lucky," she said.\n\n'
            'Tom Hale said later that the water rose fast. "It came through the door," he said.')
    quotes = {q.text.rstrip(".,"): q.speaker.name if q.speaker else None
              for q in _quotes(text, {"Ada Quist": "PERSON", "Tom Hale": "PERSON"}) if q.kind != "paraphrase"}
    assert quotes == {"We were lucky": "Ada Quist", "It came through the door": "Tom Hale"}
    # a pronoun after a speech verb or after another name is no evidence of the named person's gender
    article = _article("Tom Hale said she left early. Tom Hale saw Ada Quist drop her keys.")
    index = build_entities([article], {article.id: _mentions(article, {"Tom Hale": "PERSON"})})
    assert person_genders([article], index) == {}


def test_a_firm_is_not_a_person_and_an_unclosed_appositive_names_the_speaker():
    text = '"She did nothing wrong," Bill Taylor, a partner at Hale Rossi LLP said in a statement.'
    article = _article(text)
    index = build_entities([article], {article.id: _mentions(article, {"Bill Taylor": "PERSON",
                                                                      "Rossi LLP": "PERSON"})})
    assert {e.name: e.type for e in index.entities} == {"Bill Taylor": "person", "Rossi LLP": "organization"}
    (quote,) = [q for q in find_quotes(article, index) if q.kind != "paraphrase"]
    assert quote.speaker.name == "Bill Taylor"


def test_told_without_that_is_reported_speech():
    quotes = _quotes("Lena Fox told reporters at the scene she had seen the car leave.\n\n"
                     "But the agency told him it could not share the files.\n\n"
                     "Fox told the story of how she found it.", {"Lena Fox": "PERSON", "Fox": "PERSON"})
    reported = {q.text: (q.speaker.name if q.speaker else q.speaker_text) for q in quotes if q.kind == "paraphrase"}
    assert reported == {"she had seen the car leave": "Lena Fox", "it could not share the files": "the agency"}


def test_he_is_not_the_person_he_speaks_to():
    quotes = _quotes('Tom Hale walked out of the talks on Monday. Omar Diaz stayed behind.\n\n'
                     '"It is over," he told Diaz.', {"Tom Hale": "PERSON", "Omar Diaz": "PERSON", "Diaz": "PERSON"})
    (quote,) = [q for q in quotes if q.kind != "paraphrase"]
    assert quote.speaker.name == "Tom Hale"


def test_a_gendered_role_rules_out_the_other_pronoun():
    quotes = _quotes('Ada Quist, a council spokeswoman, left the hall early.\n\n"We will appeal," he said.',
                     {"Ada Quist": "PERSON"})
    (quote,) = [q for q in quotes if q.kind != "paraphrase"]
    assert quote.speaker is None and quote.speaker_text == "he"


def test_a_transcripts_turns_are_its_speakers_words():
    text = ("MARTIN: That's Ada Quist. She walked from the harbour to the capital.\n\n"
            "ADA QUIST: I just thought somebody would take notice.\n\n"
            "MARTIN: And did they?\n\n"
            "QUIST: They did, in the end.\n\n"
            "PHOTOS: The walk in pictures.")
    quotes = _quotes(text, {"Ada Quist": "PERSON"})
    turns = [(q.text, q.speaker.name if q.speaker else q.speaker_text) for q in quotes if q.kind == "direct"]
    assert turns == [("That's Ada Quist. She walked from the harbour to the capital.", "Martin"),
                     ("I just thought somebody would take notice.", "Ada Quist"),
                     ("And did they?", "Martin"), ("They did, in the end.", "Ada Quist")]
    # a quotation inside a turn is listed once, as part of the turn, unless the turn credits someone else with it
    inner = _quotes("MARTIN: That's Ada Quist. You called it \"a walk for the record books.\" Why?\n\n"
                    "ADA QUIST: \"We will listen,\" Tom Bell told me. He never did.\n\n"
                    "MARTIN: And did they?", {"Ada Quist": "PERSON", "Tom Bell": "PERSON"})
    said = [(q.text, q.speaker.name if q.speaker else q.speaker_text) for q in inner if q.kind != "paraphrase"]
    assert said == [("That's Ada Quist. You called it \"a walk for the record books.\" Why?", "Martin"),
                    ("\"We will listen,\" Tom Bell told me. He never did.", "Ada Quist"),
                    ("We will listen", "Tom Bell"), ("And did they?", "Martin")]
    # one labelled paragraph is no conversation: a note, not a turn
    alone = _quotes("UPDATE: The harbour reopened on Friday after the inspection.\n\nThe wall held.", {})
    assert not [q for q in alone if q.kind == "direct"]


def test_a_turns_label_is_shown_as_the_article_writes_the_name():
    text = ("Our host spoke with Senator McDuff about the storm.\n\n"
            "HOST: What did you see?\n\n"
            "MCDUFF: Water everywhere, up to the windows.\n\n"
            "HOST: And now?\n\n"
            "MCDUFF: We are drying out.")
    labels = [q.speaker_text for q in _quotes(text, {}) if q.kind == "direct"]
    assert labels == ["Host", "McDuff", "Host", "McDuff"]  # "Mcduff" when title-cased


def test_a_phrase_broken_off_or_an_adjective_of_someones_is_no_speaker():
    text = ('Senator Ada Quist praised the report by the mayor and call to fix "pipes that poison children."\n\n'
            'She was less moved by Governor Tom Bell\'s impassioned call for "patience with the budget."')
    quotes = _quotes(text, {"Ada Quist": "PERSON", "Tom Bell": "PERSON"})
    said = {q.text.rstrip("."): q.speaker_text for q in quotes if q.kind != "paraphrase"}
    assert said["pipes that poison children"] != "the report by the mayor and"
    assert said["patience with the budget"] != "Governor Tom Bell's impassioned"


def test_he_or_she_after_a_quote_is_its_speaker_not_a_person_thanked_in_it():
    text = ('Governor Mary Fallin said the federal response was good.\n\n'
            '"So far, we have had great response," she said, thanking FEMA Director Craig Fugate.\n\n'
            '"This is a massive debris field," she said.')
    quotes = _quotes(text, {"Mary Fallin": "PERSON", "Craig Fugate": "PERSON", "FEMA": "ORG"})
    speakers = {q.text.rstrip(",."): q.speaker.name if q.speaker else None for q in quotes if q.kind == "direct"}
    assert speakers == {"So far, we have had great response": "Mary Fallin", "This is a massive debris field": "Mary Fallin"}


def test_he_or_she_is_not_a_prepositions_object_nor_someone_the_quotation_names():
    text = ('City Clerk Kim Lehmkuhl resigned on Monday.\n\n'
            'In an e-mail to Mayor Tim Flaherty, she wrote, "This has been an awful job for anyone."\n\n'
            'Dean Ray Birk spoke to reporters.\n\n'
            '"Now we are there, along with Ann Lee and Bo Ray," he said.\n\n'
            'The question came from Ted Hale, and he asks, "What two words will define the year?"')
    names = {"Kim Lehmkuhl": "PERSON", "Tim Flaherty": "PERSON", "Ray Birk": "PERSON", "Ann Lee": "PERSON",
             "Bo Ray": "PERSON", "Ted Hale": "PERSON"}
    speakers = {q.text.rstrip(",."): q.speaker.name if q.speaker else None for q in _quotes(text, names)
                if q.kind != "paraphrase"}
    assert speakers == {"This has been an awful job for anyone": "Kim Lehmkuhl",
                        "Now we are there, along with Ann Lee and Bo Ray": "Ray Birk",
                        "What two words will define the year?": "Ted Hale"}  # a clause of its own


def test_who_is_quoted_as_saying_speaks_not_who_quotes_them():
    text = ('President Reuven Rivlin released the letter Ann Lee wrote in 1962.\n\n'
            '"There is a need to draw a line," Rivlin\'s office quotes the letter as saying.\n\n'
            '"We will send aid," the agency quoted a ministry official in Seoul as saying.\n\n'
            '"I was not a leader," the office quoted Lee\'s letter as saying.')
    quotes = _quotes(text, {"Reuven Rivlin": "PERSON", "Rivlin": "PERSON", "Ann Lee": "PERSON", "Lee": "PERSON"})
    speakers = {q.text.rstrip(","): (q.speaker.name if q.speaker else q.speaker_text) for q in quotes
                if q.kind != "paraphrase"}
    assert speakers == {"There is a need to draw a line": "the letter",
                        "We will send aid": "a ministry official in Seoul", "I was not a leader": "Ann Lee"}


def test_a_speech_verb_second_in_its_clause_takes_the_clauses_subject():
    text = ('When Ann Lee asked Bo Ray about his plans, Ray shook his head and said, "I have a ton of ideas."\n\n'
            'Police arrested Ted Hale and said the case was "far from over and still open."')
    quotes = _quotes(text, {"Ann Lee": "PERSON", "Bo Ray": "PERSON", "Ray": "PERSON", "Ted Hale": "PERSON"})
    speakers = {q.text.rstrip(".,"): (q.speaker.name if q.speaker else q.speaker_text) for q in quotes
                if q.kind != "paraphrase"}
    assert speakers["I have a ton of ideas"] == "Bo Ray"
    assert speakers.get("far from over and still open") != "Ted Hale"  # the police speak, not whom they arrested


def test_an_embedded_posts_or_a_captions_date_is_no_event():
    from newsfuse.stages.extract.timeline import build_timeline

    text = ("The app launched in August 2017 and drew a million players a night.\n\n"
            "Until then thanks for playing https://t.co/abc123 — Jo Pike (@jopike) May 2, 2019\n\n"
            "Its founders sold their first company in 2012. Jo Pike (L) speaks with investors in Boston, June 5, 2018.")
    article = _article(text)
    article.times = find_times(text, date(2024, 3, 6))
    events = build_timeline([article], {}, similarity=0.3)
    assert [e["date"] for e in events] == ["2012", "2017-08"]
    # a year that bounds a period dates nothing in the sentence
    text = "Returning to the pre-2014 borders is unrealistic, he said. The post-1945 order held until 1991."
    article = _article(text)
    article.times = find_times(text, date(2024, 3, 6))
    assert [e["date"] for e in build_timeline([article], {}, similarity=0.3)] == ["1991"]


def test_a_longer_title_a_passive_verb_and_an_asking_price_credit_no_one():
    # a title-cased quotation of several words is a title even with a person next to a speech verb
    quotes = _quotes('Mayor Ada Quist, asked about the city, said "It\'s On Us" was her campaign.',
                     {"Ada Quist": "PERSON"})
    assert not [q for q in quotes if q.kind != "paraphrase"]
    # "was said to": hearsay about the subject, who is not the speaker
    quotes = _quotes("In the film, Ada Quist was said to live on the upper floor.", {"Ada Quist": "PERSON"})
    assert not quotes
    quotes = _quotes('In the film, Ada Quist said she lived on the upper floor.', {"Ada Quist": "PERSON"})
    assert [q.speaker.name for q in quotes] == ["Ada Quist"]
    # "was told that": the subject is who heard it
    quotes = _quotes("Ada Quist was told that the house had been sold.", {"Ada Quist": "PERSON"})
    assert not quotes
    # an asking price is no question: the quotation in the sentence has no speaker
    quotes = _quotes('Ada Quist is asking $9.6 million for the house from "The Blue Door Diaries" show.',
                     {"Ada Quist": "PERSON"})
    assert all(q.speaker is None for q in quotes)
    quotes = _quotes('"Will you sell the house to me," Ada Quist asked the buyer.', {"Ada Quist": "PERSON"})
    assert [q.speaker.name for q in quotes] == ["Ada Quist"]


def test_a_speech_verbs_noun_after_a_determiner_and_a_word_is_no_attribution():
    """"a guest post" is a noun: the words before it are no speaker's phrase."""
    quotes = _quotes('The mayor on Monday penned a guest post on the city website, listing what she wants: '
                     '"A bridge that lasts a century." She also answered readers.', {})
    (said,) = [q for q in quotes if q.kind != "paraphrase"]
    assert "penned" not in (said.speaker_text or "")


@pytest.mark.parametrize("text, speaker", [
    # a clause's opening word is not part of who speaks
    ('As one pastor told me: "People feel unsettled and alone."', "one pastor"),
    ('Researchers now say they have found the missing diary of the captain.', "Researchers"),
    # no noun phrase at all: no one is named
    ('They also asked them to rate their hunger and their mood, and to say how long they had been in the store.',
     None),
    ('Some 18 states have passed "academic freedom acts" this year, records show.', None),
    ('Voters shrug. Now what they\'ll say is, "He has not been able to pass it."', None),
    # nor a clause's opening word in a capitalised run ("While Lorvia" is no one's name)
    ('While Lorvia insists on finishing the dam, "any risk to the river" must go, the envoy was quoted as saying.',
     "Lorvia"),
    # a relative clause before who speaks: the speaker is its subject
    ('The board is investigating the fall of a worker whose family said the scaffold had no rail.', "family"),
    ('Two aides shared recordings of the mayor that authorities said were copied from her laptop.', "authorities"),
    # a long description keeps its determiner and modifiers
    ('"It is reckless," the former Senate leader and independent gubernatorial contender said on radio.',
     "the former Senate leader and independent gubernatorial contender"),
])
def test_only_a_noun_phrase_before_a_speech_verb_is_who_speaks(text, speaker):
    quotes = _quotes(text, {})
    assert {q.speaker_text for q in quotes} <= {speaker, None}
    if speaker is not None:
        assert speaker in {q.speaker_text for q in quotes}


def test_who_speaks_after_a_that_clause_is_the_clauses_subject():
    quotes = _quotes('No charges were filed, despite the fact that the sheriff stated publicly that she '
                     'believed "a crime occurred."', {})
    (said,) = [q for q in quotes if q.kind != "paraphrase"]
    assert said.speaker_text == "the sheriff"


def test_a_group_or_a_title_word_is_not_the_one_person_whose_role_holds_it():
    """"police said" is the force, not its chief; "the attorney" is not the attorney general: a description
    is a role's holder only when it names what the role is (its head word)."""
    quotes = _quotes('Police Chief Tom Reyes said the bridge would stay closed for a week. The driver fled on '
                     'foot before officers arrived, police said.\n\nAttorney General Ruth Lane said her office '
                     'would review the case. "My client did nothing wrong," the attorney said.\n\n'
                     'Council spokesman Omar Diaz said the road was safe. "We checked it twice," '
                     'the spokesman said.',
                     {"Tom Reyes": "PERSON", "Ruth Lane": "PERSON", "Omar Diaz": "PERSON"})
    by_text = {q.text.rstrip("."): (q.speaker.name if q.speaker else None, q.speaker_text) for q in quotes}
    assert by_text["The driver fled on foot before officers arrived"] == (None, "police")
    assert by_text["My client did nothing wrong"] == (None, "the attorney")
    assert by_text["We checked it twice"][0] == "Omar Diaz"  # the head word itself still finds its holder


def test_a_one_word_name_written_as_a_medium_is_no_person():
    """A tagger's "person" that the story posts on ("on Twitter", "her Twitter account") is a platform;
    "called on Lane to resign" is a person."""
    one = _article("The mayor posted the news on Twitter. Her Twitter account has many followers. "
                   "Critics called on Lane to resign, and Lane refused.", "a1")
    index = build_entities([one], {"a1": _mentions(one, {"Twitter": "PERSON", "Lane": "PERSON"})})
    types = {e.name: e.type for e in index.entities}
    assert types == {"Twitter": "organization", "Lane": "person"}


def _one_page_corpus(config):
    body = ("Flood water closed the river road on Monday morning, Mayor Ann Lee said. Crews worked through the night "
            "to clear the drains, and the road opened again by noon.")
    corpus = Corpus()
    corpus.documents.extend(load_text(f"---\ntitle: \"Road closed\"\n---\n\n{body}\n", config,
                                      source_path="page.md").documents)
    return corpus


def test_an_input_with_nothing_usable_sets_up_no_tagger_and_no_clusterer(monkeypatch):
    """Nothing to tag or group: the NER model and the story clusterer (seconds of loading) are not touched."""
    def untouched(*args, **kwargs):
        raise AssertionError("set up for an empty input")

    monkeypatch.setattr(ner, "available", untouched)
    monkeypatch.setattr(StoryClusterer, "from_config", untouched)
    corpus = run_corpus(Corpus(), Config.default())
    assert corpus.articles == [] and corpus.stories == []


def test_ner_on_without_a_model_is_a_clear_configuration_error(monkeypatch):
    """extract.ner = "on" asks for the model: without it, E901 and how to install it, not an ImportError later."""
    config = Config.from_dict({"clean": {"min_body_words": 5}, "extract": {"ner": "on"}})
    monkeypatch.setattr(ner, "available", lambda: False)
    with pytest.raises(NewsfuseError) as raised:
        run_corpus(_one_page_corpus(config), config)
    assert raised.value.code.value == "E901" and "no spaCy English model" in str(raised.value)
    # "auto" falls back to capitalised name runs and goes on
    auto = Config.from_dict({"clean": {"min_body_words": 5}})
    (story,) = run_corpus(_one_page_corpus(auto), auto).stories
    assert any(e["name"].endswith("Ann Lee") for e in story.entities)
