from django import forms
from django.utils.translation import gettext_lazy as _

from jamlik.partners.models import Commitment, Partner
from jamlik.premises.models import Premises


class PremisesForm(forms.ModelForm):
    class Meta:
        model = Premises
        fields = [
            "name",
            "address",
            "owner",
            "commitment",
            "capacity",
            "accessibility",
            "signage_languages",
            "opening_times",
            "in_use",
        ]

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Partner.objects.filter(
            partnerships__program=program
        ).order_by("name")
        commitments = Commitment.objects.filter(
            partnership__program=program, kind=Commitment.Kind.PREMISES
        ).select_related("partnership__partner")
        self.fields["commitment"].queryset = commitments
        self.fields["commitment"].label_from_instance = lambda c: (
            f"{c.partnership.partner.name}: {c.description or _('Premises')}"
        )

    def validate_unique(self):
        """The service checks the name against the register (the program is not a field)."""
