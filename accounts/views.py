"""Signing in (one-time links for focal points, passwords for staff) and the focal points'
own pages: my entry, verification, contacts."""

import pghistory
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts import services
from accounts.contact_views import download_links
from accounts.forms import LeftPostForm, MyEntryForm, SignInLinkForm, StaffSignInForm
from accounts.selectors import (
    contact_countries_visible_to,
    contact_groups_visible_to,
    group_contacts,
)
from core.client_address import client_ip
from core.history.labels import SELF_SERVICE
from focal_points.access import (
    active_focal_point,
    may_read_all_contacts,
    may_read_contact_lists,
)
from focal_points.models import ChangeRequest
from focal_points.services import (
    ConcurrentEditError,
    change_request_submit,
    focal_point_update,
    focal_point_verify,
)

SESAME_BACKEND = "sesame.backends.ModelBackend"


class SignInView(FormView):
    """Ask for an e-mail address and send a one-time link; the answer never tells who exists."""

    form_class = SignInLinkForm
    template_name = "accounts/sign_in.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.request.GET.get("next", ""), **kwargs)

    def form_valid(self, form):
        try:
            services.sign_in_link_request(
                email=form.cleaned_data["email"],
                client_ip=client_ip(self.request) or "",
            )
        except services.SignInRateLimited:
            form.add_error(
                None,
                _(
                    "Too many sign-in links were requested. Please wait fifteen minutes "
                    "before asking again."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return redirect("accounts:sign_in_sent")


class SignInSentView(TemplateView):
    template_name = "accounts/sign_in_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(minutes=settings.SESAME_MAX_AGE // 60, **kwargs)


def _token(request) -> str:
    return request.POST.get(settings.SESAME_TOKEN_NAME) or request.GET.get(
        settings.SESAME_TOKEN_NAME, ""
    )


def _link_refused(request):
    return render(request, "accounts/link_invalid.html", status=400)


def _sign_in_with_link(request, user) -> None:
    # login() records the sign-in time, which voids the token: the link works once.
    login(request, user, backend=SESAME_BACKEND)


class SignInLinkView(View):
    """Show a confirm button for a link; only the POST signs in, so mail scanners burn nothing."""

    def get(self, request):
        user = services.link_user(_token(request))
        if user is None:
            return _link_refused(request)
        return render(
            request,
            "accounts/sign_in_confirm.html",
            {"token": _token(request), "person": user.focal_point},
        )

    def post(self, request):
        user = services.link_user(_token(request))
        if user is None:
            return _link_refused(request)
        _sign_in_with_link(request, user)
        return redirect("accounts:my_entry")


class StaffSignInView(auth_views.LoginView):
    """Password sign-in for staff, behind the django-axes lock-out."""

    form_class = StaffSignInForm
    template_name = "accounts/staff_sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        if self.request.user.is_staff:
            return reverse("admin:index")
        return super().get_default_redirect_url()


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            # After logout(): the message outlives the session that ended.
            messages.success(request, _("You are signed out."))
        return response


class SignOutEverywhereView(View):
    """End every session of the signed-in person, on every device, and void their links."""

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect("accounts:sign_in")
        services.sessions_end_everywhere(user=request.user)
        logout(request)
        messages.success(
            request,
            _(
                "You are signed out on every device. Sign-in links e-mailed to you before now "
                "no longer work."
            ),
        )
        return redirect("accounts:sign_in")


class FocalPointRequiredMixin(AccessMixin):
    """Signed-in focal points only: others are sent to sign in, or refused."""

    raise_exception = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.focal_point = active_focal_point(request.user)
        if self.focal_point is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MyEntryView(FocalPointRequiredMixin, View):
    template_name = "accounts/my_entry.html"

    def _render(self, request, form, left_post_form, status=200):
        focal_point = self.focal_point
        groups = (
            focal_point.designations.current()
            .select_related("working_group", "country")
            .order_by("pk")
        )
        open_requests = ChangeRequest.objects.open().filter(focal_point=focal_point)
        return render(
            request,
            self.template_name,
            {
                "focal_point": focal_point,
                "form": form,
                "left_post_form": left_post_form,
                "designations": groups,
                "open_requests": open_requests,
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, MyEntryForm(focal_point=self.focal_point), LeftPostForm())

    def post(self, request):
        form = MyEntryForm(request.POST, focal_point=self.focal_point)
        if not form.is_valid():
            return self._render(request, form, LeftPostForm(), status=400)
        changes = form.changes()
        previous_email = self.focal_point.email
        if changes:
            try:
                with pghistory.context(reason=SELF_SERVICE):
                    updated = focal_point_update(
                        focal_point=self.focal_point,
                        changes=changes,
                        expected_version=form.cleaned_data["version"],
                    )
            except ConcurrentEditError as error:
                form.add_error(None, error)
                return self._render(request, form, LeftPostForm(), status=409)
            except ValidationError as error:
                form.add_error(None, error)
                return self._render(request, form, LeftPostForm(), status=400)
            if {"email", "alternate_emails"} & changes.keys():
                services.address_change_notice_send(
                    focal_point=updated,
                    previous_email=previous_email,
                )
            messages.success(request, _("Your entry has been saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("accounts:my_entry")


class LeftPostView(FocalPointRequiredMixin, View):
    """Queue "I have left this post; my successor is ..." for the staff."""

    def post(self, request):
        left_post_form = LeftPostForm(request.POST)
        if not left_post_form.is_valid():
            view = MyEntryView()
            view.focal_point = self.focal_point
            return view._render(
                request, MyEntryForm(focal_point=self.focal_point), left_post_form, status=400
            )
        change_request_submit(
            focal_point=self.focal_point,
            kind=ChangeRequest.Kind.LEFT_POST,
            submitted_by=request.user,
            **left_post_form.cleaned_data,
        )
        messages.success(
            request,
            _(
                "Thank you. The Technical Secretariat has received your message and will "
                "update the directory."
            ),
        )
        return redirect("accounts:my_entry")


class VerifyView(View):
    """Two buttons: "still correct" records today's date; "update" opens my entry.

    A link from the verification e-mail carries a token scoped to this page; the person is
    signed in only when they press a button (POST), so a mail scanner's GET burns nothing.
    """

    def _person(self, request):
        token = _token(request)
        if token:
            user = services.link_user(token, scope=services.VERIFY_SCOPE)
            return user, token
        if request.user.is_authenticated:
            return request.user, ""
        return None, ""

    def get(self, request):
        user, token = self._person(request)
        if user is None:
            if _token(request):
                return _link_refused(request)
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        focal_point = active_focal_point(user)
        if focal_point is None:
            raise PermissionDenied
        return render(request, "accounts/verify.html", {"focal_point": focal_point, "token": token})

    def post(self, request):
        user, token = self._person(request)
        if user is None:
            if token or _token(request):
                return _link_refused(request)
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        focal_point = active_focal_point(user)
        if focal_point is None:
            raise PermissionDenied
        if token:
            _sign_in_with_link(request, user)
        if request.POST.get("action") == "update":
            return redirect("accounts:my_entry")
        with pghistory.context(reason=SELF_SERVICE, user=user.pk):
            verified = focal_point_verify(focal_point=focal_point)
        messages.success(
            request,
            _("Thank you. Your entry is recorded as correct on %(date)s.")
            % {"date": formats.date_format(verified.last_verified_on)},
        )
        return redirect("accounts:my_entry")


class ContactsView(TemplateView):
    """The contact lists this person may read: their groups (staff: every group, by scope)."""

    template_name = "accounts/contacts.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        if not may_read_contact_lists(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        groups = contact_groups_visible_to(user).by_name()
        countries = contact_countries_visible_to(user)
        return super().get_context_data(
            groups=[(group, download_links("group", group.pk)) for group in groups],
            countries=[
                (country, download_links("country", country.iso_code)) for country in countries
            ],
            directory_links=download_links("directory") if may_read_all_contacts(user) else [],
            **kwargs,
        )


class GroupContactsView(ContactsView):
    """A group's contact list; a group that is not the person's does not exist for them."""

    template_name = "accounts/group_contacts.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        group = get_object_or_404(contact_groups_visible_to(user), pk=kwargs["pk"])
        return TemplateView.get_context_data(
            self,
            group=group,
            designations=group_contacts(group, user),
            downloads=download_links("group", group.pk),
            **kwargs,
        )
