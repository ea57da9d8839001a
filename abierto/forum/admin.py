from django.contrib import admin

from .models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "sector", "level", "province"]
    list_filter = ["sector", "level", "province"]
    search_fields = ["name", "acronym"]
