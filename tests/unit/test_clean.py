"""Cleaning on hand-built captures: each kind of furniture, and what must survive."""
from newsfuse import Config
from newsfuse.stages.clean import clean
from newsfuse.stages.clean.lines import Line, about_a_picture, furniture_reason, page_function_words
from newsfuse.stages.load import load_text

BODY = [
    "The city council voted on Thursday to close the old bridge over the river after inspectors found rust in its main beams.",
    "Mayor Lena Ortiz said the closure would last at least six months while engineers design a replacement for the crossing.",
    "Commuters will be sent across the northern bridge, which the council expects to carry twice its usual traffic this winter.",
    "The decision came after a report by the regional transport office warned that the beams had lost much of their strength.",
]


def _clean(text: str, path: str = "capture.txt"):
    config = Config.default()
    corpus = clean(load_text(text, config, source_path=path), config)
    assert not corpus.rejected, corpus.rejected
    return corpus.articles[0]


def _reasons(article):
    return {r.text: r.reason for r in article.removed}


def test_furniture_removed_with_reasons_and_body_kept():
    capture = "\n".join([
        "Daily Planet Online", "Skip to content", "Menu", "Search", "0:00 / 2:41", "Listen Live", "",
        "Old bridge closed after inspectors find rusted beams", "",
        "Updated March 4, 2026 at 10:05 AM ET", "",
        "By Clara Voss", "",
        "Workers inspect the underside of the old bridge on Wednesday.", "Jon Pike", "/", "Reuters",
        "Workers inspect the underside of the old bridge on Wednesday.", "",
        BODY[0], "", BODY[1], "", "Advertisement", "", BODY[2], "", BODY[3], "",
        "Share this article", "Facebook Twitter Email", "",
        "The Planet's Ana Reyes contributed to this report.", "",
        "Copyright © 2026 Daily Planet Media. All rights reserved.",
    ])
    article = _clean(capture)
    for paragraph in BODY:
        assert paragraph in article.text
    for junk in ("Skip to content", "Listen Live", "0:00", "Advertisement", "Reuters", "Jon Pike", "Facebook",
                 "Copyright", "Workers inspect", "By Clara Voss", "Updated March"):
        assert junk not in article.text, junk
    reasons = _reasons(article)
    assert reasons["Workers inspect the underside of the old bridge on Wednesday."] == "photo caption"
    assert reasons["Reuters"] == "photo credit"
    assert reasons["0:00 / 2:41"] == "media player"
    assert reasons["Copyright © 2026 Daily Planet Media. All rights reserved."] == "copyright line"
    assert article.title == "Old bridge closed after inspectors find rusted beams"
    assert article.published == "2026-03-04T10:05:00-05:00"
    assert article.authors == ["Clara Voss"]
    assert article.contributors == ["Ana Reyes"]
    assert article.outlet == "The Planet"


