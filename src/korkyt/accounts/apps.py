from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "korkyt.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Audited (korkyt.core.audit): accounts, roles held, tokens made and revoked; never a secret.
        from korkyt.accounts import selectors
        from korkyt.accounts.invitations import (
            ACCEPT_ACTION,
            SEND_ACTION,
            WITHDRAW_ACTION,
            forget_person,
            personal_export,
        )
        from korkyt.accounts.models import ApiToken, RoleAssignment, User, UserName
        from korkyt.accounts.personal_data import register_personal_data
        from korkyt.core.audit import action_label, register

        register(User, exclude=("password", "last_login"))
        register(UserName, parent="user")
        # a role shows in the history of what it is held on
        register(
            RoleAssignment, parent="scope", title=selectors.role_title, prefetch=("user",), person="user"
        )
        register(ApiToken, parent="user", exclude=("key_hash", "last_used_at"))
        # a role taken by accepting an invitation: the grant is the inviter's, the acceptance the holder's
        action_label(ACCEPT_ACTION, _("Invitation to the role accepted"))
        action_label(SEND_ACTION, _("Invitation to a role sent"))
        action_label(WITHDRAW_ACTION, _("Invitation to a role withdrawn"))
        register_personal_data("role_invitations", export=personal_export, leave=forget_person)
