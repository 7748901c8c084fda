import hashlib
import hmac
import secrets
import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jamlik.surveys.catalog import Instrument, get_instrument
from jamlik.workshops.models import KEY_HELP


class Wave(models.Model):
    """One round of questionnaires (baseline, follow-up, …) for a program or a workshop."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        FOLLOW_UP = "follow_up", _("Follow-up")
        OTHER = "other", _("Other round")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="waves")
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="waves",
        verbose_name=_("workshop"),
        help_text=_("Empty for a program-wide wave."),
    )
    key = models.SlugField(_("key"), max_length=60, help_text=KEY_HELP)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.BASELINE)
    baseline = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("compared with"),
        help_text=_("For a follow-up: the wave whose answers it is compared with."),
    )
    # References "key@version" to instrument definitions (surveys/instruments/*.yaml).
    instruments = models.JSONField(_("instruments"), default=list)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "key"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        constraints = [
            models.UniqueConstraint(fields=["program", "key"], name="wave_key_unique_in_program"),
            models.CheckConstraint(
                condition=models.Q(closes_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="wave_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("surveys:wave", args=[self.program.slug, self.key])

    def instrument_list(self) -> list[Instrument]:
        found = (get_instrument(ref) for ref in self.instruments)
        return [instrument for instrument in found if instrument is not None]

    def languages(self) -> list[str]:
        """Languages in which every instrument of the wave can be filled in."""
        instruments = self.instrument_list()
        if not instruments:
            return []
        common = set(instruments[0].available_languages())
        for instrument in instruments[1:]:
            common &= set(instrument.available_languages())
        order = ["sv", "en", "ar"]
        return sorted(common, key=lambda c: (order.index(c) if c in order else 99, c))

    def is_open_on(self, day: date) -> bool:
        return self.opens_on <= day and (self.closes_on is None or day <= self.closes_on)


class Response(models.Model):
    """One respondent's answers in one wave, stored after consent to research use."""

    class Mode(models.TextChoices):
        SELF = "self", _("Self-administered")
        ASSISTED = "assisted", _("Assisted by a health promoter")

    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        XLSFORM = "xlsform", _("Offline form (ODK/Kobo)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(
        "activities.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("participant"),
        help_text=_("Empty for an anonymous response."),
    )
    language = models.CharField(_("language"), max_length=8)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode, default=Mode.SELF)
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.WEB)
    submission_id = models.CharField(_("submission id"), max_length=100, blank=True)
    consent_research_at = models.DateTimeField(_("consent to research use given"))
    # The respondent withdrew the consent: the response leaves every research export.
    consent_withdrawn_at = models.DateTimeField(
        _("consent to research use withdrawn"), null=True, blank=True
    )
    # {"who5@1998": {"q1": 3, …}, …}: answer codes only, by instrument reference.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    completed = models.BooleanField(_("completed"), default=False)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "participant"],
                condition=models.Q(participant__isnull=False),
                name="one_response_per_participant_and_wave",
            ),
            models.UniqueConstraint(
                fields=["wave", "submission_id"],
                condition=~models.Q(submission_id=""),
                name="submission_id_unique_in_wave",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wave.key} {self.uuid}"

    def answered_count(self) -> int:
        return sum(len(a) for a in self.answers.values() if isinstance(a, dict))


class Score(models.Model):
    """A scale's score for one response, computed from the answers by `scoring.py`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="scores")
    instrument = models.CharField(_("instrument"), max_length=60)
    version = models.CharField(_("version"), max_length=20)
    scale = models.CharField(_("scale"), max_length=60)
    value = models.FloatField(_("value"), null=True, blank=True)
    answered = models.PositiveSmallIntegerField(_("items answered"))
    items = models.PositiveSmallIntegerField(_("items in the scale"))
    band = models.CharField(_("band"), max_length=40, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "instrument", "version", "scale"], name="one_score_per_scale"
            ),
        ]
        indexes = [models.Index(fields=["instrument", "version", "scale"])]

    def __str__(self) -> str:
        return f"{self.instrument}@{self.version}/{self.scale}: {self.value}"


def _new_study_key() -> str:
    return secrets.token_hex(32)


class EthicsApproval(models.Model):
    """A registered ethics approval; without a valid one a researcher gets no data."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="ethics_approvals"
    )
    study = models.SlugField(_("study"), max_length=60, help_text=KEY_HELP)
    title = models.CharField(_("title"), max_length=300)
    reference_number = models.CharField(_("reference number"), max_length=100)
    authority = models.CharField(
        _("approving authority"), max_length=200, default="Etikprövningsmyndigheten"
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    scope = models.TextField(_("scope"), help_text=_("What the approval covers, in its words."))
    waves = models.ManyToManyField(
        Wave, related_name="ethics_approvals", verbose_name=_("waves covered")
    )
    researchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="ethics_approvals", verbose_name=_("researchers")
    )
    # Keys the study-specific pseudonyms; never shown, never exported.
    pseudonym_key = models.CharField(max_length=64, default=_new_study_key, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("ethics approval")
        verbose_name_plural = _("ethics approvals")
        constraints = [
            models.UniqueConstraint(fields=["program", "study"], name="study_unique_in_program"),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="approval_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.study} ({self.reference_number})"

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until

    def pseudonym(self, response: Response) -> str:
        """The respondent's pseudonym in this study: a keyed hash, different per study."""
        if response.participant_id is not None:
            subject = f"participant:{response.participant_id}"
        else:
            subject = f"response:{response.uuid}"
        digest = hmac.new(self.pseudonym_key.encode(), subject.encode(), hashlib.sha256)
        return f"{self.study[:12].upper()}-{digest.hexdigest()[:16]}"


class QualitativeRecord(models.Model):
    """A focus group or interview: a qualitative record, without scores or names."""

    class Kind(models.TextChoices):
        FOCUS_GROUP = "focus_group", _("Focus group")
        INTERVIEW = "interview", _("Interview")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="qualitative_records"
    )
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="qualitative_records",
        verbose_name=_("workshop"),
    )
    wave = models.ForeignKey(
        Wave,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="qualitative_records",
        verbose_name=_("wave"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.FOCUS_GROUP)
    date = models.DateField(_("date"))
    participants_count = models.PositiveSmallIntegerField(_("number of participants"))
    guide = models.TextField(_("interview guide"), blank=True)
    themes = models.TextField(_("themes"), blank=True, help_text=_("One theme per line."))
    notes = models.TextField(
        _("short notes"), blank=True, help_text=_("No names or other details that identify anyone.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("focus group or interview")
        verbose_name_plural = _("focus groups and interviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participants_count__gte=1), name="qualitative_has_participants"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def theme_list(self) -> list[str]:
        return [line.strip() for line in self.themes.splitlines() if line.strip()]