def test_gallery_player_signup_and_link_furniture_inside_the_body():
    """Widgets that innerText glues into one line (a gallery strip, a list of clips), sign-up and account
    boxes, labelled links and a caption that opens with its credit are removed between body paragraphs."""
    furniture = {
        "JUST WATCHED Bridge inspectors at work Replay More Videos ... MUST WATCH Bridge inspectors at work 01:12":
            "media player",
        "Photos: The old bridge Photos: The old bridge Rust on a main beam, photographed on Monday. Hide Caption 1 of 9 "
        "Photos: The old bridge Traffic on the crossing before the closure. Hide Caption 2 of 9": "media player",
        "Buy Photo Inspectors walk under the old bridge on Monday.": "media player",
        "Jon Pike/Getty Images Inspectors walk under the old bridge on Monday.": "photo caption",
        "Inspectors walk under the old bridge on Monday. | Jon Pike/AFP/Getty Images City Hall Council weighs a "
        "new crossing": "photo caption",
        "More info: http://bridges.example.org/": "labelled link to another article",
        "[RELATED: Council weighs a new crossing for the river]": "labelled link to another article",
        "RELATED | Ferry timetable for the closure": "labelled link to another article",
        "Harbor traders count the cost of the closure Read more": "labelled link to another article",
        "The mayor visits the bridge on Monday. | Jon Pike/Planet City Hall Council weighs a new crossing":
            "photo caption",
        "Sign up for the Morning Planet and get the day's news in your inbox. Email Sign Up By signing up you agree "
        "to receive email newsletters from the Planet. You can unsubscribe at any time and read our Terms of Service "
        "and Privacy Policy for how we handle your address and what we send you each morning of the week.":
            "promotion (newsletter, app, subscription)",
        "We have sent a confirmation email. Please check your email and click on the link to activate your account.":
            "promotion (newsletter, app, subscription)",
    }
    more = ["Engineers expect the replacement to take two years, and the council has asked the region for help with "
            "the cost of the new crossing.",
            "Shops on the river road said trade had already fallen since the bridge was closed, and asked the council "
            "for a plan to bring shoppers back to the street.",
            "The ferry company said it would add two boats on weekday mornings to carry the commuters who used "
            "the old bridge to reach the station."]
    lines = list(furniture)
    capture = "\n\n".join([BODY[0], BODY[1], *lines[:4], BODY[2], BODY[3], *lines[4:8], more[0], *lines[8:],
                            more[1], more[2]])
    article = _clean(capture)
    for paragraph in BODY + more:
        assert paragraph in article.text
    reasons = _reasons(article)
    for line, reason in furniture.items():
        assert reasons.get(line) == reason, line


def test_markdown_links_headings_and_broken_words():
    capture = "\n".join([
        f"{BODY[0]} See [the report](https://example.org/report) for details.", "",
        "## What happens next", "",
        BODY[1][:60].rstrip(), "", BODY[1][60:].lstrip(), "",
        "The engineers' recommen", "", "dation is expected in the spring, officials said, and the council will vote on it.",
        "", BODY[2],
    ])
    article = _clean(capture, "capture.md")
    assert "See the report for details." in article.text
    assert "https://example.org" not in article.text
    assert [article.span_text(h) for h in article.headings] == ["What happens next"]
    assert BODY[1] in article.text  # a sentence split across a paragraph break is one paragraph again
    assert "recommendation is expected" in article.text


def test_repeated_and_near_repeated_paragraphs_dropped():
    near = BODY[1].replace("at least six months", "a minimum of six months")
    capture = "\n\n".join([BODY[0], BODY[1], BODY[2], near, BODY[1], BODY[3]])
    article = _clean(capture)
    assert article.text.count("while engineers design a replacement") == 1
    assert sum(r.reason == "repeats an earlier paragraph" for r in article.removed) == 2
    assert BODY[3] in article.text


def test_wiki_talk_page_end_matter():
    capture = "\n\n".join([*BODY, "References:", "Talk:Old bridge closed",
                           "There is no user page with this exact title yet; type in the box below to start one.",
                           "© 2026 Some Wiki Foundation"])
    article = _clean(capture)
    assert article.text.endswith(BODY[3])
    assert {r.reason for r in article.removed} >= {"end matter after the article", "wiki or talk-page furniture"}


def test_html_capture_uses_page_structure_and_metadata():
    html = f"""<!DOCTYPE html><html><head><title>Bridge | Planet</title>
    <meta property="og:site_name" content="Daily Planet"><meta property="article:published_time" content="2026-03-04T10:05:00+00:00">
    <link rel="canonical" href="https://planet.example/bridge"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Old bridge closed</h1>{''.join(f'<p>{p}</p>' for p in BODY)}</article>
    <footer>&copy; 2026 Daily Planet</footer></body></html>"""
    article = _clean(html, "page.html")
    assert article.format == "html"
    assert all(p in article.text for p in BODY)
    assert "Home" not in article.text
    assert article.outlet == "Daily Planet"
    assert article.url == "https://planet.example/bridge"
    assert article.published == "2026-03-04T10:05:00+00:00"


def test_nothing_but_furniture_is_rejected():
    config = Config.default()
    corpus = clean(load_text("Home\nNews\nSport\nSign in\nCopyright 2026", config, source_path="menu.txt"), config)
    assert not corpus.articles
    assert corpus.rejected[0].code == "E201" and corpus.rejected[0].stage == "clean"


