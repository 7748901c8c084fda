"""E-mails sent by the task worker (`jamlik db_worker`), or inline with the immediate backend."""

from django_tasks import task


@task()
def send_mention_email(mention_id: int, recipients: list[str]) -> int:
    from jamlik.communication.emails import mention_email
    from jamlik.communication.models import MediaMention

    mention = MediaMention.objects.select_related("program", "reported_by").get(pk=mention_id)
    return mention_email(mention, recipients).send()
