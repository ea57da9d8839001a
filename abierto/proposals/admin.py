"""Read-mostly admin: proposals are changed through services and never deleted."""

from django.contrib import admin

from abierto.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Attachment, Proposal


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ("original_name", "content_type", "size", "created_at")
    readonly_fields = fields


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
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
    # Staff never see tracking codes, nor the form's idempotency token.
    exclude = ("tracking_code", "idempotency_token")
