"""The public calendar: no login, in Swedish, English and Arabic (right to left).

It shows published listings only (title, description, place, time, who it is for, sign-up),
never anything about participants. Pages are cached twice: in Django's cache, keyed by the
program's listings' last change (`public_stamp`), so a published change shows at once; and
by browsers and proxies for PUBLIC_CACHE_SECONDS (Cache-Control: public), see
docs/deployment.md.
"""

from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from jamlik.communication import ical
from jamlik.communication.models import LANGUAGE_NAMES, PUBLIC_LANGUAGES, RTL_LANGUAGES
from jamlik.communication.services import public_stamp, upcoming_listings
from jamlik.governance.text import render_markdown
from jamlik.people.access import get_public_program, get_public_workshop

# How many activities the embeddable snippet lists.
EMBED_LIMIT = 8


class LanguageConverter:
    regex = "|".join(PUBLIC_LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def _cached(key: str, build) -> bytes:
    if not settings.PUBLIC_CACHE_SECONDS:
        return build()
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, settings.PUBLIC_CACHE_SECONDS)
    return found


def _public_response(content: bytes, content_type: str, lang: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Language"] = lang
    if settings.PUBLIC_CACHE_SECONDS:
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response


def _page(request: HttpRequest, template: str, lang: str, context: dict) -> bytes:
    with translation.override(lang):
        return render_to_string(
            template,
            {
                **context,
                "lang": lang,
                "lang_dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
                "languages": [(code, LANGUAGE_NAMES[code]) for code in PUBLIC_LANGUAGES],
            },
        ).encode()


def _days(listings, lang: str) -> list[tuple[date, list[dict]]]:
    """The listings by day, each with its text in `lang` (or the language it was written in)."""
    days: dict[date, list[dict]] = {}
    for listing in listings:
        days.setdefault(listing.activity.date, []).append(
            {
                "listing": listing,
                "activity": listing.activity,
                "title": listing.title_in(lang),
                "title_lang": listing.language_of("title", lang),
                # Markdown, sanitised by nh3 as the minutes are: simple formatting and
                # http(s)/mailto links only.
                "description": render_markdown(listing.description_in(lang)),
                "description_lang": listing.language_of("description", lang),
                "place": listing.public_place(),
                "cancelled": listing.activity.status == listing.activity.Status.CANCELLED,
            }
        )
    return list(days.items())


@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    get_public_program(slug)
    return redirect("public:calendar", slug, settings.LANGUAGE_CODE)


@require_GET
def calendar(request: HttpRequest, slug: str, lang: str, key: str = "") -> HttpResponse:
    if key:
        program, workshop = get_public_workshop(slug, key)
    else:
        program, workshop = get_public_program(slug), None
    today = timezone.localdate()
    cache_key = f"public:page:{program.pk}:{key}:{lang}:{today}:{public_stamp(program)}"

    def build() -> bytes:
        listings = upcoming_listings(program, today=today, workshop=workshop)
        feed_args = [slug, lang, key] if key else [slug, lang]
        feed_name = "public:workshop_feed" if key else "public:feed"
        return _page(
            request,
            "communication/public/calendar.html",
            lang,
            {
                "program": program,
                "workshop": workshop,
                "days": _days(listings, lang),
                "feed_url": request.build_absolute_uri(reverse(feed_name, args=feed_args)),
                "embed_url": request.build_absolute_uri(reverse("public:embed", args=[slug, lang])),
                "here": "public:workshop" if key else "public:calendar",
                "key": key,
            },
        )

    return _public_response(_cached(cache_key, build), "text/html; charset=utf-8", lang)


@require_GET
def feed(request: HttpRequest, slug: str, lang: str, key: str = "") -> HttpResponse:
    if key:
        program, workshop = get_public_workshop(slug, key)
        name = f"{workshop.name} – {program.name}"
        page = reverse("public:workshop", args=[slug, lang, key])
    else:
        program, workshop = get_public_program(slug), None
        name = program.name
        page = reverse("public:calendar", args=[slug, lang])
    today = timezone.localdate()
    cache_key = f"public:ics:{program.pk}:{key}:{lang}:{today}:{public_stamp(program)}"

    def build() -> bytes:
        listings = upcoming_listings(program, today=today, workshop=workshop)
        with translation.override(lang):
            return ical.public_feed(name, listings, lang, url=request.build_absolute_uri(page))

    response = _public_response(_cached(cache_key, build), "text/calendar; charset=utf-8", lang)
    response["Content-Disposition"] = f'inline; filename="{slug}-{key or "program"}.ics"'
    return response


@xframe_options_exempt
@require_GET
def embed(request: HttpRequest, slug: str, lang: str) -> HttpResponse:
    """A script-free snippet of the coming activities that a partner's site may frame."""
    program = get_public_program(slug)
    today = timezone.localdate()
    cache_key = f"public:embed:{program.pk}:{lang}:{today}:{public_stamp(program)}"

    def build() -> bytes:
        listings = list(upcoming_listings(program, today=today)[:EMBED_LIMIT])
        return _page(
            request,
            "communication/public/embed.html",
            lang,
            {
                "program": program,
                "days": _days(listings, lang),
                "calendar_url": request.build_absolute_uri(
                    reverse("public:calendar", args=[slug, lang])
                ),
            },
        )

    response = _public_response(_cached(cache_key, build), "text/html; charset=utf-8", lang)
    # Framable by the partners' sites named in PUBLIC_EMBED_ANCESTORS; nothing else changes.
    response._csp_replace = {"frame-ancestors": settings.PUBLIC_EMBED_ANCESTORS}
    return response
