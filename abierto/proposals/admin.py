"""Read-mostly admin: proposals are changed through services and never deleted."""

from django.contrib import admin

from .models import Attachment, Proposal

#: Never shown to staff, not even read-only.
SECRET_FIELDS = ("tracking_code", "idempotency_token")


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    fields = ("original_name", "content_type", "size", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "title",
        "plan",
        "status",
        "channel",
        "province",
        "is_hidden",
        "created_at",
    )
    list_filter = ("status", "channel", "is_hidden", "plan", "province")
    search_fields = ("title",)
    inlines = [AttachmentInline]
    # The tracking code lets its holder withdraw the proposal: only the proposer ever sees it.
    exclude = SECRET_FIELDS
    readonly_fields = [f.name for f in Proposal._meta.fields if f.name not in SECRET_FIELDS]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
