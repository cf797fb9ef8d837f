"""Meeting pages: the home page, the lists, a meeting's page, its calendars, the answers."""

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from accounts.views import FocalPointRequiredMixin
from focal_points import access
from focal_points.models import WorkingGroup
from focal_points.public import public_current_presidency
from meetings import selectors, services
from meetings.feeds import calendar_for, calendar_name, ics_response
from meetings.forms import DecisionFilterForm, InvitationReplyForm, MeetingFilterForm
from meetings.invitations.services import invitation_answer
from meetings.models import CalendarToken, Invitation, Meeting, WorkPlan

PAGE_SIZE = 20


class HomeView(TemplateView):
    """The CRM in a few paragraphs, the presidency in office and the next meetings."""

    template_name = "meetings/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["presidency"] = public_current_presidency()
        context["next_meetings"] = selectors.next_meetings(user=self.request.user)
        return context


class MeetingListView(ListView):
    """Upcoming (or past) meetings, filtered by kind, year, host country and group."""

    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = PAGE_SIZE
    past = False

    def get_queryset(self):
        years = selectors.meeting_years(user=self.request.user)
        self.form = MeetingFilterForm(self.request.GET, years=years)
        self.filters = self.form.to_filters()
        return selectors.meeting_list(user=self.request.user, filters=self.filters, past=self.past)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        paginator = context.get("paginator")
        context.update(
            form=self.form,
            past=self.past,
            total=paginator.count if paginator else len(context["meetings"]),
            query_string=query.urlencode(),
            is_filtered=any(value for name, value in self.request.GET.items() if name != "page"),
        )
        return context


class MeetingDetailView(DetailView):
    """A meeting in the visitor's language: dates, place, agenda, documents, participants."""

    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        # Not visible is not found: a members-only meeting does not exist for visitors.
        return Meeting.objects.visible_to(self.request.user).select_related(
            "host_country", "presidency__country"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meeting = self.object
        context.update(
            groups=list(meeting.working_groups.all()),
            agenda=selectors.meeting_agenda(meeting=meeting, user=user),
            documents_by_role=selectors.meeting_documents_by_role(meeting=meeting, user=user),
            participants=selectors.meeting_participants(meeting=meeting, user=user),
            show_contacts=access.may_see_participant_contacts(user),
            show_link=access.is_member(user) and bool(meeting.virtual_link),
            can_edit=access.can_edit_directory(user),
            decisions=selectors.meeting_decisions(meeting=meeting, user=user),
        )
        return context


class GroupPlanListView(ListView):
    """A working group's work plans the visitor may read: adopted ones to all."""

    template_name = "meetings/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        self.group = get_object_or_404(WorkingGroup.objects.active(), slug=self.kwargs["slug"])
        return selectors.group_plans(user=self.request.user, working_group=self.group)

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)


