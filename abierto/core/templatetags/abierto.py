from django import template
from django.utils.safestring import SafeString

from abierto.core.audit import history_line as _history_line
from abierto.core.markdown import render_markdown
from abierto.core.permissions import allowed
from abierto.core.roles import role_label

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def without_suffix(label) -> SafeString:
    """A label without Django's trailing colon: filters and forms read alike ("Provincia")."""
    text = str(label)
    return SafeString(text[:-1].rstrip() if text.endswith(":") else text)


@register.filter
def history_line(row) -> str:
    return _history_line(row)


@register.filter
def actor_role_label(slug: str) -> str:
    return role_label(slug)


@register.simple_tag(takes_context=True)
def can(context, permission: str, obj=None) -> bool:
    """``{% can "proposals.decide" proposal as may_decide %}``: the per-object rule."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return allowed(user, permission, obj)


@register.simple_tag(takes_context=True)
def active(context, prefix: str) -> str:
    """``aria-current="page"`` for the navigation link of the section being shown."""
    request = context.get("request")
    path = getattr(request, "path", "")
    matched = path == "/" if prefix == "/" else path.startswith(prefix)
    return SafeString(' aria-current="page"') if matched else SafeString("")
