"""The partnership register, under the program's partners/ page (programs:partners)."""

from django.urls import path

from jamlik.partners import views

app_name = "partners"

urlpatterns = [
    # Partnerships
    path("new/", views.partnership_new, name="new"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/edit/", views.partnership_update, name="update"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    # Resource commitments
    path("<int:pk>/commitments/", views.commitment_new, name="commitment_new"),
    path(
        "<int:pk>/commitments/<int:commitment>/delete/",
        views.commitment_delete,
        name="commitment_delete",
    ),
]
