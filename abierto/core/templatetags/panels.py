from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from abierto.core.manifest import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot: str, obj):
    """Render every panel apps declare for ``slot`` about ``obj`` (``AppManifest.panels``):
    a lower app's page leaves the slot open and never imports the higher app."""
    request = context.get("request")
    parts = []
    for panel in panels_for(slot):
        extra = panel.context(obj)
        if extra is not None:
            parts.append(render_to_string(panel.template, {**extra, "object": obj}, request))
    return mark_safe("".join(parts))
