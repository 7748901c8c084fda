from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jamlik.workshops.models import KEY_HELP


class Category(models.TextChoices):
    CHILD_YOUTH = "child_youth", _("Child or young person")
    ADULT = "adult", _("Adult")
    PROFESSIONAL = "professional", _("Professional")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", pgettext_lazy("gender", "Man")
    OTHER = "other", pgettext_lazy("gender", "Other")
    UNKNOWN = "unknown", _("Not stated")


class Activity(models.Model):
    """Something that happened (or was cancelled) on one date."""

    class Kind(models.TextChoices):
        HEALTH_CIRCLE = "health_circle", _("Health circle")
        PHYSICAL_ACTIVITY = "physical_activity", _("Physical activity")
        HEALTH_INFORMATION = "health_information", _("Health information")
        EXPERIENCE_EXCHANGE = "experience_exchange", _("Experience exchange")
        LANGUAGE_DEVELOPMENT = "language_development", _("Language development")
        CIVIC_INFORMATION = "civic_information", _("Civic information")
        PARENTING_SUPPORT = "parenting_support", _("Parenting support")
        CULTURE = "culture", _("Culture")
        AREA_DAY = "area_day", _("Area day")
        DIALOGUE_FORUM = "dialogue_forum", _("Dialogue forum")
        COURTYARD_PARTY = "courtyard_party", _("Courtyard party")
        OTHER = "other", pgettext_lazy("activity kind", "Other")

    LARGE_EVENT_KINDS = frozenset({Kind.AREA_DAY, Kind.DIALOGUE_FORUM, Kind.COURTYARD_PARTY})

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="activities"
    )
    key = models.SlugField(_("key"), max_length=80, help_text=KEY_HELP)
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("workshop"),
        help_text=_("Empty for a program-wide activity."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    large_event = models.BooleanField(_("larger event"), default=False)
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.HELD)
    premises = models.CharField(_("premises"), max_length=200, blank=True)
    # A place from the premises register; `premises` stays for a one-off place.
    place = models.ForeignKey(
        "premises.Premises",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("place"),
    )
    languages = models.CharField(
        _("languages used"), max_length=200, blank=True, help_text=_("For example: sv, ar, so")
    )
    partners = models.ManyToManyField(
        "partners.Partner",
        blank=True,
        related_name="activities",
        verbose_name=_("collaborating partners"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "key"], name="activity_key_unique_in_program"
            ),
        ]
        indexes = [models.Index(fields=["program", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("activities:attendance", args=[self.program.slug, self.key])

    @classmethod
    def is_large_event_kind(cls, kind: str) -> bool:
        return kind in cls.LARGE_EVENT_KINDS

    # Only held activities count in the figures, and an activity after today cannot have
    # been held yet: that rule keeps planned activities out of the funder's figures.
    @classmethod
    def may_be_held_on(cls, day, *, today) -> bool:
        return day <= today

    @classmethod
    def default_status(cls, day, *, today) -> str:
        """The status of an imported row that leaves it empty: held up to today."""
        return cls.Status.HELD if cls.may_be_held_on(day, today=today) else cls.Status.PLANNED

    def clean(self) -> None:
        super().clean()
        if (
            self.status == self.Status.HELD
            and self.date
            and not self.may_be_held_on(self.date, today=timezone.localdate())
        ):
            raise ValidationError({"status": self.held_in_future_message()})

    @staticmethod
    def held_in_future_message() -> str:
        return str(_("An activity after today cannot have been held yet: save it as planned."))


class Participant(models.Model):
    """A registered participant, known by a pseudonymous code.

    No name is stored unless the participant has consented to it.
    """

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="participants"
    )
    code = models.CharField(_("code"), max_length=20)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, default=Gender.UNKNOWN)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    home_area = models.CharField(_("home area"), max_length=100, blank=True)
    # The workshop where the participant was first registered; gives its health
    # promoters access before the first attendance is recorded.
    registered_in = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_participants",
        verbose_name=_("registered in"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    name_consent_at = models.DateTimeField(_("consent to store name given"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the retention job (or the leader) anonymised the row: the code is then a
    # random one and nothing else identifies the person; the records stay for the figures.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "code"], name="participant_code_unique_in_program"
            ),
            models.CheckConstraint(
                condition=models.Q(name="") | models.Q(name_consent_at__isnull=False),
                name="participant_name_needs_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="participant_birth_year_plausible",
            ),
        ]
        indexes = [
            # For a search by a code's beginning (LIKE 'X%') on PostgreSQL whatever the
            # database's collation; SQLite ignores the operator classes.
            models.Index(
                fields=["program", "code"],
                name="participant_code_prefix",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("activities:participant", args=[self.program.slug, self.code])


class Attendance(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "participant"], name="attend_once"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.activity_id}"


class Headcount(models.Model):
    """People who came but do not wish to register, counted by category and gender."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="headcounts")
    category = models.CharField(_("category"), max_length=20, choices=Category)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, default=Gender.UNKNOWN)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("headcount")
        verbose_name_plural = _("headcounts")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "category", "gender"], name="one_headcount_per_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}/{self.gender}: {self.count}"


class IndividualSupport(models.Model):
    """A contact in which a health promoter supported one person individually."""

    class Kind(models.TextChoices):
        GUIDANCE = "guidance", _("Guidance and advice")
        REFERRAL = "referral", _("Referral to care or authority")
        PRACTICAL = "practical", _("Practical help (forms, letters, bookings)")
        CONVERSATION = "conversation", _("Supportive conversation")
        OTHER = "other", pgettext_lazy("support kind", "Other")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="support_contacts"
    )
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_contacts",
        verbose_name=_("workshop"),
    )
    date = models.DateField(_("date"), db_index=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="support_contacts",
        verbose_name=_("participant"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.GUIDANCE)
    minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    # Sent with the form when it is shown, so that a double tap or a resubmission
    # records one contact, not two.
    entry_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "entry_token"], name="support_entry_token_unique"
            ),
        ]
        verbose_name = _("individual support")
        verbose_name_plural = _("individual support")

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"
