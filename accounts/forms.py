"""Forms of the focal points' own pages: sign-in request, my entry, leaving the post."""

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from focal_points.models import (
    ADDRESS_MAX_LENGTH,
    ALTERNATE_EMAILS_MAX,
    MESSAGE_MAX_LENGTH,
    ChangeRequest,
    FocalPoint,
    Language,
)

# The models' limits, enforced here first so the person reads a message in their language.
POSTAL_ADDRESS_MAX_LENGTH = ADDRESS_MAX_LENGTH
# Ten addresses of the longest legal length, each with a separator.
ALTERNATE_EMAILS_TEXT_MAX_LENGTH = ALTERNATE_EMAILS_MAX * (254 + 1)


class SignInLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The address the CRM has on file for you as a focal point."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class StaffSignInForm(AuthenticationForm):
    """The password form for staff; django-axes counts its failures."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is built, so nothing enforces
        # it: refuse an overlong name here, before authenticate() and the axes log see it.
        username = self.fields["username"]
        username.validators.append(
            MaxLengthValidator(
                username.max_length,
                message=_("A user name has at most %(limit_value)d characters."),
            )
        )


class AlternateEmailsField(forms.CharField):
    """One address per line (commas and semicolons also separate), at most ten."""

    widget = forms.Textarea(attrs={"rows": 3})
    default_error_messages = {
        "too_many": _("Enter at most %(limit)d alternate e-mail addresses."),
    }

    def _too_many(self) -> ValidationError:
        return ValidationError(
            self.error_messages["too_many"],
            code="too_many",
            params={"limit": ALTERNATE_EMAILS_MAX},
        )

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value) or ""
        # Refuse a flood before splitting and validating it address by address.
        if len(text) > ALTERNATE_EMAILS_TEXT_MAX_LENGTH:
            raise self._too_many()
        addresses = []
        for part in re.split(r"[\s,;]+", text):
            address = part.strip().lower()
            if address and address not in addresses:
                addresses.append(address)
        return addresses

    def validate(self, value):
        super().validate(value)
        if len(value) > ALTERNATE_EMAILS_MAX:
            raise self._too_many()
        invalid = []
        for address in value:
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
        if invalid:
            raise ValidationError(
                _("Not a valid e-mail address: %(addresses)s"),
                code="invalid",
                params={"addresses": ", ".join(invalid)},
            )


class MyEntryForm(forms.Form):
    """What a focal point may change in their own entry; the rest is staff's to edit."""

    # The primary e-mail stays with the staff: it is the address of record of the country's
    # letter of designation and the key of sign-in links, so a borrowed session must not be
    # able to move it. People add addresses of their own as alternates instead.

    version = forms.IntegerField(widget=forms.HiddenInput)
    position_es = forms.CharField(label=_("Position (Spanish)"), max_length=255, required=False)
    position_en = forms.CharField(label=_("Position (English)"), max_length=255, required=False)
    phone = PhoneNumberField(label=_("Phone"), required=False)
    mobile = PhoneNumberField(label=_("Mobile"), required=False)
    fax = PhoneNumberField(label=_("Fax"), required=False)
    alternate_emails = AlternateEmailsField(
        label=_("Alternate e-mail addresses"),
        required=False,
        help_text=_("One per line. Sign-in links can also be sent to these addresses."),
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=POSTAL_ADDRESS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "The postal address can have at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the e-mails you receive"),
        choices=[(Language.SPANISH, _("Spanish")), (Language.ENGLISH, _("English"))],
    )
    public_listing_consent = forms.BooleanField(
        label=_("List my name, position and institution on the public pages"),
        required=False,
    )

    EDITABLE = (
        "position_es",
        "position_en",
        "phone",
        "mobile",
        "fax",
        "alternate_emails",
        "postal_address",
        "languages",
        "preferred_language",
        "public_listing_consent",
    )

    def __init__(self, *args, focal_point: FocalPoint, **kwargs):
        self.focal_point = focal_point
        initial = {name: getattr(focal_point, name) for name in self.EDITABLE}
        initial["version"] = focal_point.version
        super().__init__(*args, initial=initial, **kwargs)
        # Numbers written without +code are read as numbers of the institution's country.
        country = focal_point.country
        if country is not None:
            for name in ("phone", "mobile", "fax"):
                self.fields[name].region = country.iso_code
                self.fields[name].widget.region = country.iso_code

    def clean_alternate_emails(self) -> list[str]:
        addresses = [
            a for a in self.cleaned_data["alternate_emails"] if a != self.focal_point.email.lower()
        ]
        if not addresses:
            return addresses
        # An address leads sign-in links to one person only: refuse another person's address.
        taken = FocalPoint.objects.exclude(pk=self.focal_point.pk).with_email(*addresses).exists()
        if taken:
            raise ValidationError(
                _("One of these addresses belongs to another focal point."), code="taken"
            )
        return addresses

    def changes(self) -> dict:
        """Return the edited fields that differ from the stored entry."""
        return {
            name: self.cleaned_data[name]
            for name in self.EDITABLE
            if self.cleaned_data[name] != getattr(self.focal_point, name)
        }


class LeftPostForm(forms.ModelForm):
    """ "I have left this post; my successor is ..." for the staff's queue."""

    # Declared here (not in Meta) for its own message; the limit is the model's.
    message = forms.CharField(
        label=_("Anything the staff should know"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "The message can have at most %(limit_value)d characters (it has %(show_value)d)."
            )
        },
    )

    class Meta:
        model = ChangeRequest
        fields = (
            "left_on",
            "successor_name",
            "successor_position",
            "successor_email",
            "message",
        )
        widgets = {
            "left_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "left_on": _("I left the post on"),
            "successor_name": _("My successor's name"),
            "successor_position": _("My successor's position"),
            "successor_email": _("My successor's e-mail"),
        }