def test_the_first_sentence_starts_after_the_dateline():
    """A wire dateline stays in the text and the metadata, but no sentence (so no claim, quote or summary
    line) starts with it; a sentence that only looks like one ("NASA — the agency…" has no place) is kept."""
    text = "\n\n".join(["RIVERTON, Ore. (AP) — " + BODY[0], *BODY[1:]])
    article = _clean(text)
    assert article.dateline == "RIVERTON, Ore."
    assert article.text.startswith("RIVERTON, Ore. (AP) — ")
    assert article.span_text(article.sentences[0]) == BODY[0]
    assert [article.span_text(s) for s in article.sentences[1:]] == BODY[1:]
    plain = _clean("\n\n".join(BODY))
    assert plain.dateline is None and plain.span_text(plain.sentences[0]) == BODY[0]
    tight = _clean("\n\n".join(["WASHINGTON—" + BODY[0], *BODY[1:]]))  # some sites set the dash tight
    assert tight.dateline == "WASHINGTON" and tight.span_text(tight.sentences[0]) == BODY[0]
    hyphen = _clean("\n\n".join(["SOUTH-EAST" + "-" + BODY[0], *BODY[1:]]))  # a hyphen needs spaces
    assert hyphen.dateline is None
    agency = _clean("\n\n".join(["NASA — the agency said on Thursday that the launch would wait a week.", *BODY]))
    assert agency.dateline is None and agency.span_text(agency.sentences[0]).startswith("NASA — the agency")


def test_a_short_brief_in_english_is_kept():
    """A two-sentence police brief is mostly names and figures: under a third of its words are English
    function words, and it is too short to learn its own.  It is still English prose and must be kept."""
    brief = "\n".join([
        "Harbor City police arrest suspect in 1998 Dockside Diner killings",
        "Harbor City Police Chief Marta Quell announced Friday that 58-year-old Dale Orwin Pruett was arrested "
        "at 9:40 a.m. Friday and charged with two counts of first-degree murder .",
        "Detective Sgt. Owen Rusk said DNA evidence from the Dockside Diner on Route 9 led investigators to "
        "Pruett after 27 years .",
    ])
    article = _clean(brief)
    assert "Dale Orwin Pruett was arrested" in article.text
    assert "DNA evidence from the Dockside Diner" in article.text


def test_a_page_in_another_language_is_judged_by_its_own_function_words():
    paragraphs = [
        "Der Stadtrat hat am Donnerstag beschlossen, die alte Brücke über den Fluss zu schließen, nachdem "
        "Prüfer Rost an den Hauptträgern gefunden hatten.",
        "Die Bürgermeisterin sagte, die Sperrung werde mindestens sechs Monate dauern, während die Ingenieure "
        "einen Ersatz für die Brücke planen.",
        "Die Pendler sollen über die nördliche Brücke fahren, die nach Angaben der Stadt in diesem Winter den "
        "doppelten Verkehr tragen muss.",
        "Der Entscheidung ging ein Bericht des Verkehrsamts voraus, der vor dem Zustand der Träger und der "
        "Brücke gewarnt hatte.",
    ]
    page = "\n".join(["Startseite", "Nachrichten", "Sport", "", *["\n".join([p, ""]) for p in paragraphs],
                      "Teilen Sie diesen Artikel"])
    assert {"der", "die"} <= page_function_words(page)  # the page's own commonest words, not the English list
    article = _clean(page)
    for paragraph in paragraphs:
        assert paragraph in article.text
    assert "Startseite" not in article.text


