"""The public calendar, under c/<slug>/: no login (policy: "public")."""

from django.urls import path, register_converter

from jamlik.communication import public

register_converter(public.LanguageConverter, "lang")

app_name = "public"

urlpatterns = [
    path("", public.index, name="index"),
    path("<lang:lang>/", public.calendar, name="calendar"),
    path("<lang:lang>/calendar.ics", public.feed, name="feed"),
    path("<lang:lang>/embed/", public.embed, name="embed"),
    path("<lang:lang>/w/<slug:key>/", public.calendar, name="workshop"),
    path("<lang:lang>/w/<slug:key>/calendar.ics", public.feed, name="workshop_feed"),
]
