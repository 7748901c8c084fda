"""Aktiviteter och insatser: the figures beside the previous period, per workshop and
month, larger events, collaborating partners and the trend over all half-years."""

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jamlik.activities.models import Activity
from jamlik.lib.periods import Period
from jamlik.partners.models import Partner, Partnership, Sector
from jamlik.premises.services import premises_in_use
from jamlik.reports import tables as t
from jamlik.reports.figures import activities_by_month
from jamlik.reports.formatting import format_date, format_number, month_name, period_short
from jamlik.volunteers import figures as volunteer_figures
from jamlik.workshops.models import Workshop

KEY = "activities"


def title() -> str:
    return pgettext("report section", "Activities and interventions")


def collect(ctx) -> dict[str, Any]:
    now, before = ctx.figures(ctx.period), ctx.figures(ctx.previous)
    names = dict(Workshop.objects.filter(program=ctx.program).values_list("key", "name"))
    data = {
        "key_figures": _key_figures(ctx, now, before),
        "participants": _participants(ctx, now, before),
        "workshops": _workshops(ctx, now, before, names),
        "monthly": _monthly(ctx, names),
        "trend": _trend(ctx),
        "large_events": _large_events(ctx),
        "partners": _partners(ctx),
        "volunteers": _volunteers(ctx),
        "premises": _premises(ctx),
    }
    data["sectors_missing"] = [
        str(label) for value, label in Sector.choices if value not in data["partners"]["sectors"]
    ]
    return data


def _comparison_columns(ctx) -> list[dict[str, str]]:
    return [
        t.column(period_short(ctx.period)),
        t.column(period_short(ctx.previous)),
        t.column(pgettext("difference", "Change"), "change"),
        t.column(_("Change, %"), "percent_change"),
    ]


def _compare(label: str, current: int, previous: int, *, total: bool = False) -> dict:
    return t.row(
        label,
        [current, previous, t.change(current, previous), t.percent_change(current, previous)],
        total=total,
    )


def _key_figures(ctx, now, before) -> dict[str, Any]:
    rows = [
        _compare(
            _("Unique participants"),
            now["unique_participants"]["total"],
            before["unique_participants"]["total"],
        ),
        _compare(
            _("Recurring participants"),
            now["recurring_participants"],
            before["recurring_participants"],
        ),
        _compare(_("Activities"), now["activities"], before["activities"]),
        _compare(_("Larger events"), now["large_events"], before["large_events"]),
        _compare(
            _("Visits by registered participants"),
            now["visits"]["registered"],
            before["visits"]["registered"],
        ),
        _compare(
            _("Visits counted anonymously"),
            now["visits"]["headcount"],
            before["visits"]["headcount"],
        ),
        _compare(
            _("Participants given individual support"),
            now["individual_support"]["participants"],
            before["individual_support"]["participants"],
        ),
        _compare(
            _("Individual support contacts"),
            now["individual_support"]["contacts"],
            before["individual_support"]["contacts"],
        ),
        _compare(
            _("Cancelled activities"), now["cancelled_activities"], before["cancelled_activities"]
        ),
    ]
    table = t.table("key_figures", _("Key figures"), _("Figure"), _comparison_columns(ctx), rows)
    return t.protect(table, threshold=ctx.threshold) if ctx.external else table


CATEGORY_LABELS = {
    "child_youth": lambda: _("Children and young people"),
    "adult": lambda: _("Adults and guardians"),
    "professional": lambda: _("Professionals"),
}


def _participants(ctx, now, before) -> dict[str, Any]:
    rows = [
        _compare(label(), now["unique_participants"][key], before["unique_participants"][key])
        for key, label in CATEGORY_LABELS.items()
    ]
    rows.append(
        _compare(
            _("All unique participants"),
            now["unique_participants"]["total"],
            before["unique_participants"]["total"],
            total=True,
        )
    )
    table = t.table(
        "participants",
        _("Unique participants by group"),
        _("Group"),
        _comparison_columns(ctx),
        rows,
    )
    if ctx.external:
        # The total row is the key figures' "Unique participants" (both periods).
        return t.protect(table, threshold=ctx.threshold, total_row=True, public={(-1, 0), (-1, 1)})
    return table


