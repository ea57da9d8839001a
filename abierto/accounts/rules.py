"""Accounts: Administración manages accounts and grants roles."""

import rules

from abierto.core.rules import is_admin

rules.add_perm("accounts.manage", is_admin)
