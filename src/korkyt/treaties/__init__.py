"""Co-production rule sets (data) and eligibility evaluation. A pure package: no Django.

from korkyt.treaties import evaluate, loads, find_partners, to_json
project = loads(open("project.json").read())
result = evaluate(project)                 # every instrument's verdict, checks, points, advice
result.basis                               # "tr-2019", or None
to_json(result)                            # the documented output contract (docs/coproduction.md)
"""

from .advice import apply_changes, evaluate
from .errors import ProjectError, RuleBookError, TreatiesError
from .finder import Directory, PartnerMatch, Suggestion, find_partners, match_companies
from .model import (
    CURRENCIES,
    DOCUMENT_NAMES,
    ELEMENT_NAMES,
    KINDS,
    Advice,
    Broken,
    Change,
    Check,
    Elements,
    Evaluation,
    Money,
    Partner,
    Points,
    Project,
    Role,
    Verdict,
)
from .parse import from_dict, loads, to_dict
from .report import json_schema, render_html, render_text, to_json
from .rules import Instrument, Party, RuleBook, load_rulebook, read_instrument, read_rulebook

__all__ = [
    "CURRENCIES",
    "DOCUMENT_NAMES",
    "ELEMENT_NAMES",
    "KINDS",
    "Advice",
    "Broken",
    "Change",
    "Check",
    "Directory",
    "Elements",
    "Evaluation",
    "Instrument",
    "Money",
    "Partner",
    "PartnerMatch",
    "Party",
    "Points",
    "Project",
    "ProjectError",
    "Role",
    "RuleBook",
    "RuleBookError",
    "Suggestion",
    "TreatiesError",
    "Verdict",
    "apply_changes",
    "evaluate",
    "find_partners",
    "from_dict",
    "json_schema",
    "load_rulebook",
    "loads",
    "match_companies",
    "read_instrument",
    "read_rulebook",
    "render_html",
    "render_text",
    "to_dict",
    "to_json",
]
