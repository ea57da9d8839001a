"""Who may reach what: decorators used by views; the predicates live in ``accounts.roles``."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from abierto.accounts.roles import Role, is_staff_member, user_has_role


def role_required(*roles: Role):
    """Anonymous visitors go to the login page; signed-in users without a role get a 403.

    With no roles given, any staff role will do.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = (
                user_has_role(request.user, *roles) if roles else is_staff_member(request.user)
            )
            if not allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required()
forum_required = role_required(Role.FORUM_MEMBER, Role.ADMIN)
