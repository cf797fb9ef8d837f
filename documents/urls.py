from django.urls import path

from documents import views
from documents.feeds import LatestDocumentsFeed

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("feed/", LatestDocumentsFeed(), name="feed"),
    path("<int:pk>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<int:pk>/download/<str:language>/", views.document_download, name="download"),
]
