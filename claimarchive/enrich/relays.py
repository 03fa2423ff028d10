"""Relays: the channels and outlets a claim passed through, named after its cue ("told Reuters", "said on Telegram",
"in a CNN interview") or between its source and cue ("X, quoted by state media, said"), found by the token patterns
of ``frames.yml`` (``relay_patterns``) the same way on both paths; ``resolve_sources`` makes them the claim's chain.

    RelayFinder(body): .add(passage) for each parsed passage, then .resolve(claims)

They are source enrichment, not extraction: which words a claim says does not depend on them, and one set of
patterns over the text reads them, whatever found the claim.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.matcher import Matcher

from ..extract import frames as F
from ..model import Claim, Relay
from ..nlp import Passage

LEADS = F.PREPOSITIONS | F.ARTICLES | {"quoted"}
NAME = re.compile(F.DATA["relay_name"])
CLAUSE_END = re.compile(r"[,;:.!?—]")


class RelayFinder:
    """The relay mentions of an article as (match start, match end, relation, mention start, mention end) in the
    body, passage by passage: a passage's parse may go once it is added."""

    def __init__(self, body: str):
        self.body, self.found = body, []

    def add(self, passage: Passage) -> None:
        doc = passage.doc
        for match_id, start, end in F.matcher(Matcher, "relay_patterns", doc.vocab, F.TABLE, F.TABLE.version, "LONGEST")(doc):
            names = [t.i for t in doc[start + 1:end] if NAME.match(t.text) and t.lower_ not in F.WEEKDAYS]
            first = next((t.i for t in doc[start + 1:end] if t.lower_ not in LEADS), end)
            mention = doc[names[0]:names[-1] + 1] if names else doc[first:end]
            if not names and end < len(doc) and doc[end].is_lower and doc[end].lower_ not in F.PREPOSITIONS | {"that"}:
                continue  # "told a news conference", "told radio station": the noun goes on
            if len(mention):
                self.found.append((passage.offset + doc[start].idx, passage.offset + doc[end - 1].idx + len(
                    doc[end - 1]), doc.vocab.strings[match_id], passage.offset + mention.start_char,
                    passage.offset + mention.end_char))
        self.found.sort()

    def resolve(self, claims: list[Claim]) -> None:
        """Each attributed claim's relays: those from its cue to its content (or, when the content comes first, to
        the clause's end), and "quoted by" between its source and cue."""
        starts = [f[0] for f in self.found]
        for claim in claims:
            if claim.cue_start is None or not claim.sentence_start <= claim.cue_start < claim.sentence_end:
                continue  # a continued quote's cue is in the sentence it continues
            end = CLAUSE_END.search(self.body, claim.cue_end, claim.sentence_end)  # "..., X said on Telegram."
            after = (claim.cue_start, claim.start if claim.start >= claim.cue_end else end.start() if end else (
                claim.sentence_end))
            before = (claim.source_end, claim.cue_start) if claim.source_end is not None else (0, 0)
            for lo, hi, relations in ((*after, ("told", "posted_on", "interview_with")), (*before, ("quoted_by",))):
                for k in range(bisect_left(starts, lo), bisect_left(starts, hi)):
                    _, end, relation, a, b = self.found[k]
                    if end <= hi and relation in relations:
                        claim.relays.append(Relay(self.body[a:b], relation, a, b))
