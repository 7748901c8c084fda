"""Offline collection: a wave as an XLSForm for ODK Collect or KoboCollect, and the import
of their submissions back into the wave.

Field names are "<instrument>__<item>". The import takes the exports the servers write:
ODK Central's CSV (headers "g_who5-who5__q1", "meta-instanceID", "KEY"), KoboToolbox's
XML-headed CSV or XLSX ("g_who5/who5__q1", "_uuid") and Kobo's default, label-headed export
(the questions' labels as headers and the choices' labels as values, in any of the form's
languages, often ";"-separated with every field quoted). Labels are matched against the
form Jämlik builds for the wave, in each of its languages. A submission keeps one id
("uuid:…") whichever export it came from, so importing another export of the same
submissions changes nothing.
"""

import csv
import hashlib
import io
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, override

from jamlik.activities.models import Participant
from jamlik.lib.spreadsheets import (
    UnreadableWorkbook,
    append_text_row,
    is_workbook,
    read_workbook,
)
from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.surveys import scoring
from jamlik.surveys.catalog import LANGUAGE_NAMES, Instrument, text_in
from jamlik.surveys.models import Response, Wave
from jamlik.surveys.services import compute_scores

SEPARATOR = "__"
# The form's own questions, translated into each of its languages when it is built.
LANGUAGE_LABEL = gettext_noop("Language")
CONSENT_LABEL = gettext_noop(
    "I agree that my answers are used for research and evaluation of the program."
)
YES, NO = gettext_noop("Yes"), gettext_noop("No")
MODE_LABEL = gettext_noop("Who fills in the form?")
MODE_SELF = gettext_noop("The participant")
MODE_ASSISTED = gettext_noop("A health promoter, with the participant")
CODE_LABEL = gettext_noop("Participant code (leave empty to answer anonymously)")
REQUIRED_MESSAGE = gettext_noop("The score needs an answer to this question.")
NUMBER_HINT = gettext_noop("A whole number from %(min)s to %(max)s.")
ID_COLUMNS = ("instanceID", "KEY", "_uuid")
# Columns the servers add that the import does not need; they are not reported as unknown.
SERVER_COLUMNS = frozenset(
    {
        "SubmissionDate",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
        "deviceid",
        "today",
        "username",
        "instanceName",
        "audit",
        "rootUuid",
        "deprecatedID",
        "uuid",
    }
)
COLUMNS = ("type", "name", "label", "hint", "required", "required_message", "relevant")
COLUMNS_AFTER = ("constraint", "constraint_message")


class UnreadableSubmissions(ValueError):
    """The upload is neither CSV text nor a workbook; `str()` is the user's message."""


class NoCommonLanguage(ValueError):
    """The wave's instruments share no language, so no form can be built."""


def field_name(instrument: Instrument, item_key: str) -> str:
    return f"{instrument.key}{SEPARATOR}{item_key}"


def form_id(wave: Wave) -> str:
    return f"jamlik_{wave.program.slug}_{wave.key}".replace("-", "_")


def _in_each(languages: list[str], message: str, values: dict | None = None) -> list[str]:
    texts = []
    for code in languages:
        with override(code):
            texts.append(_(message) % values if values else _(message))
    return texts


@dataclass
class Question:
    """One row of the form's survey sheet; texts are per language, in the form's order."""

    type: str
    name: str
    label: list[str]
    hint: list[str] | None = None
    required: bool = False
    required_message: list[str] | None = None
    relevant: str = ""
    constraint: str = ""
    constraint_message: list[str] | None = None


