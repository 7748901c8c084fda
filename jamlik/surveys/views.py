"""Evaluation: waves, the phone form (self-administered or assisted), offline forms,
results, research exports and qualitative records.

The respondent's form is public: it is reached through a signed link (or its QR code) and
continues under the response's unguessable id, so an unfinished form resumes.
"""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jamlik.lib.forms import posted_data
from jamlik.people import audit
from jamlik.people.access import (
    SURVEY_FIELD_ROLES,
    ProgramAccess,
    ethics_approvals_for,
    get_ethics_approval_for_user,
    get_program_access,
    get_response_for_filling,
    get_wave_for_link,
    get_wave_for_user,
    qualitative_records_for,
    waves_for,
)
from jamlik.people.policy import roles_with
from jamlik.surveys import charts, export, links, services
from jamlik.surveys.catalog import LANGUAGE_NAMES, RTL_LANGUAGES, get_instrument, text_in
from jamlik.surveys.forms import (
    AssistForm,
    ConsentForm,
    EthicsApprovalForm,
    ImportForm,
    QualitativeRecordForm,
    WaveForm,
)
from jamlik.surveys.models import EthicsApproval, Response
from jamlik.surveys.summary import scored_values, wave_results
from jamlik.surveys.xlsform import (
    NoCommonLanguage,
    UnreadableSubmissions,
    build_xlsform,
    form_id,
    import_submissions,
    read_submissions,
)

LEADER = roles_with("surveys.admin")
SESSION_KEY = "survey_responses"


def _base(access: ProgramAccess, **extra) -> dict:
    return {"program": access.program, "access": access, "nav": "surveys", **extra}


