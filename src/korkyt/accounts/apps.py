from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "korkyt.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
