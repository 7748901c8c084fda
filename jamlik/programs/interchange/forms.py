from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file, workbook (.xlsx) or zip of CSV files"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.zip"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith((".csv", ".xlsx", ".zip")):
            raise ValidationError(
                _(
                    "Choose a CSV file named after its table (such as activities.csv), an "
                    ".xlsx workbook or a .zip of CSV files."
                ),
                code="file_type",
            )
        if upload.size > settings.IMPORT_MAX_MB * 1024 * 1024:
            raise ValidationError(
                _("The file is larger than %(max)s MB."),
                code="too_large",
                params={"max": settings.IMPORT_MAX_MB},
            )
        return upload
