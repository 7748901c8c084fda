# Temporary: replaced by the activities UI work.
from django.http import HttpResponse


def activity_list(request, slug):
    return HttpResponse("")


def activity_new(request, slug):
    return HttpResponse("")


def attendance(request, slug, key):
    return HttpResponse("")


def participant_detail(request, slug, code):
    return HttpResponse("")
