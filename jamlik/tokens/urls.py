from django.urls import path

from jamlik.tokens import views

app_name = "tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<slug:prefix>/revoke/", views.token_revoke, name="revoke"),
]
