from django.urls import path

from focal_points import views

app_name = "focal_points"

urlpatterns = [
    path("countries/", views.CountryListView.as_view(), name="country_list"),
    path("countries/<str:iso_code>/", views.CountryDetailView.as_view(), name="country_detail"),
    path("groups/", views.WorkingGroupListView.as_view(), name="group_list"),
    path("groups/<slug:slug>/", views.WorkingGroupDetailView.as_view(), name="group_detail"),
]
