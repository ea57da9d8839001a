"""``/api/v1/`` as an includable module (the manifest lists URL modules); namespace ``api``."""

from .api import api

urlpatterns = api.urls[0]
app_name = api.urls_namespace
