"""Workarounds for the archived Bot Framework Python SDK (4.17.1), kept in one place.

- msrest builds the retry policy of every ConnectorClient (one per turn) by testing 999 status
  codes for membership in a 500-item *list*: ~10 ms of CPU per turn. A frozenset with the same
  members gives the identical policy in microseconds.
- msrest serialises a model (every reply activity) by visiting all of its attributes and, for each
  one that is not set (most of an Activity's 45), raising and catching a ValueError. Here only the
  set attributes are visited: the identical JSON in about 60 % of the time.
- Channel signing keys (OpenID metadata + JWKS, `_OpenIdMetadata`): the SDK fetches them with a
  blocking `requests.get` without a timeout *on the event loop*, and does not remember a failure,
  so a black-holed key endpoint froze every request, and each request fetched again. Here the
  fetch runs in a thread with a timeout, concurrent requests share one fetch, and a failure is
  remembered for `SLEUTEL_FOUT_GELDIG` (requests are refused with 401 meanwhile, without a fetch).
- Reading an incoming activity: msrest's `Model.deserialize` builds a Deserializer and tries its
  XML key extractor for every attribute of the (JSON) activity; `activiteit_uit_json` reads the
  same dict with the REST extractor only (identical Activity, about half the CPU).
- Outbound Entra tokens: the SDK makes new credentials (and a new MSAL client, so a new token)
  for every turn, fetched synchronously on the event loop. Here credentials are kept per app and
  audience, and their token is fetched in a thread with a timeout and kept until shortly before
  it expires; the SDK's synchronous `get_access_token` then answers from that cache.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any

import jwt
import requests
from botbuilder.schema import Activity
from botframework.connector.auth import MicrosoftAppCredentials, PasswordServiceClientCredentialFactory
from botframework.connector.auth.jwt_token_extractor import _OpenIdMetadata
from msrest.serialization import Deserializer, Serializer, rest_key_extractor
from msrest.universal_http.requests import ClientRetryPolicy

log = logging.getLogger(__name__)

SLEUTEL_TIMEOUT = 10.0
"""Seconds for one fetch of the OpenID metadata or the JWKS."""
SLEUTEL_FOUT_GELDIG = 30.0
"""Seconds a failed key fetch is remembered: no new fetch, the request gets 401."""
TOKEN_TIMEOUT = 15.0
"""Seconds for fetching one outbound Entra token."""
TOKEN_FOUT_GELDIG = 30.0
"""Seconds a failed token fetch is remembered (no new attempt, outbound sends fail fast)."""
TOKEN_MARGE = 300.0
"""A cached token is renewed this many seconds before it expires."""

_MSREST_SERIALIZE = Serializer._serialize
_SDK_REFRESH = _OpenIdMetadata._refresh
_SDK_CREATE_CREDENTIALS = PasswordServiceClientCredentialFactory.create_credentials
_SDK_GET_ACCESS_TOKEN = MicrosoftAppCredentials.get_access_token


class SleutelsOnbereikbaar(RuntimeError):
    """The channel's signing keys could not be fetched recently; the request is refused (401)."""


class TokenOnbereikbaar(RuntimeError):
    """No outbound token could be fetched recently (Entra unreachable or refusing)."""


_ACTIVITEIT_LEZER = Deserializer(Activity._infer_class_models())
_ACTIVITEIT_LEZER.key_extractors = [rest_key_extractor]


def activiteit_uit_json(data: dict[str, Any]) -> Activity:
    """`Activity().deserialize(data)` for a JSON dict, without msrest's XML key lookups."""
    return _ACTIVITEIT_LEZER("Activity", data)


def pas_sdk_correcties_toe() -> None:
    """Idempotent; called when the adapter is built."""
    if not isinstance(ClientRetryPolicy.safe_codes, frozenset):
        # msrest annotates a list; it only ever tests membership, which a frozenset answers the same
        ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)  # type: ignore[assignment]
    if Serializer._serialize is _MSREST_SERIALIZE:
        Serializer._serialize = _serialiseer_gezette_velden  # type: ignore[method-assign]
    if _OpenIdMetadata._refresh is _SDK_REFRESH:  # a test may have put its own key source in place
        _OpenIdMetadata._refresh = _vernieuw_buiten_de_lus
    _OpenIdMetadata.get = _sleutel
    PasswordServiceClientCredentialFactory.create_credentials = _credentials_met_token


