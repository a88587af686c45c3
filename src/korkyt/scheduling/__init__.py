"""korkyt.scheduling: a festival's screening grid from films, rooms, juries and opening hours.

Pure package (no Django). ``parse_instance``/``load_instance`` read the JSON contract (docs/scheduling.md),
``solve`` places every screening with OR-Tools CP-SAT (or the greedy baseline), ``solution_to_dict``
writes the output contract, and ``check_solution`` (an independent checker sharing no code with the
model) lists every hard constraint a schedule breaks.
"""

from __future__ import annotations

from korkyt.scheduling.checker import Violation, check_solution
from korkyt.scheduling.errors import InstanceError, SchedulingError
from korkyt.scheduling.io import load_instance, parse_instance, parse_instance_json, solution_to_dict
from korkyt.scheduling.model import (
    KINDS,
    REASON_CODES,
    Day,
    Film,
    FixedEvent,
    Instance,
    Jury,
    Kind,
    Lock,
    Objective,
    Reason,
    Room,
    Screening,
    Solution,
    Status,
    Unplaced,
    Weights,
)
from korkyt.scheduling.schema import INSTANCE_SCHEMA, SOLUTION_SCHEMA
from korkyt.scheduling.solve import METHODS, Method, solve

__all__ = [
    "INSTANCE_SCHEMA",
    "KINDS",
    "METHODS",
    "REASON_CODES",
    "SOLUTION_SCHEMA",
    "Day",
    "Film",
    "FixedEvent",
    "Instance",
    "InstanceError",
    "Jury",
    "Kind",
    "Lock",
    "Method",
    "Objective",
    "Reason",
    "Room",
    "SchedulingError",
    "Screening",
    "Solution",
    "Status",
    "Unplaced",
    "Violation",
    "Weights",
    "check_solution",
    "load_instance",
    "parse_instance",
    "parse_instance_json",
    "solution_to_dict",
    "solve",
]
