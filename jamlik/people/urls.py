"""The program's people: recruitment, health promoters' employment and competence."""

from django.urls import path

from jamlik.people import views

app_name = "people"

urlpatterns = [
    # Recruitment
    path("recruitment/", views.recruitment_view, name="recruitment"),
    path("recruitment/new/", views.candidate_new, name="candidate_new"),
    path("recruitment/<int:pk>/step/", views.candidate_step, name="candidate_step"),
    path("recruitment/<int:pk>/decline/", views.candidate_decline, name="candidate_decline"),
    # Health promoters
    path("promoters/new/", views.promoter_new, name="promoter_new"),
    path("plans/", views.plans, name="plans"),
    path("promoters/<int:pk>/", views.promoter_detail, name="promoter"),
    path("promoters/<int:pk>/end/", views.promoter_end, name="promoter_end"),
    path("promoters/<int:pk>/fte/", views.fte_new, name="fte_new"),
    # Competence plans and trainings
    path("promoters/<int:pk>/plan/", views.plan_edit, name="plan_edit"),
    path("promoters/<int:pk>/plan/trainings/", views.plan_training, name="plan_training"),
    path("promoters/<int:pk>/plan/follow-ups/", views.follow_up, name="follow_up"),
    path("promoters/<int:pk>/trainings/", views.training_record, name="training_record"),
    path(
        "promoters/<int:pk>/trainings/<int:record>/certificate/",
        views.certificate,
        name="certificate",
    ),
    path("trainings/", views.trainings, name="trainings"),
]