# --- msrest serialisation ------------------------------------------------------------------


class _GezetteVelden:
    """A model as msrest's serialiser sees it, with an attribute map of only its set attributes."""

    __slots__ = ("_attribute_map", "_model")

    def __init__(self, model: Any, kaart: dict[str, Any]) -> None:
        self._model = model
        self._attribute_map = kaart

    def __getattr__(self, naam: str) -> Any:
        return getattr(self._model, naam)


def _serialiseer_gezette_velden(self: Serializer, target_obj: Any, data_type: str | None = None, **kwargs: Any) -> Any:
    """msrest's `Serializer._serialize`, visiting only the attributes that are set (JSON models)."""
    kaart = getattr(target_obj, "_attribute_map", None)
    if data_type is None and isinstance(kaart, dict) and not kwargs.get("is_xml") and not target_obj.is_xml_model():
        target_obj = _GezetteVelden(target_obj, {k: v for k, v in kaart.items() if getattr(target_obj, k, None) is not None})
    return _MSREST_SERIALIZE(self, target_obj, data_type, **kwargs)


# --- channel signing keys -------------------------------------------------------------------


async def _sleutel(self: _OpenIdMetadata, key_id: str):
    """The SDK's `_OpenIdMetadata.get` (refresh daily, or hourly for an unknown key id), with one
    shared fetch at a time and failures remembered briefly."""
    if self.last_updated < datetime.now() - timedelta(days=1):
        await _vernieuw_eenmaal(self)
    sleutel = _zoek(self, key_id)
    if sleutel is None and self.last_updated < datetime.now() - timedelta(hours=1):
        await _vernieuw_eenmaal(self)
        sleutel = _zoek(self, key_id)
    return sleutel


def _zoek(metadata: _OpenIdMetadata, key_id: str):
    try:
        return metadata._find(key_id)
    except (IndexError, KeyError, ValueError, TypeError):  # the SDK indexes [0] on an unknown kid
        return None


async def _vernieuw_eenmaal(metadata: _OpenIdMetadata) -> None:
    gezien = metadata.last_updated
    async with _slot(metadata):
        if metadata.last_updated != gezien:
            return  # another request refreshed while we waited
        mislukt_op = getattr(metadata, "_sturingsbot_mislukt_op", None)
        if mislukt_op is not None and time.monotonic() - mislukt_op < SLEUTEL_FOUT_GELDIG:
            raise SleutelsOnbereikbaar("sleutels recent niet op te halen")
        try:
            async with asyncio.timeout(2 * SLEUTEL_TIMEOUT + 1):
                await metadata._refresh()
        except Exception as fout:
            metadata._sturingsbot_mislukt_op = time.monotonic()
            log.warning("Ondertekeningssleutels van het kanaal niet op te halen (%s)", type(fout).__name__)
            raise SleutelsOnbereikbaar("sleutels niet op te halen") from fout
        metadata._sturingsbot_mislukt_op = None


async def _vernieuw_buiten_de_lus(self: _OpenIdMetadata) -> None:
    """The SDK's `_refresh`, in a thread, with timeouts."""
    sleutels = await asyncio.to_thread(_haal_sleutels, self.url, SLEUTEL_TIMEOUT)
    self.keys = sleutels
    self.last_updated = datetime.now()


def _haal_sleutels(url: str, timeout: float) -> list[dict[str, Any]]:
    metadata = requests.get(url, timeout=timeout)
    metadata.raise_for_status()
    jwks = requests.get(metadata.json()["jwks_uri"], timeout=timeout)
    jwks.raise_for_status()
    return jwks.json()["keys"]


def _slot(eigenaar: Any) -> asyncio.Lock:
    """A lock per object and event loop (tests run one loop per test; the SDK's caches are global)."""
    lus = asyncio.get_running_loop()
    bekend = getattr(eigenaar, "_sturingsbot_slot", None)
    if bekend is None or bekend[0] is not lus:
        bekend = (lus, asyncio.Lock())
        eigenaar._sturingsbot_slot = bekend
    return bekend[1]


# --- outbound tokens ------------------------------------------------------------------------


