"""Accounts: Administración manages accounts and grants roles."""

import rules

from abierto.core.rules import is_admin

rules.add_perm("accounts.manage", is_admin)


@rules.predicate
def is_liaison_with_organization(user) -> bool:
    from abierto.core.roles import Role, user_has_role

    return user_has_role(user, Role.LIAISON) and getattr(user, "organization_id", None) is not None


@rules.predicate
def owns_token(user, token) -> bool:
    return token is not None and getattr(user, "pk", None) == token.user_id


# Personal API tokens (write API): institution liaisons with an institution, for themselves.
rules.add_perm("accounts.api_tokens", is_liaison_with_organization)
rules.add_perm("accounts.revoke_api_token", owns_token)
