"""Minutes as a PDF a municipality could publish (WeasyPrint)."""

from django.template.loader import render_to_string


def minutes_pdf_bytes(context: dict, *, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("governance/minutes_pdf.html", context)
    return HTML(string=html, base_url=base_url).write_pdf()
