from django.urls import path

from jamlik.goals import views

app_name = "goals"

urlpatterns = [
    # Goals and indicators
    path("", views.index, name="index"),
    path("categories/", views.categories, name="categories"),
    path("categories/<int:pk>/", views.category_edit, name="category_edit"),
    path("new/", views.goal_new, name="goal_new"),
    path("<int:pk>/", views.goal_detail, name="goal"),
    path("<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("<int:pk>/indicators/new/", views.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("indicators/<int:pk>/value/", views.value, name="value"),
    # The half-year evaluation
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/new/", views.evaluation_new, name="evaluation_new"),
    path("evaluations/<str:period>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<str:period>/edit/", views.evaluation_edit, name="evaluation_edit"),
    path("evaluations/<str:period>/approve/", views.evaluation_approve, name="evaluation_approve"),
    # CBPR evaluations of the partnership
    path("cbpr/", views.cbpr_rounds, name="cbpr_rounds"),
    path("cbpr/new/", views.cbpr_new, name="cbpr_new"),
    path("cbpr/<int:pk>/", views.cbpr_detail, name="cbpr"),
    path("cbpr/<int:pk>/edit/", views.cbpr_edit, name="cbpr_edit"),
    # A party's link to the questionnaire (public: a signed link)
    path("cbpr/a/<str:token>/", views.cbpr_answer, name="cbpr_answer"),
]
