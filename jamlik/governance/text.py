"""Minutes are written in Markdown and shown as sanitised HTML."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr", "a",
}  # fmt: skip


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML with everything but simple formatting and links removed."""
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    # Headings of the minutes sit below the page's own h1: "# x" becomes an h2.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
