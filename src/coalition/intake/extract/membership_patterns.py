"""The phrases that place an actor inside or outside a coalition, for `extract.membership`.

Patterns read the folded (lower-case) text unless said otherwise; names are found by the
gazetteer, and these patterns find the words around them.
"""

from __future__ import annotations

import re

# Patterns on the folded (lower-case) text unless said otherwise.
_MEETING = (
    r"(?:meetings?|session|ministerial|gathering|conference|summit|talks|ministers|counterparts|"
    r"delegations|delegates|participants)"
)
_DETERMINER = r"(?:the|a|an|both|this|that|its|their)\s+"
# "The meeting", "the session" name the meeting the report is about; "a conference" may be any.
_DEFINITE = r"(?:the|both|this|that|its|their)\s+"
# Up to four words between the determiner and "coalition", none that makes it another coalition
# ("a rival coalition") or starts another clause ("not a member of NATO but of the coalition").
_QUALIFIERS = (
    r"(?:(?!(?:rival|other|own|separate|competing|parallel|opposing|but|and|or|while|although|"
    r"yet|not)\b)[\w.’'-]+\s+){0,4}?"
)
# The nouns a report may use for the coalition it is about: "coalition" always, the others only
# in a report that uses them for one (`membership._nouns` decides, per report). A pattern names
# the noun it matched, so that the rule can check it.
NOUNS = ("coalition", "alliance", "contact group", "operation")
_NOUN = "(?P<noun>" + "|".join(noun.replace(" ", r"\s+") for noun in NOUNS) + ")"
_COALITION = rf"(?:{_DETERMINER})?{_QUALIFIERS}{_NOUN}\b"
_ORDINAL = (
    r"(?:newest|latest|founding|new|\d+(?:st|nd|rd|th)|(?:\w+-)?(?:first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth))"
)
_EPITHET = (
    r"(?:key|founding|fellow|leading|major|core|longtime|long-standing|active|full|original|new|"
    r"newest|european|arab|western|gulf|african|asian)"
)

