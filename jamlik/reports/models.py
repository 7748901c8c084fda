import uuid
from calendar import monthrange
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jamlik.lib.periods import Period

FIRST_YEAR = 1990
# A rule may be agreed some years ahead; a publication is at most planned for next year.
RULE_YEARS_AHEAD = 10
# A due day must exist every year, so it is checked against a year without 29 February.
COMMON_YEAR = 2023


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Internal (hub)")
    EXTERNAL = "external", _("External (steering group and municipality)")


class ReportingRule(models.Model):
    """A recurring report the program owes its funder, e.g. the year's by 1 February.

    A program without rules follows DEFAULT_RULES (the IOP agreement in the seeds).
    """

    class Scope(models.TextChoices):
        YEAR = "year", _("Whole year")
        FIRST_HALF = "first_half", _("First half-year")
        SECOND_HALF = "second_half", _("Second half-year")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="reporting_rules"
    )
    scope = models.CharField(_("period reported"), max_length=20, choices=Scope)
    due_month = models.PositiveSmallIntegerField(_("due month"))
    due_day = models.PositiveSmallIntegerField(_("due day"))
    due_next_year = models.BooleanField(
        _("due the following year"),
        default=False,
        help_text=_("For example the year's report, due on 1 February of the next year."),
    )
    recipient = models.CharField(_("recipient"), max_length=200, default=_("Steering group"))
    first_year = models.PositiveSmallIntegerField(_("first year reported"))
    last_year = models.PositiveSmallIntegerField(_("last year reported"), null=True, blank=True)

    class Meta:
        ordering = ["program", "due_month", "due_day"]
        verbose_name = _("reporting rule")
        verbose_name_plural = _("reporting rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_month__gte=1, due_month__lte=12)
                & models.Q(due_day__gte=1, due_day__lte=31),
                name="reporting_rule_due_date_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(last_year__isnull=True)
                | models.Q(last_year__gte=models.F("first_year")),
                name="reporting_rule_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.get_scope_display()}"

    def period_label(self, year: int) -> str:
        return {
            self.Scope.YEAR: f"{year}",
            self.Scope.FIRST_HALF: f"{year}H1",
            self.Scope.SECOND_HALF: f"{year}H2",
        }[self.Scope(self.scope)]

    def due_date(self, year: int) -> date:
        return date(year + 1 if self.due_next_year else year, self.due_month, self.due_day)

    def clean(self) -> None:
        """The due day exists every year, the years are plausible and in order, and no other
        rule of the program reports the same period for any of the same years (which would
        owe that report twice). The forms and the admin both ask this."""
        errors: dict[str, str] = {}
        if self.due_month is not None and not 1 <= self.due_month <= 12:
            errors["due_month"] = gettext("Choose a month from January to December.")
        elif self.due_month == 2 and self.due_day == 29:
            errors["due_day"] = gettext(
                "29 February does not exist every year; choose 28 February or 1 March."
            )
        elif self.due_month is not None and self.due_day is not None:
            days = monthrange(COMMON_YEAR, self.due_month)[1]
            if not 1 <= self.due_day <= days:
                errors["due_day"] = gettext(
                    "Give a day from 1 to %(days)s: %(month)s has %(days)s days."
                ) % {"days": days, "month": capfirst(MONTHS[self.due_month])}
        last_allowed = timezone.localdate().year + RULE_YEARS_AHEAD
        for name in ("first_year", "last_year"):
            year = getattr(self, name)
            if year is not None and not FIRST_YEAR <= year <= last_allowed:
                errors[name] = gettext("Give a year from %(first)s to %(last)s.") % {
                    "first": FIRST_YEAR,
                    "last": last_allowed,
                }
        if self.first_year is not None and not {"first_year", "last_year"} & set(errors):
            if self.last_year is not None and self.last_year < self.first_year:
                errors["last_year"] = gettext("The last year cannot be before the first year.")
            elif self.scope and self.program_id and self.overlapping().exists():
                errors["scope"] = gettext(
                    "Another rule already reports this period for some of the same years. "
                    "Change that rule, or let the years not overlap."
                )
        if errors:
            raise ValidationError(errors)

    def overlapping(self) -> models.QuerySet["ReportingRule"]:
        """The program's other rules of the same scope whose years overlap this one's."""
        others = ReportingRule.objects.filter(program_id=self.program_id, scope=self.scope)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        others = others.filter(
            models.Q(last_year__isnull=True) | models.Q(last_year__gte=self.first_year)
        )
        if self.last_year is not None:
            others = others.filter(first_year__lte=self.last_year)
        return others

    def due_day_shown(self) -> date | None:
        """The due day as a date (in a leap year), to show it as "1 February"; None if invalid."""
        try:
            return date(2000, self.due_month, self.due_day)
        except (TypeError, ValueError):
            return None


class ReportDraft(models.Model):
    """A report back to the funder for one period and audience, on its way to approval.

    Status moves draft → submitted → approved → sent; approval freezes a ReportVersion.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the steering group")
        APPROVED = "approved", _("Approved")
        SENT = "sent", _("Sent")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    period_label = models.CharField(_("period"), max_length=30)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience, default=Audience.EXTERNAL
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    # Markdown per section key (see jamlik/reports/sections/).
    narrative = models.JSONField(_("narrative"), default=dict, blank=True)
    based_on = models.ForeignKey(
        "ReportVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="later_drafts",
        verbose_name=_("started from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_label", "-created_at"]
        verbose_name = _("report draft")
        verbose_name_plural = _("report drafts")

    def __str__(self) -> str:
        return f"{self.program} {self.period_label} ({self.audience})"

    def get_absolute_url(self) -> str:
        return reverse("reports:draft", args=[self.program.slug, self.pk])

    @property
    def period(self) -> Period:
        return Period.parse(self.period_label)

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


def _file_path(instance: "ReportFile", filename: str) -> str:
    version = instance.version
    return f"reports/{version.program.slug}/{version.period_label}/{filename}"


class ReportVersion(models.Model):
    """An approved report, frozen: the figures JSON, the narrative and the rendered files.

    Nothing here changes after approval except the record of sending it.
    """

    draft = models.ForeignKey(ReportDraft, on_delete=models.PROTECT, related_name="versions")
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    period_label = models.CharField(_("period"), max_length=30)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience)
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    # Everything the document shows that comes from data (see collect.py); the SHA-256 of
    # its canonical JSON is printed in every page's footer.
    figures = models.JSONField(_("figures"))
    figures_sha256 = models.CharField(_("SHA-256 of the figures"), max_length=64)
    narrative = models.JSONField(_("narrative"), default=dict)
    language = models.CharField(_("language"), max_length=10, default="sv")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"))
    approval_note = models.CharField(
        _("decision"),
        max_length=300,
        blank=True,
        help_text=_("For example the steering group's minutes: 'Styrgruppen 2026-01-20 § 4'."),
    )
    # The steering-group decision that approved it; it may be taken, and linked, later.
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_reports",
        verbose_name=_("steering-group decision"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_to = models.CharField(_("sent to"), max_length=300, blank=True)

    class Meta:
        ordering = ["-approved_at"]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "period_label", "audience", "number"],
                name="report_version_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.period_label} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("reports:version", args=[self.program.slug, self.pk])

    @property
    def reference(self) -> str:
        """The short reference on every page of its files (see render.document.Meta)."""
        return self.figures_sha256[:8].upper()

    def files_pending(self, count: int) -> bool:
        """Whether files are still being made: fewer than all, and approved in the last
        ten minutes. Older versions with files missing offer to make them instead."""
        recent = self.approved_at >= timezone.now() - timedelta(minutes=10)
        return count < len(ReportFile.Format.values) and recent

    @property
    def period(self) -> Period:
        return Period.parse(self.period_label)

    def approval_statement(self) -> str:
        """Which steering-group decision approved it, in the active language."""
        if self.decision_id is None:
            return gettext("Not yet linked to a steering-group decision")
        return gettext("Approved by the steering group, %(date)s, § %(number)s") % {
            "date": date_format(self.decision.meeting.date, "j F Y"),
            "number": self.decision.number,
        }


class ReportFile(models.Model):
    """A rendered file of an approved version, as it was approved."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(max_length=4, choices=Format)
    file = models.FileField(upload_to=_file_path)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        constraints = [
            models.UniqueConstraint(fields=["version", "format"], name="one_file_per_format"),
        ]

    def __str__(self) -> str:
        return self.file.name


class ResearchOutput(models.Model):
    """A publication of the research that follows the program (följeforskning)."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Journal article")
        THESIS = "thesis", _("Thesis")
        REPORT = "report", _("Report")
        CHAPTER = "chapter", _("Book chapter")
        CONFERENCE = "conference", _("Conference contribution")
        OTHER = "other", _("Other publication")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        IN_PROGRESS = "in_progress", _("In progress")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="research_outputs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.ARTICLE)
    title = models.CharField(_("title"), max_length=400)
    authors = models.CharField(_("authors"), max_length=400, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    venue = models.CharField(
        _("published in"), max_length=300, blank=True, help_text=_("Journal, university or series.")
    )
    url = models.URLField(_("link"), blank=True, help_text=_("DOI link or web address."))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PUBLISHED)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("research output")
        verbose_name_plural = _("research outputs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1900, year__lte=2200),
                name="research_output_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def clean(self) -> None:
        last = timezone.localdate().year + 1
        if self.year is not None and not FIRST_YEAR <= self.year <= last:
            raise ValidationError(
                {
                    "year": gettext(
                        "Give the year it was published, or will be, from %(first)s to %(last)s."
                    )
                    % {"first": FIRST_YEAR, "last": last}
                }
            )


def _rendering_path(instance: "ReportRendering", filename: str) -> str:
    return f"reports/renderings/{instance.pk}/{filename}"


class ReportRendering(models.Model):
    """A draft's PDF, Word or Excel file, rendered by a background task for one user.

    The file holds the figures of the moment it was rendered; a new request renders anew.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    draft = models.ForeignKey(ReportDraft, on_delete=models.CASCADE, related_name="renderings")
    format = models.CharField(max_length=4, choices=ReportFile.Format)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    file = models.FileField(upload_to=_rendering_path, blank=True)
    figures_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report rendering")
        verbose_name_plural = _("report renderings")

    def __str__(self) -> str:
        return f"{self.draft_id} {self.format} {self.status}"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class FiguresStamp(models.Model):
    """A token that changes with every write that may change a program's figures.

    `scope` is a half-year ("2024H1") when the write touched only dates in it, or "*" when
    it may have touched any period. See `jamlik.reports.figures.figures_changed`.
    """

    ALL = "*"

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=8)
    token = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "scope"], name="figures_stamp_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.scope} {self.token}"