async def _credentials_met_token(self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool):
    """`create_credentials`, but one credentials object per app and audience, with its token
    fetched ahead, off the event loop."""
    if await self.is_authentication_disabled():
        return await _SDK_CREATE_CREDENTIALS(self, app_id, oauth_scope, login_endpoint, validate_authority)
    bewaard = self.__dict__.setdefault("_sturingsbot_credentials", {})
    sleutel = (app_id, oauth_scope, login_endpoint, validate_authority)
    credentials = bewaard.get(sleutel)
    if credentials is None:
        credentials = await _SDK_CREATE_CREDENTIALS(self, app_id, oauth_scope, login_endpoint, validate_authority)
        credentials = _TokenVoorraad.installeer(credentials)
        bewaard[sleutel] = credentials
    await credentials._sturingsbot_voorraad.vul_aan()
    return credentials


async def vul_token_aan(credentials: Any) -> None:
    """Top up the cached token of credentials made by `_credentials_met_token` (others: nothing to do)."""
    voorraad = getattr(credentials, "_sturingsbot_voorraad", None)
    if voorraad is not None:
        await voorraad.vul_aan()


class _TokenVoorraad:
    """A token kept for one credentials object; `get_access_token` answers from it."""

    def __init__(self, credentials: Any) -> None:
        self._haal = credentials.get_access_token  # the SDK's blocking fetch (MSAL)
        self._credentials = credentials
        self._token: str | None = None
        self._verloopt: float = 0.0
        self._mislukt_op: float | None = None
        self._draad_slot = threading.Lock()

    @classmethod
    def installeer(cls, credentials: Any) -> Any:
        voorraad = cls(credentials)
        credentials._sturingsbot_voorraad = voorraad
        credentials.get_access_token = voorraad.token
        return credentials

    def _geldig(self) -> bool:
        return self._token is not None and time.time() < self._verloopt - TOKEN_MARGE

    async def vul_aan(self) -> None:
        """Fetch the token ahead, off the event loop. A failure is logged and remembered for
        `TOKEN_FOUT_GELDIG`; the turn goes on (an expectReplies turn needs no token)."""
        if self._geldig() or self._recent_mislukt():
            return
        async with _slot(self):
            if self._geldig() or self._recent_mislukt():
                return
            try:
                async with asyncio.timeout(TOKEN_TIMEOUT):
                    await asyncio.to_thread(self._vernieuw)
            except Exception as fout:  # noqa: BLE001 — Entra unreachable or refusing
                self._mislukt_op = time.monotonic()
                log.warning("Geen token voor uitgaande berichten op te halen (%s)", type(fout).__name__)

    def _recent_mislukt(self) -> bool:
        return self._mislukt_op is not None and time.monotonic() - self._mislukt_op < TOKEN_FOUT_GELDIG

    def token(self, force_refresh: bool = False) -> str:
        """The SDK's synchronous `get_access_token`: from the cache. Fetching here (on the event
        loop) is only a fallback, and never while a recent fetch failed."""
        if force_refresh or not self._geldig():
            if self._recent_mislukt():
                raise TokenOnbereikbaar("recent geen token op te halen")
            self._vernieuw(force_refresh)
        return self._token or ""

    def _vernieuw(self, force_refresh: bool = False) -> None:
        with self._draad_slot:
            if self._geldig() and not force_refresh:
                return
            self._zet_msal_timeout()
            token = self._haal(force_refresh)
            self._token, self._verloopt = token, _verloopt_op(token)

    def _zet_msal_timeout(self) -> None:
        """MSAL's HTTP client has no timeout unless given one; build it with one (same settings
        as the SDK's own lazily built client)."""
        credentials = self._credentials
        eigen_ophaler = getattr(type(credentials), "get_access_token", None) is _SDK_GET_ACCESS_TOKEN
        if eigen_ophaler and getattr(credentials, "app", "geen") is None:
            from msal import ConfidentialClientApplication

            credentials.app = ConfidentialClientApplication(
                client_id=credentials.microsoft_app_id,
                client_credential=credentials.microsoft_app_password,
                authority=credentials.oauth_endpoint,
                timeout=TOKEN_TIMEOUT,
            )


def _verloopt_op(token: str) -> float:
    """The token's expiry (epoch seconds) from its `exp` claim; ten minutes when unreadable."""
    try:
        return float(jwt.decode(token, options={"verify_signature": False})["exp"])
    except Exception:  # noqa: BLE001 — not a JWT we can read: keep it briefly
        return time.time() + 600
