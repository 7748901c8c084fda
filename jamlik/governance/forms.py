from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    Category,
    Decision,
    Initiator,
    Meeting,
    Membership,
    Vote,
)
from jamlik.partners.models import Partner
from jamlik.premises.models import Premises

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class BodyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    key = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=40,
        help_text=_("Letters, digits, '-' and '_', e.g. hub."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Body.Kind.choices)
    default_location = forms.CharField(label=_("Usual place"), max_length=200, required=False)


class BodySettingsForm(forms.ModelForm):
    """A body's name, rhythm, place, convener and how promoters and residents vote.

    Votes already cast keep the unit they were counted in, so a new rule applies to new
    decisions only. The kind is fixed: the steering group's and the hub's rules hang on it.
    """

    class Meta:
        model = Body
        fields = [
            "name",
            "cadence",
            "default_location",
            "convener",
            "promoter_votes",
            "resident_votes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convener"].queryset = Partner.objects.filter(
            partnerships__program=self.instance.program
        ).distinct()
        # Residents have no employer whose vote they could share.
        self.fields["resident_votes"].choices = [
            (value, label)
            for value, label in self.fields["resident_votes"].choices
            if value != Body.VoteRule.EMPLOYER
        ]


class MembershipForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Represents"), choices=Membership.Kind.choices, widget=forms.RadioSelect
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=Partner.objects.none(), required=False
    )
    health_promoter = forms.ModelChoiceField(
        label=_("Health promoter"), queryset=None, required=False
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(
        label=_("Seat"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            partnerships__program=body.program
        ).order_by("name")
        self.fields["health_promoter"].queryset = body.program.health_promoters.order_by("name")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Membership.Kind.PARTNER and not data.get("partner"):
            self.add_error("partner", _("Choose the partner this member represents."))
        if kind == Membership.Kind.HEALTH_PROMOTER and not data.get("health_promoter"):
            self.add_error("health_promoter", _("Choose the health promoter."))
        if kind != Membership.Kind.HEALTH_PROMOTER and not data.get("name"):
            self.add_error("name", _("Write the member's name."))
        return data


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    starts_at = forms.TimeField(label=_("Starts"), widget=TIME, required=False)
    ends_at = forms.TimeField(label=_("Ends"), widget=TIME, required=False)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    place = forms.ModelChoiceField(
        label=_("Place from the register"), queryset=Premises.objects.none(), required=False
    )
    chair = forms.ModelChoiceField(
        label=_("Chair"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("Suggest by rotation"),
    )

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = body.memberships.filter(ends_on__isnull=True)
        self.fields["place"].queryset = Premises.objects.filter(
            program=body.program_id, in_use=True
        )
        if not body.is_hub:
            self.fields["chair"].empty_label = "–"

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The meeting ends before it starts."))
        return data


class MeetingDetailsForm(MeetingForm):
    status = forms.ChoiceField(label=_("Status"), choices=Meeting.Status.choices)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, body=body, **kwargs)
        self.fields["chair"].empty_label = "–"


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=200)
    description = forms.CharField(
        label=_("Background"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=AgendaItem.Kind.choices,
        initial=AgendaItem.Kind.DISCUSSION,
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices, initial="other")
    proposed_by = forms.ModelChoiceField(
        label=_("Proposed by"), queryset=Membership.objects.none(), required=False
    )
    initiated_by = forms.ChoiceField(
        label=_("Initiated by"),
        choices=[("", _("As the proposer's seat")), *Initiator.choices],
        required=False,
        help_text=_(
            "Whose initiative it is: residents, health promoters, partner staff or the "
            "strategic level."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_by"].queryset = meeting.body.memberships.all()

    def clean(self):
        data = super().clean()
        if not data.get("initiated_by") and not data.get("proposed_by"):
            self.add_error("initiated_by", _("Say who initiated the item, or who proposed it."))
        return data


class AgendaItemEditForm(AgendaItemForm):
    position = forms.IntegerField(label=_("Number"), min_value=1)

    def __init__(self, *args, item: AgendaItem, **kwargs):
        initial = {
            "title": item.title,
            "description": item.description,
            "kind": item.kind,
            "category": item.category,
            "proposed_by": item.proposed_by,
            "initiated_by": item.initiated_by,
            "position": item.position,
        }
        super().__init__(*args, meeting=item.meeting, initial=initial, **kwargs)


class AttendanceForm(forms.Form):
    membership = forms.ModelChoiceField(queryset=Membership.objects.none())
    status = forms.ChoiceField(choices=Attendance.Status.choices)
    substitute_name = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = meeting.body.memberships.all()


class DecisionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    method = forms.ChoiceField(
        label=_("Taken"),
        choices=Decision.Method.choices,
        initial=Decision.Method.CONSENSUS,
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices, initial="other")
    initiated_by = forms.ChoiceField(label=_("Initiated by"), choices=Initiator.choices)
    anchored_by = forms.ModelChoiceField(
        label=_("Anchored in the steering group by"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_("Financing, staff and major changes need a steering-group decision first."),
    )

    def __init__(self, *args, meeting: Meeting, anchors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["anchored_by"].queryset = anchors
        self.fields["anchored_by"].label_from_instance = anchor_label
        if not meeting.body.is_hub:
            del self.fields["anchored_by"]


def anchor_label(decision: Decision) -> str:
    text = decision.text if len(decision.text) <= 70 else decision.text[:69] + "…"
    return f"{decision.meeting.date:%Y-%m-%d} §{decision.number} {text}"


class AnchorForm(forms.Form):
    anchored_by = forms.ModelChoiceField(
        label=_("Anchoring steering-group decision"), queryset=Decision.objects.none()
    )

    def __init__(self, *args, anchors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchored_by"].queryset = anchors
        self.fields["anchored_by"].label_from_instance = anchor_label


class VotesForm(forms.Form):
    """One choice per person present; each partner still gives one vote when counted."""

    def __init__(self, *args, voters: list[Membership], **kwargs):
        super().__init__(*args, **kwargs)
        self.voters = voters
        for member in voters:
            self.fields[f"vote_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=Vote.Choice.choices,
                required=False,
                widget=forms.RadioSelect,
            )

    def votes(self):
        for member in self.voters:
            choice = self.cleaned_data.get(f"vote_{member.pk}")
            if choice:
                yield member, choice


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text=_("Markdown: # heading, **bold**, - list item, [link](https://…)."),
    )


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("What"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Who"), queryset=Membership.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("By"), widget=DATE, required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = meeting.body.memberships.filter(ends_on__isnull=True)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionItem.Status.choices)
