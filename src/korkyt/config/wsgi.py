"""WSGI entry point (gunicorn korkyt.config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")
application = get_wsgi_application()
