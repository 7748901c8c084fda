"""Offline collection: a wave as an XLSForm for ODK Collect or KoboCollect, and the import
of their CSV submissions back into the wave.

Field names are "<instrument>__<item>" so that an exported CSV maps back without doubt,
whatever group prefix ("g_who5/" in Kobo, "g_who5-" in ODK Central) the server adds.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from jamlik.activities.models import Participant
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
ID_COLUMNS = ("instanceID", "KEY", "_uuid")


def field_name(instrument: Instrument, item_key: str) -> str:
    return f"{instrument.key}{SEPARATOR}{item_key}"


def form_id(wave: Wave) -> str:
    return f"jamlik_{wave.program.slug}_{wave.key}".replace("-", "_")


def _in_each(languages: list[str], message: str) -> list[str]:
    texts = []
    for code in languages:
        with override(code):
            texts.append(_(message))
    return texts


def build_xlsform(wave: Wave) -> bytes:
    """The wave's form as XLSForm (.xlsx), in every language all its instruments have."""
    languages = wave.languages()
    if not languages:
        raise ValueError("the wave has no language in which every instrument has texts")
    label_columns = [f"label::{LANGUAGE_NAMES.get(c, c)} ({c})" for c in languages]
    survey = [["type", "name", *label_columns, "required", "relevant", "constraint"]]
    choices = [["list_name", "name", *label_columns]]
    agreed = "${consent} = 'yes'"

    survey.append(["start", "start", *[""] * len(languages), "", "", ""])
    survey.append(["end", "end", *[""] * len(languages), "", "", ""])
    survey.append(
        [
            "select_one form_language",
            "form_language",
            *_in_each(languages, LANGUAGE_LABEL),
            "yes",
            "",
            "",
        ]
    )
    for code in languages:
        choices.append(["form_language", code, *[LANGUAGE_NAMES.get(code, code)] * len(languages)])
    survey.append(
        ["select_one yes_no", "consent", *_in_each(languages, CONSENT_LABEL), "yes", "", ""]
    )
    choices.append(["yes_no", "yes", *_in_each(languages, YES)])
    choices.append(["yes_no", "no", *_in_each(languages, NO)])
    survey.append(["select_one mode", "mode", *_in_each(languages, MODE_LABEL), "yes", "", ""])
    choices.append(["mode", "self", *_in_each(languages, MODE_SELF)])
    choices.append(["mode", "assisted", *_in_each(languages, MODE_ASSISTED)])
    survey.append(
        [
            "text",
            "participant_code",
            *_in_each(languages, CODE_LABEL),
            "",
            agreed,
            "",
        ]
    )
    for instrument in wave.instrument_list():
        survey.extend(_instrument_rows(instrument, languages, agreed, choices))
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        [wave.name, form_id(wave), timezone.now().strftime("%Y%m%d%H%M"), label_columns[0][7:]],
    ]
    from openpyxl import Workbook  # heavy: only when a form is built

    workbook = Workbook()
    for index, (title, rows) in enumerate(
        (("survey", survey), ("choices", choices), ("settings", settings))
    ):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instrument_rows(instrument: Instrument, languages: list[str], agreed: str, choices) -> list:
    blank = [""] * len(languages)
    rows = [
        [
            "begin_group",
            f"g_{instrument.key}",
            *[instrument.title_in(c) for c in languages],
            "",
            agreed,
            "",
        ]
    ]
    if instrument.instructions:
        texts = [text_in(instrument.instructions, c) for c in languages]
        rows.append(["note", f"{instrument.key}{SEPARATOR}intro", *texts, "", "", ""])
    lists_done: dict[tuple, str] = {}
    for group in instrument.groups:
        if group.intro:
            texts = [text_in(group.intro, c) for c in languages]
            rows.append(["note", f"{instrument.key}{SEPARATOR}{group.key}", *texts, "", "", ""])
        for key in group.items:
            item = instrument.items[key]
            texts = [item.text[c] for c in languages]
            if item.type == "integer":
                constraint = f". >= {item.min} and . <= {item.max}"
                rows.append(["integer", field_name(instrument, key), *texts, "", "", constraint])
                continue
            list_name = _list_for(instrument, item, languages, choices, lists_done)
            rows.append(
                [f"select_one {list_name}", field_name(instrument, key), *texts, "", "", ""]
            )
    rows.append(["end_group", "", *blank, "", "", ""])
    return rows


def _list_for(instrument, item, languages, choices, done: dict[tuple, str]) -> str:
    """One choice list per distinct set of codes and labels within the instrument."""
    labels = tuple((o.code, *(o.label[c] for c in languages)) for o in item.options)
    if labels not in done:
        done[labels] = f"{instrument.key}{SEPARATOR}{len(done) + 1}"
        for code, *texts in labels:
            choices.append([done[labels], str(code), *texts])
    return done[labels]


# Import


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    without_consent: int = 0
    errors: list[str] = field(default_factory=list)


def _column_key(header: str) -> str:
    return header.strip().rsplit("/", 1)[-1].rsplit("-", 1)[-1]


def _read_rows(text: str) -> list[dict[str, str]]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else ",", ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    return [{_column_key(k): (v or "").strip() for k, v in row.items() if k} for row in reader]


def _started_at(value: str):
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def import_submissions(*, access: ProgramAccess, wave: Wave, text: str) -> ImportResult:
    """Add the CSV's submissions to the wave: all of them, or none if any row is wrong.

    A submission id already in the wave is left as it is, so importing twice changes nothing.
    """
    result = ImportResult()
    rows = _read_rows(text.lstrip("\ufeff"))
    existing = set(
        Response.objects.filter(wave=wave)
        .exclude(submission_id="")
        .values_list("submission_id", flat=True)
    )
    codes = dict(Participant.objects.filter(program=wave.program).values_list("code", "pk"))
    answered = set(
        Response.objects.filter(wave=wave, participant__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    languages = wave.languages()
    seen: set[str] = set()
    new: list[Response] = []
    for number, row in enumerate(rows, start=2):
        submission = next((row[c] for c in ID_COLUMNS if row.get(c)), "")
        if not submission:
            result.errors.append(_("Row %(row)d: no submission id (instanceID).") % {"row": number})
            continue
        if submission in seen:
            message = _("Row %(row)d: submission %(id)s appears twice.")
            result.errors.append(message % {"row": number, "id": submission})
            continue
        seen.add(submission)
        if submission in existing:
            result.unchanged += 1
            continue
        if row.get("consent") != "yes":
            result.without_consent += 1
            continue
        response, errors = _response_from_row(wave, row, number, codes, answered, languages)
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
            detail={"created": len(new), "unchanged": result.unchanged},
        )
    result.created = len(new)
    return result


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