class PlanDetailView(DetailView):
    """One work plan: its activities, who is responsible, and each goal's progress."""

    template_name = "meetings/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        # Not visible is not found: a draft does not exist for visitors.
        return (
            WorkPlan.objects.visible_to(self.request.user)
            .filter(working_group__slug=self.kwargs["slug"])
            .select_related("working_group", "adopted_at")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activities"] = selectors.plan_activities(plan=self.object)
        context["can_edit"] = access.can_edit_directory(self.request.user)
        return context


class DecisionListView(ListView):
    """The register of decisions and recommendations, searchable in both languages."""

    template_name = "meetings/decision_list.html"
    context_object_name = "decisions"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.form = DecisionFilterForm(self.request.GET)
        return selectors.decision_register(user=self.request.user, filters=self.form.to_filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        paginator = context.get("paginator")
        context.update(
            form=self.form,
            total=paginator.count if paginator else len(context["decisions"]),
            query_string=query.urlencode(),
        )
        return context


@require_GET
def meeting_ics(request, slug: str):
    """Send one meeting as an .ics file, to anyone who may see the meeting."""
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("host_country"), slug=slug
    )
    calendar = calendar_for([meeting], request=request, name=calendar_name(meeting.title))
    return ics_response(calendar, filename=f"{meeting.slug}.ics", private=not meeting.is_public)


@require_GET
def public_calendar(request):
    """Send every public meeting as a calendar feed (the same for everyone, cacheable)."""
    meetings = Meeting.objects.visible_to(AnonymousUser()).for_calendar()
    calendar = calendar_for(meetings, request=request, name=calendar_name())
    return ics_response(calendar, filename="crm-meetings.ics", private=False)


@require_GET
def group_calendar(request, slug: str):
    """Send the public meetings of one working group as a calendar feed."""
    group = get_object_or_404(WorkingGroup.objects.active(), slug=slug)
    meetings = selectors.group_calendar_meetings(working_group=group)
    calendar = calendar_for(meetings, request=request, name=calendar_name(group.name))
    return ics_response(calendar, filename=f"crm-meetings-{group.slug}.ics", private=False)


@require_GET
def personal_calendar(request, token: str):
    """Send a focal point's meetings, members-only ones too, to the holder of the address."""
    calendar_token = (
        CalendarToken.objects.active()
        .select_related("focal_point__user")
        .filter(token=token)
        .first()
    )
    # A revoked, unknown or retired person's address is not found: it reveals nothing.
    account = getattr(calendar_token.focal_point, "user", None) if calendar_token else None
    if account is None or access.active_focal_point(account) is None:
        raise Http404
    meetings = selectors.personal_calendar_meetings(
        focal_point=calendar_token.focal_point, user=account
    )
    calendar = calendar_for(
        meetings, request=request, name=calendar_name(calendar_token.focal_point.full_name)
    )
    return ics_response(calendar, filename="crm-my-meetings.ics", private=True)


class CalendarAddressView(FocalPointRequiredMixin, TemplateView):
    """A focal point's secret calendar address: shown, and replaced on request."""

    template_name = "meetings/calendar_address.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        token = services.calendar_token_issue(focal_point=self.focal_point)
        context["feed_url"] = self.request.build_absolute_uri(token.get_feed_url())
        context["issued_at"] = token.created_at
        return context


class CalendarRevokeView(FocalPointRequiredMixin, View):
    """Replace the focal point's calendar address; the old one stops working (POST)."""

    http_method_names = ["post"]

    def post(self, request):
        services.calendar_token_revoke(focal_point=self.focal_point)
        messages.success(
            request,
            _("Your calendar has a new address; the old one no longer works."),
        )
        return redirect("meetings:calendar_address")


class InvitationReplyView(View):
    """An invitee's answer page, opened from the e-mail's links: no password, the key is secret."""

    template_name = "meetings/invitation_reply.html"

    def _invitation(self, token: str) -> Invitation:
        # An unknown (forged, mistyped or withdrawn) key is not found and tells nothing.
        return get_object_or_404(
            Invitation.objects.select_related(
                "meeting__host_country", "focal_point", "country", "substitute__focal_point"
            ),
            token=token,
        )

    def _render(self, request, invitation, form, status=200):
        meeting = invitation.meeting
        context = {
            "invitation": invitation,
            "meeting": meeting,
            "form": form,
            "is_open": meeting.registration_open(),
            "deadline": meeting.registration_deadline,
        }
        response = render(request, self.template_name, context, status=status)
        # The address is a key: out of shared caches and of other sites' logs ("no-referrer"
        # would make the browser send "Origin: null" and fail the CSRF check).
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    def get(self, request, token: str):
        invitation = self._invitation(token)
        asked = request.GET.get("answer", "")
        initial = {
            "answer": asked if asked in Invitation.Answer.values else invitation.answer,
            "substitute_name": invitation.substitute.name if invitation.substitute else "",
            "substitute_email": invitation.substitute.email if invitation.substitute else "",
        }
        return self._render(request, invitation, InvitationReplyForm(initial=initial))

    def post(self, request, token: str):
        invitation = self._invitation(token)
        if not invitation.meeting.registration_open():
            return self._render(request, invitation, None, status=403)
        form = InvitationReplyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                invitation_answer(
                    invitation=invitation,
                    answer=data["answer"],
                    substitute_name=data["substitute_name"],
                    substitute_email=data["substitute_email"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("Thank you: your answer is recorded."))
                return redirect(invitation.get_reply_url())
        return self._render(request, invitation, form, status=400)
