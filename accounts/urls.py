from django.urls import path

from accounts import views

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
]
