from django.core.management.base import BaseCommand, CommandError

from jamlik.strategy import estimate


class Command(BaseCommand):
    help = (
        "Load every socio-economic model file (shipped and local under VAR_DIR/estimates) and "
        "check it; a file with an unknown input, an unsafe or circular formula or a parameter "
        "without a source is refused with its name and line."
    )

    def handle(self, *args, **options):
        estimate.reload()
        try:
            models = estimate.all_models()
        except estimate.EstimateModelError as exc:
            raise CommandError(str(exc)) from None
        for ref, model in sorted(models.items()):
            self.stdout.write(
                f"{ref}: {len(model.formulas)} formulas" + (" (example)" if model.example else "")
            )
        self.stdout.write(f"{len(models)} models are valid.")
