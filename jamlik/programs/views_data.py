"""The program leader's import and export of the program's record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from jamlik.people.access import get_program_access
from jamlik.people.policy import roles_with
from jamlik.programs import interchange
from jamlik.programs.interchange.forms import ImportForm
from jamlik.programs.interchange.schema import SPECS

LEADER = roles_with("data")
# A page listing thousands of problems helps nobody; the first ones show the pattern.
SHOWN_PROBLEMS = 200


@login_required
@require_http_methods(["GET", "POST"])
def data(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=LEADER)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    problems: list[interchange.Problem] = []
    warnings: list[interchange.Problem] = []
    if form.is_bound and form.is_valid():
        try:
            result = interchange.import_upload(
                program=access.program, upload=form.cleaned_data["file"], user=request.user
            )
        except interchange.ImportRejected as rejected:
            problems, warnings = rejected.problems, rejected.warnings
        else:
            for warning in result.warnings:
                messages.warning(request, str(warning))
            for line in result.summary():
                messages.success(request, line)
            return redirect("programs:import", access.program.slug)
    return render(
        request,
        "programs/data.html",
        {
            "program": access.program,
            "access": access,
            "nav": "data",
            "form": form,
            "problems": problems[:SHOWN_PROBLEMS],
            "problem_count": len(problems),
            "hidden_problems": max(0, len(problems) - SHOWN_PROBLEMS),
            "warnings": warnings,
            "specs": SPECS,
        },
    )


@login_required
@require_GET
@never_cache
def export_zip(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=LEADER)
    export = interchange.export_program(program=access.program, user=request.user)
    response = HttpResponse(interchange.to_zip(export.files), content_type="application/zip")
    filename = f"{access.program.slug}-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
