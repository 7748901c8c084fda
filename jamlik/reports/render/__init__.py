"""Renderers: the same Document as HTML, PDF (WeasyPrint), Word and Excel."""

from jamlik.reports.render.document import Document

FORMATS = ("pdf", "docx", "xlsx", "html")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def render(doc: Document, fmt: str) -> bytes:
    """Call inside translation.override(doc.data["language"])."""
    if fmt == "pdf":
        from jamlik.reports.render.pdf import render_pdf

        return render_pdf(doc)
    if fmt == "docx":
        from jamlik.reports.render.docx import render_docx

        return render_docx(doc)
    if fmt == "xlsx":
        from jamlik.reports.render.xlsx import render_xlsx

        return render_xlsx(doc)
    if fmt == "html":
        from jamlik.reports.render.pdf import render_html

        return render_html(doc).encode()
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