def _workshops(ctx, now, before, names) -> dict[str, Any]:
    empty = {"activities": 0, "large_events": 0, "unique_participants": 0, "visits": 0}
    keys = sorted(
        set(now["by_workshop"]) | set(before["by_workshop"]), key=lambda k: names.get(k, k)
    )
    current, previous = period_short(ctx.period), period_short(ctx.previous)
    columns = []
    for label in (_("Activities"), _("Unique participants"), _("Visits")):
        columns += [t.column(current, group=label), t.column(previous, group=label)]
    rows = []
    for key in keys:
        a, b = now["by_workshop"].get(key, empty), before["by_workshop"].get(key, empty)
        cells = []
        for measure in ("activities", "unique_participants", "visits"):
            cells += [a[measure], b[measure]]
        rows.append(t.row(names.get(key, key), cells))
    table = t.table(
        "workshops",
        _("Per workshop"),
        _("Workshop"),
        columns,
        rows,
        note=_(
            "Participants are counted once per workshop; someone who takes part in several "
            "workshops is counted in each, so the rows do not add up to the program's total."
        ),
    )
    return t.protect(table, threshold=ctx.threshold) if ctx.external else table


def months_of(period: Period) -> list[Period]:
    months = []
    start = period.start
    while start <= period.end:
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = min(following - timedelta(days=1), period.end)
        months.append(Period(f"{start.isoformat()}..{end.isoformat()}", start, end))
        start = following
    return months


def _monthly(ctx, names) -> dict[str, Any]:
    """Activities per month and workshop, with totals: a two-way table."""
    months = months_of(ctx.period)
    by_month = activities_by_month(program=ctx.program, period=ctx.period)
    counts = [by_month.get(m.start.replace(day=1), {}) for m in months]
    total = ctx.figures(ctx.period)
    keys = sorted(total["by_workshop"], key=lambda k: names.get(k, k))
    columns = [t.column(month_name(m.start.year, m.start.month)) for m in months]
    columns.append(t.column(_("Total")))
    rows = []
    for key in keys:
        cells = [c.get(key, 0) for c in counts]
        rows.append(t.row(names.get(key, key), [*cells, total["by_workshop"][key]["activities"]]))
    common = [c.get(None, 0) for c in counts]
    if any(common):
        rows.append(t.row(_("Program-wide"), [*common, sum(common)]))
    rows.append(
        t.row(
            _("All activities"),
            [*(sum(c.values()) for c in counts), total["activities"]],
            total=True,
        )
    )
    table = t.table(
        "monthly",
        _("Activities per month and workshop"),
        _("Workshop"),
        columns,
        rows,
        note=_("Larger events are not included."),
    )
    if ctx.external:
        # A workshop's total is its activities in the per-workshop table, the grand total
        # the key figures' "Activities". The program-wide total and the months' totals
        # are published nowhere else.
        public = {(i, -1) for i in range(len(keys))} | {(-1, -1)}
        return t.protect(
            table, threshold=ctx.threshold, total_row=True, total_col=True, public=public
        )
    return table


def _trend(ctx) -> dict[str, Any]:
    columns = [
        t.column(_("Unique participants")),
        t.column(_("Recurring participants")),
        t.column(_("Activities")),
        t.column(_("Larger events")),
        t.column(_("Individual support")),
    ]
    rows = []
    for period in ctx.half_years():
        f = ctx.figures(period)
        rows.append(
            t.row(
                period.label,
                [
                    f["unique_participants"]["total"],
                    f["recurring_participants"],
                    f["activities"],
                    f["large_events"],
                    f["individual_support"]["participants"],
                ],
            )
        )
    table = t.table("trend", _("Development per half-year"), _("Half-year"), columns, rows)
    return t.protect(table, threshold=ctx.threshold) if ctx.external else table


