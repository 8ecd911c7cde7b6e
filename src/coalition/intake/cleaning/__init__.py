"""Cleaning: from a scraped report (plain text, HTML or bytes) to clean text, line by line.

Extractors point spans into the clean text, and a reviewer must be able to see the raw report
behind every span. So plain-text cleaning never rewrites a line: it keeps or drops whole lines
(or cuts an image slug off the front of one), records each copied stretch as a `Segment`, and
names the rule behind every decision so that `coalition source ID --explain` can show it.
Boilerplate rules are explicit patterns a scraper's output really shows; a line that no rule
names is kept, which is why quotations and numbers survive unless a rule says otherwise.
"""

from coalition.intake.cleaning.encoding import decode
from coalition.intake.cleaning.html import clean_html
from coalition.intake.cleaning.plain import clean_plain, explain
from coalition.intake.cleaning.rules import RULE_NAMES

__all__ = ["RULE_NAMES", "clean_html", "clean_plain", "decode", "explain"]
