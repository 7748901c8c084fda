from django.urls import path

from jamlik.needs import views, views_voting

app_name = "needs"

urlpatterns = [
    # Needs
    path("", views.index, name="index"),
    path("new/", views.need_new, name="need_new"),
    path("matrix/", views.matrix, name="matrix"),
    path("unmet/", views.unmet, name="unmet"),
    path("themes/", views.theme_new, name="theme_new"),
    path("data/", views.data, name="data"),
    path("data/needs.<str:fmt>", views.export, name="export"),
    path("n/<slug:key>/", views.need_detail, name="need"),
    path("n/<slug:key>/edit/", views.need_edit, name="need_edit"),
    # Inventories
    path("inventories/new/", views.inventory_new, name="inventory_new"),
    path("inventories/<slug:key>/", views.inventory_detail, name="inventory"),
    path("inventories/<slug:key>/edit/", views.inventory_edit, name="inventory_edit"),
    path("inventories/<slug:key>/capture/", views.capture, name="capture"),
    path("inventories/<slug:key>/statements/", views.statement_new, name="statement_new"),
    path(
        "inventories/<slug:key>/statements/<int:pk>/",
        views.statement_edit,
        name="statement_edit",
    ),
    path(
        "inventories/<slug:key>/statements/<int:pk>/delete/",
        views.statement_delete,
        name="statement_delete",
    ),
    path("inventories/<slug:key>/group/", views.group, name="group"),
    path("inventories/<slug:key>/actions/", views.action_new, name="action_new"),
    path("inventories/<slug:key>/compare/", views.compare, name="compare"),
    path("inventories/<slug:key>/votes/", views_voting.vote_new, name="vote_new"),
    # Workshops and the needs they address
    path("workshops/<slug:key>/", views.workshop_needs, name="workshop_needs"),
    path("workshops/<slug:key>/activate/", views.workshop_activate, name="workshop_activate"),
    # Dot-votes, for the facilitator
    path("votes/<uuid:public_id>/", views_voting.vote_detail, name="vote"),
    path("votes/<uuid:public_id>/tally/", views_voting.vote_tally, name="vote_tally"),
    path("votes/<uuid:public_id>/open/", views_voting.vote_open, name="vote_open"),
    path("votes/<uuid:public_id>/close/", views_voting.vote_close, name="vote_close"),
    path("votes/<uuid:public_id>/paper/", views_voting.vote_paper, name="vote_paper"),
    # Dot-votes, public: a participant's phone, no login
    path("v/<uuid:public_id>/<str:token>/", views_voting.ballot, name="ballot"),
]