def test_the_outlet_is_who_the_sites_own_copyright_notice_names():
    def outlet(*footer: str) -> str | None:
        capture = "\n".join(["Old bridge closed after inspectors find rusted beams", "",
                             "© Jon Pike / HARBOUR PHOTOS", "", *[f"{p}\n" for p in BODY], "Copyright Policy",
                             "Copyright and Reprints", *footer])
        return _clean(capture).outlet

    # a photo credit and a link label are no notice; the notice's name ends where the name does
    assert outlet("© 2026 Riverside Courier. All rights reserved.") == "Riverside Courier"
    assert outlet("Copyright © 2026, Quayside Media, Inc., Contact Us") == "Quayside Media"
    assert outlet("© 2026 Courier Broadcasting LLC. All Rights Reserved. A Division of Big Media") == \
        "Courier Broadcasting"
    assert outlet("copyright Riverside Courier 2026 - ISSN: 1234-5678") == "Riverside Courier"
    assert outlet("© 2026 Riverside News Network.Harbour Broadcasting System, Inc.All Rights Reserved.") == \
        "Riverside News Network"
    assert outlet("© Riverside.org 2003 - 2026 powered by Harbour Network") == "Riverside.org"
    # the footer's notice, not a syndicated article's credit above it; one reserving rights first
    assert outlet("Copyright © 2026 Wire Service.", "© 2000 - 2026 Riverside Courier (www.courier.example)") == \
        "Riverside Courier"
    assert outlet("Courier Sans ™ & © 2016 Type Foundry.", "© 2026 Riverside Courier. All Rights Reserved.") == \
        "Riverside Courier"
    # nothing a reader could take for the outlet: no name at all
    assert outlet() is None
    assert outlet("© 2026 Designed by Harbour Web Studio") is None


def test_the_publication_date_is_the_articles_not_the_sites_or_a_photos():
    """A site header's date of the day, a photo caption's date and a cookie notice's date are not when the
    article was published; a stamp that also states an update is still a stamp."""
    body = ["", BODY[0], "", BODY[1], "", BODY[2], "", BODY[3]]
    today = _clean("\n".join([
        "Daily Planet Online", "Wednesday, March 11, 2026", "Menu", "",
        "Old bridge closed after inspectors find rusted beams", "",
        "By Clara Voss", "March 4, 2026 10:05 AM ET", *body]))
    assert today.published == "2026-03-04T10:05:00-05:00"
    caption = _clean("\n".join([
        "Daily Planet Online", "Menu", "",
        "Old bridge closed after inspectors find rusted beams", "",
        "FILE - In this March 3, 2014 photo, workers inspect the underside of the old bridge.", "Jon Pike",
        "/", "Reuters", *body]))
    assert _reasons(caption)["Jon Pike"] == "photo credit"
    assert caption.published is None
    notice = _clean("\n".join([
        "We use cookies to improve your experience on our site and to show you relevant advertising. Our "
        "privacy policy has been updated and became effective May 23rd, 2018.", "Menu", "",
        "Old bridge closed after inspectors find rusted beams", *body]))
    assert notice.published is None
    both = _clean("\n".join([
        "Daily Planet Online", "Menu", "", "Old bridge closed after inspectors find rusted beams", "",
        "PUBLISHED: 10:48, Tue, Mar 3, 2026 | UPDATED: 11:05, Tue, Mar 3, 2026", *body]))
    assert _reasons(both)["PUBLISHED: 10:48, Tue, Mar 3, 2026 | UPDATED: 11:05, Tue, Mar 3, 2026"] == "timestamp"
    assert both.published.startswith("2026-03-03T10:48")


def test_a_video_players_text_run_into_one_line_is_removed():
    """A player's close button, controls, clip description and credit, run together as one line, are furniture;
    a sentence that opens with the word "Close", or that mentions a video provided by someone, is not."""
    player = ("CLOSE Skip in Skip x Embed x Share Engineers explain what the rust in the beams means for "
              "the bridge. Video provided by Planet Video")
    closing = "CLOSE Engineers explain what the rust in the beams means for the bridge. (March 4) Planet Video"
    kept = "Close to 300 residents came to the council meeting, and many of them asked for a ferry service."
    footage = "Surveillance video provided by the police shows the beams falling just after midnight."
    article = _clean("\n".join(["Old bridge closed after inspectors find rusted beams", "", player, "", closing,
                                "", BODY[0], "", kept, "", footage, "", BODY[1], "", BODY[2], "", BODY[3]]))
    reasons = _reasons(article)
    assert reasons[player] == reasons[closing] == "media player"
    assert kept in article.text and footage in article.text
    assert "CLOSE" not in article.text and "Skip in" not in article.text