NOT_MEMBER = re.compile(
    r"(?:\bneither\b(?P<neither>[^;]{1,120}?)\s(?:belongs?\s+to|(?:is|are)\s+(?:a\s+)?"
    r"(?:members?|part)\s+of)|\b(?:(?:is|are|was|were)\s+(?:a\s+)?not\s+(?:a\s+)?"
    r"(?:members?|part)\s+of|(?:is|are)\s+not\s+in|not\s+(?:a\s+)?members?\s+of|"
    r"(?:does|do|did)\s+not\s+belong\s+to|never\s+joined|outside))\s+" + _COALITION
)
# "Saudi Arabia was not among the participants named": no noun for the coalition needed.
# "France, Germany and Japan are not among them": those just said to take part.
NOT_AMONG = re.compile(
    r"\b(?:is|are|was|were)\s+not\s+(?:among|one\s+of)\s+(?:(?:the|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:participants|members|partners|signatories|contributors)|them)\b"
)
# "France and Germany declined to join", "Russia and China turned down their invitations",
# "Syria was not invited": who stays out of the coalition or its meeting. What follows, if
# anything, must be the coalition or a meeting: "declined to take part in the offensive" is not.
_STAYS_OUT_OF = (
    r"(?=\s*(?:[,.;:)—]|$|(?:\s+(?:in|at|to))?\s+(?:the|a|an|its|this|that|their)\s+"
    r"(?:[\w-]+\s+){0,2}?"
    r"(?:coalition|alliance|group|operation|mission|initiative|construct|partnership|meetings?|"
    r"talks|conference|summit|session|declaration|statement)\b))"
)
STAYED_OUT = re.compile(
    r"\b(?:(?:declined|refused|chose\s+not|decided\s+not|would\s+not|will\s+not|did\s+not)\s+"
    r"(?:to\s+)?(?:join|take\s+part|participate|attend|sign(?:\s+up)?|send\s+(?:a\s+)?delegation)"
    r"|(?:turned\s+down|declined|rejected|snubbed)\s+(?:the|their|its|an)\s+invitations?"
    r"|(?:was|were)\s+not\s+invited|stayed\s+(?:out|away)|had\s+no\s+seat\s+at\s+the\s+table"
    r"|rather\s+than\s+(?:join|sign\s+up|take\s+part|participate))\b" + _STAYS_OUT_OF
)
# "Japan said last month that it would not join": the subject speaks of itself, so what it said
# is no one else's claim.
SAID_OF_ITSELF = re.compile(
    r"\b(?:said|says|announced|confirmed|made\s+clear)\b[^;:—,]{0,40}?\s(?:that\s+)?(?:it|they)\s+$"
)
# "Uruguay took part in the talks but did not sign": one subject, two verbs.
SAME_SUBJECT = re.compile(r"\s(?:but|and|yet)\s+$")
# "..., and neither were the United Arab Emirates or Egypt": more outside, named after it.
NEITHER_TOO = re.compile(r"\band\s+neither\s+(?:is|are|was|were|did|does|do|has|have)\b")
LIST_OF_MEMBERS = re.compile(
    r"\b(?:countries|nations|members|delegations|partners)\s+(?:represented|present|attending|"
    r"taking\s+part|participating)|\b(?:attended|represented)\s+by\b",
)
LIST_CUES = frozenset(("represented", "present", "attend", "taking", "participating"))
# "which the United States co-hosted with Canada, Germany and Japan": the others host too.
CO_HOSTED_WITH = re.compile(r"\bco-?(?:hosted|chaired|organi[sz]ed)\b(?:\s+[\w-]+){0,4}?\s+with\b")
# "Kerry and Gentiloni co-chaired the session", "Kuwait, whose government hosted both meetings".
HOSTED = re.compile(
    r"\b(?:co-?)?(?:hosted|chaired|convened|opened|presided\s+over)\s+"
    rf"(?P<definite>{_DEFINITE})?(?:(?:a|an)\s+)?(?:[\w-]+\s+){{0,3}}?{_MEETING}\b"
)
# "with X and Y as co-hosts", "X and Y were the hosts".
AS_HOSTS = re.compile(r"\b(?:as|were|was)\s+(?:the\s+)?(?:co-?)?(?:hosts?|chairs?)\b")
# "The meeting was co-hosted by X and Y": the meeting is named first, so that a host of anything
# else ("a village held by the militants") is not read as one.
HOSTED_BY = re.compile(
    rf"(?:\b{_DEFINITE}(?:[\w-]+\s+){{0,3}}?{_MEETING}|\bcoalition)\b[^;]{{0,80}}?\b(?:co-?)?"
    r"(?:hosted|chaired|convened|organi[sz]ed|opened|attended)\s+(?:jointly\s+)?by\b"
)
ADDRESSED = re.compile(
    r"\b(?:addressed|told|spoke\s+to|speaking\s+to|briefed|attended|took\s+part\s+in|"
    rf"participated\s+in)\s+(?P<definite>{_DEFINITE})?(?:(?:a|an)\s+)?(?:[\w-]+\s+){{0,3}}?"
    rf"{_MEETING}\b"
)
DELEGATIONS = re.compile(r"\b(?:delegations|delegates)\s+(?:of|from)\b")
# "A number of countries, including France and Britain", "bodies such as the EU".
INCLUDING = re.compile(
    r"\b(?:countries|nations|states|governments|members|partners|allies|bodies|organi[sz]ations|"
    r"institutions|delegations|delegates|ministers|representatives),?\s+(?:such\s+as|including)\b"
)
# ... unless they are where something happens: "targets in several countries, including Iraq".
LOCATED = re.compile(r"\b(?:in|across|throughout|against|into|on|over)\s+(?:[\w-]+\s+){0,2}$")
# "The coalition, which includes Jordan and Morocco".
COMPRISES = re.compile(
    rf"\b{_NOUN}\b[^;]{{0,60}}?\b(?:includes|included|comprises|comprised|brings\s+together)\b"
)
# "The members named in a statement ... include Egypt, Qatar", "its partners are Jordan and Iraq".
MEMBERS_ARE = re.compile(
    r"\b(?:members|participants|partners|signatories|contributors|founders)\b(?:[^;.]{0,80}?\b"
    r"(?:include|includes|included|comprise|comprised)|\s+(?:are|were))\b"
)
# "Britain, Bahrain and Spain were named as taking part", "Japan was among those taking part".
AMONG_PARTICIPANTS = re.compile(
    r"\b(?:is|are|was|were)\s+(?:also\s+)?(?:(?:named|listed|reported|confirmed)\s+as\s+"
    r"(?:taking\s+part|participating|participants|contributing)|among\s+(?:those|the\s+"
    r"(?:countries|nations|governments|states))\s+(?:taking\s+part|participating|contributing|"
    r"attending|represented)|among\s+the\s+(?:participants|members|partners|contributors|"
    r"signatories))\b"
)
# "Saudi Arabia announced on Tuesday the formation of a coalition", "France launched a coalition".
FOUNDED = re.compile(
    r"\b(?:launched|formed|founded|created|set\s+up|established|unveiled|announced\s+(?:on\s+"
    r"\w+day\s+)?(?:the\s+(?:formation|creation|launch|establishment)\s+of\s+)?)\s*" + _COALITION
)
# "Seven countries have signed up so far: the United States, Britain, ...", "The signatories,
# Argentina, Brazil, ...", "Around the table were ...": a list brought in as those taking part.
LIST_INTRODUCED = re.compile(
    r"\b(?:(?:signed\s+(?:up|on)|joined|taking\s+part|participating|attending)(?:\s+(?:so\s+far|"
    r"to\s+date|thus\s+far|now))?\s*:|the\s+(?:[\w-]+\s+)?(?:signatories|participants|members|"
    r"attendees|co-?sponsors)\s*[,:]|(?:around\s+the\s+table|in\s+attendance|present|attending|"
    r"taking\s+part)\s+(?:were|was|sat)\b)"
)
# "Britain joined in August; Saudi Arabia and the UAE signed on in September": joining, with
# nothing after it but when.
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|aug|sept?|oct|nov|dec)\.?"
)
JOINED_WHEN = re.compile(
    r"\b(?:joined|signed\s+(?:on|up))(?=\s*(?:[,.;]|$)|\s+(?:in\s+(?:early\s+|late\s+|mid-?)?"
    rf"(?:{_MONTH}|\d{{4}})|on\s+(?:\w+day|{_MONTH}|\d)|last\s+(?:week|month|year)|this\s+"
    r"(?:week|month|year)|days\s+(?:later|after)|soon\s+after|shortly\s+after)\b)"
)
# "Clinton, who led the U.S. delegation": the delegation's country takes part.
LED_DELEGATION = re.compile(
    r"\b(?:led|leads|leading|headed|heads|heading)\s+(?:the|a|an|his|her|their|its)\s+"
    r"(?P<who>(?:[\w.’'-]+\s+){1,3}?)delegation\b"
)
# "met ... at the invitation of U.S. Defense Secretary Lloyd Austin": the one who invites hosts.
INVITED_BY = re.compile(r"\bat\s+the\s+invitation\s+of\b")
# "the coalition's newest member, Togo", "coalition partners Jordan and Qatar".
NAMED_MEMBERS = re.compile(
    rf"\b(?:(?:coalition['’]s|its|the)\s+{_ORDINAL}\s+members?|coalition\s+(?:members?|"
    r"partners?))\b,?"
)
# "Denmark, a founding member of the coalition", "Iraq and Jordan, both coalition partners".
APPOSITION = re.compile(
    rf",\s+(?:(?:both|all|each|also|now|a|an|one|the)\s+)*(?:{_EPITHET}\s+)*(?:coalition\s+"
    rf"(?:members?|partners?)\b|members?\s+(?:of|in)\s+{_COALITION})|,\s+(?:both|all)\s+"
    r"members\b(?!\s+of\b)"
)
ENVOY = re.compile(
    rf"\b(?:envoys?|representatives?|ambassadors?|coordinators?)\s+(?:to|for|at)\s+{_COALITION}"
)
LED_BY = re.compile(
    rf"\b{_NOUN},?\s+(?:which\s+is\s+|that\s+is\s+|now\s+)?(?:led|headed|chaired)\s+by\b"
)
# Statements about an actor that may stand a few words before it ("NATO leaders agreed on
# Thursday that the alliance will join the coalition").
JOINED = re.compile(rf"\b(?:join|joins|joined|joining|rejoined)\s+{_COALITION}")
LEADS = re.compile(
    rf"\b(?:lead|leads|(?<!-)led|leading|heads|headed|leader\s+of|leadership\s+of)\s+{_COALITION}"
)
MEMBER_OF = re.compile(
    r"\b(?:is|are|was|were|became|becomes|become|remains?|remained|has\s+been|have\s+been)\s+"
    r"(?:also\s+|now\s+|still\s+)?(?:(?:a|an|the|its|one\s+of\s+the)\s+(?:(?!not\b|no\b)"
    rf"[\w-]+\s+){{0,2}}?members?\s+of\s+{_COALITION}|(?:the\s+)?(?:coalition['’]s|its)\s+"
    rf"{_ORDINAL}\s+member\b)"
)
WELCOMED = re.compile(
    r"\bwelcom(?:ed|es|ing)\s+(?P<who>[^,;]{1,80}?)\s+(?:as|to|into)\s+(?:the|a|an|its)\s+"
    r"(?:[\w.’'-]+\s+){0,3}?(?:coalition|member)"
)
# On the original text: "the U.S.-led coalition" (the name matcher does not read "U.S.-led").
LED = re.compile(
    r"(?<![\w.-])((?:(?!(?:The|A|An)\s)[A-Z][\w.]*\s)?[A-Z][\w.]*)-led\s+"
    r"(?:[\w.’'-]+\s+){0,4}?(?i:coalition)\b"
)

