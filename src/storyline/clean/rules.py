"""Line patterns for scraped-text noise. Data, kept apart from the cleaning logic.

Every pattern is general page furniture (players, share bars, credits, teasers); none is keyed to
a particular article. Each reason string is what ``Removal.reason`` records.
"""

from __future__ import annotations

import re

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?"
_ORD = r"(?:st|nd|rd|th)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"

#: A date at the start of a line, in the forms dateline furniture uses.
DATE_EXPR = re.compile(
    rf"""(?ix)
    (?:{_WEEKDAY}\s*)?
    (?:
        (?P<iso>(?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}}))
      | (?P<dmy>(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m2>{_MONTH})\s*,?\s+(?P<y2>\d{{4}}))
      | (?P<mdy>(?P<m3>{_MONTH})\s+(?P<d3>\d{{1,2}}){_ORD}\s*,?\s+(?P<y3>\d{{4}}))
      | (?P<slash>(?P<d4>\d{{1,2}})/(?P<m4>\d{{1,2}})/(?P<y4>\d{{4}}))
    )
    {_TIME}
    """
)
#: Words that introduce a dateline ("date 2025-03-23", "Published: 4 May 2024").
DATE_LABEL = re.compile(
    r"(?i)^(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+(?:updated|modified)(?:\s+on)?"
    r"|first\s+published(?:\s+on)?)\s*:?\s*(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\s*,?\s*)?"
)
#: A label left alone on its line ("Published"), its date on the next.
LONE_DATE_LABEL = re.compile(r"(?i)^(?:published|updated|posted|last updated|first published)\s*:?$")
#: "Published 3 hours ago", "Updated: 25 minutes ago".
RELATIVE_DATELINE = re.compile(
    r"(?i)^(?:published|updated|posted|last\s+updated)?\s*:?\s*(?:an?|\d{1,3})\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago$"
)

BYLINE = re.compile(r"(?i)^(?:by|written\s+by|words\s+by|author|reporting\s+by)\s*:?\s+(?P<name>.+)$")
#: Agency credit lines at the foot of a story: "Reporting by A; Editing by B".
STAFF_CREDIT = re.compile(
    r"(?i)^(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\s+[A-Z]"
)
BYLINE_JOINERS = frozenset(
    {"and", "&", "de", "van", "von", "der", "da", "del", "la", "le", "bin", "al", "in"}
)

TIMESTAMP = re.compile(r"^\(?\d{1,2}:\d{2}(?::\d{2})?\)?$")

COPY_PROTECTION = re.compile(
    r"(?i)(content is protected|you (?:can ?not|can't|may not) copy|copying (?:is )?(?:not allowed|prohibited|disabled)"
    r"|right[- ]click (?:is )?disabled|text selection (?:is )?disabled|content (?:is )?copy ?protected)"
)

VIDEO_NOTICE = re.compile(
    r"(?i)(video player|accessible player|media player|browser (?:does not|doesn't|cannot|can't|can not|is unable to) "
    r"(?:support|play|display) (?:this |the |html5 )?video|(?:this|the) video (?:cannot|can't|could not|won't) (?:be )?play"
    r"|to (?:view|watch|play) this video"
    r"|enable javascript to (?:view|watch|play)|this video (?:is|has been) (?:unavailable|removed|no longer)"
    r"|video (?:is )?(?:unavailable|not available|loading)|^(?:now playing|up next|autoplay|play video|watch video|"
    r"watch now|replay|video)$)"
)

