"""The e-mail that tells the partners of a new media mention (seed 001: the parties inform
each other about press and conference mentions)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from jamlik.communication.models import MediaMention


def mention_email(mention: MediaMention, recipients: list[str]) -> EmailMultiAlternatives:
    context = {"mention": mention, "program": mention.program}
    # Sent in the program's language whatever the sender's browser speaks.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("communication/emails/mention-subject.txt", context)
        text = render_to_string("communication/emails/mention-body.txt", context)
        html = render_to_string("communication/emails/mention-body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )
    message.attach_alternative(html, "text/html")
    return message
