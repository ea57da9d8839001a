from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("nueva/", views.proposal_new, name="new"),
    path("enviada/", views.proposal_sent, name="sent"),
    path("similares/", views.similar, name="similar"),
    path("estado/", views.proposal_status, name="status"),
    path("recuperar-codigo/", views.proposal_recover, name="recover"),
    path("mias/", views.my_proposals, name="mine"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/sumarse/", views.proposal_join, name="join"),
    path("<int:pk>/denunciar/", views.proposal_report, name="report"),
    path("sumarse/<str:token>/", views.proposal_join_confirm, name="join_confirm"),
]
