"""The printable HTML and the PDF made from it with WeasyPrint."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from jamlik.reports.render.document import Document


def render_html(doc: Document) -> str:
    """A standalone HTML file: the PDF's source, readable in any browser."""
    footer = _("%(program)s · Report back %(period)s") % {
        "program": doc.program_name,
        "period": doc.data["period"]["label"],
    }
    if doc.meta.version:
        footer += " · " + _("version %(n)s") % {"n": doc.meta.version}
    return render_to_string("reports/pdf.html", {"doc": doc, "footer_left": footer})


def render_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    html = HTML(string=render_html(doc), base_url=None)
    return html.write_pdf(
        pdf_identifier=doc.meta.sha256[:32].encode() if doc.meta.sha256 else None,
        uncompressed_pdf=False,
    )
