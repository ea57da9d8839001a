from django.contrib import admin

from .models import ForumMeeting, ForumMembership, InterestTopic, Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "sector", "level", "province"]
    list_filter = ["sector", "level", "province", "topics"]
    search_fields = ["name", "acronym"]
    filter_horizontal = ["topics"]


@admin.register(InterestTopic)
class InterestTopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(ForumMembership)
class ForumMembershipAdmin(admin.ModelAdmin):
    list_display = ["organization", "role", "person_name", "start_date", "end_date"]
    list_filter = ["role"]
    search_fields = ["organization__name", "person_name"]
    autocomplete_fields = ["organization"]


@admin.register(ForumMeeting)
class ForumMeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "attendance_count", "plan", "is_example"]
    list_filter = ["plan", "is_example"]
    date_hierarchy = "date"