# Overview and waves


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    waves = waves_for(access).select_related("workshop", "baseline").order_by("-opens_on")
    context = _base(
        access,
        waves=waves,
        records=qualitative_records_for(access).select_related("workshop")[:20],
        approvals=ethics_approvals_for(access, today=timezone.localdate()),
        may_record=access.role in SURVEY_FIELD_ROLES,
    )
    return render(request, "surveys/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def wave_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=LEADER)
    form = WaveForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        wave = services.plan_wave(access=access, **form.cleaned_data)
        return redirect(wave)
    return render(request, "surveys/wave_new.html", _base(access, form=form))


@login_required
@require_GET
def wave_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, wave = get_wave_for_user(request.user, slug, key)
    language = translation.get_language() or "en"
    results = wave_results(wave, audience=access.audience, language=language)
    field_work = access.role in SURVEY_FIELD_ROLES
    context = _base(
        access,
        wave=wave,
        results=results,
        instruments=[
            {"i": i, "title": i.title_in(language), "citation": i.citation}
            for i in wave.instrument_list()
        ],
        languages=[(c, LANGUAGE_NAMES.get(c, c)) for c in wave.languages()],
        field_work=field_work,
        public_url=request.build_absolute_uri(links.link_path(wave=wave)) if field_work else "",
        ui_language=language,
    )
    return render(request, "surveys/wave_detail.html", context)


@login_required
@require_GET
def wave_qr(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    _access, wave = get_wave_for_user(request.user, slug, key, roles=SURVEY_FIELD_ROLES)
    url = request.build_absolute_uri(links.link_path(wave=wave))
    svg = segno.make(url, error="m").svg_inline(scale=6, dark="#1d2330", border=2)
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_GET
def wave_chart(request: HttpRequest, slug: str, key: str, ref: str, scale: str) -> HttpResponse:
    access, wave = get_wave_for_user(request.user, slug, key)
    instrument = get_instrument(ref)
    if wave.baseline is None or instrument is None or ref not in wave.instruments:
        raise Http404
    chosen = instrument.scale(scale)
    if chosen is None:
        raise Http404
    before = [v for vs in scored_values(wave.baseline, instrument, chosen).values() for v, _ in vs]
    after = [v for vs in scored_values(wave, instrument, chosen).values() for v, _ in vs]
    threshold = settings.SUPPRESS_BELOW
    if access.audience == "external" and min(len(before), len(after)) < threshold:
        raise Http404
    language = translation.get_language() or "en"
    svg = charts.distribution_svg(
        before,
        after,
        title=f"{instrument.title_in(language)}: {text_in(chosen.label, language)}",
        bounds=chosen.range,
        labels=(wave.baseline.name, wave.name),
        y_label=_("Respondents"),
    )
    return HttpResponse(svg, content_type="image/svg+xml")


# Offline forms


@login_required
@require_GET
def wave_xlsform(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, wave = get_wave_for_user(request.user, slug, key, roles=SURVEY_FIELD_ROLES)
    try:
        content = build_xlsform(wave)
    except NoCommonLanguage:
        messages.error(
            request,
            _(
                "No offline form can be made for this wave: its questionnaires have no "
                "language in common. Choose questionnaires that share a language."
            ),
        )
        return redirect(wave)
    audit.record(
        user=request.user,
        program=access.program,
        action="export",
        object_type="xlsform",
        object_ref=wave.key,
    )
    response = HttpResponse(content, content_type=export.FORMATS["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{form_id(wave)}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def wave_import(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, wave = get_wave_for_user(request.user, slug, key, roles=LEADER)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_submissions(upload.name, upload.read())
        except UnreadableSubmissions as exc:
            form.add_error("file", str(exc))
        else:
            result = import_submissions(access=access, wave=wave, rows=rows)
            if not result.errors and result.created:
                for line in result.summary():
                    messages.success(request, line)
                return redirect(wave)
    return render(
        request, "surveys/wave_import.html", _base(access, wave=wave, form=form, result=result)
    )


# The respondent's form


@login_required
@require_http_methods(["GET", "POST"])
def assist(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """A health promoter starts a form together with a participant."""
    access, wave = get_wave_for_user(request.user, slug, key, roles=SURVEY_FIELD_ROLES)
    languages = wave.languages()
    form = AssistForm(request.POST or None, access=access, languages=languages)
    if request.method == "POST" and form.is_valid():
        try:
            response = services.start_response(
                wave=wave,
                language=form.cleaned_data["language"],
                consent=form.cleaned_data["consent"],
                participant=form.cleaned_data["participant_code"],
                mode=Response.Mode.ASSISTED,
                user=request.user,
            )
        except services.AlreadyAnswered:
            form.add_error("participant_code", _("This participant has already answered."))
        else:
            return redirect("surveys:fill", slug, response.uuid)
    return render(request, "surveys/assist.html", _base(access, wave=wave, form=form))


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The public entry of a self-administered form: language, then consent."""
    wave, participant = get_wave_for_link(slug, token)
    if not wave.is_open_on(timezone.localdate()):
        return _respondent_page(request, "surveys/closed.html", "sv", {"wave": wave})
    resumable = _session_response(request, wave)
    if resumable is not None and request.method == "GET" and "lang" not in request.GET:
        return redirect("surveys:fill", slug, resumable)
    languages = wave.languages()
    chosen = request.POST.get("language") or request.GET.get("lang")
    if chosen not in languages:
        context = {"wave": wave, "languages": [(c, LANGUAGE_NAMES.get(c, c)) for c in languages]}
        return _respondent_page(request, "surveys/start.html", "sv", context)
    form = ConsentForm(request.POST or None, languages=languages, initial={"language": chosen})
    if request.method == "POST" and form.is_valid():
        try:
            response = services.start_response(
                wave=wave, language=chosen, consent=True, participant=participant
            )
        except services.AlreadyAnswered:
            return _respondent_page(request, "surveys/done.html", chosen, {"wave": wave})
        request.session.setdefault(SESSION_KEY, {})[str(wave.pk)] = str(response.uuid)
        request.session.modified = True
        return redirect("surveys:fill", slug, response.uuid)
    context = {"wave": wave, "form": form, "status": _status(wave, chosen)}
    return _respondent_page(request, "surveys/consent.html", chosen, context)


@require_http_methods(["GET", "POST"])
def fill(request: HttpRequest, slug: str, response_uuid) -> HttpResponse:
    response = get_response_for_filling(slug, response_uuid)
    wave = response.wave
    if response.completed:
        return redirect("surveys:done", slug, response.uuid)
    pages = services.form_pages(wave)
    if not pages:
        raise Http404
    if request.method == "POST":
        number = _page_number(request.POST.get("page"), pages)
        page = pages[number - 1]
        moving = request.POST.get("move", "next")
        last = number == len(pages) and moving == "next"
        services.save_page(
            response=response, page=page, data=request.POST, finish=last, user=request.user
        )
        if last:
            return redirect("surveys:done", slug, response.uuid)
        target = {"back": number - 1, "stay": number}.get(moving, number + 1)
        target = min(max(target, 1), len(pages))
        return redirect(reverse("surveys:fill", args=[slug, response.uuid]) + f"?page={target}")
    default = services.first_unanswered_page(response, pages)
    number = _page_number(request.GET.get("page", default), pages)
    page = pages[number - 1]
    given = response.answers.get(page.instrument.ref) or {}
    answered_before = sum(len(pages[i].items) for i in range(number - 1))
    context = {
        "wave": wave,
        "response": response,
        "page": page,
        "pages": len(pages),
        "items": [(item, given.get(item.key)) for item in page.items],
        "language": response.language,
        "status": page.instrument.languages.get(response.language),
        "first_item": answered_before + 1,
        "last_item": answered_before + len(page.items),
        "total_items": services.total_items(wave),
        "progress": round(100 * response.answered_count() / max(services.total_items(wave), 1)),
    }
    return _respondent_page(request, "surveys/fill.html", response.language, context)


@require_GET
def done(request: HttpRequest, slug: str, response_uuid) -> HttpResponse:
    response = get_response_for_filling(slug, response_uuid)
    if not response.completed:
        return redirect("surveys:fill", slug, response.uuid)
    sessions = request.session.get(SESSION_KEY, {})
    if sessions.pop(str(response.wave_id), None):
        request.session.modified = True
    context = {"wave": response.wave, "response": response}
    return _respondent_page(request, "surveys/done.html", response.language, context)


def _page_number(raw, pages) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), len(pages))


def _session_response(request: HttpRequest, wave) -> str | None:
    ref = request.session.get(SESSION_KEY, {}).get(str(wave.pk))
    if ref and Response.objects.filter(uuid=ref, wave=wave, completed=False).exists():
        return ref
    return None


def _status(wave, language: str) -> str:
    """ "unofficial" if any instrument's text in this language is not an official one."""
    statuses = {
        i.languages[language].status for i in wave.instrument_list() if language in i.languages
    }
    return "unofficial" if "unofficial" in statuses else "official"


def _respondent_page(request, template: str, language: str, context: dict) -> HttpResponse:
    """Respondent pages speak the form's language, Arabic right to left included."""
    with translation.override(language):
        context |= {
            "form_language": language,
            "form_dir": "rtl" if language in RTL_LANGUAGES else "ltr",
        }
        response = render(request, template, context)
    response["Content-Language"] = language
    # The link in the address bar is a bearer token: never pass it on to another site
    # ("no-referrer" would also blank the Origin of our own posts, which CSRF checks).
    response["Referrer-Policy"] = "same-origin"
    return response


# Research exports


@login_required
@require_GET
def research_export(request: HttpRequest, slug: str, study: str) -> HttpResponse:
    access, approval = get_ethics_approval_for_user(
        request.user, slug, study, today=timezone.localdate()
    )
    fmt = request.GET.get("format")
    if fmt is None:
        withdrawn = export.withdrawn_count(approval)
        return render(
            request, "surveys/export.html", _base(access, approval=approval, withdrawn=withdrawn)
        )
    if fmt not in export.FORMATS:
        raise Http404
    made = export.export_for_researcher(access=access, approval=approval, fmt=fmt)
    response = HttpResponse(made.content, content_type=export.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    response["X-Withdrawn-Responses"] = str(made.withdrawn)
    return response


# Focus groups and interviews


@login_required
@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=SURVEY_FIELD_ROLES)
    form = QualitativeRecordForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        services.record_qualitative(access=access, **form.cleaned_data)
        messages.success(request, _("The record is saved."))
        return redirect("surveys:index", slug)
    return render(request, "surveys/record_new.html", _base(access, form=form))


# Ethics approvals: the leader registers them; researchers export under their own.


@login_required
@require_GET
def ethics_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=LEADER)
    approvals = (
        EthicsApproval.objects.filter(program=access.program)
        .prefetch_related("researchers", "waves")
        .order_by("-valid_from")
    )
    return render(
        request,
        "surveys/ethics_list.html",
        _base(access, approvals=approvals, today=timezone.localdate()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ethics_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=LEADER)
    return _ethics_form(request, access, approval=None)


@login_required
@require_http_methods(["GET", "POST"])
def ethics_edit(request: HttpRequest, slug: str, study: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=LEADER)
    approval = get_object_or_404(EthicsApproval, program=access.program, study=study)
    return _ethics_form(request, access, approval=approval)


def _ethics_form(request: HttpRequest, access: ProgramAccess, *, approval) -> HttpResponse:
    form = EthicsApprovalForm(posted_data(request), instance=approval, access=access)
    if request.method == "POST" and form.is_valid():
        services.save_ethics_approval(access=access, form=form)
        messages.success(request, _("The ethics approval was saved."))
        return redirect("surveys:ethics", access.program.slug)
    return render(request, "surveys/ethics_form.html", _base(access, form=form, approval=approval))
