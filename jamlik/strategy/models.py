"""Strategy tools of seed 002: the stakeholder analysis, policy windows, the dialogue chain
and the approval of a socio-economic estimate model (the model itself is a data file)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class StakeholderAnalysis(models.Model):
    """One dated stakeholder analysis; the manual says to repeat it at regular intervals."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="stakeholder_analyses"
    )
    made_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-made_on", "-pk"]
        verbose_name = _("stakeholder analysis")
        verbose_name_plural = _("stakeholder analyses")

    def __str__(self) -> str:
        return f"{self.program.slug} {self.made_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:analysis", args=[self.program.slug, self.pk])


class Quadrant(models.TextChoices):
    """Figure 4–1 of seed 002: necessary participation × influence."""

    WORKER_BEES = "worker_bees", _("Worker bees")
    RESOURCE_PERSONS = "resource_persons", _("Resource persons")
    EXTERNALS = "externals", _("Externals")
    GREY_EMINENCES = "grey_eminences", _("Grey eminences")


# What to do with each category (seed 002, section 4.1).
TREATMENT = {
    Quadrant.WORKER_BEES: _("are informed"),
    Quadrant.RESOURCE_PERSONS: _("are involved"),
    Quadrant.EXTERNALS: _("are oriented"),
    Quadrant.GREY_EMINENCES: _("are heard"),
}


def quadrant_for(*, necessary: bool, large_influence: bool) -> Quadrant:
    if necessary:
        return Quadrant.RESOURCE_PERSONS if large_influence else Quadrant.WORKER_BEES
    return Quadrant.GREY_EMINENCES if large_influence else Quadrant.EXTERNALS


class Stakeholder(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        GROUP = "group", _("Group")
        ORGANISATION = "organisation", _("Organisation")

    class Influence(models.TextChoices):
        SMALL = "small", _("Small")
        LARGE = "large", _("Large")

    analysis = models.ForeignKey(
        StakeholderAnalysis, on_delete=models.CASCADE, related_name="stakeholders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.ORGANISATION)
    name = models.CharField(_("name"), max_length=200)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholder_entries",
        verbose_name=_("partner from the register"),
    )
    inside_partnership = models.BooleanField(_("inside the partnership"), default=False)
    influence = models.CharField(_("influence"), max_length=10, choices=Influence)
    necessary = models.BooleanField(_("participation necessary"), default=False)
    action_what = models.CharField(_("action: what"), max_length=300, blank=True)
    action_who = models.CharField(_("action: who"), max_length=200, blank=True)
    action_when = models.DateField(_("action: when"), null=True, blank=True)
    action_item = models.ForeignKey(
        "governance.ActionItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hub action item"),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "name"], name="stakeholder_name_once_per_analysis"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_for(
            necessary=self.necessary, large_influence=self.influence == self.Influence.LARGE
        )

    @property
    def treatment(self) -> str:
        return str(TREATMENT[self.quadrant])

    @property
    def identity(self) -> str:
        """What tells the same stakeholder apart across two analyses."""
        if self.partner_id:
            return f"partner:{self.partner_id}"
        return "name:" + " ".join(self.name.casefold().split())


class DecisionPoint(models.Model):
    """A date when the municipality or the region decides something (policy windows)."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("Budget")
        PLAN = "plan", _("Multi-year plan")
        ELECTION = "election", _("Election")
        BOARD = "board", _("Board meeting")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        OTHER = "other", _("Other")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="decision_points"
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.BOARD)
    level = models.CharField(_("level"), max_length=20, choices=Level, default=Level.MUNICIPALITY)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("decision point")
        verbose_name_plural = _("decision points")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"


class PolicyIssue(models.Model):
    """An issue the program wants on the agenda, with Kingdon's three streams."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="policy_issues"
    )
    title = models.CharField(_("issue"), max_length=200)
    problem_present = models.BooleanField(_("the problem is recognised"), default=False)
    problem_note = models.TextField(_("problem stream"), blank=True)
    politics_present = models.BooleanField(_("a political goal connects to it"), default=False)
    politics_note = models.TextField(_("politics stream"), blank=True)
    policy_present = models.BooleanField(_("a concrete proposal exists"), default=False)
    policy_note = models.TextField(_("policy stream"), blank=True)
    needs = models.ManyToManyField(
        "needs.Need", blank=True, related_name="policy_issues", verbose_name=_("needs")
    )
    decision_points = models.ManyToManyField(
        DecisionPoint,
        blank=True,
        related_name="issues",
        verbose_name=_("decision points"),
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("policy issue")
        verbose_name_plural = _("policy issues")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:issue", args=[self.program.slug, self.pk])

    @property
    def is_open(self) -> bool:
        """A window is open when all three streams are present (Kingdon)."""
        return self.problem_present and self.politics_present and self.policy_present

    def streams_present(self) -> int:
        return sum((self.problem_present, self.politics_present, self.policy_present))


class DialogueSheet(models.Model):
    """The dialogue chain (seed 002, case 2): a sheet prepared before meeting a board, a
    management group or a workgroup, and the outcome of the meeting."""

    class Counterpart(models.TextChoices):
        BOARD = "board", _("Board")
        MANAGEMENT = "management", _("Management group")
        WORKGROUP = "workgroup", _("Workgroup")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="dialogue_sheets"
    )
    counterpart = models.CharField(_("who we meet"), max_length=200)
    counterpart_kind = models.CharField(
        _("kind"), max_length=20, choices=Counterpart, default=Counterpart.BOARD
    )
    meeting_on = models.DateField(_("meeting date"))
    their_goals = models.TextField(_("their goals"), blank=True)
    their_activities = models.TextField(_("their activities"), blank=True)
    health_link = models.TextField(_("the link to health"), blank=True)
    figures_period = models.CharField(_("figures of the period"), max_length=20, blank=True)
    needs = models.ManyToManyField(
        "needs.Need", blank=True, related_name="dialogue_sheets", verbose_name=_("needs")
    )
    answer_1 = models.TextField(blank=True)
    answer_2 = models.TextField(blank=True)
    answer_3 = models.TextField(blank=True)
    answer_4 = models.TextField(blank=True)
    outcome = models.TextField(_("outcome of the meeting"), blank=True)
    outcome_recorded_on = models.DateField(_("outcome recorded on"), null=True, blank=True)

    class Meta:
        ordering = ["-meeting_on", "-pk"]
        verbose_name = _("dialogue sheet")
        verbose_name_plural = _("dialogue sheets")

    def __str__(self) -> str:
        return f"{self.counterpart} {self.meeting_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:sheet", args=[self.program.slug, self.pk])


class EstimateApproval(models.Model):
    """The steering group's approval of one version of a socio-economic model file."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="estimate_approvals"
    )
    model_ref = models.CharField(_("model"), max_length=100)
    digest = models.CharField(max_length=64)
    approved_on = models.DateField(_("approved on"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("estimate model approval")
        verbose_name_plural = _("estimate model approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "model_ref", "digest"], name="estimate_approved_once"
            )
        ]

    def __str__(self) -> str:
        return self.model_ref
