"""The back office (/gestion/): the dashboard, then each app's staff URLs from its manifest."""

from django.urls import include, path

from . import staff_views
from .manifest import manifests

app_name = "staff"

urlpatterns = [path("", staff_views.dashboard, name="dashboard")]
urlpatterns += [
    path(m.staff_urls[0], include(m.staff_urls[1])) for m in manifests() if m.staff_urls
]
