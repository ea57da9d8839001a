from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter: mail already leaves through the queued email backend."""

    def is_open_for_signup(self, request) -> bool:
        return True


def axes_username(request, credentials) -> str | None:
    """django-axes counts failures per email (lower-case), whatever the form calls the field."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("login") or credentials.get("username")
    if value is None and request is not None and request.method == "POST":
        value = request.POST.get("login") or request.POST.get("email")
    return value.strip().lower() if value else None
