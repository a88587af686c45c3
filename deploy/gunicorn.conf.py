"""gunicorn settings for one web instance:
`gunicorn -c deploy/gunicorn.conf.py korkyt.config.wsgi:application`.

Bind address from KORKYT_BIND (default 127.0.0.1:8000): run several instances on several ports behind nginx
(deploy/nginx/korkyt.conf lists them as one upstream).
"""

import os

bind = os.environ.get("KORKYT_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KORKYT_WEB_WORKERS", "2"))
threads = int(os.environ.get("KORKYT_WEB_THREADS", "4"))
timeout = 60  # long work runs in Celery, never in a request
graceful_timeout = 20
keepalive = 5  # longer than nginx's upstream keepalive_timeout (4 s): nginx closes idle ones first
limit_request_line = 8190  # longer API URLs get Django's JSON 414
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1,::1"  # nginx on this machine sets X-Forwarded-Proto
# gunicorn 24+: one control socket per instance (the default path in $HOME would be shared by both).
control_socket = f"/tmp/korkyt-gunicorn-{bind.replace(':', '-')}.ctl"  # noqa: S108


def child_exit(server, worker):
    """Prometheus multiprocess mode: a dead worker's live gauges are dropped (counters are kept)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_starting(server):
    """Prometheus multiprocess mode: values of a previous start (dead pids) are not added to this one's."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            if name.endswith(".db"):
                os.remove(os.path.join(folder, name))