@dataclass
class Form:
    languages: list[str]
    questions: list[Question]
    choices: dict[str, list[tuple[str, list[str]]]]  # list name -> [(code, labels)]
    title: str

    def version(self) -> str:
        """Stable for the same content: the same wave and instrument versions give the
        same version, and ODK Central and Kobo see a new form only when it changed."""
        content = json.dumps(
            [self.title, self.languages, [vars(q) for q in self.questions], self.choices],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(content.encode()).hexdigest()[:12]


def wave_form(wave: Wave) -> Form:
    """The form of a wave, as both the XLSForm and the import of its exports read it."""
    languages = wave.languages()
    if not languages:
        raise NoCommonLanguage(wave.key)
    agreed = "${consent} = 'yes'"
    questions = [
        Question("start", "start", [""] * len(languages)),
        Question("end", "end", [""] * len(languages)),
        Question(
            "select_one form_language",
            "form_language",
            _in_each(languages, LANGUAGE_LABEL),
            required=True,
        ),
        Question("select_one yes_no", "consent", _in_each(languages, CONSENT_LABEL), required=True),
        Question("select_one mode", "mode", _in_each(languages, MODE_LABEL), required=True),
        Question("text", "participant_code", _in_each(languages, CODE_LABEL), relevant=agreed),
    ]
    choices: dict[str, list[tuple[str, list[str]]]] = {
        "form_language": [
            (code, [LANGUAGE_NAMES.get(code, code)] * len(languages)) for code in languages
        ],
        "yes_no": [("yes", _in_each(languages, YES)), ("no", _in_each(languages, NO))],
        "mode": [
            ("self", _in_each(languages, MODE_SELF)),
            ("assisted", _in_each(languages, MODE_ASSISTED)),
        ],
    }
    for instrument in wave.instrument_list():
        questions.extend(_instrument_questions(instrument, languages, agreed, choices))
    return Form(languages, questions, choices, wave.name)


def _needed_items(instrument: Instrument) -> set[str]:
    """Items without which a scale cannot be scored: those of scales that allow none missing."""
    return {
        key
        for scale in instrument.scales
        if scale.min_answered >= len(scale.items)
        for key in scale.items
    }


def _instrument_questions(instrument: Instrument, languages, agreed: str, choices) -> list:
    needed = _needed_items(instrument)
    questions = [
        Question(
            "begin_group",
            f"g_{instrument.key}",
            [instrument.title_in(c) for c in languages],
            relevant=agreed,
        )
    ]
    if instrument.instructions:
        texts = [text_in(instrument.instructions, c) for c in languages]
        questions.append(Question("note", f"{instrument.key}{SEPARATOR}intro", texts))
    lists_done: dict[tuple, str] = {}
    for group in instrument.groups:
        if group.intro:
            texts = [text_in(group.intro, c) for c in languages]
            questions.append(Question("note", f"{instrument.key}{SEPARATOR}{group.key}", texts))
        for key in group.items:
            item = instrument.items[key]
            question = Question("", field_name(instrument, key), [item.text[c] for c in languages])
            if key in needed:
                question.required = True
                question.required_message = _in_each(languages, REQUIRED_MESSAGE)
            if item.type == "integer":
                question.type = "integer"
                question.constraint = f". >= {item.min} and . <= {item.max}"
                bounds = {"min": item.min, "max": item.max}
                question.hint = _in_each(languages, NUMBER_HINT, bounds)
                question.constraint_message = question.hint
            else:
                question.type = (
                    f"select_one {_list_for(instrument, item, languages, choices, lists_done)}"
                )
            questions.append(question)
    questions.append(Question("end_group", "", [""] * len(languages)))
    return questions


def _list_for(instrument, item, languages, choices, done: dict[tuple, str]) -> str:
    """One choice list per distinct set of codes and labels within the instrument."""
    labels = tuple((o.code, *(o.label[c] for c in languages)) for o in item.options)
    if labels not in done:
        done[labels] = f"{instrument.key}{SEPARATOR}{len(done) + 1}"
        choices[done[labels]] = [(str(code), list(texts)) for code, *texts in labels]
    return done[labels]


def build_xlsform(wave: Wave) -> bytes:
    """The wave's form as XLSForm (.xlsx), in every language all its instruments have.

    Raises NoCommonLanguage when the instruments share no language.
    """
    form = wave_form(wave)
    names = [f"{LANGUAGE_NAMES.get(c, c)} ({c})" for c in form.languages]

    def each(column: str) -> list[str]:
        return [f"{column}::{name}" for name in names]

    translated = {"label", "hint", "required_message", "constraint_message"}
    header = [
        part
        for column in (*COLUMNS, *COLUMNS_AFTER)
        for part in (each(column) if column in translated else [column])
    ]
    survey = [header]
    blank = [""] * len(names)
    for q in form.questions:
        values = {
            "type": [q.type],
            "name": [q.name],
            "label": q.label,
            "hint": q.hint or blank,
            "required": ["yes" if q.required else ""],
            "required_message": q.required_message or blank,
            "relevant": [q.relevant],
            "constraint": [q.constraint],
            "constraint_message": q.constraint_message or blank,
        }
        survey.append([v for column in (*COLUMNS, *COLUMNS_AFTER) for v in values[column]])
    choices = [["list_name", "name", *each("label")]]
    for list_name, options in form.choices.items():
        choices.extend([list_name, code, *labels] for code, labels in options)
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        [form.title, form_id(wave), form.version(), names[0]],
    ]
    from openpyxl import Workbook  # heavy: only when a form is built

    workbook = Workbook()
    for index, (title, rows) in enumerate(
        (("survey", survey), ("choices", choices), ("settings", settings))
    ):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title
        for row in rows:
            append_text_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Import


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    without_consent: int = 0
    duplicates: int = 0
    rows: int = 0
    unknown_columns: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        """What happened, one sentence each; the first says whether anything was imported."""
        lines = [
            ngettext("%(count)d response imported.", "%(count)d responses imported.", self.created)
            % {"count": self.created}
            if self.created
            else ngettext(
                "Nothing was imported from the file's %(count)d row.",
                "Nothing was imported from the file's %(count)d rows.",
                self.rows,
            )
            % {"count": self.rows}
        ]
        if self.unchanged:
            lines.append(
                ngettext(
                    "%(count)d row was already imported.",
                    "%(count)d rows were already imported.",
                    self.unchanged,
                )
                % {"count": self.unchanged}
            )
        if self.without_consent:
            lines.append(
                ngettext(
                    "%(count)d row was skipped: no consent to research.",
                    "%(count)d rows were skipped: no consent to research.",
                    self.without_consent,
                )
                % {"count": self.without_consent}
            )
        if self.duplicates:
            lines.append(
                ngettext(
                    "%(count)d row was skipped: its submission appears twice.",
                    "%(count)d rows were skipped: their submission appears twice.",
                    self.duplicates,
                )
                % {"count": self.duplicates}
            )
        if self.unknown_columns:
            lines.append(
                _("Columns not in the form, ignored: %(columns)s.")
                % {"columns": ", ".join(self.unknown_columns)}
            )
        return lines


