"""Structured logs: one JSON object per line, carrying the request id (and the task id and name in a
background task) of the work that wrote it. A task queued by a request logs that request's id too (the
id travels in the task message, see korkyt.core.audit.context), so one id follows a request into its tasks.

Chosen by ``KORKYT_LOG_FORMAT`` (``json``, the production default, or ``plain``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # Imported here: logging is configured before the apps are loaded.
        from korkyt.core.audit.context import current_origin

        origin = current_origin()
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if origin.request_id:
            entry["request_id"] = origin.request_id
        if origin.task_id:
            entry["task_id"] = origin.task_id
            entry["task"] = origin.task_name
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
                )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
