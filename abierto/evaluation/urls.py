from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("<slug:slug>/", views.plan_evaluation, name="plan"),
    path("<slug:slug>/resultados.csv", views.plan_evaluation_csv, name="plan_csv"),
]