def read_submissions(name: str, data: bytes) -> list[list[str]]:
    """The rows of a CSV or XLSX export, header first, every cell as text."""
    if is_workbook(name, data):
        try:
            sheets = read_workbook(data)
        except UnreadableWorkbook as exc:
            raise UnreadableSubmissions(str(exc)) from exc
        # Kobo's workbook holds the main table first and repeat groups after it.
        return [[_cell_text(v) for v in row] for row in sheets[0].rows]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableSubmissions(
            _("The file is neither UTF-8 text (CSV) nor an .xlsx workbook.")
        ) from None
    return _csv_rows(text)


def _csv_rows(text: str) -> list[list[str]]:
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    # The separator is the one that splits the header into most fields, quotes respected.
    delimiter = max((",", ";", "\t"), key=lambda d: len(next(csv.reader([first], delimiter=d), [])))
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def submission_key(value: str) -> str:
    """One id per submission: ODK's "uuid:…" and Kobo's bare "_uuid" are the same."""
    value = value.strip()
    if not value:
        return ""
    return value if value.lower().startswith("uuid:") else f"uuid:{value}"


@dataclass
class _Columns:
    positions: dict[str, int]  # field name (or an id column) -> position in the row
    unknown: list[str]


def _match_columns(header: list[str], form: Form) -> _Columns:
    """Which column holds which field: by name (with a group prefix "g/" or "g-") or, in
    Kobo's label-headed export, by the question's label in any of the form's languages."""
    names = [q.name for q in form.questions if q.name and q.type not in ("note", "begin_group")]
    known = set(names)
    by_label: dict[str, list[str]] = {}
    groups = set()
    for q in form.questions:
        texts = {_normal(t) for t in q.label if t}
        if q.type == "begin_group":
            groups |= texts
        elif q.name in known:
            for text in texts:
                by_label.setdefault(text, []).append(q.name)
    found = _Columns({}, [])
    for position, raw in enumerate(header):
        name = _name_of(raw.strip(), known)
        if name is None:
            name = next(
                (
                    candidate
                    for text in _label_forms(raw, groups)
                    for candidate in by_label.get(text, [])
                    if candidate not in found.positions
                ),
                None,
            )
        if name is not None and name not in found.positions:
            found.positions[name] = position
        elif name is None and raw.strip() and not _is_server_column(raw.strip()):
            found.unknown.append(raw.strip())
    return found


def _name_of(header: str, known: set[str]) -> str | None:
    for candidate in (header, header.rsplit("/", 1)[-1], header.rsplit("-", 1)[-1]):
        if candidate in known or candidate in ID_COLUMNS:
            return candidate
    return None


def _label_forms(header: str, groups: set[str]):
    """The header, then without the group labels Kobo may put before it ("Group/Label")."""
    text = _normal(header)
    yield text
    parts = text.split("/")
    for i in range(1, len(parts)):
        if _normal("/".join(parts[:i])).split("/")[-1] in groups or i == len(parts) - 1:
            yield "/".join(parts[i:])


def _is_server_column(header: str) -> bool:
    name = header.rsplit("/", 1)[-1].rsplit("-", 1)[-1]
    return header.startswith("_") or name in SERVER_COLUMNS or header in SERVER_COLUMNS


def _choice_codes(form: Form) -> dict[str, dict[str, str]]:
    """Field name -> {a choice's code or label in any language, normalised: its code}."""
    lists = {}
    for list_name, options in form.choices.items():
        found = {}
        for code, labels in options:
            found[_normal(code)] = code
            for label in labels:
                found.setdefault(_normal(label), code)
        lists[list_name] = found
    return {
        q.name: lists[q.type.split(" ", 1)[1]]
        for q in form.questions
        if q.type.startswith("select_one ")
    }