# What may stand between two names of one list, on the original text: punctuation, "and",
# capitalised words and lower-case title words.
_TITLE_WORDS = (
    r"foreign|defen[cs]e|prime|deputy|vice|acting|crown|interior|minister|secretary|state|"
    r"affairs|president|presidential|special|top|senior|envoy|chief|policy|counterpart|"
    r"representative|ambassador|king|prince|emir|sheikh|chancellor|premier|government|"
    r"delegation|head|general|cooperation|international|retired"
)
_GAP_WORD = (
    rf"(?:[A-Z][\w.'’-]*|as\s+well\s+as|(?:of|for|and|or|nor|by|the|his|her|their|{_TITLE_WORDS})"
    r"(?:['’]s)?)"
)
LINK = re.compile(rf"(?:['’]s)?,?(?:\s+{_GAP_WORD},?)*\s*")
# Between a subject and its verb, also "also", "for", "which" or "whose government".
END_GAP = re.compile(
    rf"(?:['’]s)?,?(?:\s+{_GAP_WORD},?)*(?:\s+(?:also|jointly|together|both|then|later|for|"
    r"which|who|whose\s+(?:government|country)|has|have|had|on\s+\w+day))*\s*"
)
MAX_GAP = 160  # characters: longer stretches are never one noun phrase
# A demonym stands for its country only before an office: "Italian Foreign Minister", not
# "Iraqi forces".
OFFICIAL = re.compile(
    r"\s+(?:(?:foreign|defen[cs]e|prime|deputy|vice|acting|crown|interior|finance)\s+)*"
    r"(?:minister|secretary|president|king|prince|emir|sheikh|chancellor|premier|ambassador|"
    r"envoy|counterpart|government|delegation|officials?|representatives?|leaders?)\b"
)
# Words that, between an actor and a looser trigger, make it someone else's claim, a wish or a
# denial: "Iran said militias joined", "Germany could join".
BLOCK = re.compile(
    r"\b(?:said|says|say|told|warned|complained|accused|but|while|whereas|although|unlike|not|"
    r"never|no|could|might|may|should|wants?|wanted|hopes?|hoped|urged|asked|invited|pressed|"
    r"encouraged|refused|declined|whether|if)\b|[;:—]"
)
PROMPTED = re.compile(r"\b(?:urged|asked|invited|pressed|encouraged|called\s+on|persuaded?)\s+$")
LOOSE_GAP = 60
# Right after "coalition partners" only the names themselves: in "it tells the coalition partners
# the U.S. remains committed", the U.S. is not named as one of them.
NEXT_TO = re.compile(r",?\s*(?:(?:such\s+as|including)\s+)?")
# The opening of an aside between a subject and its verb: "Iran, which backs ..., is not".
ASIDE = re.compile(
    r",\s+(?:which|who|whose|a|an|the|one|both|all|each|long|once|itself|themselves|despite|"
    r"although|though|unlike|like|with|having|after|since)\b"
    # or another's name in the possessive: "Iran, Saudi Arabia's main rival, is not"
    r"|,\s+(?:[\w.-]+\s+){0,3}?[\w.-]+['’]s\s"
)
# Its closing comma, perhaps followed by the verb: "Iran, which ..., is", "..., remains outside".
ASIDE_CLOSE = re.compile(
    r",\s*(?:(?:is|are|was|were|remains?|remained|stays?|stayed|has|have|had|been|also|still|"
    r"now)\s+)*$"
)
