"""The capture cleaner's block decisions, language-independent prose, site furniture from the batch."""
from newsfuse import Config
from newsfuse.model import Corpus, Document
from newsfuse.stages.clean import clean
from newsfuse.stages.load import load_text

from .test_clean import BODY, _clean, _reasons


def test_teaser_list_after_the_body_is_left_out():
    # Headline, author, one-paragraph blurb, repeated: each blurb stands alone between costly lines.
    teasers = []
    for n, (title, author) in enumerate([("Dam Repairs Begin Upstream", "Ruth Kemp"), ("Ferry Fares Rise Again", "Omar Diaz"),
                                         ("New Library Opens Downtown", "Ilse Brandt"), ("Rail Strike Called Off", "Tom Ng")]):
        teasers += [title, author, f"Officials said on Monday that the plan number {n} would cost more than the city had set aside for it this year.", ""]
    capture = "\n".join(["Menu", "Search", "", BODY[0], "", BODY[1], "", BODY[2], "", BODY[3], "",
                         "Politics", "Transport", "Share your thoughts with friends.", "More from the Planet", *teasers])
    article = _clean(capture)
    assert all(p in article.text for p in BODY)
    assert "plan number" not in article.text
    assert _reasons(article)["Officials said on Monday that the plan number 0 would cost more than the city had set aside for it this year."] \
        == "page footer after the article body"


def test_cards_promotions_credits_and_labels_each_get_a_reason():
    capture = "\n".join([
        BODY[0], "", BODY[1], "",
        "Ferry Fares Rise Again At Harbour TerminalThe operator said the new prices would apply from next month onwards.", "",
        "Jane Roe/The Daily Times/Getty Images",
        "A lorry crosses the bridge on Monday.Jon Pike / AP file",
        "Related: Bridge inspections across the region", "",
        BODY[2], "",
        "Get the best stories delivered to your inbox every morning. Sign up for our newsletter.", "",
        BODY[3], "", BODY[0].replace("Thursday", "Friday"), "",
        "12 comments", "Top Rated Comments", "Great article, thanks for writing it, I learned so much from it today.",
    ])
    reasons = _reasons(_clean(capture))
    assert reasons["Ferry Fares Rise Again At Harbour TerminalThe operator said the new prices would apply from next month onwards."] \
        == "teaser of another article"
    assert reasons["Jane Roe/The Daily Times/Getty Images"] == "photo credit"
    assert reasons["A lorry crosses the bridge on Monday.Jon Pike / AP file"] == "photo caption"
    assert reasons["Related: Bridge inspections across the region"] == "labelled link to another article"
    assert reasons["Get the best stories delivered to your inbox every morning. Sign up for our newsletter."].startswith("promotion")
    assert reasons["Great article, thanks for writing it, I learned so much from it today."] == "end matter after the article"


def test_news_sentences_about_subscriptions_and_camel_case_names_are_body():
    lines = ["WeWork said on Monday that the Attorney General had opened an inquiry into its accounts last week.",
             "Users can sign up for the new service from Tuesday, the company said in a statement on its website.",
             *BODY]
    article = _clean("\n\n".join(lines))
    for line in lines:
        assert line in article.text


def test_lists_and_short_lines_inside_the_body_are_kept():
    table = ["Pos.\tDriver\tPoints", "1\tAnna Berg\t5040", "2\tLuis Mora\t5035", "3\tKim Sato\t5033"]
    capture = "\n".join(["Menu", "", BODY[0], "", BODY[1], "", *table, "", "Eat every 2–3 hours", "",
                         BODY[2], "", "Eat every 2–3 hours", "", BODY[3]])
    article = _clean(capture)
    assert "1 Anna Berg 5040" in article.text
    assert article.text.count("Eat every 2–3 hours") == 2  # short repeated lines are structure, not repeats


def test_a_paragraph_printed_three_times_is_kept_each_time():
    question = "What made you start cooking for other people, and what do you cook most often for them at home?"
    capture = "\n\n".join([BODY[0], question, BODY[1], question, BODY[2], question, BODY[3]])
    assert _clean(capture).text.count(question) == 3


def test_prose_in_a_language_without_a_stop_word_list():
    german = [
        "Die Stadt hat am Donnerstag beschlossen, die alte Brücke über den Fluss zu schließen, weil die Träger rosten.",
        "Die Bürgermeisterin sagte, die Sperrung werde mindestens sechs Monate dauern, bis ein Ersatz geplant ist.",
        "Pendler sollen über die nördliche Brücke fahren, die in diesem Winter doppelt so viel Verkehr tragen wird.",
        "Der Beschluss folgte einem Bericht des Verkehrsamts, der vor dem Zustand der Träger gewarnt hatte und die Stadt drängte.",
    ]
    capture = "\n".join(["Startseite", "Politik", "Sport", "Kultur", "", *[p + "\n" for p in german], "Impressum", "Datenschutz"])
    article = _clean(capture)
    assert all(p in article.text for p in german)
    assert "Impressum" not in article.text


def _site_batch(pages, meta):
    config = Config.default()
    corpus = Corpus(documents=[Document(f"page{n}.txt", text, "text", meta=dict(meta)) for n, text in enumerate(pages)])
    return clean(corpus, config)


def test_site_furniture_is_learned_from_the_outlets_other_captures():
    furniture = ["Morning Briefing from the Planet", "Read today's edition of the Planet in full"]
    other = ["The harbour authority approved a new ferry timetable on Friday after months of delays and complaints.",
             "Ferries will leave every twenty minutes at peak hours, the authority said, up from every half hour now.",
             "Passenger groups welcomed the change but said the fares were still far too high for daily commuters."]
    pages = ["\n\n".join(BODY[:2] + furniture + BODY[2:]), "\n\n".join(other + furniture)]
    corpus = _site_batch(pages, {"url": "https://planet.example/news/1"})
    first = corpus.articles[0]
    assert "Morning Briefing" not in first.text
    assert _reasons(first)["Morning Briefing from the Planet"].startswith("site furniture")
    assert all(p in first.text for p in BODY)
    # Alone, the same capture keeps the line: nothing says it is furniture.
    assert "Morning Briefing from the Planet" in _clean(pages[0]).text


def test_copies_of_one_article_do_not_teach_furniture():
    short = "The council will meet again on Monday."
    page = "\n\n".join(BODY[:2] + [short] + BODY[2:])
    corpus = _site_batch([page, page.replace("Thursday", "Thursday night")], {"outlet": "Daily Planet"})
    assert all(short in article.text for article in corpus.articles)


def test_a_capture_of_only_paragraphs_comes_out_unchanged():
    config = Config.default()
    corpus = clean(load_text("\n\n".join(BODY), config), config)
    assert corpus.articles[0].text == "\n\n".join(BODY)


def test_a_short_sentence_ending_inside_quotes_is_a_paragraph_not_a_heading():
    # under twelve words, so not prose by length; its stop sits inside the closing quotation mark
    said = 'The mayor called the decision "a relief."'
    article = _clean("\n\n".join([BODY[0], said, BODY[1], "Storm Damage Across The Region", BODY[2], BODY[3]]))
    headings = [article.span_text(h) for h in article.headings]
    assert headings == ["Storm Damage Across The Region"]
    assert any(article.span_text(s) == said for s in article.sentences)
