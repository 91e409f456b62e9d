import pytest

from newsfuse.nlp.dates import find_datetime, normalise
from newsfuse.nlp.sentences import split_spans


@pytest.mark.parametrize("line, iso", [
    ("Posted/updated on: February 12, 2025 at 12:07 pm", "2025-02-12T12:07:00"),
    ("Updated February 12, 2025 at 15:07 PM ET", "2025-02-12T15:07:00-05:00"),
    ("Updated July 4, 2024 at 9:00 AM ET", "2024-07-04T09:00:00-04:00"),  # daylight saving
    ("Wednesday, 12th February, 2025", "2025-02-12"),
    ("13 Feb 2025 04:05 PM", "2025-02-13T16:05:00"),
    ("PUBLISHED: 10:48, Tue, Nov 19, 2019", "2019-11-19T10:48:00"),
    ("2019-11-08T10:00:00-05:00", "2019-11-08T10:00:00-05:00"),
])
def test_dates_in_capture_lines(line, iso):
    assert find_datetime(line)[0] == iso


def test_normalise_rfc822_and_garbage():
    assert normalise("Mon, 02 Sep 2024 14:00:00 GMT") == "2024-09-02T14:00:00+00:00"
    assert normalise("not a date at all") is None


def test_sentences_respect_abbreviations_initials_and_quotes():
    text = ('Mr. Putin met U.S. officials. John F. Kennedy was cited. '
            'Trump added, "He used my motto, “COMMON SENSE.” We both believe it." Then he left.')
    got = [text[s.start:s.end] for s in split_spans(text)]
    assert got == ["Mr. Putin met U.S. officials.", "John F. Kennedy was cited.",
                   'Trump added, "He used my motto, “COMMON SENSE.” We both believe it."', "Then he left."]


def test_an_abbreviation_can_end_a_sentence_when_a_sentence_opener_follows():
    expected = ["Sales slipped in the U.S.", "Also, the chief was facing a complaint.", "The ferry left at 8 a.m. Sunday.",
                "Shares of Acme Inc.", "The firm fell.", "He moved to Albany, N.Y.", "In May he left.",
                "Sales in the U.S. Army rose.", "He met Dr. The Rev. Ann Lee."]
    text = " ".join(expected)  # one line, as a paragraph of a capture
    assert [text[s.start:s.end] for s in split_spans(text)] == expected


def test_sentences_a_capture_glued_together_are_split_and_abbreviations_and_addresses_are_not():
    text = ("A copy of each page will be preserved.Then the archive hopes links point to it. "
            "He moved to St.Louis in May and spoke at 8 a.m.The rest is at IGC.org.These pages stay online. "
            "He said: “We left for good.”Then he waved. The judge stayed with him.\"I had never been to jail,\" he "
            "said. He told them \"Go home.\"Then he left.")
    got = [text[s.start:s.end] for s in split_spans(text)]
    assert got == ["A copy of each page will be preserved.", "Then the archive hopes links point to it.",
                   "He moved to St.Louis in May and spoke at 8 a.m.The rest is at IGC.org.",
                   "These pages stay online.", "He said: “We left for good.”", "Then he waved.",
                   "The judge stayed with him.", '"I had never been to jail," he said.', 'He told them "Go home."',
                   "Then he left."]
    # a year before the stop; one quotation closing where the next opens
    text = ('The clerk was elected in 2012.City leaders never got an answer. She wrote, "It was awful for anyone.""It '
            'has been long awaited. We move on," the mayor said. Version 2.5.The end is in 1.2 percent.')
    got = [text[s.start:s.end] for s in split_spans(text)]
    assert got == ["The clerk was elected in 2012.", "City leaders never got an answer.",
                   'She wrote, "It was awful for anyone."', '"It has been long awaited. We move on," the mayor said.',
                   "Version 2.5.The end is in 1.2 percent."]
    # a web address or a mail address with capitals is no glued pair ("www.Example.com"); a glued pair still splits
    text = "Tickets are at www.Harbour.org and Box.Office@Example.com until May.Then the sale ends."
    got = [text[s.start:s.end] for s in split_spans(text)]
    assert got == ["Tickets are at www.Harbour.org and Box.Office@Example.com until May.", "Then the sale ends."]
