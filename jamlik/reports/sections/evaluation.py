"""Uppföljning och utvärdering: the questionnaire waves and the qualitative evaluation.

Reads jamlik.surveys.reports.evaluation_summary(program, period, audience): "waves" as
jamlik.surveys.summary.wave_results gives them (responses; instruments with each
scale's n, mean, sd, median and band counts; paired_change per scale), "qualitative"
and "few_pairs_below"; and the general keys "summary" (paragraphs), "tables" (as in
tables.py) and "notes". Every statistic is computed there; this only lays them out.

For the external audience the summary has already replaced small counts with "<N" and
left out the statistics of so few people; such counts are printed as SUPPRESSED, and
the tables are protected like every other table of the report. tables.py has no kind
for decimals, so means, intervals, p-values and effect sizes are frozen as printed, in
"number" columns (right-aligned text that protection leaves alone).
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.goals.report import evaluations_report
from jamlik.reports import tables as t
from jamlik.reports.formatting import SUPPRESSED, format_number
from jamlik.surveys.reports import evaluation_summary

KEY = "evaluation"
FEW_PAIRS_MARK = "*"


def title() -> str:
    return pgettext("report section", "Follow-up and evaluation")


def collect(ctx) -> dict[str, Any]:
    summary = evaluation_summary(program=ctx.program, period=ctx.period, audience=ctx.audience)
    from jamlik.reports.collect import jsonable

    s = jsonable(summary)
    waves = s.get("waves", [])
    qualitative = s.get("qualitative") or {}
    # The provider contract's general keys: paragraphs, ready-made tables and notes.
    tables = s.get("tables", [])
    data = {
        "provided": True,
        "available": bool(waves or tables or s.get("summary")),
        "summary": ctx.provided(s.get("summary", [])),
        "tables": tables,
        "notes": ctx.provided(s.get("notes", [])),
        "responses": _responses(waves),
        "scores": [_scores(ctx, wave) for wave in waves],
        "paired": [
            _paired(ctx, wave, s.get("few_pairs_below")) for wave in waves if wave["paired_change"]
        ],
        "qualitative": _qualitative(qualitative),
        "themes": [str(theme) for theme in qualitative.get("themes", [])],
        # The hub's half-year evaluations and the CBPR evaluations (jamlik.goals); their
        # tables arrive protected.
        **evaluations_report(
            program=ctx.program, period=ctx.period, external=ctx.external, threshold=ctx.threshold
        ),
    }
    if ctx.external:
        # The summary's own counts arrive suppressed; protect() catches any small count
        # left (with complementary suppression for a provider's raw tables) and marks
        # each table, which prints the note on "..".
        for table in _tables(data):
            if not table.get("protected"):
                t.protect(table, threshold=ctx.threshold)
    return data


def _tables(data: dict[str, Any]) -> list[dict[str, Any]]:
    paired = [table for p in data["paired"] for table in (p["change"], p["tests"])]
    return [
        data["responses"],
        *data["scores"],
        *paired,
        *data["tables"],
        data["qualitative"],
    ]


def _count(value: Any) -> Any:
    """A count as the summary gives it; its "<N" for a small count becomes SUPPRESSED."""
    return SUPPRESSED if isinstance(value, str) else value


def _number(value: float | None, decimals: int) -> str | None:
    return None if value is None else format_number(value, decimals=decimals)


def _p(value: float | None) -> str | None:
    if value is None:
        return None
    if value < 0.001:
        return "<" + format_number(0.001, decimals=3)
    return format_number(value, decimals=3)


def _mid(value: float | None) -> str | None:
    """A minimal important difference as its definition gives it: 10, 0.5."""
    return _number(value, 0 if value is None or float(value).is_integer() else 1)


def _share(value: float | None) -> str | None:
    """A share (0–1) as a percent string with one decimal, for a "percent" column."""
    if value is None:
        return None
    percent = Decimal(repr(value)) * 100
    return str(percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _scale_label(instrument_title: str, scale_label: str) -> str:
    return f"{instrument_title}: {scale_label}"


def _responses(waves: list[dict[str, Any]]) -> dict[str, Any]:
    return t.table(
        "evaluation_responses",
        _("Questionnaire responses per wave"),
        _("Wave"),
        [
            t.column(_("Opened"), "date"),
            t.column(_("Compared with"), "text"),
            t.column(_("Completed")),
            t.column(_("Unfinished")),
            t.column(_("Anonymous")),
        ],
        [
            t.row(
                w["name"],
                [
                    str(w["opens_on"]),
                    w.get("baseline_name") or w.get("baseline") or "",
                    _count(w["responses"]["completed"]),
                    _count(w["responses"]["unfinished"]),
                    _count(w["responses"]["anonymous"]),
                ],
            )
            for w in waves
        ],
        note=_(
            "Anonymous responses are among the completed ones; they cannot be paired with "
            "the same person's answers in another wave."
        ),
    )


def _left_out(ctx) -> list[str]:
    if not ctx.external:
        return []
    return [_("Statistics of fewer than %(n)s people are left out.") % {"n": ctx.threshold}]


def _scores(ctx, wave: dict[str, Any]) -> dict[str, Any]:
    """n, mean, SD and median of each scale, followed by the count in each of its bands."""
    rows = []
    for instrument in wave["instruments"]:
        for scale in instrument["scales"]:
            rows.append(
                t.row(
                    _scale_label(instrument["title"], scale["label"]),
                    [
                        _count(scale["n"]),
                        _number(scale["mean"], 1),
                        _number(scale["sd"], 1),
                        _number(scale["median"], 1),
                    ],
                )
            )
            rows += [
                t.row(
                    _("of whom: %(band)s") % {"band": band["label"]},
                    [_count(band["count"]), None, None, None],
                )
                for band in scale["bands"].values()
            ]
    notes = []
    own = [i["title"] for i in wave["instruments"] if not i["validated"]]
    if own:
        notes.append(_("Not a validated instrument: %(names)s.") % {"names": ", ".join(own)})
    return t.table(
        "evaluation_scores",
        _("Scores per scale: %(wave)s") % {"wave": wave["name"]},
        _("Scale"),
        [
            t.column("n"),
            t.column(_("Mean"), "number"),
            t.column(_("SD"), "number"),
            t.column(_("Median"), "number"),
        ],
        rows,
        note=" ".join(notes + _left_out(ctx)),
    )


def _paired(ctx, wave: dict[str, Any], few_pairs_below: int | None) -> dict[str, Any]:
    change_rows, test_rows, lower_better = [], [], []
    few = False
    for r in wave["paired_change"]:
        label = _scale_label(r["title"], r["label"])
        if not r["higher_is_better"]:
            lower_better.append(r["label"])
        if r["few_pairs"]:
            few = True
            label = f"{label} {FEW_PAIRS_MARK}"
        pairs = _count(r["n_pairs"])
        change_rows.append(
            t.row(
                label,
                [
                    pairs,
                    _number(r["mean_before"], 1),
                    _number(r["mean_after"], 1),
                    _number(r["mean_change"], 1),
                    _number(r["ci_low"], 1),
                    _number(r["ci_high"], 1),
                    _mid(r["mid"]),
                    _share(r["share_improved_beyond_mid"]),
                    _share(r["share_worsened_beyond_mid"]),
                ],
            )
        )
        test_rows.append(
            t.row(
                label,
                [
                    pairs,
                    _number(r["t"], 2),
                    _p(r["t_p"]),
                    _number(r["wilcoxon_w"], 1),
                    _p(r["wilcoxon_p"]),
                    _number(r["cohen_dz"], 2),
                    _number(r["rank_biserial"], 2),
                ],
            )
        )
    notes = [
        _(
            "Change is the follow-up minus the baseline for the same people (pairs), with "
            "the %(level)s confidence interval of the mean change. MID is the minimal important "
            "difference; the shares are of the pairs whose change reaches it."
        )
        % {"level": "95 %"}
    ]
    if lower_better:
        notes.append(
            _("A lower score is better for: %(scales)s.") % {"scales": ", ".join(lower_better)}
        )
    few_note = []
    if few and few_pairs_below:
        few_note.append(
            _(
                "%(mark)s Fewer than %(n)s pairs: the change is uncertain and the tests have "
                "little power."
            )
            % {"mark": FEW_PAIRS_MARK, "n": few_pairs_below}
        )
    names = {"baseline": wave.get("baseline_name") or wave["baseline"], "wave": wave["name"]}
    change = t.table(
        "evaluation_change",
        _("Paired change from %(baseline)s to %(wave)s") % names,
        _("Scale"),
        [
            t.column(_("Pairs")),
            t.column(_("Before"), "number", _("Mean")),
            t.column(_("After"), "number", _("Mean")),
            t.column(pgettext("difference", "Change"), "number", _("Mean")),
            t.column(_("Lower"), "number", _("95 % CI")),
            t.column(_("Upper"), "number", _("95 % CI")),
            t.column(_("MID"), "number"),
            t.column(_("Improved"), "percent", _("Change beyond the MID")),
            t.column(_("Worsened"), "percent", _("Change beyond the MID")),
        ],
        change_rows,
        note=" ".join(notes + few_note + _left_out(ctx)),
    )
    tests = t.table(
        "evaluation_tests",
        _("Tests and effect sizes of the paired change: %(wave)s") % names,
        _("Scale"),
        [
            t.column(_("Pairs")),
            t.column("t", "number", _("Paired t-test")),
            t.column("p", "number", _("Paired t-test")),
            t.column("W", "number", _("Wilcoxon signed-rank test")),
            t.column("p", "number", _("Wilcoxon signed-rank test")),
            t.column(_("Cohen's dz"), "number", _("Effect size")),
            t.column(_("Rank-biserial r"), "number", _("Effect size")),
        ],
        test_rows,
        note=" ".join(
            [
                _(
                    "Two-sided p-values. Both effect sizes are positive when the scores rose, "
                    "whichever direction is better."
                ),
                *few_note,
                *_left_out(ctx),
            ]
        ),
    )
    return {"wave": wave["wave"], "change": change, "tests": tests}


def _qualitative(qualitative: dict[str, Any]) -> dict[str, Any]:
    empty = {"count": 0, "participants": 0}
    rows = [
        (_("Focus groups"), qualitative.get("focus_groups") or empty),
        (_("Interviews"), qualitative.get("interviews") or empty),
    ]
    return t.table(
        "evaluation_qualitative",
        _("Focus groups and interviews held in the period"),
        _("Kind"),
        [t.column(pgettext("how many", "Number")), t.column(_("Participants"))],
        [
            t.row(label, [_count(kind["count"]), _count(kind["participants"])])
            for label, kind in rows
            if kind["count"]
        ],
    )


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    if not data.get("provided"):
        return [
            {
                "type": "unavailable",
                "text": _(
                    "Results of the questionnaires and focus groups are not yet available in "
                    "Jämlik; the evaluation is described in the text above."
                ),
            }
        ]
    out: list[dict[str, Any]] = [
        {"type": "paragraph", "text": str(text)} for text in data["summary"]
    ]
    if not data["available"]:
        out.append(
            {"type": "unavailable", "text": _("No questionnaire wave opened in the period.")}
        )
    if data["responses"]["rows"]:
        out.append({"type": "heading", "text": _("Questionnaires")})
        out.append({"type": "table", "table": data["responses"]})
        out += [{"type": "table", "table": table} for table in data["scores"]]
    if data["paired"]:
        out.append({"type": "heading", "text": _("Change since the baseline (paired)")})
        for paired in data["paired"]:
            out.append({"type": "table", "table": paired["change"]})
            out.append({"type": "table", "table": paired["tests"]})
    out += [{"type": "table", "table": table} for table in data["tables"]]
    if data["qualitative"]["rows"] or data["themes"]:
        out.append({"type": "heading", "text": _("Focus groups and interviews")})
        if data["qualitative"]["rows"]:
            out.append({"type": "table", "table": data["qualitative"]})
        if data["themes"]:
            out.append(
                {
                    "type": "paragraph",
                    "text": _("Themes: %(themes)s.") % {"themes": ", ".join(data["themes"])},
                }
            )
    if data["notes"]:
        out.append({"type": "list", "items": [str(n) for n in data["notes"]]})
    out += _half_years(data.get("half_years", []))
    out += _cbpr(data.get("cbpr", []))
    return out


def _half_years(evaluations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for e in evaluations:
        out.append(
            {
                "type": "heading",
                "text": _("The hub's evaluation of %(period)s") % {"period": e["period"]},
            }
        )
        terms = [
            (_("What works"), e["works"]),
            (_("What does not work"), e["does_not_work"]),
            (_("What to change"), e["changes"]),
        ]
        if any(v for _k, v in terms):
            out.append({"type": "definitions", "items": [(k, v) for k, v in terms if v]})
        if e["decisions"]:
            out.append({"type": "paragraph", "text": _("Decisions taken:")})
            out.append({"type": "list", "items": e["decisions"]})
    return out


def _cbpr(rounds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in rounds:
        out.append(
            {
                "type": "heading",
                "text": _("CBPR evaluation of the partnership: %(name)s") % {"name": r["name"]},
            }
        )
        if r["scale"] is not None:
            text = _("Mean of the partnership self-assessment: %(mean)s (1–5).") % {
                "mean": r["scale"]
            }
            if r["change"] is not None:
                text += " " + _("Change since %(previous)s: %(change)s.") % {
                    "previous": r["previous"],
                    "change": r["change"],
                }
            out.append({"type": "paragraph", "text": text})
            out.append({"type": "table", "table": r["items"]})
            out.append({"type": "table", "table": r["parties"]})
        else:
            out.append(
                {"type": "unavailable", "text": _("No party has answered the questionnaire yet.")}
            )
        if r["analysis"]:
            out.append({"type": "paragraph", "text": r["analysis"]})
    return out
