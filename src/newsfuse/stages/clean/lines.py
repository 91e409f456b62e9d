"""Capture lines and the rules that tell page furniture from article text.

The vocabulary here is generic furniture vocabulary (what share bars, players, menus, wikis and
copyright footers say on any site), never an outlet's own phrases.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ...nlp.dates import find_datetime
from ...nlp.sentences import split_spans
from ...nlp.words import STOPWORDS, WORD

# Reasons recorded for removed lines: short, stable, readable.
TITLE = "title"
HEADLINE = "headline or standfirst before the article body"
NAVIGATION = "navigation"
PLAYER = "media player"
SHARE = "share buttons"
COPYRIGHT = "copyright line"
STATUS = "status marker"
CREDIT = "photo credit"
CAPTION = "photo caption"
BYLINE = "byline"
CONTRIBUTORS = "contributor credit"
TIMESTAMP = "timestamp"
WIKI = "wiki or talk-page furniture"
END_MATTER = "end matter after the article"
HEADER = "page header before the article body"
FOOTER = "page footer after the article body"
STRAY = "stray short line inside the body"
SOURCE_LINK = "source link"
RULE = "horizontal rule"
REPEATED = "repeats an earlier paragraph"
EMPTY_MARKUP = "markup without text"
TEASER = "teaser of another article"
SITE = "site furniture: recurs across this outlet's other captures"
PROMO = "promotion (newsletter, app, subscription)"
LINK = "labelled link to another article"
RELATED = "link under a related-articles heading"
HIGHLIGHTS = "highlights box (the article's points in brief, ahead of it)"

_SHARE_WORDS = frozenset("""share shares tweet tweets pin email e-mail facebook twitter x whatsapp linkedin reddit print
copy link messenger telegram pinterest flipboard comment comments save sms mail tumblr this story article
on via with""".split())
_PLAYER = re.compile(
    r"^(?:\d{1,2}:\d{2}(?:\s*/?\s*\d{1,2}:\d{2})*|play(?:\s+live)?(?:\s+radio|\s+video|\s+audio)?|pause|mute|unmute|"
    r"listen(?:\s+live|\s+now|\s+to\s+this\s+(?:article|story))?(?:\s*[·•-]\s*\d+:\d{2})?|now playing|next up:?|"
    r"watch(?:\s+live|\s+now|\s+video)?|media playback is unsupported.*|media caption.*|video caption.*|"
    r"available on air stations|live radio|on air now|closed captions?|fullscreen|volume|"
    r"\d+\s*(?:min|minute)s?\s+(?:listen|watch|read))$", re.I)
_STATUS = re.compile(
    r"^\W*(?:developing(?:\s+story)?|breaking(?:\s+news)?|update[ds]?|live(?:\s+updates)?|exclusive|advertisement|"
    r"sponsored(?:\s+content)?|loading(?:\.\.\.|…)?|ad|promoted|story continues below(?: advertisement)?|"
    r"continue reading(?: below)?|scroll to continue.*)\W*$", re.I)
_STATUS_SENTENCE = re.compile(
    r"^(?:this (?:is a )?(?:developing|breaking) (?:news )?story\b.*|this story (?:is developing|has been updated|"
    r"will be updated)\b.*|check back (?:soon|later) for (?:more|updates).*|please check back.*)$", re.I)
_NAV = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation|search)|go back|back to top|menu|close(?: menu)?|open menu|search|"
    r"sign (?:in|up|out)|log ?(?:in|out)|register|subscribe(?: now| today)?|newsletters?|home(?:page)?|"
    r"read more|more stories|related(?: stories| articles| topics| coverage| content| links)?:?|most (?:read|popular|viewed)|"
    r"trending(?: now| news)?:?|top stories|latest(?: news| stories| videos)?|see (?:all|more)|show more|load more|"
    r"next(?: story| article)?|previous(?: story| article)?|accessibility(?: help)?|contact us|about us|"
    r"terms(?: of (?:use|service))?|privacy(?: policy)?|cookie(?:s)?(?: policy| settings)?|accept(?: all)?(?: cookies)?|"
    r"advertise(?: with us)?|site ?map|help|faq|careers|topics?:?|tags?:?|categories:?|sections?|"
    r"follow us(?: on \w+)?|get the app|download the app|donate|support us|view comments|comments|"
    r"leave a (?:comment|reply)|reply|print(?: this)?(?: article| page)?|click here.*|you may also like:?|"
    r"recommended(?: for you)?:?|more from [\w ]{1,30}|in other news|don't miss|editor'?s picks?)$",
    re.I,
)
_RIGHTS_MARK = r"©|\(c\)\s*(?:19|20)\d\d|all rights reserved"  # a notice's mark, whatever words stand beside it
_COPYRIGHT = re.compile(rf"{_RIGHTS_MARK}|\bcopyright\b", re.I)
# What makes a line that names copyright a notice rather than a sentence about it ("Paramount asserts a copyright in
# the designs of Klingon ships"): a mark, a year or a reservation of rights beside the word, a picture's credit
# ("Image copyright Getty Images"), the word opening the line, or a line too short to be a sentence.
_NOTICE = re.compile(rf"{_RIGHTS_MARK}|\bcopyright\s*(?:©|\(c\)|(?:19|20)\d\d)|"
                     r"\b(?:image|photo|picture|video|media)\s+copyright\b|\bcopyright\s+protected\b|"
                     r"\bcredit\s*:\s*copyright\b|^\W*copyright\b", re.I)
_NOTICE_WORDS = 8
_AGENCIES = (r"getty(?: images)?|ap(?: photo)?|associated press|reuters|afp|epa(?:-efe)?|shutterstock|alamy|pa(?: media| wire)?|"
             r"ansa|xinhua|bloomberg|nurphoto|sipa(?: usa)?|zuma(?: press)?|anadolu|tass|sputnik|imago|dpa|efe|"
             r"istock(?:photo)?|corbis|rex(?: features)?|abaca|polaris|cnp|upi|picture alliance|wire ?image")
_CREDIT = re.compile(
    rf"^(?:(?:photo|image|picture|video|graphic|illustration)s?(?:\s+credit)?\s*[:|]\s*.*|"
    rf"\(?(?:image|photo|picture)(?:\s+credit)?\s*:\s*[^)]*\)?|"
    rf"(?:[\w.'’\- ]{{1,40}}\s*/\s*)?(?:{_AGENCIES})(?:\s+(?:via|for)\s+[\w ]{{1,30}})?|"
    rf"courtesy(?: of)? .{{1,60}}|/)$", re.I)
# A credit naming a photographer and who they work for ("Jane Roe/The Daily Times/Getty Images").
_NAME_CREDIT = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*/\s*(?:[A-Z][\w&.'’-]*\s*)+"
                          r"(?:/\s*(?:[A-Z][\w&.'’-]*\s*)+)*$")
# A caption that ends with its credit glued on ("... on July 25, 2019.Jane Roe / AP file"), or an
# agency in parentheses closing a caption ("... in Nogales, Ariz. (AP)").
_GLUED_CREDIT = re.compile(rf"[.!?)][A-Z][\w.'’\- ]{{1,40}}\s*/\s*(?:{_AGENCIES})(?:\s+(?:file|photo|images?))?$|"
                           rf"\((?:{_AGENCIES})(?:\s+photo)?\)$|"
                           # the agency first, its photographer after the slash ("... he heard. AGENCY/Jane Roe")
                           rf"[.!?)]\s+(?:{_AGENCIES})\s*/\s*(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})$", re.I)
# ... or a photographer and their outlet in parentheses closing it ("... at the stadium. (Jane Roe/The Daily Times)").
_PAREN_NAME_CREDIT = re.compile(r"\((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*\s*/\s*[A-Z][\w&.'’ /-]{1,50}\)$")
# ... or whoever took or gave the picture named in parentheses closing it ("... in Accra, Ghana. (U.S. Department of
# State photo)", "(Photo by Jane Roe)", "(Courtesy photo)").
_PAREN_PHOTO_CREDIT = re.compile(r"\((?:[\w.'’&-]+\s+){1,6}(?:file\s+)?(?:photo|photograph|picture|image)s?\)$|"
                                 r"\((?:photo|picture|image)s?\s+(?:by|courtesy(?:\s+of)?)\s+[^()]{1,60}\)$", re.I)
# A paragraph wholly in square brackets: a link to another article set in the text ("[Mayor responds: ...]").
_BRACKETED = re.compile(r"^\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\]$")
# ... or that opens with it, an agency after a slash ("AFP/Getty Images NBA Finals MVP LeBron James ...").
_LEADING_CREDIT = re.compile(rf"^[\w.'’\- ]{{1,40}}/\s*(?:{_AGENCIES})\s+[A-Z]", re.I)
# ... or that carries it after a bar, the headline it illustrates following ("... gunman. | Jane Roe/Getty Images
# Trump uses ...").
_PIPED_CREDIT = re.compile(rf"\s\|\s*(?:[\w.'’\- ]{{1,40}}/\s*(?i:{_AGENCIES})\b|"
                           r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*\s*/\s*[A-Z])")
# Boxes that sell something to the reader: newsletters, apps, subscriptions.  Generic vocabulary only.
_PROMO = re.compile(r"\bnewsletters?\b|\bsubscri(?:be|ption)\b|\bunsubscribe\b|\binbox\b|\bsign(?:ing)? up\b|"
                    r"\bclick (?:here|to|on the link)\b|\bget the (?:\w+ )?app\b|\bdownload (?:the|our) (?:\w+ )?app\b|"
                    r"\bfollow (?:us|him|her|them) on\b|\bjoin our\b|"
                    r"\b(?:activate|verify|create) (?:your|an) account\b|\bconfirmation e-?mail\b|\bfor registering\b|"
                    r"\bregistration information\b|\bstay up to date\b|\badd (?:\w+ )?as an interest\b|"
                    r"\bterms of (?:service|use)\b|\bprivacy policy\b", re.I)
_PROMO_BOX = 3  # promotion phrases that make a longer line a promotion box too ("Sign up ... inbox ... unsubscribe")
# ... and that speak to the reader (a pronoun, or an imperative first word), unlike a news sentence that
# mentions a subscription.
_ADDRESSES_READER = re.compile(r"\b(?:you|your|our|we|us)\b|^\W*(?:sign|subscribe|get|join|download|click|follow|enter|"
                               r"see|want|need|try|register|never|don'?t|stay|keep|receive|add|interested)\b", re.I)
# A link to another article set off by its label ("Related: ...", "SEE MORE: ...").
_LINK_LABEL = re.compile(r"^[\[(]?(?:related(?: post| story| article| video)?|see (?:more|also)|read (?:more|also)|"
                         r"also read|more(?: info(?:rmation)?)?|watch|listen|recommended|further reading)"
                         r"\s*[:>»|]\s*\S", re.I)
# A teaser that ends in its link's label ("Chinese tourists gawk at ... Read more").
_READ_MORE = re.compile(r"\s(?:read more|continue reading|full story)\W*$", re.I)
# A short label and a bare address ("More info: http://example.com/", "Website: www.example.org").
_LABELLED_URL = re.compile(r"^[\w ]{1,40}:\s*(?:https?://|www\.)\S+$", re.I)
# Gallery and video-player furniture glued to a caption or a list of clips: generic widget wording.
# Any length: a gallery's or a player's whole strip is one line of innerText, captions and all.
_WIDGET = re.compile(r"\bhide caption \d+ of \d+\b|\b\d+ of \d+ (?:photos|images)\b|\breplay more videos\b|"
                     r"\bfull screen autoplay\b|^\W*just watched\b", re.I)
# What a page shows in place of a player, a feed or comments when its script cannot run ("Please enable JavaScript to
# watch this video", "JavaScript is disabled", "Your browser does not support the video tag").
_NO_SCRIPT = re.compile(r"\b(?:enable|turn on|activate|allow)\s+javascript\b|\bjavascript\s+(?:is\s+)?(?:disabled|"
                        r"turned off|required|must be enabled)\b|\byour browser (?:does not|doesn['’]t|cannot|can['’]t) "
                        r"(?:support|play|display)\b", re.I)
_WIDGET_START = re.compile(r"^\W*(?:hide caption|buy photo)\b", re.I)  # a caption under its gallery buttons
# A video player's text run together: its close button, its controls, then the clip's description and credit
# ("CLOSE Skip in Skip x Embed x Share Police said on Tuesday ... Video provided by Newsy Newslook").
_CLOSE_BUTTON = re.compile(r"^CLOSE\s+(?=[A-Z\"“‘'])")  # in capitals, as the button shows it
_PLAYER_INSIDE = re.compile(r"\bskip in skip x embed x share\b", re.I)
_VIDEO_CREDIT_END = re.compile(r"\bVideo provided by (?:[A-Z][\w&.'’-]*\s*){1,4}$")  # not "the video provided by police"
# A "Story highlights" box run into one line: the article's own points, told again in the body.
_HIGHLIGHTS = re.compile(r"^story highlights\b", re.I)
_CAPTION_PREFIX = re.compile(r"^(?:image caption|photo caption|caption|pictured|above|top|file photo)\s*[:\-–]?\s*\S", re.I)
# A caption written as one sentence about its picture: "This undated photo provided by the family shows ...",
# "A file image from the probe shows ...", or "In this March 3, 2019, file photo, ..." (a picture is its subject).
_PICTURE = (r"(?:photo|photos|photograph|image|images|picture|video\s+(?:still|image|grab)|screen\s*(?:shot|grab)|"
            r"frame\s+grab)")
_PICTURE_SHOWS = re.compile(rf"^(?:this|these|a|an)\s+(?:[\w.,-]+\s+){{0,6}}?{_PICTURE}\b.*\bshows?\b", re.I)
_IN_THIS_PICTURE = re.compile(rf"^in\s+(?:this|these)\s+(?:[\w.,-]+\s+){{0,6}}?{_PICTURE}\b[^,]{{0,60}},", re.I)
# ... or set inside the sentence: "Jane Roe, in this photograph provided by the city, is seen at ..."
_IN_THIS_PICTURE_INSIDE = re.compile(rf",\s+in\s+(?:this|these)\s+(?:[\w.,-]+\s+){{0,4}}?{_PICTURE}\b", re.I)
# ... or who stands where in it: "(L)", "(2nd R)", "(centre)" ("(R)" alone may be a senator's party), or a
# "General view of" the scene.
_PLACED = re.compile(r"\(((?:\d(?:st|nd|rd|th)\s+)?(?:L|C|R|left|right|cent(?:er|re)|front|back))\)")
_GENERAL_VIEW = re.compile(r"^(?:a\s+)?general\s+view\s+of\b", re.I)
# ... or a wire picture's caption: who does what where, then the day the picture was taken, at the very end:
# "A child looks at the flowers in London, Monday, June 5, 2017." (news prose dates an event "on Monday" or "on
# June 5"; a weekday, a date and a year closing the sentence is a caption's form), or "on June 5, 2017." after a
# verb in the present a caption describes its picture with ("Fuel is pumped into a car ...", "Kanan speaks ...",
# not "the verdict is expected on ..."); or where someone stands in it, set off by commas ("Ann Lee, center, ...").
_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
          r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WEEKDAY_DATE_END = re.compile(rf"\s(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+{_MONTH}\s+\d{{1,2}},\s+"
                               r"(?:1[89]|20)\d\d\.?\s*$")
_DATE_END = re.compile(rf"\son\s+{_MONTH}\s+\d{{1,2}},\s+(?:1[89]|20)\d\d\.?\s*$")
_PICTURED_VERB = re.compile(
    r"\b(?:is|are)\s+(?!(?:expected|scheduled|set|due|slated|planned|supposed|required|needed|allowed|"
    r"believed|thought|said|reported|accused|charged|alleged)\b)(?:being\s+)?[a-z]+(?:ed|en|wn)\b|"
    r"\b(?:speaks|performs|gestures|poses|walks|waves|attends|looks|stands|sits|holds|listens|smiles|"
    r"talks|reacts|prays|greets|shakes|watches|rides|marches|celebrates|cheers|"
    r"burns|kneels|weeps|hugs|embraces|speak|stand|sit|pray|walk|"
    r"march|wait|gather|watch|look|pose|react|listen|cheer|celebrate|mourn|peer|wave)\b")
_PLACED_INLINE = re.compile(r"\w,\s+(?:left|right|cent(?:er|re)|front|second\s+(?:from\s+)?(?:left|right))\s*,\s+(?!or\b)")
_BYLINE = re.compile(r"^(?:by|written by|words by|reporting by|story by)\s+[A-Z][\w.'’\-]+", re.I)
_STAFF = re.compile(r"^[A-Z][\w.&'’ -]{0,40}\s+(?i:staff|staff writers?|wire services?|newsroom|editorial board|desk)$")
_CONTRIBUTORS = re.compile(
    r"(?:contributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article))|contributed\.?\)?$|"
    r"^(?:additional\s+)?reporting\s+by\b|^editing\s+by\b|^writing\s+by\b|^compiled\s+by\b)", re.I)
_TIMESTAMP_WORDS = frozenset("""posted updated published modified last on at by et est edt pt pst gmt utc bst cet
am pm a.m p.m date time first | · - – — / : , (""".split())
_WIKI = re.compile(
    r"^(?:talk|user|user talk|wikipedia|file|category|categories|template|special|help|portal|draft):|"
    r"\buser ?page\b|\bwall page\b|\btalk page\b|\bview source\b|\bpage content\b|\bedit (?:this )?page\b|"
    r"\bretrieved from\b|\bthis page was last (?:edited|modified)\b|\bpreview the page\b|\bjump to (?:navigation|search)\b|"
    r"^\[?edit\]?$|^\(?(?:citation needed|edit source)\)?$",
    re.I,
)
_END_MARKER = re.compile(
    r"^(?:references|external links|see also|further reading|notes|footnotes|bibliography|talk:.*)\s*:?$", re.I)
# Where readers' comments begin: generic wording of comment sections, not any site's.
_COMMENTS_MARKER = re.compile(
    r"^\W*(?:\d+\s+(?:comments?|responses?|replies)|(?:top rated |reader |readers'? |user |latest )?comments"
    r"(?:\s*\(\d+\))?|leave a (?:comment|reply)|add a comment|post a comment|join the (?:conversation|discussion)|"
    r"\d+\s+(?:thoughts|responses?) (?:on|to) .*|what do you think\??|comments are closed\.?|"
    r"show comments|view comments|discuss this (?:article|story))\W*$", re.I)
_HRULE = re.compile(r"^(?:[-*_=]\s*){3,}$")
_URL = re.compile(r"^(?:<)?https?://\S+(?:>)?$")
_TERMINAL = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$|[\"”’」』]$")
# Scripts written without spaces between words: a run of them is one \w+ token however long.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")


@dataclass
class Line:
    """One non-blank line of a capture, with what the rules made of it."""

    number: int              # 1-based line number in the decoded input
    text: str                # the line with Markdown markup turned into plain text
    raw: str                 # the line as it was (stripped)
    blank_before: bool = False
    heading_markup: bool = False
    links: list[str] = field(default_factory=list)
    reason: str | None = None  # set when the line is furniture
    heading: bool = False
    function_words: frozenset[str] = STOPWORDS  # the page's function words (see ``page_function_words``)
    cells: int = 1           # tab-separated cells: innerText lays a table row out as cells joined by tabs

    @cached_property
    def word_count(self) -> int:
        """Words, counting two characters of an unspaced script (Chinese, Japanese, Thai) as one word."""
        unspaced = len(UNSPACED.findall(self.text))
        if not unspaced:
            return len(WORD.findall(self.text))
        return len(WORD.findall(UNSPACED.sub(" ", self.text))) + unspaced // 2

    @cached_property
    def stop_ratio(self) -> float:
        """Share of the line's words that are function words of the page's language."""
        tokens = [t.lower() for t in WORD.findall(self.text)]
        if not tokens:
            return 0.0
        if UNSPACED.search(self.text):  # no word boundaries to count on: sentence punctuation stands in
            return 0.3 if re.search(r"[。、，！？]", self.text) else 0.0
        return sum(t in self.function_words for t in tokens) / len(tokens)

    @cached_property
    def terminal(self) -> bool:
        return bool(_TERMINAL.search(self.text))

    @cached_property
    def prose(self) -> bool:
        """Reads like a paragraph of an article: long enough, punctuated, full of function words."""
        n = self.word_count
        if n >= 12 and self.terminal and self.stop_ratio >= 0.2:
            return True
        return n >= 25 and self.stop_ratio >= 0.25


def page_function_words(text: str) -> frozenset[str]:
    """The function words to judge a page's lines by.

    English pages use the English list.  Otherwise the page's own most frequent short words stand in: in any
    language written with spaces the commonest words of a text are its function words (articles, prepositions,
    conjunctions), so prose in German, Portuguese or Indonesian is recognised without a list per language.
    """
    counts = Counter(t.lower() for t in WORD.findall(text) if not t.isdigit() and not UNSPACED.search(t))
    common = counts.most_common(40)
    total = sum(n for _, n in common)
    english = sum(n for w, n in common if w in STOPWORDS) / total if total else 1.0
    if english >= _ENGLISH_SHARE:
        return STOPWORDS
    own = frozenset(w for w, n in common[:30] if len(w) <= 5 and n >= 3)
    if len(own) < _OWN_WORDS and english >= _ENGLISH_SHARE_SHORT:
        # too short a text for its own commonest words to be its function words ("The police announced
        # Friday they made an arrest in a 41-year-old case."): English prose still shows in the list
        return STOPWORDS
    return own


_ENGLISH_SHARE = 0.3         # English function words among a page's commonest words: an English page
_ENGLISH_SHARE_SHORT = 0.12  # ... enough in a short text (German or Portuguese pages give 0.05-0.08)
_OWN_WORDS = 8               # fewer short words used three or more times: too short a text to learn from


def furniture_reason(line: Line) -> str | None:
    """The reason a single line is page furniture, judged on the line alone; ``None`` when it may be text."""
    text = line.text.strip()
    lowered = text.lower()
    words = line.word_count
    if text == "/":  # the separator between a photographer and an agency
        return CREDIT
    if not text or not WORD.search(text):
        return EMPTY_MARKUP if line.raw.strip() and not _HRULE.match(line.raw.strip()) else (RULE if line.raw.strip() else None)
    if _HRULE.match(text):
        return RULE
    if _COPYRIGHT.search(text) and words <= 40 and (words <= _NOTICE_WORDS or _NOTICE.search(text)):
        return COPYRIGHT
    if _PLAYER.match(text):
        return PLAYER
    if _STATUS.match(text) or (_STATUS_SENTENCE.match(text) and words <= 25):
        return STATUS
    if _WIKI.search(text):
        return WIKI
    if words <= 6 and _NAV.match(text.rstrip(" :›»>|")):
        return NAVIGATION
    tokens = [t.lower() for t in WORD.findall(text)]
    if tokens and words <= 12 and all(t in _SHARE_WORDS for t in tokens) and any(
            t in ("share", "tweet", "facebook", "twitter", "email", "pin", "whatsapp", "linkedin") for t in tokens):
        return SHARE
    if words <= 8 and (_CREDIT.match(text) or _NAME_CREDIT.match(text)):
        return CREDIT
    if words <= 60 and (_GLUED_CREDIT.search(text) or _LEADING_CREDIT.match(text) or _PIPED_CREDIT.search(text)
                        or _PAREN_NAME_CREDIT.search(text) or _PAREN_PHOTO_CREDIT.search(text)):
        return CAPTION
    if words <= 60 and _BRACKETED.match(text):
        return LINK
    if (words <= 30 and _PROMO.search(text) or words <= 80 and len(_PROMO.findall(text)) >= _PROMO_BOX) \
            and _ADDRESSES_READER.search(text) and not _quoted(text):
        return PROMO
    if words <= 25 and (_LINK_LABEL.match(text) or _READ_MORE.search(text)):
        return LINK
    if words <= 8 and _LABELLED_URL.match(text):
        return SOURCE_LINK
    if _WIDGET.search(text) or words <= 80 and _WIDGET_START.match(text) or words <= 16 and _NO_SCRIPT.search(text):
        return PLAYER
    if words <= 80 and (_CLOSE_BUTTON.match(text) or _PLAYER_INSIDE.search(text) or _VIDEO_CREDIT_END.search(text)):
        return PLAYER
    if _CAPTION_PREFIX.match(text) and words <= 60:
        return CAPTION
    if _HIGHLIGHTS.match(text) and words <= 120:
        return HIGHLIGHTS
    if words <= 50 and about_a_picture(text) and len(split_spans(text)) == 1:
        return CAPTION  # one sentence: a paragraph that goes on is body text
    if (words <= 10 or words <= 25 and find_datetime(text)) and (_BYLINE.match(text) or _STAFF.match(text)):
        return BYLINE
    if words <= 60 and _CONTRIBUTORS.search(text) and not _quoted(text):
        return CONTRIBUTORS
    if _URL.match(text):
        return SOURCE_LINK
    if is_timestamp(text):
        return TIMESTAMP
    return None


def about_a_picture(text: str) -> bool:
    """Whether a sentence describes a picture rather than the news ("This undated photo provided by the family
    shows ...", "In this May 3, 2015, photo, ...", "Jane Roe, in this photo provided by ..., is seen", "Jane
    Roe (L) speaks with ...", "Jane Roe, center, speaks ...", "... in Rome, Friday, Oct. 14, 2011."): a caption,
    even when glued to a paragraph."""
    marks = _PLACED.findall(text)
    placed = len(marks) >= 2 or any(mark != "R" for mark in marks)
    return bool(_PICTURE_SHOWS.match(text) or _IN_THIS_PICTURE.match(text) or _IN_THIS_PICTURE_INSIDE.search(text)
                or placed or _GENERAL_VIEW.match(text) or _PLACED_INLINE.search(text) or _dated_picture(text)) \
        and not _quoted(text)


def _dated_picture(text: str) -> bool:
    """A wire picture's caption closed by the day it was taken (see _WEEKDAY_DATE_END), after a scene of six
    words or more: a shorter line is a page's timestamp ("Published 11:26 pm EST, Tuesday, November 19, 2019")."""
    match = _WEEKDAY_DATE_END.search(text)
    if match is None and _PICTURED_VERB.search(text):
        match = _DATE_END.search(text)
    return match is not None and len(text[:match.start()].split()) >= 6


def _quoted(text: str) -> bool:
    return any(ch in text for ch in "\"“”")


def is_timestamp(text: str) -> bool:
    """Whether a line or a sentence is only a page's timestamp ("(Published Saturday, Sept. 29, 2018)"),
    wherever the capture left it: its own line, or the end of a paragraph."""
    return len(text.split()) <= 24 and _is_timestamp(text)


def _is_timestamp(text: str) -> bool:
    if not any(ch.isdigit() for ch in text):  # every timestamp shape has a day, a year or a time in figures
        return False
    found = find_datetime(text)
    if not found:
        return False
    rest = text
    for _ in range(3):  # a stamp may state two moments ("Published: 10:48, Tue, Nov 19 | Updated: 11:05, ...")
        start, end = found[1]
        rest = rest[:start] + " " + rest[end:]
        found = find_datetime(rest)
        if not found:
            break
    rest = rest.lower()
    leftover = [t for t in re.findall(r"[a-z.]+|[|·/:,(–—-]", rest) if t.strip(".")]
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return all(t in _TIMESTAMP_WORDS or t in weekdays or t.rstrip(".") in _TIMESTAMP_WORDS for t in leftover)


def is_end_marker(line: Line) -> bool:
    return bool(_END_MARKER.match(line.text.strip()))


def is_comments_marker(line: Line) -> bool:
    text = line.text.strip()
    return (line.word_count <= 8 or bool(re.match(r"\d+\s+(?:thoughts|responses?|comments?) (?:on|to)\b", text))) \
        and bool(_COMMENTS_MARKER.match(text))


_CLOSERS = "\"'”’»)]"


def is_heading_shaped(line: Line) -> bool:
    """Short, unpunctuated, capitalised: could be a title or a section heading."""
    text = line.text.strip()
    words = line.word_count
    if line.heading_markup:
        return 1 <= words <= 25
    # a stop inside closing quotes ends a sentence too: 'The backs read "Tulowizki."' is no heading
    if not 2 <= words <= 16 or text.rstrip(_CLOSERS).endswith((".", ",", ";")) or not text[:1].isupper():
        return False
    return not text.endswith(":") or words <= 8
