"""Which claim each figure, place and date belongs to: the current claim whose content holds its span, else
the current claim whose sentence holds it; the first such claim in the record's order.

Decided here, in the pipeline, so that the writer only writes: every span carries its ``claim_index``. All
spans are placed in one sweep over the claims in order of their starts, with a tree of the smallest claim
index by how far a claim reaches, so the cost grows as (claims + spans) · log(claims), not as their product.
"""
from __future__ import annotations

from bisect import bisect_right

from claimarchive.model import Claim


def assign_claims(claims: list[Claim], mentions) -> None:
    """Set ``claim_index`` on each mention (anything with ``start`` and ``end``; None when no claim holds it)."""
    mentions = list(mentions)
    current = [i for i, c in enumerate(claims) if c.status == "current"]
    spans = [(m.start, m.end) for m in mentions]
    owners = first_holding([(claims[i].start, claims[i].end) for i in current], current, spans)
    unowned = [k for k, owner in enumerate(owners) if owner is None]
    in_sentence = first_holding([(claims[i].sentence_start, claims[i].sentence_end) for i in current], current,
                                [spans[k] for k in unowned])
    for k, owner in zip(unowned, in_sentence, strict=True):
        owners[k] = owner
    for mention, owner in zip(mentions, owners, strict=True):
        mention.claim_index = owner


def first_holding(spans: list[tuple[int, int]], ids: list[int], queries: list[tuple[int, int]]) -> list[int | None]:
    """For each query (start, end), the smallest of ``ids`` among the ``spans`` that hold it
    (span start ≤ start and end ≤ span end), or None."""
    reach = sorted({-end for _, end in spans})  # farthest first: the spans reaching ``end`` are a prefix
    smallest = _PrefixMin(len(reach))
    by_start = sorted(range(len(spans)), key=lambda n: spans[n][0])
    found: list[int | None] = [None] * len(queries)
    added = 0
    for q in sorted(range(len(queries)), key=lambda n: queries[n][0]):
        start, end = queries[q]
        while added < len(by_start) and spans[by_start[added]][0] <= start:
            n = by_start[added]
            smallest.lower(bisect_right(reach, -spans[n][1]) - 1, ids[n])
            added += 1
        found[q] = smallest.first(bisect_right(reach, -end))
    return found


class _PrefixMin:
    """A Fenwick tree of minima: lower the value at a position, ask for the least value at positions < k."""

    def __init__(self, size: int):
        self.tree: list[int | None] = [None] * (size + 1)

    def lower(self, position: int, value: int) -> None:
        k = position + 1
        while k < len(self.tree):
            if self.tree[k] is None or value < self.tree[k]:
                self.tree[k] = value
            k += k & -k

    def first(self, k: int) -> int | None:
        """The least value at positions 0 .. k - 1, or None."""
        best = None
        while k > 0:
            if self.tree[k] is not None and (best is None or self.tree[k] < best):
                best = self.tree[k]
            k -= k & -k
        return best
