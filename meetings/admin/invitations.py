"""The invitation flow in the meeting's admin: choose, preview, confirm; the reply board."""

import pghistory
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.admin import admin_page
from core.tasks import task_enqueue
from focal_points.models import Designation, FocalPoint
from meetings.invitations.plan import INVITED_ROLES, invitation_plan, reply_board
from meetings.invitations.services import (
    RegistrationClosed,
    invitation_create,
    invitation_remind,
    invitation_retry_failed,
)
from meetings.models import Participant
from meetings.tasks import INVITATION_TASK

INVITEES_SALT = "meetings.admin.invitees"
# A preview is confirmed within the hour, or made again.
PREVIEW_MAX_AGE = 60 * 60


class InviteForm(forms.Form):
    """Whom to invite: the seats of the meeting's groups, or people chosen one by one."""

    source = forms.ChoiceField(
        label=gettext_lazy("Invite"),
        widget=forms.RadioSelect,
        initial="groups",
        choices=[
            (
                "groups",
                gettext_lazy("The focal points of every member country in the meeting's groups"),
            ),
            ("people", gettext_lazy("The people I choose")),
        ],
    )
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Seats"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=list(INVITED_ROLES),
        choices=[(role, Designation.Role(role).label) for role in INVITED_ROLES],
    )
    focal_points = forms.ModelMultipleChoiceField(
        label=gettext_lazy("People"),
        queryset=FocalPoint.objects.active(),
        required=False,
    )

    def __init__(self, *args, meeting, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        people = self.fields["focal_points"]
        # The admin's search box over the directory (FocalPointAdmin's search and rights).
        people.widget = AutocompleteSelectMultiple(
            Participant._meta.get_field("focal_point"), admin_site
        )
        people.widget.choices = people.choices

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("source") == "people" and not cleaned_data.get("focal_points"):
            self.add_error("focal_points", _("Choose at least one person."))
        if cleaned_data.get("source") == "groups":
            if not cleaned_data.get("roles"):
                self.add_error("roles", _("Choose the principals, the alternates or both."))
            if not self.meeting.working_groups.exists():
                self.add_error(
                    "source",
                    _("This meeting has no working groups: choose the people to invite."),
                )
        return cleaned_data


class InviteConfirmForm(forms.Form):
    """The preview's invitees, signed so that the confirmation invites exactly them."""

    invitees = forms.CharField(widget=forms.HiddenInput)

    @staticmethod
    def sign(meeting_pk: int, invitees: list[tuple[int, int | None]]) -> str:
        return signing.dumps([meeting_pk, invitees], salt=INVITEES_SALT, compress=True)

    def invitees_for(self, meeting_pk: int) -> list[tuple[int, int | None]]:
        """Return the signed invitees, or raise ValidationError if forged, stale or another's."""
        try:
            signed_pk, invitees = signing.loads(
                self.cleaned_data["invitees"], salt=INVITEES_SALT, max_age=PREVIEW_MAX_AGE
            )
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise ValidationError(_("This preview has expired. Make it again.")) from error
        if signed_pk != meeting_pk:
            raise ValidationError(_("This preview has expired. Make it again."))
        return [(int(person), int(country) if country else None) for person, country in invitees]


class InvitationAdminMixin:
    """The meeting admin's pages to invite people and to follow their answers."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/invite/",
                self.admin_site.admin_view(self.invite_view),
                name="{}_{}_invite".format(*info),
            ),
            path(
                "<path:object_id>/replies/",
                self.admin_site.admin_view(self.replies_view),
                name="{}_{}_replies".format(*info),
            ),
            *super().get_urls(),
        ]

    def _meeting_or_none(self, request, object_id):
        return self.get_object(request, unquote(object_id))

    def _render_page(self, request, template: str, meeting, title: str, **context):
        return admin_page(
            self, request, f"admin/meetings/meeting/{template}", title=title, obj=meeting,
            meeting=meeting, **context,
        )  # fmt: skip

    def invite_view(self, request, object_id):
        """Choose whom to invite, preview them per delegation, then confirm."""
        meeting = self._meeting_or_none(request, object_id)
        if meeting is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        title = _("Invite people to %(meeting)s") % {"meeting": meeting}
        data = request.POST if request.method == "POST" else None
        if data is not None and "confirm" in data:
            confirm = InviteConfirmForm(data)
            try:
                if not confirm.is_valid():
                    raise ValidationError(_("This preview has expired. Make it again."))
                invitees = confirm.invitees_for(meeting.pk)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(request.path)
            with pghistory.context(user=request.user.pk, reason="invitation"):
                created = invitation_create(meeting=meeting, invitees=invitees, user=request.user)
                # A worker sends them now; the schedule (meetings.tasks) catches any left over.
                task_enqueue(INVITATION_TASK, meeting.pk, name=f"invitations {meeting.slug}")
            messages.success(
                request,
                ngettext(
                    "%(count)d person invited. The e-mail goes out with the next sending run.",
                    "%(count)d people invited. The e-mails go out with the next sending run.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return HttpResponseRedirect(
                reverse("admin:meetings_meeting_replies", args=[meeting.pk])
            )
        form = InviteForm(data, meeting=meeting, admin_site=self.admin_site)
        context = {"form": form, "media": self.media + form.media}
        if data is not None and form.is_valid():
            chosen = form.cleaned_data
            plan = invitation_plan(
                meeting=meeting,
                roles=chosen["roles"],
                focal_points=chosen["focal_points"] if chosen["source"] == "people" else None,
            )
            context["plan"] = plan
            if plan.new_invitees:
                context["confirm_form"] = InviteConfirmForm(
                    initial={"invitees": InviteConfirmForm.sign(meeting.pk, plan.new_invitees)}
                )
        return self._render_page(request, "invite.html", meeting, title, **context)

    def replies_view(self, request, object_id):
        """The answers per delegation; editors send reminders and retry failed sendings."""
        meeting = self._meeting_or_none(request, object_id)
        if meeting is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, meeting):
            raise PermissionDenied
        can_write = self.has_change_permission(request, meeting)
        if request.method == "POST":
            if not can_write:
                raise PermissionDenied
            action = request.POST.get("action")
            try:
                if action == "remind":
                    count = invitation_remind(meeting=meeting)
                    messages.success(
                        request,
                        ngettext(
                            "A reminder to %(count)d person goes out with the next sending run.",
                            "Reminders to %(count)d people go out with the next sending run.",
                            count,
                        )
                        % {"count": count},
                    )
                elif action == "retry":
                    count = invitation_retry_failed(meeting=meeting)
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d invitation will be sent again.",
                            "%(count)d invitations will be sent again.",
                            count,
                        )
                        % {"count": count},
                    )
            except RegistrationClosed as error:
                messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.path)
        title = _("Replies to %(meeting)s") % {"meeting": meeting}
        board = reply_board(meeting=meeting, user=request.user)
        return self._render_page(
            request, "replies.html", meeting, title, board=board, can_write=can_write
        )