class CachedFigures(models.Model):
    """A program-period's internal figures as `compute_figures` gave them under `stamp`."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField()
    stamp = models.TextField()
    # JSON text rather than a JSONField: PostgreSQL's jsonb would reorder the keys.
    figures = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "start", "end"], name="cached_figures_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.start}..{self.end}"


class FiguresBuilt(models.Model):
    """The program's figures aggregates (`FiguresDay`, `FiguresWeek`) hold all its data.

    Built from the raw tables on the first figures read after it is missing; kept equal
    by `jamlik.reports.figures.figures_changed` on every write after that."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.program_id} {self.built_at}"


class FiguresDay(models.Model):
    """The additive figures of one program, day and workshop (none: program-wide), from
    which any date range's sums are added up. See `jamlik.reports.aggregates`.

    The aggregates' foreign keys have no database constraint: they are derived rows,
    rebuilt in bulk, and deleted with their program or participant by Django's cascade
    (raw SQL deletes must call `figures_changed`)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    day = models.DateField()
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        db_constraint=False,
    )
    activities = models.PositiveIntegerField(default=0)
    large_events = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    visits = models.PositiveIntegerField(default=0)
    headcount = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["program", "day"], name="figures_day_program_day")]

    def __str__(self) -> str:
        return f"{self.program_id} {self.day} {self.workshop_id}"


class FiguresWeek(models.Model):
    """One participant's attendance in one program and ISO week: bit d of `days` (0
    Monday … 6 Sunday) is set when they attended a held activity that day, of
    `regular_days` a held activity that is not a larger event. `category` is the
    participant's (a change of category calls `figures_changed` for every day).

    Distinct participants of any date range are counted from these rows (the two weeks
    at its ends through the bits), and recurring participants from their weeks."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    week = models.DateField()  # the Monday
    participant = models.ForeignKey(
        "activities.Participant", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    category = models.CharField(max_length=20)
    days = models.PositiveSmallIntegerField()
    regular_days = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["program", "week"],
                include=["participant", "category", "days", "regular_days"],
                name="figures_week_program_week",
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.week} {self.participant_id}"


class FiguresWorkshopWeek(models.Model):
    """As `FiguresWeek`, per workshop (none: program-wide activities), for the distinct
    participants of each workshop."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    week = models.DateField()
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        db_constraint=False,
    )
    participant = models.ForeignKey(
        "activities.Participant", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    days = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["program", "week"],
                include=["workshop", "participant", "days"],
                name="figures_wweek_program_week",
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.week} {self.workshop_id} {self.participant_id}"


class BoardHandling(models.Model):
    """The municipal board's handling of a sent report version (seed 001: next year's
    payment depends on the board approving the previous year's report)."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    version = models.OneToOneField(
        ReportVersion, on_delete=models.PROTECT, related_name="board_handling"
    )
    handled_on = models.DateField(_("handled by the board"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("For example the board's case number or minutes paragraph."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("board handling")
        verbose_name_plural = _("board handlings")

    def __str__(self) -> str:
        return f"{self.version}: {self.get_outcome_display()} {self.handled_on}"