def _large_events(ctx) -> dict[str, Any]:
    events = (
        Activity.objects.filter(
            program=ctx.program,
            status=Activity.Status.HELD,
            large_event=True,
            date__gte=ctx.period.start,
            date__lte=ctx.period.end,
        )
        .select_related("workshop")
        .order_by("date", "title")
    )
    rows = [
        t.row(
            format_date(e.date),
            [
                e.title,
                str(e.get_kind_display()),
                e.workshop.name if e.workshop else _("Program-wide"),
            ],
            day=e.date,
        )
        for e in events
    ]
    listing = t.table(
        "large_events_list",
        _("Larger events in the period"),
        _("Date"),
        [
            t.column(_("Event"), "text"),
            t.column(_("Kind"), "text"),
            t.column(_("Workshop"), "text"),
        ],
        rows,
    )
    # The list grouped by kind: the body shows this, the appendix the list.
    by_kind: dict[str, list] = {}
    for e in events:
        by_kind.setdefault(str(e.get_kind_display()), []).append(e)
    summary = t.table(
        "large_events",
        _("Larger events by kind"),
        _("Kind"),
        [t.column(_("Events")), t.column(_("Arranged by"), "text")],
        [
            t.row(
                kind,
                [
                    len(items),
                    ", ".join(
                        sorted(
                            {e.workshop.name if e.workshop else _("Program-wide") for e in items}
                        )
                    ),
                ],
            )
            for kind, items in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))
        ],
    )
    if ctx.external:
        t.protect(summary, threshold=ctx.threshold)
    return {"summary": summary, "list": listing}


def _partners(ctx) -> dict[str, Any]:
    period = ctx.period
    partnerships = (
        Partnership.objects.filter(program=ctx.program)
        .filter(Q(joined_on__isnull=True) | Q(joined_on__lte=period.end))
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=period.start))
        .select_related("partner")
    )
    in_activities = set(
        Partner.objects.filter(
            activities__program=ctx.program,
            activities__status=Activity.Status.HELD,
            activities__date__gte=period.start,
            activities__date__lte=period.end,
        ).values_list("pk", flat=True)
    )
    role_order = {value: i for i, value in enumerate(Partnership.Role.values)}
    seen, rows, sectors = set(), [], set()
    for p in sorted(partnerships, key=lambda p: (role_order[p.role], p.partner.name)):
        seen.add(p.partner_id)
        sectors.add(p.partner.sector)
        rows.append(
            t.row(
                p.partner.name,
                [
                    str(p.partner.get_sector_display()),
                    str(p.get_role_display()),
                    _("Yes") if p.partner_id in in_activities else "–",
                ],
            )
        )
    for partner in Partner.objects.filter(pk__in=in_activities - seen).order_by("name"):
        sectors.add(partner.sector)
        rows.append(
            t.row(
                partner.name,
                [str(partner.get_sector_display()), _("Collaborating actor"), _("Yes")],
            )
        )
    table = t.table(
        "partners",
        _("Collaborating partners"),
        _("Partner"),
        [
            t.column(_("Sector"), "text"),
            t.column(_("Role"), "text"),
            t.column(_("In activities this period"), "text"),
        ],
        rows,
    )
    table["sectors"] = sorted(sectors)
    return table


