"""Workflows: the states a record moves through, declared once per model as a table of transitions, and
the one service that moves a record along it.

An app declares its workflow beside its models (``localization/workflows.py``)::

    JOB_WORKFLOW = declare_workflow(
        TranslationJob,
        field="status",
        transitions=[
            Transition("start", sources=("preparing",), target="in_progress", label=_("Start")),
            Transition("approve", sources=("preparing", "in_progress"), target="approved",
                       label=_("Approve"), permission="localization.review_job", check=_all_cues_approved),
        ],
    )

and its services move records with :func:`transition_apply`, which checks the permission, refuses a
transition the current state does not allow (a ValidationError naming the state field), runs the
transition's ``check``, saves, and writes one audit entry (event ``<app>.<model>.<transition>`` with the
fields before → after). :func:`transitions_available` answers "which transitions may this actor take now"
(buttons on pages). ``permission=None`` marks a transition only the platform itself takes (a task, a command
acting as ``SYSTEM``). See docs/audit-and-workflows.md and docs/decisions/0005-workflows.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from auditlog.context import disable_auditlog
from auditlog.diff import get_field_value
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.audit import action_label, audit_log
from korkyt.core.permissions import SystemActor
from korkyt.core.validation import require_perm

Label = str | Promise


@dataclass(frozen=True, slots=True)
class Transition:
    """A move from any of ``sources`` to ``target``, by those holding ``permission`` (checked with the
    object; None: the platform itself only). ``check(obj)`` raises ValidationError when the record is not
    ready (e.g. cues still waiting for review)."""

    name: str
    sources: tuple[str, ...]
    target: str
    label: Label
    permission: str | None = None
    check: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class Workflow:
    model: type[Model]
    field: str
    transitions: tuple[Transition, ...]
    action_prefix: str

    def get(self, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.name == name), None)

    def from_state(self, state: str) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if state in t.sources)

    def action(self, transition: Transition) -> str:
        """The audit event type of ``transition``."""
        return f"{self.action_prefix}.{transition.name}"

    def state_label(self, state: str) -> Label:
        choices = dict(self.model._meta.get_field(self.field).choices or ())  # type: ignore[union-attr]
        return choices.get(state, state)  # type: ignore[no-any-return]


_WORKFLOWS: dict[type[Model], Workflow] = {}


def declare_workflow(
    model: type[Model],
    *,
    transitions: Iterable[Transition],
    field: str = "status",
    action_prefix: str | None = None,
) -> Workflow:
    """Declare ``model``'s workflow on its state ``field`` (a field with choices). Checked at once: unique
    names, every source and target one of the field's choices."""
    table = tuple(transitions)
    states = {value for value, _label in model._meta.get_field(field).choices or ()}  # type: ignore[union-attr]
    names = [t.name for t in table]
    if len(set(names)) != len(names):
        raise ValueError(f"{model.__name__}: transition names must be unique: {names}")
    for t in table:
        unknown = {*t.sources, t.target} - states
        if unknown:
            raise ValueError(f"{model.__name__}.{t.name}: {sorted(unknown)} are not states of {field}")
    flow = Workflow(
        model=model,
        field=field,
        transitions=table,
        action_prefix=action_prefix or f"{model._meta.app_label}.{model._meta.model_name}",
    )
    _WORKFLOWS[model] = flow
    for t in table:
        action_label(flow.action(t), t.label)
    return flow


def workflow_of(obj: Model | type[Model]) -> Workflow:
    model = obj if isinstance(obj, type) else type(obj)
    try:
        return _WORKFLOWS[model._meta.concrete_model or model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no workflow") from None


def workflows() -> list[Workflow]:
    return list(_WORKFLOWS.values())


def _permitted(actor: Actor | None, obj: Model, transition: Transition) -> bool:
    if transition.permission is None:
        return isinstance(actor, SystemActor)
    return actor is not None and bool(actor.has_perm(transition.permission, obj))


def transitions_available(*, actor: Actor | None, obj: Model, check: bool = False) -> list[Transition]:
    """The transitions ``actor`` may take on ``obj`` from its current state (the platform-only ones are
    not offered to people). With ``check``, also those whose ``check`` passes now (costs its queries)."""
    flow = workflow_of(obj)
    available = []
    for t in flow.from_state(getattr(obj, flow.field)):
        if t.permission is None or not _permitted(actor, obj, t):
            continue
        if check and t.check is not None:
            try:
                t.check(obj)
            except ValidationError:
                continue
        available.append(t)
    return available


@transaction.atomic
def transition_apply(
    *,
    actor: Actor | None,
    obj: Model,
    name: str,
    values: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
) -> Model:
    """Move ``obj`` along transition ``name``: permission (PermissionDenied), current state — read from the
    database under a row lock — (ValidationError on the state field), the transition's check, then the save
    of the state and ``values`` (other fields set with it, e.g. an approval date) and one audit entry with
    ``data``. ``obj`` is updated in place and returned."""
    flow = workflow_of(obj)
    transition = flow.get(name)
    if transition is None:
        raise ValidationError({"transition": [_("Unknown transition: %(name)s.") % {"name": name}]})
    if transition.permission is not None:
        require_perm(actor, transition.permission, obj)
    elif not isinstance(actor, SystemActor):  # the platform's own transition: not a person's
        raise PermissionDenied(_("You may not do this."))
    model = type(obj)
    before = model._default_manager.select_for_update().get(pk=obj.pk)
    state = getattr(before, flow.field)
    if state not in transition.sources:
        setattr(obj, flow.field, state)
        message = _("“%(transition)s” is not possible in the state “%(state)s”.") % {
            "transition": transition.label,
            "state": flow.state_label(state),
        }
        raise ValidationError({flow.field: [ValidationError(message, code="transition_not_allowed")]})
    if transition.check is not None:
        transition.check(obj)
    fields = [flow.field, *(values or {})]
    setattr(obj, flow.field, transition.target)
    for field, value in (values or {}).items():
        setattr(obj, field, value)
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        fields.append("updated_at")
    with disable_auditlog():  # the transition's entry below records these fields
        obj.save(update_fields=fields)
    changes = {}
    for field_name in fields:
        model_field = model._meta.get_field(field_name)
        old, new = get_field_value(before, model_field), get_field_value(obj, model_field)
        if field_name == flow.field or (old != new and field_name != "updated_at"):
            changes[field_name] = (old, new)
    audit_log(
        obj=obj,
        action=flow.action(transition),
        actor=actor,
        changes=changes,
        data={"transition": transition.name, **(data or {})},
    )
    return obj
