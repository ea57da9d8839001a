from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from abierto.core.roles import ROLE_LABELS, user_roles


@login_required
def profile(request):
    roles = [str(ROLE_LABELS[role]) for role in sorted(user_roles(request.user))]
    return render(request, "accounts/profile.html", {"roles": roles})
