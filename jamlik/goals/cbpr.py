"""The CBPR evaluation's partnership questionnaire: results per item and per party.

Each party's representatives answer the program's own partnership questionnaire
(`surveys/instruments/cbpr_partnership.yaml`, not validated) on the phone form; their
responses are linked to the party (`CbprPartyResponse`), never to a person. A party's
row holds the mean of its representatives' answers; the reversed item is turned so
that a higher value is better everywhere.
"""

import statistics
from typing import Any

from django.core import signing
from django.urls import reverse

from jamlik.goals.models import CbprPartyResponse, CbprRound
from jamlik.surveys.catalog import get_instrument
from jamlik.surveys.scoring import item_value

INSTRUMENT = "cbpr_partnership@1"
LINK_SALT = "jamlik.goals.cbpr"


def instrument():
    return get_instrument(INSTRUMENT)


def party_token(round: CbprRound, partnership) -> str:
    return signing.dumps({"r": round.pk, "p": partnership.pk}, salt=LINK_SALT)


def read_party_token(token: str) -> tuple[int, int] | None:
    try:
        data = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in "rp"):
        return None
    return data["r"], data["p"]


def party_link(round: CbprRound, partnership) -> str:
    return reverse("goals:cbpr_answer", args=[round.program.slug, party_token(round, partnership)])


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def results(round: CbprRound) -> dict[str, Any]:
    """Per item: the mean of every party's representatives, and per party; per party also
    the number of completed responses and the scale's mean."""
    definition = instrument()
    items = list(definition.items.values())
    rows = (
        CbprPartyResponse.objects.filter(round=round, response__completed=True)
        .select_related("partnership__partner", "response")
        .prefetch_related("response__scores")
        .order_by("partnership__partner__name")
    )
    parties: dict[int, dict[str, Any]] = {}
    for row in rows:
        party = parties.setdefault(
            row.partnership_id,
            {
                "party": row.partnership.partner.name,
                "sector": row.partnership.partner.get_sector_display(),
                "responses": 0,
                "_items": {item.key: [] for item in items},
                "_scale": [],
            },
        )
        party["responses"] += 1
        answers = row.response.answers.get(INSTRUMENT) or {}
        for item in items:
            value = item_value(item, answers.get(item.key))
            if value is not None:
                party["_items"][item.key].append(float(value))
        party["_scale"] += [s.value for s in row.response.scores.all() if s.value is not None]
    every = {item.key: [] for item in items}
    for party in parties.values():
        for key, values in party["_items"].items():
            every[key] += values
    return {
        "items": [
            {
                "key": item.key,
                "text": item.text,
                "reversed": item.reversed,
                "mean": _mean(every[item.key]),
            }
            for item in items
        ],
        "parties": [
            {
                "party": p["party"],
                "sector": p["sector"],
                "responses": p["responses"],
                "items": {key: _mean(values) for key, values in p["_items"].items()},
                "scale": _mean(p["_scale"]),
            }
            for p in parties.values()
        ],
        "scale": _mean([v for p in parties.values() for v in p["_scale"]]),
    }


def previous_round(round: CbprRound) -> CbprRound | None:
    return (
        CbprRound.objects.filter(program=round.program, planned_on__lt=round.planned_on)
        .order_by("-planned_on", "-pk")
        .first()
    )


def with_change(round: CbprRound) -> dict[str, Any]:
    """`results` with each item's and party's change since the previous round."""
    now = results(round)
    before_round = previous_round(round)
    now["previous"] = before_round.name if before_round else None
    if before_round is None:
        return now
    before = results(before_round)
    earlier = {item["key"]: item["mean"] for item in before["items"]}
    for item in now["items"]:
        item["change"] = _difference(item["mean"], earlier.get(item["key"]))
    earlier_parties = {p["party"]: p["scale"] for p in before["parties"]}
    for party in now["parties"]:
        party["change"] = _difference(party["scale"], earlier_parties.get(party["party"]))
    now["change"] = _difference(now["scale"], before["scale"])
    return now


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else round(now - before, 2)


def item_rows(data: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """The items as table rows: the text in `language`, the mean of all, each party's, the
    change."""
    from jamlik.surveys.catalog import text_in

    return [
        {
            "text": text_in(item["text"], language),
            "mean": item["mean"],
            "parties": [party["items"][item["key"]] for party in data["parties"]],
            "change": item.get("change"),
        }
        for item in data["items"]
    ]
