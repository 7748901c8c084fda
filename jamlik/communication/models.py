"""Reaching residents and partners: what the public calendar shows, the communication plan
and what was done against it, and the media log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jamlik.lib.uploads import UploadValidator

# The languages the public pages speak, in display order; Arabic right to left.
PUBLIC_LANGUAGES = ("sv", "en", "ar")
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English", "ar": "العربية"}
RTL_LANGUAGES = frozenset({"ar"})


class PublicListing(models.Model):
    """An activity as the public calendar shows it, in the languages the promoter wrote.

    Only a published listing of a planned (or cancelled) activity is public; nothing of the
    activity's attendance, participants or internal notes is.
    """

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        WOMEN = "women", _("Women")
        MEN = "men", _("Men")
        CHILDREN_YOUTH = "children_youth", _("Children and young people")
        FAMILIES = "families", _("Families")
        SENIORS = "seniors", _("Older people")

    class SignUp(models.TextChoices):
        NONE = "none", _("Just come")
        REQUIRED = "required", _("Sign up first")

    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.CASCADE, related_name="public_listing"
    )
    published = models.BooleanField(_("published"), default=False)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where to come, as the public should read it."),
    )
    audience = models.CharField(
        _("who it is for"), max_length=20, choices=Audience, default=Audience.EVERYONE
    )
    sign_up = models.CharField(_("sign-up"), max_length=10, choices=SignUp, default=SignUp.NONE)
    sign_up_how = models.CharField(
        _("how to sign up"),
        max_length=200,
        blank=True,
        help_text=_("Public text, for example: at the front desk of the meeting place."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("public listing")
        verbose_name_plural = _("public listings")

    def __str__(self) -> str:
        return self.title_in("sv")

    def clean(self) -> None:
        super().clean()
        if not any(getattr(self, f"title_{code}") for code in PUBLIC_LANGUAGES):
            raise ValidationError({"title_sv": _("Give the title in at least one language.")})

    def public_place(self) -> str:
        """Where to come: the listing's own words, else the activity's place in the premises
        register with its address, else the activity's free-text place."""
        if self.place:
            return self.place
        registered = self.activity.place
        if registered is not None:
            return ", ".join(part for part in (registered.name, registered.address) if part)
        return self.activity.premises

    def title_in(self, language: str) -> str:
        return self._text("title", language)

    def description_in(self, language: str) -> str:
        return self._text("description", language)

    def _text(self, field: str, language: str) -> str:
        """The text in `language`, else in the first language it was written in."""
        order = (language, *(c for c in PUBLIC_LANGUAGES if c != language))
        for code in order:
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value
        return ""

    def language_of(self, field: str, language: str) -> str:
        """The language the text shown for `language` is written in (for lang=)."""
        order = (language, *(c for c in PUBLIC_LANGUAGES if c != language))
        return next((c for c in order if getattr(self, f"{field}_{c}", "")), language)


class Channel(models.TextChoices):
    SOCIAL_MEDIA = "social_media", _("Social media")
    WEBSITE = "website", _("Website")
    VIDEO = "video", _("Video")
    TALK = "talk", _("Talk or presentation")
    MEDIA = "media", _("News media")
    POSTER = "poster", _("Posters and leaflets")
    MEETING = "meeting", _("Meetings and word of mouth")
    OTHER = "other", pgettext_lazy("channel", "Other")


class CommunicationPlan(models.Model):
    """The program's communication plan for one year (seed 000: available and kept up to date)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="communication_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    goals = models.TextField(_("goals"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("communication plan")
        verbose_name_plural = _("communication plans")
        constraints = [
            models.UniqueConstraint(fields=["program", "year"], name="one_comm_plan_per_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="comm_plan_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.year}"


class PlanEntry(models.Model):
    """One line of the plan: to whom, through which channel, what, who and when."""

    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="entries")
    audience = models.CharField(_("audience"), max_length=200)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel)
    message = models.TextField(_("message"))
    responsible = models.CharField(_("responsible"), max_length=200)
    when = models.CharField(_("when"), max_length=100, help_text=_("For example: spring, monthly"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("plan entry")
        verbose_name_plural = _("plan entries")

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.audience}"


class CommunicationAction(models.Model):
    """Something done against the plan: a post, a talk, an article."""

    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="actions")
    entry = models.ForeignKey(
        PlanEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("plan entry"),
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel)
    description = models.CharField(_("what was done"), max_length=300)
    reach = models.PositiveIntegerField(
        _("reach"), null=True, blank=True, help_text=_("People reached, if known.")
    )
    url = models.URLField(_("link"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("communication action")
        verbose_name_plural = _("communication actions")

    def __str__(self) -> str:
        return f"{self.date} {self.description}"


def mention_upload_to(instance: "MediaMention", filename: str) -> str:
    return f"communication/{instance.program_id}/mentions/{filename}"


class MediaMention(models.Model):
    """A press article, broadcast, conference presentation or publication about the program."""

    class Kind(models.TextChoices):
        PRESS = "press", _("Press article")
        BROADCAST = "broadcast", _("Radio or TV")
        CONFERENCE = "conference", _("Conference presentation")
        PUBLICATION = "publication", _("Publication")
        ONLINE = "online", _("Online mention")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="media_mentions"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    outlet = models.CharField(_("outlet"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=mention_upload_to,
        blank=True,
        validators=[UploadValidator(kinds=("pdf", "png", "jpeg"))],
    )
    reported_by = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="media_mentions",
        verbose_name=_("reported by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("media mention")
        verbose_name_plural = _("media mentions")

    def __str__(self) -> str:
        return f"{self.date} {self.outlet}: {self.title}"


class MentionNotice(models.Model):
    """A mention brought to one user's attention in the app, until they have seen it."""

    mention = models.ForeignKey(MediaMention, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mention_notices"
    )
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mention", "user"], name="one_notice_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.mention_id}"