def test_what_a_page_shows_when_its_player_script_cannot_run_is_furniture_and_no_title():
    notices = ["Please enable Javascript to watch this video", "JavaScript is disabled",
               "You need to enable JavaScript to listen to this clip", "Your browser does not support the video tag."]
    kept = "The council said the script for the ferry timetable would be published online on Friday."
    article = _clean("\n".join([notices[0], "", BODY[0], "", notices[1], "", notices[2], "", BODY[1], "", kept, "",
                                notices[3], "", BODY[2], "", BODY[3]]))
    reasons = _reasons(article)
    assert all(reasons[n] == "media player" for n in notices)
    assert article.title != notices[0] and kept in article.text
    assert "avascript" not in article.text


def test_a_publications_name_above_the_text_is_no_headline():
    for masthead in ("Harbor Law Record", "The Daily Planet News"):
        article = _clean("\n".join([masthead, "", BODY[0], "", BODY[1], "", BODY[2], "", BODY[3]]))
        assert article.title != masthead
    headline = "Old bridge closed after inspectors find rusted beams"
    article = _clean("\n".join(["Harbor Law Record", "", headline, "", BODY[0], "", BODY[1], "", BODY[2]]))
    assert article.title == headline


def test_a_caption_credited_in_parentheses_and_a_bracketed_link_are_furniture():
    caption = "Inspectors walk under the old bridge on Wednesday. (Jon Pike/The Daily Planet)"
    link = "[Mayor responds after the vote: 'We had no choice. The beams were gone.']"
    article = _clean("\n".join([caption, "", BODY[0], "", link, "", BODY[1], "", BODY[2], "", BODY[3]]))
    reasons = _reasons(article)
    assert reasons[caption] == "photo caption" and reasons[link] == "labelled link to another article"
    assert article.title != caption and all(paragraph in article.text for paragraph in BODY)
    credited = ["One of the buildings the ring used, in Accra. (Harbour Department of Works photo)",
                "The new span at dawn (Photo by Jon Pike)", "(Courtesy photo)"]
    article = _clean("\n\n".join([BODY[0], credited[0], BODY[1], credited[1], BODY[2], credited[2], BODY[3]]))
    reasons = _reasons(article)
    assert all(reasons[line] == "photo caption" for line in credited), reasons
    assert all(paragraph in article.text for paragraph in BODY)


def test_a_sentence_about_a_picture_is_a_caption_and_a_paragraph_that_goes_on_is_not():
    captions = ["This undated photo provided by the council shows the rusted beams under the old bridge.",
                "In this March 3, 2026, file photo, Mayor Lena Ortiz speaks to reporters at the U.S. Capitol.",
                "A file image from the inspection drone shows cracks along the main span."]
    story = ("A photo released by the council shows the rust. Inspectors said it had spread for years, "
             "and engineers now doubt the beams can be saved.")
    lines = [BODY[0], "", captions[0], "", BODY[1], "", captions[1], "", BODY[2], "", captions[2], "", story, "",
             BODY[3]]
    article = _clean("\n".join(lines))
    reasons = _reasons(article)
    assert [reasons.get(c) for c in captions] == ["photo caption"] * 3
    assert story in article.text and all(paragraph in article.text for paragraph in BODY)
    assert not about_a_picture("In a photo posted online, the mayor shows off the new span.")
    assert about_a_picture("Lena Ortiz, in this photograph provided by the council, is seen at the bridge.")
    assert about_a_picture("Mayor Lena Ortiz (C) speaks with engineers (L) at the bridge, March 3, 2026.")
    assert about_a_picture("General view of the closed bridge, March 3, 2026.")
    assert not about_a_picture("Sen. Jon Pike (R) said the repairs would be paid for by the state.")  # a party
    assert not about_a_picture("A new study shows that photos of bridges draw readers.")


