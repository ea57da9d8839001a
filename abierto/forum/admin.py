from django.contrib import admin

from abierto.core.admin import ReadOnlyAdmin

from .models import ForumMeeting, ForumMembership, InterestTopic, Organization


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["name", "acronym", "sector", "level", "province"]
    list_filter = ["sector", "level", "province", "topics"]
    search_fields = ["name", "acronym"]


@admin.register(InterestTopic)
class InterestTopicAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(ForumMembership)
class ForumMembershipAdmin(ReadOnlyAdmin):
    list_display = ["organization", "role", "person_name", "start_date", "end_date"]
    list_filter = ["role"]
    search_fields = ["organization__name", "person_name"]


@admin.register(ForumMeeting)
class ForumMeetingAdmin(ReadOnlyAdmin):
    list_display = ["date", "title", "attendance_count", "plan", "is_example"]
    list_filter = ["plan", "is_example"]
    date_hierarchy = "date"
