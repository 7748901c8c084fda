"""E-mails sent by the task worker (`jamlik db_worker`), or inline with the immediate backend."""

from django_tasks import task

from jamlik.governance.models import Meeting


@task()
def send_agenda_email(meeting_id: int, recipients: list[str], meeting_url: str) -> int:
    from jamlik.governance.services import agenda_email

    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    return agenda_email(meeting, recipients, meeting_url).send()