def import_submissions(
    *, access: ProgramAccess, wave: Wave, text: str | None = None, rows=None
) -> ImportResult:
    """Add the export's submissions to the wave: all of them, or none if any row is wrong.

    `rows` are the export's rows, header first (`read_submissions`); `text` a CSV export.
    A submission id already in the wave is left as it is, so importing twice changes nothing.
    """
    result = ImportResult()
    table = rows if rows is not None else _csv_rows(text or "")
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        result.errors.append(_("The file is empty."))
        return result
    form = wave_form(wave)
    columns = _match_columns(table[0], form)
    result.unknown_columns = columns.unknown
    result.rows = len(table) - 1
    if "consent" not in columns.positions:
        result.errors.append(
            _(
                "No column holds the consent question: the file is not an export of this "
                "wave's form."
            )
        )
    if not any(c in columns.positions for c in ID_COLUMNS):
        result.errors.append(_("No column holds the submission id (instanceID, KEY or _uuid)."))
    if result.errors:
        return result
    codes_of = _choice_codes(form)
    existing = {
        submission_key(s)
        for s in Response.objects.filter(wave=wave)
        .exclude(submission_id="")
        .values_list("submission_id", flat=True)
    }
    codes = dict(Participant.objects.filter(program=wave.program).values_list("code", "pk"))
    answered = set(
        Response.objects.filter(wave=wave, participant__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    seen: set[str] = set()
    new: list[Response] = []
    for number, cells in enumerate(table[1:], start=2):
        row = {}
        for name, position in columns.positions.items():
            value = cells[position].strip() if position < len(cells) else ""
            if name in codes_of and value:
                value = codes_of[name].get(_normal(value), value)
            row[name] = value
        submission = submission_key(next((row[c] for c in ID_COLUMNS if row.get(c)), ""))
        if not submission:
            result.errors.append(_("Row %(row)d: no submission id (instanceID).") % {"row": number})
            continue
        if submission in seen:
            result.duplicates += 1
            continue
        seen.add(submission)
        if submission in existing:
            result.unchanged += 1
            continue
        if row.get("consent") != "yes":
            result.without_consent += 1
            continue
        response, errors = _response_from_row(wave, row, number, codes, answered, form.languages)
        result.errors.extend(errors)
        if response is not None:
            response.submission_id = submission
            new.append(response)
    if result.errors:
        return result
    with transaction.atomic():
        for response in new:
            response.save()
            compute_scores(response)
        audit.record(
            user=access.user,
            program=access.program,
            action="import",
            object_type="survey_response",
            object_ref=wave.key,
            detail={
                "created": len(new),
                "unchanged": result.unchanged,
                "without_consent": result.without_consent,
                "duplicates": result.duplicates,
            },
        )
    result.created = len(new)
    return result


def _started_at(value: str):
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def _response_from_row(wave, row, number, codes, answered, languages):
    errors = []
    participant_id = None
    code = row.get("participant_code", "").upper()
    if code:
        participant_id = codes.get(code)
        if participant_id is None:
            message = _("Row %(row)d: participant code %(code)s is not in the program.")
            errors.append(message % {"row": number, "code": code})
        elif participant_id in answered:
            message = _("Row %(row)d: participant %(code)s has already answered this wave.")
            errors.append(message % {"row": number, "code": code})
        else:
            answered.add(participant_id)
    language = row.get("form_language") or (languages[0] if languages else "")
    if language not in languages:
        message = _("Row %(row)d: language %(language)s is not one of the form's.")
        errors.append(message % {"row": number, "language": language})
    answers: dict[str, dict[str, int]] = {}
    for instrument in wave.instrument_list():
        given = {}
        for key, item in instrument.items.items():
            raw = row.get(field_name(instrument, key), "")
            if raw == "":
                continue
            if not scoring.is_valid_answer(item, raw):
                message = _("Row %(row)d: %(field)s = %(value)s is not an answer code.")
                errors.append(
                    message % {"row": number, "field": field_name(instrument, key), "value": raw}
                )
                continue
            given[key] = scoring.as_code(raw)
        answers[instrument.ref] = given
    if errors:
        return None, errors
    now = timezone.now()
    response = Response(
        wave=wave,
        participant_id=participant_id,
        language=language,
        mode=Response.Mode.ASSISTED if row.get("mode") == "assisted" else Response.Mode.SELF,
        source=Response.Source.XLSFORM,
        consent_research_at=_started_at(row.get("start", "")) or now,
        answers=answers,
        completed=True,
        completed_at=now,
    )
    return response, []
