from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_phase_history_from_phase"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="program",
            name="phase",
        ),
    ]
