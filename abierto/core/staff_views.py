from django.shortcuts import render

from .manifest import staff_sections
from .permissions import allowed, permission_required


@permission_required("core.view_staff_dashboard")
def dashboard(request):
    sections = []
    for section in staff_sections():
        if allowed(request.user, section.permission):
            sections.append(
                {
                    "section": section,
                    "count": section.count(request.user) if section.count else None,
                }
            )
    return render(request, "core/staff/dashboard.html", {"sections": sections})