def test_a_wire_pictures_caption_is_told_by_its_closing_date_or_who_stands_where():
    assert about_a_picture("Commuters wait for a ferry at the east pier in Harwick, Thursday, Dec. 20, 2012.")
    assert about_a_picture("Diesel is pumped into a lorry at a depot outside Harwick on Dec. 6, 2007.")
    assert about_a_picture("Mayor Lena Ortiz speaks at the reopening of the bridge in Harwick on March 3, 2026.")
    assert about_a_picture("Mayor Lena Ortiz, center, and engineers walk along the closed span.")
    # news prose dates events in the past tense, or plans for a day to come; "left, or right" is no place
    assert not about_a_picture("The council voted to close the bridge on March 3, 2026.")
    assert not about_a_picture("The verdict is expected on March 3, 2026.")
    assert not about_a_picture("The span will reopen on Monday, and tolls return on March 3, 2026.")
    assert not about_a_picture("No link was found between age, left, or right handedness and the outcome.")


def test_agency_first_credit_highlights_box_and_an_embedded_posts_address():
    caption = "The mayor (second from left) listens to the engineers. REUTERS/Jon Pike"
    highlights = "Story highlights The old bridge closes for at least six months The beams have rusted"
    embed = "https://twitter.com/someone/status/1234567890"
    article = _clean("\n".join([caption, "", highlights, "", BODY[0], "", BODY[1], "", BODY[2], "", embed, "",
                                 BODY[3]]))
    reasons = _reasons(article)
    assert reasons[caption] == "photo caption" and reasons[highlights].startswith("highlights box")
    poll = "Support for the bridge plan fell sharply this month. Reuters/Ipsos polled adults online."
    assert furniture_reason(Line(1, poll, poll)) is None  # a poll's name, then words in lower case: body text
    assert article.title not in (caption, highlights)
    assert article.url is None and article.outlet != "twitter.com"  # a tweet's address is not the capture's
    header = "Follow us https://twitter.com/someone"
    article = _clean("\n".join([header, "", BODY[0], "", BODY[1], "", BODY[2], "", BODY[3]]))
    assert article.url is None and article.outlet != "twitter.com"
    assert all(paragraph in article.text for paragraph in BODY)


def test_a_follow_this_topic_box_is_a_promotion():
    box = ("Interested in bridges? Add as an interest to stay up to date on the latest news, video, and analysis "
           "from Planet News. Add Interest")
    article = _clean("\n".join([BODY[0], "", box, "", BODY[1], "", BODY[2], "", BODY[3]]))
    assert _reasons(article)[box] == "promotion (newsletter, app, subscription)"


def test_a_sentence_about_copyright_is_text_and_a_notice_is_not():
    """A story about a copyright suit writes the word in its sentences; only a notice is furniture (and only a
    notice names the outlet)."""
    about = ["The studio also asserts a copyright in the designs of its ships, citing a 2015 ruling that held that a "
             "car was a character and subject to copyright restrictions.",
             "Lawyers for the fans argue that a language is a system, and that no copyright can cover one."]
    notices = ["Image copyright Harbour Images Image caption The old bridge at dawn", "Copyright 2024 Daily Planet",
               "Copyright Policy"]
    article = _clean("\n\n".join([BODY[0], about[0], BODY[1], about[1], BODY[2], BODY[3], *notices]))
    reasons = _reasons(article)
    assert all(sentence in article.text for sentence in about)
    assert all(reasons.get(line) == "copyright line" for line in notices), reasons
    assert article.outlet == "Daily Planet"


def test_a_line_with_a_web_address_or_no_word_of_the_text_is_no_headline():
    share = "Message: A friend wanted you to see this story about the old bridge from planet.example: http://pl.an/9x"
    article = _clean("\n".join([share, "", BODY[0], "", BODY[1], "", BODY[2], "", BODY[3]]))
    assert article.title != share.strip()
    form = "You must type the letters shown in colour that stand out from the others"
    article = _clean("\n".join([form, "", BODY[0], "", BODY[1], "", BODY[2], "", BODY[3]]))
    assert article.title is None
    headline = "Old bridge closed after inspectors find rusted beams"
    article = _clean("\n".join([share, "", headline, "", BODY[0], "", BODY[1], "", BODY[2]]))
    assert article.title == headline
