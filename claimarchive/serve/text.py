"""What the article and claim pages mark in a text: the spans of segments, claims (content, source, cue),
figures, places and dates, and the lines a mark's tooltip shows (passed to the page as JSON, shown as text)."""
from __future__ import annotations

from .marks import Span
from .names import local_name, place_kind, place_name

MUTED = {"furniture", "caption", "credit", "byline"}
CERTAINTY_LABELS = {"hedged": "hedged", "denied": "denied"}
VERIFICATION_LABELS = {"not_confirmed": "not confirmed", "confirmed": "confirmed"}


def status_words(claim: dict) -> list[str]:
    """What a reader must know of a claim's standing: hedged, denied, not confirmed (asserted says nothing)."""
    words = [CERTAINTY_LABELS.get(claim.get("certainty") or "", "")]
    words.append(VERIFICATION_LABELS.get(claim.get("verification") or "", ""))
    return [w for w in words if w]


def claim_tip(claim: dict) -> list[str]:
    source = claim.get("source_name") or claim.get("source_resolved") or claim.get("source_text")
    lines = [f"Claim #{claim['id']} · {claim['kind']}" + "".join(f" · {w}" for w in status_words(claim))]
    lines.append(f"Source: {source} ({claim.get('source_kind') or 'unknown kind'})" if source
                 else "Source: the article itself")
    if claim.get("chain"):
        lines.append(f"Chain: {claim['chain']}")
    if claim.get("cue"):
        lines.append(f"Cue: {claim['cue']}")
    return lines


def _claim_spans(claim: dict, href: str) -> list[Span]:
    key = f"c{claim['id']}"
    classes = " ".join(["m", "m-claim", f"k-{claim['kind']}", f"c-{claim.get('certainty') or 'asserted'}",
                        f"v-{claim.get('verification') or 'none'}", "quote" if claim.get("is_quote") else ""]).strip()
    words = status_words(claim)
    badge = (("class", "badge"), ("data-label", " · ".join(words))) if words else ()
    spans = [Span(claim["start"], claim["end"], 1, (("class", classes), ("href", href), ("data-tip", key),
                                                   ("data-claim", str(claim["id"]))), key, badge)]
    for part in ("source", "cue"):
        start, end = claim.get(f"{part}_start"), claim.get(f"{part}_end")
        if start is not None and end is not None and start < end:
            spans.append(Span(start, end, 2, (("class", f"m m-{part}"), ("href", href), ("data-tip", key),
                                              ("data-of", str(claim["id"]))), f"{key}{part}"))
    return spans


def number(value) -> str:
    """A figure's value as a reader writes it: 14, 2.5, 1,200,000."""
    if value is None:
        return "?"
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _figure(figure: dict) -> list[str]:
    what = " ".join(str(v) for v in (figure.get("kind"), figure.get("qualifier")) if v)
    return [f"Figure: {figure['text']}", f"{what}: {number(figure.get('value'))} {figure.get('unit') or ''}".strip()]


def _place(place: dict) -> list[str]:
    local = local_name(place)
    where = " · ".join(part for part in (place_kind(place), place.get("country")) if part)
    kind = " (demonym)" if place.get("kind") == "demonym" else ""
    return [f"Place: {place_name(place)}" + (f" ({local})" if local else "") + kind] + ([where] if where else [])


def _date(mention: dict) -> list[str]:
    period = mention.get("resolved_start") or "unresolved"
    if mention.get("resolved_end") and mention["resolved_end"] != mention.get("resolved_start"):
        period += f" to {mention['resolved_end']}"
    return [f"Date: {mention['text']}", f"{period} ({mention.get('granularity') or 'no granularity'})"]


def spans_and_tips(page: dict, claim_href) -> tuple[list[Span], dict[str, list[str]]]:
    """Every mark of an article (its current claims, segments, figures, places, dates) and each one's tooltip."""
    spans: list[Span] = []
    tips: dict[str, list[str]] = {}
    for segment in page.get("segments", []):
        muted = " muted" if segment["kind"] in MUTED else ""
        spans.append(Span(segment["start"], segment["end"], 0, (("class", f"seg seg-{segment['kind']}{muted}"),),
                          f"s{segment['start']}"))
    for claim in page["claims"]:
        if claim.get("status", "current") == "current":
            spans += _claim_spans(claim, claim_href(claim["id"]))
            tips[f"c{claim['id']}"] = claim_tip(claim)
    for prefix, rows, tip in (("q", page.get("figures", []), _figure), ("p", page.get("places", []), _place),
                              ("d", page.get("dates", []), _date)):
        kind = {"q": "figure", "p": "place", "d": "date"}[prefix]
        for row in rows:
            key = f"{prefix}{row['id']}"
            spans.append(Span(row["start"], row["end"], 3, (("class", f"m m-{kind}"), ("data-tip", key)), key))
            tips[key] = tip(row)
    return spans, tips
