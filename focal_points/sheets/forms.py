"""Forms of the directory import: the upload, and the confirmation of a preview."""

import re

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from focal_points.sheets.reading import MAX_IMPORT_BYTES, SheetError, read_sheet

VERSIONS_SALT = "focal_points.sheets.versions"


class DirectoryImportForm(forms.Form):
    """Upload a directory spreadsheet; clean it into rows of cells or a file-level message."""

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
            self.records, self.notes = read_sheet(data, upload.name)
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
    # The version of each person the preview read: rows whose person changed are refused.
    versions = forms.CharField(widget=forms.HiddenInput)

    @staticmethod
    def sign_versions(versions: dict[int, int]) -> str:
        """Return the preview's versions as a signed, compressed field value."""
        return signing.dumps(versions, salt=VERSIONS_SALT, compress=True)

    def clean_versions(self) -> dict[int, int]:
        try:
            versions = signing.loads(self.cleaned_data["versions"], salt=VERSIONS_SALT)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("This import has expired. Upload the file again.")
            ) from error
        # JSON keys are strings.
        return {int(pk): version for pk, version in versions.items()}

    def clean_token(self):
        token = self.cleaned_data["token"]
        # The token names a file in storage: accept only what we generated (uuid4().hex).
        if not re.fullmatch(r"[0-9a-f]{32}", token):
            raise forms.ValidationError(_("This import has expired. Upload the file again."))
        return token
