# clean: PY-LOOKUP-NOT-CALLER-SCOPED
# path: projects/views.py
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Project


def _visible_projects(request):
    return Project.objects.filter(team__memberships__user=request.user)


@login_required
def project_detail(request, pk):
    project = _visible_projects(request).get(pk=pk)
    return JsonResponse(project.summary())


@login_required
@require_POST
def project_archive(request, pk):
    project = _visible_projects(request).get(pk=pk)
    project.archive(by=request.user)
    return JsonResponse({"archived": True})
