"""Import and export of a program's record: the functions the command and the web call."""

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jamlik.people import audit
from jamlik.programs.interchange.apply import Counts, active_without_needs, apply_plan
from jamlik.programs.interchange.problems import ImportRejected, Problem
from jamlik.programs.interchange.reader import Source, read_upload
from jamlik.programs.interchange.schema import BY_NAME, SPECS, spec_for
from jamlik.programs.interchange.validate import Plan, validate
from jamlik.programs.interchange.writer import export_rows, to_csv
from jamlik.programs.models import Program


@dataclass
class ImportResult:
    counts: dict[str, Counts]  # by file name ("activities"), in the order applied
    labels: dict[str, str]  # file name -> how the source named it
    warnings: list[Problem]

    def summary(self) -> list[str]:
        return [
            _("%(file)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
            % {"file": self.labels[name], **counts.as_dict()}
            for name, counts in self.counts.items()
        ]


def import_source(*, program: Program, source: Source, user: Any) -> ImportResult:
    """Writes everything in `source`, or nothing and raises ImportRejected listing why.

    An unsaved `program` is created, in the same transaction, only if the import succeeds.
    """
    creating = program.pk is None
    try:
        with transaction.atomic():
            if creating:
                program.save()
            else:
                # One import at a time per program, so the checks stay true until written.
                Program.objects.select_for_update().get(pk=program.pk)
            plan, problems = validate(program=program, tables=source.tables)
            problems = sorted(source.problems + problems, key=_position)
            if problems:
                raise ImportRejected(problems, source.warnings)
            counts = apply_plan(program=program, plan=plan, user=user)
            warnings = source.warnings + _need_warnings(program, plan, source)
            audit.record(
                user=user,
                program=program,
                action="import",
                object_type="program",
                object_ref=program.slug,
                detail={
                    "source": source.label,
                    "files": {name: c.as_dict() for name, c in counts.items()},
                },
            )
    except IntegrityError:
        # A concurrent change (another import, a promoter's new participant) won a race.
        if creating:
            program.pk = None
        message = _("the program changed while importing; nothing was written, please try again")
        raise ImportRejected(
            [Problem(source.label, None, None, message)], source.warnings
        ) from None
    except ImportRejected:
        if creating:
            program.pk = None
        raise
    labels = {name: table.label for name, table in source.tables.items()}
    return ImportResult(counts=counts, labels=labels, warnings=warnings)


def import_upload(*, program: Program, upload: UploadedFile, user: Any) -> ImportResult:
    source = read_upload(name=upload.name or "upload", data=upload.read())
    return import_source(program=program, source=source, user=user)


def _need_warnings(program: Program, plan: Plan, source: Source) -> list[Problem]:
    """A warning for each imported workshop that is active but addresses no need.

    The model starts a workshop because residents' needs call for it; the import still
    writes such a workshop, as its record may be older than its documented needs.
    """
    if "workshops" not in plan:
        return []
    label = source.tables["workshops"].label
    message = _(
        "the workshop “%(key)s” is active but meets none of the program's documented "
        "needs; write the keys of the needs it meets in this column, or link them on the "
        "workshop's needs page"
    )
    return [
        Problem(label, record.line, "needs", message % {"key": record.identity[0]})
        for record in active_without_needs(program, plan["workshops"])
    ]


def _position(problem: Problem) -> tuple[int, int]:
    spec = spec_for(problem.file)
    return (SPECS.index(spec) if spec else -1, problem.line or 0)


@dataclass
class Export:
    files: dict[str, bytes]  # file name ("activities.csv") -> CSV content
    rows: dict[str, int]  # file name -> number of rows written


def export_program(*, program: Program, user: Any) -> Export:
    """The CSV files of the program's record, one per table; the export is audit-logged."""
    rows = export_rows(program)
    counts = {BY_NAME[name].filename: len(file_rows) for name, file_rows in rows.items()}
    audit.record(
        user=user,
        program=program,
        action="export",
        object_type="program",
        object_ref=program.slug,
        detail={"rows": counts},
    )
    files = {BY_NAME[name].filename: to_csv(name, file_rows) for name, file_rows in rows.items()}
    return Export(files=files, rows=counts)
