from django.shortcuts import render

from .permissions import staff_required
from .staff import staff_sections_for


@staff_required
def dashboard(request):
    return render(
        request, "core/staff/dashboard.html", {"sections": staff_sections_for(request.user)}
    )
