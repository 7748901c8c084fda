from django.urls import path

from jamlik.premises import views

app_name = "premises"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.edit, name="edit"),
]
