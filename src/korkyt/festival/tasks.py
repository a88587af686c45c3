"""Background work of the festival (core jobs): the eligibility check of an edition's incomplete and
ineligible entries again, after the catalogue's tracks or the section's rules changed."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from korkyt.core.jobs.task import Done, Progress, job_task
from korkyt.core.models import Job


@job_task("festival.recheck_eligibility")
def recheck_eligibility(job: Job, progress: Progress, edition_id: int) -> Done:
    from korkyt.festival.services.submissions import eligibility_recheck

    counts = eligibility_recheck(edition_id=edition_id, progress=progress)
    return Done(
        _("Eligible: %(eligible)s · not eligible: %(ineligible)s")
        % {"eligible": counts["eligible"], "ineligible": counts["ineligible"]},
        counts,
    )


@job_task("festival.notify_holders")
def notify_holders(job: Job, progress: Progress, screening_id: int, holders: list[str] | None = None) -> Done:
    """Tell a moved or cancelled screening's ticket holders (``holders``: those cancelled with it),
    resuming after the last one told."""
    from korkyt.festival.programme.tickets import notify_holders as tell

    result = job.result if isinstance(job.result, dict) else {}
    after = int(result.get("after", 0) or 0)
    told = tell(screening_id=screening_id, after=after, progress=progress, holders=holders)
    return Done(
        ngettext("%(n)s ticket holder told", "%(n)s ticket holders told", told) % {"n": told}, {"told": told}
    )


@job_task("festival.propose_schedule")
def propose_schedule(job: Job, progress: Progress, edition_id: int) -> Done:
    """Propose the edition's screening grid (korkyt.scheduling); locked screenings are kept."""
    from korkyt.festival.programme.services import propose

    result = propose(edition_id=edition_id, progress=progress)
    if result["status"] == "infeasible":
        return Done(_("No schedule satisfies every constraint."), result)
    placed = result["placed"]
    return Done(ngettext("%(n)s screening placed", "%(n)s screenings placed", placed) % {"n": placed}, result)