TEASER_MARKER = re.compile(
    r"(?i)^(?:read more|read next|more on this(?: story)?|related(?: articles?| stories| content| coverage| posts| links|"
    r" reading| topics)?|recommended(?: stories| reading)?|see also|also read|read also|most read|trending(?: now)?|"
    r"you may also like|(?:read )?more from [\w ]{1,30}|don['’]t miss|must read|more stories|top stories|"
    r"explore more on these topics)\s*:?$"
)
#: "READ MORE: headline of another story", "Related: ...", "Watch: ...".
TEASER_INLINE = re.compile(
    r"(?i)^(?:read more|read next|related|see also|also read|read also|watch|listen|recommended|more on this)\s*[:|–—]\s*\S"
)
TEASER_LABEL = re.compile(
    r"(?i)^(?:exclusive|breaking|breaking news|live|updated|pictured|revealed|watch|listen|opinion|analysis)$"
)
IMAGE_PLACEHOLDER = re.compile(
    r"(?i)^(?:article image|image|images|photo|gallery|view gallery|open gallery|enlarge(?: image)?|expand(?: image)?|"
    r"\d+\s+(?:photos|images|pictures))$"
)
#: "Article continues below", "Continue reading".
CONTINUES = re.compile(
    r"(?i)^(?:(?:the\s+)?(?:story|article|text)\s+continues\s+(?:below|after(?:\s+(?:the|this))?\s+advert(?:isement)?)|continue\s+reading(?:\s+below)?|loading\.*)\s*[.:]?$"
)
NEWSLETTER = re.compile(r"(?i)\bnewsletters?\b")
NEWSLETTER_ASK = re.compile(r"(?i)\b(?:sign\s*up|subscribe|inbox|register|e-?mail)\b")
COOKIES = re.compile(r"(?i)\bcookies?\b.*\b(?:accept|consent|policy|settings|preferences)\b")
#: "Photo by A/Agency", "Leon Vane/AFP via Getty Images": a picture credit inside a caption.
SLASH_CREDIT = re.compile(
    r"(?i)(?:^(?:photo|picture|image)s?\s+(?:by|from|courtesy(?:\s+of)?)\s+\S|\w/(?:getty(?:\s+images)?|reuters|afp|ap|pa|epa|"
    r"shutterstock|alamy|bloomberg)\b)"
)
#: A caption's tell-tales: "(pictured)", "(left)", "L-R", or a full date at the very end.
CAPTION_CUE = re.compile(
    r"(?i)\((?:pictured|left|right|centre|center|l-r|r-l|above|below|file)\b[^)]*\)|\bpictured\b|\(?\bl-r\b"
)
CAPTION_DATE_END = re.compile(
    rf"(?ix)(?:{_MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}|\d{{1,2}}{_ORD}\s+{_MONTH},?\s+\d{{4}})\W*$"
)
GALLERY_COUNTER = re.compile(r"(?i)^\d{1,3}\s*(?:/|of)\s*\d{1,3}$")
ADVERT = re.compile(
    r"(?i)^(?:advertisement|advert|sponsored(?: content)?|promoted(?: content)?|ad|story continues below(?: advertisement)?)$"
)

#: A credit for a picture: "Image: ... File pic: Reuters", "Photo: AP", "Picture: Getty Images".
IMAGE_CREDIT = re.compile(
    r"(?i)(?:^|[\s.(])(?:file\s+(?:pic|picture|photo|image)|pic|picture|photo|photograph|image|credit|photo\s+credit)s?\s*:\s*\S"
)
CREDIT_START = re.compile(
    r"(?i)^\(?(?:image|photo|picture|pic|photograph|credit)s?\s*:|^(?:image|photo|media)\s+(?:source|caption|credit)\s*[,:]"
)
DISCLAIMER = re.compile(r"(?i)^disclaimer\s*:")
COPYRIGHT = re.compile(r"(?i)^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|:))|\ball rights reserved\b")
AGENCY_CREDIT = re.compile(
    r"(?i)^(?:\(?(?:getty images?|reuters|ap photo|afp|pa (?:media|wire|images)|shutterstock|alamy|epa)\)?[\s/,;:.-]*)+$"
)

SOCIAL = frozenset(
    {
        "share",
        "tweet",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "pinterest",
        "reddit",
        "telegram",
        "email",
        "e-mail",
        "messenger",
        "print",
        "copy",
        "link",
        "flipboard",
        "threads",
        "bluesky",
        "comments",
        "comment",
    }
)
SHARE_FURNITURE = re.compile(
    r"(?i)^(?:share(?: this| the)?(?: article| story| page| post| on \w+)?|click to (?:share|email|print)\b.*|"
    r"follow (?:us|me|@\w+)\b.*|follow\b.{0,60}\bon (?:social media|twitter|x|facebook|instagram|tiktok|threads|bluesky|"
    r"linkedin|whatsapp|telegram|youtube)\b.*|sign up (?:to|for) (?:our|the)\b.*newsletters?\b.*|subscribe(?: now| today| to [\w ]+)?|"
    r"copy (?:link|url)|link copied|print(?: this)?(?: article| page)?|\d+\s+comments?|view comments|join the conversation|"
    r"leave a (?:comment|reply)|listen to (?:this )?article|(?:\d+\s+)?min(?:ute)?s? read|save(?: article)?|bookmark|"
    r"get (?:our|the) newsletter|sign up|log in|register|back to top|share or comment on this article|reuse this content|"
    r"comments?\s*\(?\d+\)?)\s*[.!:]?$"
)

#: A URL slug alone on a line or glued to its start ("some-words-of-a-headline-like-this").
SLUG_PREFIX = re.compile(r"^[a-z0-9][a-z0-9’'%,.]*(?:[-–—_][a-z0-9’'%,.]*){4,}")

TERMINAL = frozenset(".!?…:;")
CLOSERS = "\"'”’»)]*_ "
QUOTE_MARKS = frozenset('"“”‘’«»')
