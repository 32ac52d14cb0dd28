"""Logging set-up: one line per record, level from LOG_LEVEL; secrets never reach the log.

`bescherm_logs()` (called by `create_app`) puts a filter on the loggers of the HTTP stack:
- a request aiohttp cannot parse (a header over its limit, bad framing) is logged as one WARNING
  line with the error's type, never with its text or traceback: both quote the raw header, which
  may hold a bearer token;
- anything that looks like a bearer token or an Authorization header is masked in every record
  of those loggers.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timezone

BEWAAKTE_LOGGERS = ("aiohttp.server", "aiohttp.web", "aiohttp.access", "aiohttp.client", "msrest", "botframework", "botbuilder")
_GEHEIM = re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?(?:bearer\s+)?|bearer\s+)[^\s'\",]+")


def stel_logging_in(niveau: str = "INFO", formaat: str = "tekst") -> None:
    """Root logging; `formaat="json"` writes one JSON object per line (`JsonOpmaak`)."""
    logging.basicConfig(
        level=getattr(logging, niveau.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if formaat == "json":
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonOpmaak())
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # Alembic names each plugin it registers when it is first imported, at INFO; the bot imports it
    # after this set-up (on the path that needs it), and an operator has no use for those lines.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    bescherm_logs()
    for handler in logging.getLogger().handlers:  # records of every logger pass these
        if not any(isinstance(f, GeheimFilter) for f in handler.filters):
            handler.addFilter(GeheimFilter())


class JsonOpmaak(logging.Formatter):
    """One JSON object per record: tijd (UTC, ISO 8601), niveau, logger, bericht, and `fout` (type
    and traceback) when there is one. The message is the already masked text (`GeheimFilter`)."""

    def format(self, record: logging.LogRecord) -> str:
        regel = {
            "tijd": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": record.getMessage(),
        }
        if record.exc_info and record.exc_info[1] is not None:
            regel["fout"] = type(record.exc_info[1]).__name__
            regel["traceback"] = maskeer(self.formatException(record.exc_info))
        return json.dumps(regel, ensure_ascii=False)


def maskeer(tekst: str) -> str:
    """The text with bearer tokens and Authorization values replaced by '***'."""
    return _GEHEIM.sub(lambda m: m.group(1) + "***", tekst)


class GeheimFilter(logging.Filter):
    """Rewrites records so that no token (or raw request header) is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        fout = record.exc_info[1] if record.exc_info else None
        if fout is not None and _is_protocolfout(fout):
            record.msg, record.args = "Ongeldig HTTP-verzoek geweigerd (%s)", (type(fout).__name__,)
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            return True
        bericht = record.getMessage()
        veilig = maskeer(bericht)
        if veilig != bericht:
            record.msg, record.args = veilig, None
        return True


def _is_protocolfout(fout: BaseException) -> bool:
    from aiohttp.http_exceptions import HttpProcessingError

    return isinstance(fout, HttpProcessingError)


def bescherm_logs() -> None:
    """Idempotent: one `GeheimFilter` on each logger of the HTTP stack."""
    for naam in BEWAAKTE_LOGGERS:
        logger = logging.getLogger(naam)
        if not any(isinstance(f, GeheimFilter) for f in logger.filters):
            logger.addFilter(GeheimFilter())
