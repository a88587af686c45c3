"""Background work: one ``Job`` row per piece of work, tasks queued by name, periodic work with beat.

Services queue work with :func:`~korkyt.core.jobs.services.enqueue` (by task name, on commit; no import of
the task module, so services and tasks never import each other); tasks are declared with
:func:`~korkyt.core.jobs.task.job_task`, which keeps the row's status, progress, attempts and failure
reason; periodic work is registered in :mod:`~korkyt.core.jobs.periodic`. See docs/background-work.md.
"""
