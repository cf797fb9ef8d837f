from django.urls import path

from meetings import views
from meetings.circulars import archive as circular_views
from meetings.circulars.confirm import CircularConfirmView
from meetings.reports import views as report_views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("past/", views.MeetingListView.as_view(past=True), name="past"),
    path("calendar.ics", views.public_calendar, name="calendar"),
    path("groups/<slug:slug>/calendar.ics", views.group_calendar, name="group_calendar"),
    path("groups/<slug:slug>/plans/", views.GroupPlanListView.as_view(), name="plan_list"),
    path("groups/<slug:slug>/plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("reports/", report_views.ReportIndexView.as_view(), name="report_index"),
    path("reports/handover/", report_views.HandoverView.as_view(), name="handover"),
    path("reports/<slug:slug>/", report_views.ReportView.as_view(), name="report"),
    path("reports/<slug:slug>/pdf/", report_views.ReportPdfView.as_view(), name="report_pdf"),
    path(
        "reports/<slug:slug>/publish/",
        report_views.ReportPublishView.as_view(),
        name="report_publish",
    ),
    path("my-calendar/", views.CalendarAddressView.as_view(), name="calendar_address"),
    path("my-calendar/new-address/", views.CalendarRevokeView.as_view(), name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.personal_calendar, name="personal_calendar"),
    path("reply/<str:token>/", views.InvitationReplyView.as_view(), name="invitation_reply"),
    path("my-circulars/", circular_views.CircularArchiveView.as_view(), name="circular_archive"),
    path(
        "my-circulars/<int:pk>/",
        circular_views.CircularArchiveDetailView.as_view(),
        name="circular_archive_detail",
    ),
    path("circulars/confirm/<str:token>/", CircularConfirmView.as_view(), name="circular_confirm"),
    path("<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<slug:slug>/calendar.ics", views.meeting_ics, name="ics"),
]
