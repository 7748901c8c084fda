"""Each existing program's old phase label becomes the first step of its phase history."""

from django.db import migrations


def history_from_phase(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    PhaseStep = apps.get_model("programs", "PhaseStep")
    for program in Program.objects.all():
        if not PhaseStep.objects.filter(program=program).exists():
            PhaseStep.objects.create(
                program=program,
                phase=program.phase,
                round=1,
                started_on=program.created_at.date(),
                note="Phase as recorded before the phase history.",
            )


def phase_from_history(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    PhaseStep = apps.get_model("programs", "PhaseStep")
    for program in Program.objects.all():
        step = PhaseStep.objects.filter(program=program).order_by("-started_on", "-pk").first()
        if step is not None and step.phase != "revised_exploratory":
            program.phase = step.phase
            program.save(update_fields=["phase"])


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0004_phase_history"),
    ]

    operations = [
        migrations.RunPython(history_from_phase, phase_from_history),
    ]
