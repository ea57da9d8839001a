from django.contrib import admin

from abierto.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import ActionPlan, Axis, Criterion, PlanVersion, Stage, Theme


class AxisInline(ReadOnlyInline):
    model = Axis


class CriterionInline(ReadOnlyInline):
    model = Criterion


class ThemeInline(ReadOnlyInline):
    model = Theme


class StageInline(ReadOnlyInline):
    model = Stage


class PlanVersionInline(ReadOnlyInline):
    model = PlanVersion
    fields = ["number", "reason", "created_at"]


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "number", "version", "status", "start_date", "end_date", "is_example"]
    list_filter = ["status", "is_example"]
    search_fields = ["title"]
    inlines = [PlanVersionInline, StageInline, AxisInline, CriterionInline, ThemeInline]
