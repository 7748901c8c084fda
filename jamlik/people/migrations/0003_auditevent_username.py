import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill_usernames(apps, schema_editor):
    """Copy each event's user's username into the event."""
    AuditEvent = apps.get_model("people", "AuditEvent")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    name = User._meta.get_field(getattr(User, "USERNAME_FIELD", "username")).attname
    AuditEvent.objects.filter(user__isnull=False).update(
        username=Subquery(User.objects.filter(pk=OuterRef("user_id")).values(name)[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0002_alter_programrole_role'),
        ('programs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='username',
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.RunPython(backfill_usernames, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='auditevent',
            name='program',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programs.program'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
    ]
