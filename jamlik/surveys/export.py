"""Research exports: pseudonymised responses and scores under a registered ethics approval.

Each respondent appears under the study's keyed pseudonym (HMAC with the study's own key),
never under the program's participant code or a name. Responses whose research consent was
withdrawn are left out, and the export says how many. Every export is audit-logged.
"""

import csv
import io
from dataclasses import dataclass

from django.utils import timezone

from jamlik.lib.spreadsheets import csv_field, safe_row
from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.surveys.catalog import get_instrument
from jamlik.surveys.models import EthicsApproval, Response

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _responses(approval: EthicsApproval):
    return Response.objects.filter(wave__in=approval.waves.all())


def withdrawn_count(approval: EthicsApproval) -> int:
    """Responses of the approval's waves left out because their consent was withdrawn."""
    return _responses(approval).filter(consent_withdrawn_at__isnull=False).count()


def export_table(approval: EthicsApproval) -> tuple[list[str], list[list]]:
    waves = list(approval.waves.order_by("opens_on", "key"))
    refs: list[str] = []
    for wave in waves:
        refs += [ref for ref in wave.instruments if ref not in refs]
    instruments = [i for i in (get_instrument(ref) for ref in refs) if i is not None]
    header = [
        "study_pseudonym",
        "wave",
        "wave_kind",
        "wave_opens_on",
        "language",
        "translation_status",
        "mode",
        "source",
        "completed",
    ]
    for instrument in instruments:
        header += [f"{instrument.key}_{item}" for item in instrument.items]
        header += [f"{instrument.key}_score_{scale.key}" for scale in instrument.scales]
    responses = (
        Response.objects.filter(wave__in=waves, consent_withdrawn_at__isnull=True)
        .select_related("wave")
        .prefetch_related("scores")
        .order_by("wave__opens_on", "pk")
    )
    rows = []
    for response in responses:
        scores = {(s.instrument, s.version, s.scale): s.value for s in response.scores.all()}
        statuses = {
            i.languages[response.language].status
            for i in instruments
            if i.ref in response.wave.instruments and response.language in i.languages
        }
        row = [
            approval.pseudonym(response),
            response.wave.key,
            response.wave.kind,
            response.wave.opens_on,
            response.language,
            "unofficial" if "unofficial" in statuses else "official",
            response.mode,
            response.source,
            int(response.completed),
        ]
        for instrument in instruments:
            given = response.answers.get(instrument.ref) or {}
            row += [given.get(item, "") for item in instrument.items]
            row += [
                _blank(scores.get((instrument.key, instrument.version, scale.key)))
                for scale in instrument.scales
            ]
        rows.append(row)
    return header, rows


def _blank(value):
    return "" if value is None else value


def render(header: list[str], rows: list[list], fmt: str, *, about: list[list] = ()) -> bytes:
    """The table as CSV, or as a workbook with the table and an "about" sheet."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([csv_field(value) for value in row] for row in rows)
        return buffer.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook  # heavy: only when a workbook is written

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "responses"
    sheet.append(header)
    for row in rows:
        sheet.append(safe_row(row))
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "yyyy-mm-dd"
    if about:
        notes = workbook.create_sheet("about")
        for row in about:
            notes.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class ResearchExport:
    content: bytes
    filename: str
    rows: int
    withdrawn: int


def export_for_researcher(
    *, access: ProgramAccess, approval: EthicsApproval, fmt: str
) -> ResearchExport:
    """The export file, its name and counts; the audit row names the approval and the size."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be csv or xlsx, not {fmt!r}")
    header, rows = export_table(approval)
    withdrawn = withdrawn_count(approval)
    audit.record(
        user=access.user,
        program=access.program,
        action="export",
        object_type="research_export",
        object_ref=approval.study,
        detail={
            "reference_number": approval.reference_number,
            "format": fmt,
            "rows": len(rows),
            "withdrawn": withdrawn,
            "waves": sorted(approval.waves.values_list("key", flat=True)),
        },
    )
    stamp = timezone.localdate().isoformat()
    about = [
        ["study", approval.study],
        ["reference_number", approval.reference_number],
        ["exported_on", stamp],
        ["responses", len(rows)],
        ["withdrawn_responses_left_out", withdrawn],
    ]
    return ResearchExport(
        content=render(header, rows, fmt, about=about),
        filename=f"{approval.study}-{stamp}.{fmt}",
        rows=len(rows),
        withdrawn=withdrawn,
    )
