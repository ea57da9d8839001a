from django.urls import path

from . import staff_views

# Included by abierto/core/staff_urls.py inside the "staff" namespace (no app_name here).
urlpatterns = [
    path("", staff_views.queue, name="proposals_queue"),
    path("nueva/", staff_views.proposal_enter, name="proposals_enter"),
    path("<int:pk>/", staff_views.proposal_manage, name="proposals_manage"),
    path("<int:pk>/comprobante/", staff_views.proposal_receipt, name="proposals_receipt"),
    path("mesa/<int:mesa_pk>/", staff_views.mesa_enter, name="proposals_mesa_enter"),
    path("mesa/<int:mesa_pk>/csv/", staff_views.mesa_import, name="proposals_mesa_import"),
    path(
        "mesa/<int:mesa_pk>/plantilla.csv",
        staff_views.mesa_import_template,
        name="proposals_mesa_template",
    ),
    path("adjunto/<int:pk>/", staff_views.attachment_download, name="proposals_attachment"),
]
