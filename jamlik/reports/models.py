from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jamlik.lib.periods import Period


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
