from django.urls import path

from jamlik.reports import views, views_board

app_name = "reports"

urlpatterns = [
    # Reports back to the funder
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("download/", views.download, name="download"),
    path("funder-cycle/", views_board.funder_cycle, name="funder_cycle"),
    # Drafts
    path("drafts/<int:pk>/", views.draft, name="draft"),
    path("drafts/<int:pk>/text/<slug:section>/", views.narrative, name="narrative"),
    path("drafts/<int:pk>/submit/", views.submit, name="submit"),
    path("drafts/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("drafts/<int:pk>/approve/", views.approve, name="approve"),
    path("drafts/<int:pk>/render/<str:fmt>/", views.draft_render, name="draft_render"),
    path("drafts/<int:pk>/files/<uuid:rid>/", views.rendering, name="rendering"),
    path(
        "drafts/<int:pk>/files/<uuid:rid>/download.<str:fmt>",
        views.rendering_download,
        name="rendering_download",
    ),
    # Approved versions
    path("versions/<int:pk>/", views.version, name="version"),
    path("versions/<int:pk>/files/", views.version_files, name="version_files"),
    path("versions/<int:pk>/files/make/", views.version_render, name="version_render"),
    path("versions/<int:pk>/download.<str:fmt>", views.version_download, name="version_download"),
    path("versions/<int:pk>/send/", views.send, name="send"),
    path("versions/<int:pk>/decision/", views.link_decision, name="link_decision"),
    path("versions/<int:pk>/new-draft/", views.new_draft, name="new_draft"),
    path("versions/<int:pk>/board/", views_board.board, name="board"),
    # Research outputs (följeforskning)
    path("research/", views.research, name="research"),
    path("research/new/", views.research_new, name="research_new"),
    path("research/<int:pk>/", views.research_edit, name="research_edit"),
    path("research/<int:pk>/delete/", views.research_delete, name="research_delete"),
    # Reporting rules
    path("rules/", views.rules, name="rules"),
    path("rules/new/", views.rule_new, name="rule_new"),
    path("rules/adopt/", views.rules_adopt, name="rules_adopt"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
]
