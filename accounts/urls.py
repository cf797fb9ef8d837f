from django.urls import path

from accounts import contact_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-in/sent/", views.SignInSentView.as_view(), name="sign_in_sent"),
    path("sign-in/link/", views.SignInLinkView.as_view(), name="sign_in_link"),
    path("staff-sign-in/", views.StaffSignInView.as_view(), name="staff_sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path(
        "sign-out/everywhere/",
        views.SignOutEverywhereView.as_view(),
        name="sign_out_everywhere",
    ),
    path("my-entry/", views.MyEntryView.as_view(), name="my_entry"),
    path("my-entry/left-post/", views.LeftPostView.as_view(), name="left_post"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("contacts/", views.ContactsView.as_view(), name="contacts"),
    path("contacts/<int:pk>/", views.GroupContactsView.as_view(), name="group_contacts"),
    # Contact lists to take away: a group's, a country's, the whole directory's.
    *[
        pattern
        for kind, prefix in (
            ("group", "contacts/<int:key>/"),
            ("country", "contacts/countries/<str:key>/"),
            ("directory", "contacts/directory/"),
        )
        for pattern in (
            path(
                f"{prefix}download/<str:fmt>/",
                contact_views.ContactListDownloadView.as_view(kind=kind),
                name=f"{kind}_contacts_download",
            ),
            path(
                f"{prefix}bcc/",
                contact_views.ContactListBccView.as_view(kind=kind),
                name=f"{kind}_contacts_bcc",
            ),
        )
    ],
    path(
        "contacts/prepared/", contact_views.ContactExportListView.as_view(), name="contact_exports"
    ),
    path(
        "contacts/prepared/<int:pk>/",
        contact_views.ContactExportDownloadView.as_view(),
        name="contact_export_download",
    ),
]
