from django.contrib import admin

from .models import ActionPlan, Axis, Criterion, Stage, Theme


class AxisInline(admin.TabularInline):
    model = Axis
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


class StageInline(admin.StackedInline):
    model = Stage
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "version", "status", "start_date", "end_date", "is_example"]
    list_filter = ["status", "is_example"]
    search_fields = ["title"]
    inlines = [StageInline, AxisInline, CriterionInline, ThemeInline]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "plan",
        "start_date",
        "end_date",
        "announced_on",
        "receives_proposals",
    ]
    list_filter = ["plan", "receives_proposals"]
