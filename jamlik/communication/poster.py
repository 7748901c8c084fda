"""A printable poster (PDF, A4 or A3) of a week's or a month's public activities, in the
languages chosen, with a QR code to the public calendar. Black on white, large type, no
colour carries meaning, so it reads the same when printed in black and white. Arabic is set
right to left in DejaVu Sans, which has Arabic glyphs on a plain Debian/Ubuntu machine.
"""

from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from jamlik.communication.models import LANGUAGE_NAMES, RTL_LANGUAGES, PublicListing
from jamlik.programs.models import Program


def qr_svg_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(border=2, scale=4)


def poster_context(
    *,
    program: Program,
    listings: list[PublicListing],
    languages: list[str],
    size: str,
    start: date,
    end: date,
    url: str,
) -> dict:
    versions = []
    for lang in languages:
        with translation.override(lang):
            days: dict[date, list[dict]] = {}
            for listing in listings:
                days.setdefault(listing.activity.date, []).append(
                    {
                        "activity": listing.activity,
                        "title": listing.title_in(lang),
                        "place": listing.public_place(),
                        "listing": listing,
                    }
                )
            versions.append(
                {
                    "lang": lang,
                    "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
                    "name": LANGUAGE_NAMES[lang],
                    # Rendered now, in the version's own language.
                    "html": render_to_string(
                        "communication/_poster_version-pdf.html",
                        {"days": sorted(days.items()), "start": start, "end": end},
                    ),
                }
            )
    return {
        "program": program,
        "versions": versions,
        "size": size,
        "qr": qr_svg_data_uri(url),
        "url": url,
        "start": start,
        "end": end,
    }


def poster_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("communication/poster-pdf.html", context)
    return HTML(string=html, base_url=None).write_pdf()
