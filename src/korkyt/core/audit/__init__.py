"""The audit log: who did what to which object, when, from which request or task.

- ``register(Model, history_permission=…, parent=…)``: django-auditlog records the model's field changes.
- ``audit_log(obj=…, action=…, actor=…, data=…, changes=…)``: the one writer of the platform's own events.
- ``audit_entries_for(actor=…, obj=…)``: an object's history for those who manage it (others: 404).
See docs/audit-and-workflows.md.
"""

from korkyt.core.audit.registry import action_label, audited, register, user_data_keys, value_format
from korkyt.core.audit.selectors import audit_entries, audit_entries_for, may_read_history
from korkyt.core.audit.services import audit_erase_person, audit_log

__all__ = [
    "action_label",
    "audit_entries",
    "audit_entries_for",
    "audit_erase_person",
    "audit_log",
    "audited",
    "may_read_history",
    "register",
    "user_data_keys",
    "value_format",
]
