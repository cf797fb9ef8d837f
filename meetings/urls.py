from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("past/", views.MeetingListView.as_view(past=True), name="past"),
    path("calendar.ics", views.public_calendar, name="calendar"),
    path("groups/<slug:slug>/calendar.ics", views.group_calendar, name="group_calendar"),
    path("my-calendar/", views.CalendarAddressView.as_view(), name="calendar_address"),
    path("my-calendar/new-address/", views.CalendarRevokeView.as_view(), name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.personal_calendar, name="personal_calendar"),
    path("reply/<str:token>/", views.InvitationReplyView.as_view(), name="invitation_reply"),
    path("<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<slug:slug>/calendar.ics", views.meeting_ics, name="ics"),
]
