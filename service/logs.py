"""Logging for `scholar serve`, configured once from `LogSettings`: plain text or JSON lines.

Client errors log one line without a traceback (see `service/schema/__init__.py`); only
unexpected errors carry one. Every line carries the id of the request that caused it
(`service/request_id.py`), "-" outside requests.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import orjson

from service.request_id import NONE, WithRequestId
from service.settings import LogSettings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message, and the traceback if
    any."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", NONE),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return orjson.dumps(line).decode()


def configure(settings: LogSettings) -> None:
    """Route every logger (uvicorn's included) through one stderr handler at one level."""
    handler = logging.StreamHandler()
    handler.addFilter(WithRequestId())
    handler.setFormatter(
        JsonLines() if settings.format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.level.upper())
    # uvicorn's loggers propagate to the root once it is run with log_config=None.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    # The driver logs every retry and routing step at INFO; its warnings are what matter here.
    logging.getLogger("neo4j").setLevel(max(logging.WARNING, root.level))
