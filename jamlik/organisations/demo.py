"""The demo organisation "Demo stad": the Lindängen demo and two more programs of other
sizes and profiles, all with the same questionnaire versions (WHO-5 1998 and self-rated
health, WHO/EU wording) in their waves, and a funder-officer login, `stad`.

`seed_city(program, rng, today=...)` runs for every seeded program and does its work for
the demo program only; the two other programs are seeded by the same seeder (another
seed, another scale), so they carry every app's data.
"""

import random
from datetime import date

from django.contrib.auth import get_user_model

from jamlik.organisations.models import Organisation, OrganisationRole
from jamlik.programs.models import Program

SLUG = "demo-stad"
NAME = "Demo stad"
FUNDER_USERNAME = "stad"
# slug, name, area, seed, scale: a larger program, and a smaller, younger one.
OTHER_PROGRAMS = (
    ("norrby-demo", "Jämlik hälsa Norrby (demo)", "Norrby (fiktivt demoområde)", 7, 2, "NOR"),
    ("sjoang-demo", "Jämlik hälsa Sjöäng (demo)", "Sjöäng (fiktivt demoområde)", 11, 1, "SJO"),
)


def seed_city(program: Program, rng: random.Random, *, today: date) -> int:
    """Put the demo program in "Demo stad" with two more programs; returns their count."""
    from jamlik.programs.demo import DEMO_PASSWORD, DEMO_SLUG, seed_program

    if program.slug != DEMO_SLUG:
        return 0
    organisation, _ = Organisation.objects.get_or_create(slug=SLUG, defaults={"name": NAME})
    Program.objects.filter(pk=program.pk).update(organisation=organisation)
    for slug, name, area, seed, scale, prefix in OTHER_PROGRAMS:
        other = seed_program(
            slug=slug, seed=seed, scale=scale, name=name, replace=True, today=today
        ).program
        Program.objects.filter(pk=other.pk).update(
            organisation=organisation, area=area, code_prefix=prefix
        )
    user, created = get_user_model().objects.get_or_create(username=FUNDER_USERNAME)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    OrganisationRole.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": OrganisationRole.Role.FUNDER}
    )
    return 1 + len(OTHER_PROGRAMS)


def city_logins() -> str:
    """The demo command's line for the funder-officer login."""
    from jamlik.programs.demo import DEMO_PASSWORD

    return (
        f"funder officer  {FUNDER_USERNAME}  {DEMO_PASSWORD}  the {NAME} programs side by side "
        f"(published figures, sent reports, pooled evaluation): /o/{SLUG}/\n"
    )