def _volunteers(ctx) -> dict[str, Any]:
    """Trained health coaches, active ambassadors and volunteer hours in the period and
    the one before (each a half-year in the half-year reports)."""
    periods = [ctx.previous, ctx.period]
    rows = [
        t.row(
            period.label,
            [
                f["trained_coaches"],
                f["active_ambassadors"],
                format_number(f["volunteer_hours"], decimals=1) if f["volunteer_hours"] else "–",
            ],
        )
        for period, f in zip(
            periods,
            volunteer_figures.figures_by_period(program=ctx.program, periods=periods),
            strict=True,
        )
    ]
    table = t.table(
        "volunteers",
        _("Health coaches, ambassadors and volunteers"),
        _("Period"),
        [
            t.column(_("Health coaches trained")),
            t.column(_("Active ambassadors")),
            t.column(_("Volunteer hours"), "text"),
        ],
        rows,
    )
    return t.protect(table, threshold=ctx.threshold) if ctx.external else table


def _premises(ctx) -> dict[str, Any]:
    """Where the work happens: the register's places in use or used in the period."""
    places = premises_in_use(program=ctx.program, period=ctx.period)
    rows = [
        t.row(
            p.name,
            [p.address, p.owner.name if p.owner else "", p.held],
        )
        for p in places
    ]
    table = t.table(
        "premises",
        _("Premises and meeting places"),
        _("Place"),
        [
            t.column(_("Address"), "text"),
            t.column(_("Owner"), "text"),
            t.column(_("Activities held")),
        ],
        rows,
    )
    return t.protect(table, threshold=ctx.threshold) if ctx.external else table


def blocks(data: dict[str, Any], doc) -> list[dict[str, Any]]:
    period = doc.period_name
    out: list[dict[str, Any]] = [
        {"type": "table", "table": data["key_figures"]},
        {"type": "heading", "text": _("Participants")},
        {
            "type": "chart",
            "chart": "participants",
            "table": data["participants"],
            "title": _("Unique participants by group, %(period)s") % {"period": period},
        },
        {"type": "table", "table": data["participants"]},
        {"type": "heading", "text": _("Workshops")},
    ]
    if data["workshops"]["rows"]:
        out.append({"type": "table", "table": data["workshops"]})
    if any(r["cells"][-1] for r in data["monthly"]["rows"] if r["total"]):
        out += [
            {
                "type": "chart",
                "chart": "monthly",
                "table": data["monthly"],
                "title": _("Activities per month and workshop"),
            },
            {"type": "table", "table": data["monthly"]},
        ]
    out.append({"type": "heading", "text": _("Larger events")})
    if data["large_events"]["list"]["rows"]:
        out.append({"type": "table", "table": data["large_events"]["summary"]})
        out.append({"type": "paragraph", "text": _("Every event is listed in the appendix.")})
    else:
        out.append({"type": "paragraph", "text": _("No larger events were held in the period.")})
    out.append({"type": "heading", "text": _("Collaborating partners")})
    if data["partners"]["rows"]:
        out.append({"type": "table", "table": data["partners"]})
    else:
        out.append({"type": "paragraph", "text": _("No partners are registered for the period.")})
    if data["sectors_missing"]:
        out.append(
            {
                "type": "paragraph",
                "text": _("Sectors of the partnership not represented in the period: %(sectors)s.")
                % {"sectors": ", ".join(data["sectors_missing"])},
            }
        )
    if len(data["trend"]["rows"]) > 1:
        out += [
            {"type": "heading", "text": _("Development over time")},
            {
                "type": "chart",
                "chart": "trend",
                "table": data["trend"],
                "title": _("Main figures per half-year"),
            },
            {"type": "table", "table": data["trend"]},
        ]
    # Versions frozen before coaches, volunteers and premises were collected lack them.
    volunteers = data.get("volunteers")
    if volunteers and any(any(c not in (0, "–") for c in r["cells"]) for r in volunteers["rows"]):
        out += [
            {"type": "heading", "text": _("Health coaches, ambassadors and volunteers")},
            {"type": "table", "table": volunteers},
        ]
    premises = data.get("premises")
    if premises and premises["rows"]:
        out += [
            {"type": "heading", "text": _("Where the work happens")},
            {"type": "table", "table": premises},
        ]
    return out
