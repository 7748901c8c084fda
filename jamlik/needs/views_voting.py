"""Live dot-voting: the facilitator's screen and the participants' phones.

The phone pages need no login and show nothing but the statements of the open vote.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.needs import services, voting
from jamlik.needs.forms import PaperBallotsForm, VoteForm
from jamlik.needs.views import _base
from jamlik.people.access import get_inventory_for_user, get_open_vote_for_token, get_vote_for_user

# The facilitator


@login_required
@require_POST
def vote_new(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key, write=True)
    form = VoteForm(request.POST, inventory=inventory)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect(inventory.get_absolute_url() + "#votes")
    vote = services.create_vote(access=access, inventory=inventory, **form.cleaned_data)
    return redirect(vote)


def _vote_context(request, access, vote, **extra) -> dict:
    url = request.build_absolute_uri(voting.public_path(vote)) if vote.is_open else ""
    return _base(
        access,
        vote=vote,
        inventory=vote.inventory,
        public_url=url,
        qr=voting.qr_svg(url) if url else "",
        tally=voting.tally(vote),
        paper_form=PaperBallotsForm(),
        **extra,
    )


@login_required
@require_GET
def vote_detail(request: HttpRequest, slug: str, public_id) -> HttpResponse:
    access, vote = get_vote_for_user(request.user, slug, public_id)
    return render(request, "needs/vote.html", _vote_context(request, access, vote))


@login_required
@require_GET
def vote_tally(request: HttpRequest, slug: str, public_id) -> HttpResponse:
    access, vote = get_vote_for_user(request.user, slug, public_id)
    return render(request, "needs/_tally.html", _base(access, vote=vote, tally=voting.tally(vote)))


@login_required
@require_POST
def vote_open(request: HttpRequest, slug: str, public_id) -> HttpResponse:
    access, vote = get_vote_for_user(request.user, slug, public_id, write=True)
    try:
        voting.open_vote(access=access, vote=vote)
    except voting.BallotRejected as exc:
        messages.error(request, str(exc))
    return redirect(vote)


@login_required
@require_POST
def vote_close(request: HttpRequest, slug: str, public_id) -> HttpResponse:
    access, vote = get_vote_for_user(request.user, slug, public_id, write=True)
    voting.close_vote(access=access, vote=vote)
    return redirect(vote)


@login_required
@require_POST
def vote_paper(request: HttpRequest, slug: str, public_id) -> HttpResponse:
    access, vote = get_vote_for_user(request.user, slug, public_id, write=True)
    form = PaperBallotsForm(request.POST)
    try:
        if not form.is_valid():
            raise voting.BallotRejected(_("Enter how many paper ballots the dots come from."))
        counts = voting.parse_dots(vote, request.POST)
        voting.enter_paper_ballots(
            access=access,
            vote=vote,
            entry_id=form.cleaned_data["entry_id"],
            sheets=form.cleaned_data["sheets"],
            counts=counts,
        )
    except voting.BallotRejected as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The paper ballots were added to the tally."))
    return redirect(reverse("needs:vote", args=[slug, vote.public_id]) + "#paper")


# The participant's phone


def _language(request: HttpRequest) -> str:
    wanted = request.POST.get("lang") or request.GET.get("lang") or ""
    if wanted in voting.VOTING_LANGUAGES:
        return wanted
    current = translation.get_language_from_request(request)
    return current if current in voting.VOTING_LANGUAGES else "sv"


@never_cache
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, slug: str, public_id, token: str) -> HttpResponse:
    lang = _language(request)
    with translation.override(lang):
        try:
            vote = get_open_vote_for_token(slug, public_id, token)
        except Http404:
            return render(request, "needs/ballot_closed.html", _public(lang), status=404)
        ballot_id = voting.ballot_id_from_cookie(vote, request.COOKIES.get(voting.BALLOT_COOKIE))
        if request.method == "POST":
            response = _cast(request, vote, ballot_id, lang)
        else:
            voted = voting.has_voted(vote, ballot_id)
            response = render(request, "needs/ballot.html", _public(lang, vote=vote, voted=voted))
    if ballot_id is None:
        response.set_cookie(
            voting.BALLOT_COOKIE,
            voting.new_ballot_cookie(vote),
            max_age=voting.BALLOT_MAX_AGE,
            path=voting.cookie_path(vote),
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _public(lang: str, *, vote=None, data=None, **extra) -> dict:
    """What a phone may see: the open vote's statements and nothing else."""
    rows = []
    if vote is not None:
        data = data or {}
        for statement in vote.statements.order_by("pk"):
            raw = str(data.get(f"dots-{statement.pk}", "")).strip()
            rows.append({"statement": statement, "value": int(raw) if raw.isdigit() else 0})
    return {
        "lang": lang,
        "rtl": lang in voting.RTL_LANGUAGES,
        "languages": [("sv", "Svenska"), ("en", "English"), ("ar", "العربية")],
        "vote": vote,
        "rows": rows,
        **extra,
    }


def _cast(request: HttpRequest, vote, ballot_id, lang: str) -> HttpResponse:
    try:
        counts = voting.parse_dots(vote, request.POST)
        voting.cast_ballot(vote=vote, ballot_id=ballot_id, counts=counts, language=lang)
    except voting.AlreadyVoted as exc:
        context = _public(lang, vote=vote, voted=True, error=str(exc))
        return render(request, "needs/ballot.html", context, status=409)
    except voting.BallotRejected as exc:
        context = _public(lang, vote=vote, data=request.POST, voted=False, error=str(exc))
        return render(request, "needs/ballot.html", context, status=400)
    return redirect(f"{request.path}?lang={lang}")
