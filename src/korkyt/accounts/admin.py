"""Admin: users with their profile and names; role assignments granted and revoked through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from korkyt.accounts import services
from korkyt.accounts.models import ApiToken, RoleAssignment, RoleInvitation, User, UserName


class UserNameInline(admin.TabularInline):
    model = UserName
    extra = 0


class RoleAssignmentInline(admin.TabularInline):
    """The user's roles, read only here: grant and revoke them under Role assignments."""

    model = RoleAssignment
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = ("role", "content_type", "object_id", "scope", "valid_from", "valid_until", "granted_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [UserNameInline, RoleAssignmentInline]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Korkyt", {"fields": ("language", "script", "country", "organisation", "organisation_company")}),
    )
    raw_id_fields = ("organisation_company",)
    list_display = ("username", "email", "first_name", "last_name", "is_superuser", "is_active")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "content_type", "object_id", "scope", "valid_from", "valid_until")
    list_filter = ("role", "content_type")
    search_fields = ("user__username", "user__email")
    raw_id_fields = ("user",)
    fields = ("user", "role", "content_type", "object_id", "valid_from", "valid_until", "granted_by")
    readonly_fields = ("granted_by",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleAssignment]:
        return super().get_queryset(request).prefetch_related("scope")  # each kind of scope in one query

    def save_model(self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool) -> None:
        scope = obj.content_type.get_object_for_this_type(pk=obj.object_id)
        if change and obj.pk:
            # A changed role or scope is a revoke of the old one and a grant of the new one.
            old = RoleAssignment.objects.get(pk=obj.pk)
            moved = (old.role, old.content_type_id, old.object_id) != (
                obj.role,
                obj.content_type_id,
                obj.object_id,
            )
            if moved:
                self._revoke(request, old)
        saved = services.role_grant(
            actor=request.user,
            user=obj.user,
            role=obj.role,
            scope=scope,
            valid_from=obj.valid_from,
            valid_until=obj.valid_until,
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        self._revoke(request, obj)

    @staticmethod
    def _revoke(request: HttpRequest, obj: RoleAssignment) -> None:
        if obj.scope is None:  # the object it was held on is gone: nothing to check against
            obj.delete()
            return
        services.role_revoke(actor=request.user, user=obj.user, role=obj.role, scope=obj.scope)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "last_used_at")
    search_fields = ("name", "user__username", "prefix")


@admin.register(RoleInvitation)
class RoleInvitationAdmin(admin.ModelAdmin):
    """The invitations producers send (read-only: an invitation is answered by its recipient, withdrawn by
    its sender on the object's roles page)."""

    list_display = ("email", "role", "content_type", "object_id", "invited_by", "state", "expires_at")
    list_filter = ("state", "role")
    search_fields = ("=email", "invited_by__username")
    list_select_related = ("content_type", "invited_by")
    readonly_fields = (
        "content_type",
        "object_id",
        "email",
        "role",
        "valid_from",
        "valid_until",
        "invited_by",
        "state",
        "expires_at",
        "answered_at",
        "answered_by",
    )
    exclude = ("token_hash",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
