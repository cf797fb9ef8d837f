"""Forms of the directory."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from focal_points.resources import MAX_IMPORT_BYTES, SheetError, read_sheet


class DirectoryImportForm(forms.Form):
    """Upload a directory spreadsheet; clean it into a dataset or a file-level message."""

    import_file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "An .xlsx file or a .csv file (comma or semicolon), with the template's header row."
        ),
    )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Split it into several files.")
            )
        data = upload.read()
        try:
            self.dataset, self.notes = read_sheet(data, upload.name)
        except SheetError as error:
            raise forms.ValidationError(str(error)) from error
        self.data_bytes = data
        return upload


class DirectoryImportConfirmForm(forms.Form):
    """Carry the previewed file to the confirmation step."""

    token = forms.CharField(widget=forms.HiddenInput)
    file_name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    # What the preview announced (new, changed, unchanged rows): the import is refused if
    # the directory changed in between and the outcome would differ.
    expected = forms.RegexField(regex=r"^\d+,\d+,\d+$", widget=forms.HiddenInput)

    def clean_token(self):
        token = self.cleaned_data["token"]
        # The token names a file in storage: accept only what we generated (uuid4().hex).
        if not re.fullmatch(r"[0-9a-f]{32}", token):
            raise forms.ValidationError(_("This import has expired. Upload the file again."))
        return token
