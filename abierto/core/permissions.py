"""Who may do what, asked in one way everywhere.

Each app declares its permissions in its ``rules.py`` with django-rules: small named
predicates combined per permission (``rules.add_perm("proposals.decide", is_forum_member)``).
Views, templates, services and the API ask them through this module:

- ``allowed(user, "proposals.view_contact", proposal)`` in Python;
- ``@permission_required("plans.manage", fn=...)`` on a view: anonymous visitors go to the
  login page, signed-in users without the permission get the designed 403;
- ``{% can "proposals.decide" proposal as may_decide %}`` in templates (``{% load abierto %}``).

The permission set of django-rules is asked directly (not ``user.has_perm``), so a Django
superuser flag grants nothing on the process: roles and object rules decide.
"""

from collections.abc import Callable
from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def allowed(user, permission: str, obj=None) -> bool:
    """True when ``user`` holds ``permission`` (on ``obj`` when given)."""
    if not rules.perm_exists(permission):
        raise KeyError(f"Permiso no declarado en ningún rules.py: {permission}")
    return rules.has_perm(permission, user, obj)


def permission_required(permission: str, *, fn: Callable[..., object] | None = None):
    """View decorator. ``fn(request, **kwargs)`` returns the object the permission is about
    (it may raise Http404 first, so a missing object is a 404 for everyone)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            obj = fn(request, *args, **kwargs) if fn is not None else None
            if allowed(request.user, permission, obj):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator
