"""Communication inside the program: the plan and what was done, the media log, posters,
public listings of activities and the outreach list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.activities.models import Activity
from jamlik.communication import services
from jamlik.communication.forms import (
    ActionForm,
    EntryForm,
    ListingForm,
    MentionForm,
    PlanForm,
    PosterForm,
)
from jamlik.communication.models import CommunicationPlan, MediaMention, PublicListing
from jamlik.lib.forms import form_errors_to_messages, validation_error_to_messages
from jamlik.people.access import (
    COMMUNICATION_WRITE_ROLES,
    ProgramAccess,
    activities_for,
    get_activity_for_user,
    get_communication_access,
    get_outreach_workshop_for_user,
)


def _base(access: ProgramAccess, **extra) -> dict:
    return {
        "program": access.program,
        "access": access,
        "nav": "communication",
        "writes": access.role in COMMUNICATION_WRITE_ROLES,
        **extra,
    }


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_communication_access(request.user, slug)
    today = timezone.localdate()
    upcoming = list(
        activities_for(access)
        .filter(date__gte=today, status=Activity.Status.PLANNED)
        .select_related("workshop", "public_listing")
        .order_by("date", "start_time")[:50]
    )
    context = _base(
        access,
        plans=list(CommunicationPlan.objects.filter(program=access.program)),
        upcoming=[(a, getattr(a, "public_listing", None)) for a in upcoming],
        outreach_workshops=list(access.workshops()),
        public_url=request.build_absolute_uri(reverse("public:calendar", args=[slug, "sv"])),
        plan_form=PlanForm(initial={"year": today.year}),
        unseen=len(services.unseen_mentions(request.user, access.program)),
    )
    return render(request, "communication/index.html", context)


# The plan


@login_required
@require_GET
def plan(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_communication_access(request.user, slug)
    found = CommunicationPlan.objects.filter(program=access.program, year=year).first()
    if found is None:
        raise Http404
    context = _base(
        access,
        summary=services.plan_summary(found),
        entry_form=EntryForm(),
        action_form=ActionForm(plan=found, initial={"date": timezone.localdate()}),
    )
    return render(request, "communication/plan.html", context)


@login_required
@require_POST
def plan_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_communication_access(request.user, slug, write=True)
    form = PlanForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("communication:index", slug)
    try:
        created = services.create_plan(access=access, **form.cleaned_data)
    except ValidationError as error:
        validation_error_to_messages(request, error)
        return redirect("communication:index", slug)
    return redirect("communication:plan", slug, created.year)


def _plan_for_write(request: HttpRequest, slug: str, year: int):
    access = get_communication_access(request.user, slug, write=True)
    found = CommunicationPlan.objects.filter(program=access.program, year=year).first()
    if found is None:
        raise Http404
    return access, found


@login_required
@require_POST
def entry_new(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, found = _plan_for_write(request, slug, year)
    form = EntryForm(request.POST)
    if form.is_valid():
        services.add_entry(access=access, plan=found, **form.cleaned_data)
        messages.success(request, _("The plan has a new line."))
    else:
        form_errors_to_messages(request, form)
    return redirect("communication:plan", slug, year)


@login_required
@require_POST
def action_new(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, found = _plan_for_write(request, slug, year)
    form = ActionForm(request.POST, plan=found)
    if form.is_valid():
        services.record_action(access=access, plan=found, **form.cleaned_data)
        messages.success(request, _("Recorded."))
    else:
        form_errors_to_messages(request, form)
    return redirect("communication:plan", slug, year)


# The media log


@login_required
@require_GET
def media(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_communication_access(request.user, slug)
    unseen = set(services.unseen_mentions(request.user, access.program))
    mentions = list(
        MediaMention.objects.filter(program=access.program).select_related("reported_by")
    )
    services.mark_mentions_seen(request.user, access.program)
    context = _base(
        access,
        rows=[(m, m.pk in unseen) for m in mentions],
        form=MentionForm(program=access.program, initial={"date": timezone.localdate()}),
    )
    return render(request, "communication/media.html", context)


@login_required
@require_POST
def media_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_communication_access(request.user, slug, write=True)
    form = MentionForm(request.POST, request.FILES, program=access.program)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("communication:media", slug)
    try:
        services.log_mention(access=access, **form.cleaned_data)
    except ValidationError as error:
        validation_error_to_messages(request, error)
        return redirect("communication:media", slug)
    messages.success(request, _("Logged; the partners are told."))
    return redirect("communication:media", slug)


@login_required
@require_GET
def media_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    access = get_communication_access(request.user, slug)
    mention = MediaMention.objects.filter(program=access.program, pk=pk).first()
    if mention is None or not mention.file:
        raise Http404
    return FileResponse(mention.file.open("rb"), as_attachment=True)


# Posters


@login_required
@require_GET
def poster(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_communication_access(request.user, slug)
    return render(request, "communication/poster.html", _base(access, form=PosterForm()))


@login_required
@require_GET
def poster_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    from jamlik.communication.poster import poster_context
    from jamlik.communication.poster import poster_pdf as render_pdf

    access = get_communication_access(request.user, slug)
    form = PosterForm(request.GET)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("communication:poster", slug)
    start, end = form.period()
    languages = form.cleaned_data["languages"]
    url = request.build_absolute_uri(reverse("public:calendar", args=[slug, languages[0]]))
    listings = list(services.public_listings(access.program, start=start, end=end))
    context = poster_context(
        program=access.program,
        listings=listings,
        languages=languages,
        size=form.cleaned_data["size"],
        start=start,
        end=end,
        url=url,
    )
    response = HttpResponse(render_pdf(context), content_type="application/pdf")
    name = f"poster-{slug}-{start:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


# An activity's public listing


@login_required
@require_http_methods(["GET", "POST"])
def listing(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, activity = get_activity_for_user(request.user, slug, key)
    instance = PublicListing.objects.filter(activity=activity).first()
    form = ListingForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        initial=None if instance else {"title_sv": activity.title, "place": ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_listing(access=access, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            validation_error_to_messages(request, error)
        else:
            messages.success(request, _("The public listing is saved."))
            return redirect("communication:index", slug)
    context = _base(access, activity=activity, form=form, listing=instance)
    return render(request, "communication/listing.html", context)


# Outreach


@login_required
@require_GET
def outreach(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    from django.conf import settings

    access, workshop = get_outreach_workshop_for_user(request.user, slug, key)
    rows = services.look_at_outreach(access=access, workshop=workshop, today=timezone.localdate())
    context = _base(
        access,
        workshop=workshop,
        rows=rows,
        weeks=settings.OUTREACH_AFTER_WEEKS,
        min_visits=settings.OUTREACH_MIN_VISITS,
    )
    return render(request, "communication/outreach.html", context)
