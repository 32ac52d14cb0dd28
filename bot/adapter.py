"""The Bot Framework adapter with our turn error handler (log, answer in Dutch, keep the dialog)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from botbuilder.core import ConversationState, Storage, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ActivityTypes
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)

from bot.sdk_compat import pas_sdk_correcties_toe, vul_token_aan
from bot.settings import Settings
from bot.sql_storage import EtagConflict
from dialogen.teksten import Teksten

log = logging.getLogger(__name__)


def maak_adapter(settings: Settings, teksten: Teksten, conversation_state: ConversationState, opslag: Storage) -> CloudAdapter:
    pas_sdk_correcties_toe()
    authenticatie = HergebruiktAuthenticatie(
        settings.bot_framework_configuratie(),
        herhalingen=settings.kanaal_herhalingen,
        timeout=settings.kanaal_timeout,
        logger=log,
    )
    adapter = CloudAdapter(authenticatie)
    fouten = RecenteFouten()

    async def bij_fout(turn_context: TurnContext, fout: Exception) -> None:
        if isinstance(fout, EtagConflict):
            # Another turn of this conversation (maybe on another instance) saved first. Its state
            # is the newer one: keep it, and ask the user to send this message again.
            log.info("Gelijktijdige beurten in één gesprek")  # the message names the conversation: not logged
            await _meld(turn_context, teksten.tekst("algemeen.gelijktijdig"))
            return
        log.error(
            "Fout tijdens beurt (kanaal %s, activiteit %s): %r",
            turn_context.activity.channel_id,
            turn_context.activity.type,
            fout,
            exc_info=fout,
        )
        # The failed turn saved nothing (state writes wait for the end of the turn), so the dialog
        # is as it was before this message. Keep it; only a conversation that fails again right
        # away starts fresh, so one broken step can never trap the user.
        sleutel = conversation_state.get_storage_key(turn_context)
        if fouten.opnieuw_mis(sleutel):
            await _meld(turn_context, teksten.tekst("algemeen.fout_opnieuw"))
            try:
                await opslag.delete([sleutel])
            except Exception:  # noqa: BLE001
                log.warning("Gespreksstatus kon niet worden gewist na een herhaalde fout")
        else:
            await _meld(turn_context, teksten.tekst("algemeen.fout"))

    adapter.on_turn_error = bij_fout
    return adapter


class HergebruiktAuthenticatie(ConfigurationBotFrameworkAuthentication):
    """The SDK's authentication, but the clients it makes for every turn are made once and kept.

    The SDK builds a new `ConnectorClient` (for replies to the channel) and a user token client
    (for OAuth sign-in) on every turn, whether the turn uses them or not: each builds an msrest
    configuration, pipeline and retry policy, about 0.3 ms of CPU per turn together. Here the
    connector is kept per (app id, service URL, audience) and the token client per app id. Both
    are safe to share: their HTTP sessions are per thread (msrest), and the credentials they
    hold are already one object per app and audience (`bot.sdk_compat`); the cached token of
    those credentials is still topped up on every turn, off the event loop.

    `herhalingen` (KANAAL_HERHALINGEN): how often a connector retries a failed call to the channel
    (msrest's backoff: at once, then 1.6 s, 3.2 s, ...); the SDK's own is 3. `timeout`
    (KANAAL_TIMEOUT): seconds each attempt waits for the connection and then for the answer; the
    SDK's own is 100. msrest runs every call in a thread of the event loop's default pool (a few
    threads, shared with every `asyncio.to_thread`), so this is what bounds how long a channel that
    stopped answering holds a thread: at most (herhalingen + 1) x timeout plus the backoff. An
    `asyncio.timeout` around a call frees the turn, never the thread."""

    MAX = 256
    """Kept clients at most (the service URL comes from the activity); then they are made anew."""

    def __init__(self, configuratie, *, herhalingen: int = 3, timeout: float = 10.0, **opties) -> None:
        super().__init__(configuratie, **opties)
        self._herhalingen = herhalingen
        self._timeout = timeout
        self._connectors: dict[tuple[str | None, str, str | None], ConnectorClient] = {}
        self._tokenclients: dict[str | None, UserTokenClient] = {}

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        resultaat = await super().authenticate_request(activity, auth_header)
        if resultaat.connector_factory is not None:
            resultaat.connector_factory = self._bewaard(resultaat.connector_factory, resultaat.claims_identity)
        return resultaat

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        """Proactive messages (`continue_conversation`) use the kept connectors too."""
        return self._bewaard(super().create_connector_factory(claims_identity), claims_identity)

    def _bewaard(self, fabriek: ConnectorFactory, claims_identity: ClaimsIdentity | None) -> ConnectorFactory:
        return _BewaardeConnectors(
            fabriek, _app_id(claims_identity), self._connectors, self.MAX, self._herhalingen, self._timeout
        )

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        app_id = _app_id(claims_identity)
        client = self._tokenclients.get(app_id)
        if client is None:
            client = await super().create_user_token_client(claims_identity)
            if len(self._tokenclients) >= self.MAX:
                self._tokenclients.clear()
            self._tokenclients[app_id] = client
        return client


class _BewaardeConnectors(ConnectorFactory):
    """A turn's connector factory that hands out the kept `ConnectorClient` for its service URL."""

    def __init__(
        self,
        fabriek: ConnectorFactory,
        app_id: str | None,
        bewaard: dict[tuple[str | None, str, str | None], ConnectorClient],
        maximum: int,
        herhalingen: int,
        timeout: float,
    ) -> None:
        self._fabriek = fabriek
        self._app_id = app_id
        self._bewaard = bewaard
        self._maximum = maximum
        self._herhalingen = herhalingen
        self._timeout = timeout

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        sleutel = (self._app_id, service_url, audience)
        client = self._bewaard.get(sleutel)
        if client is None:
            client = await self._fabriek.create(service_url, audience)
            client.config.retry_policy.retries = self._herhalingen  # read when its HTTP sessions are made
            client.config.connection.timeout = self._timeout  # requests' timeout, read for every call
            if len(self._bewaard) >= self._maximum:
                self._bewaard.clear()
            self._bewaard[sleutel] = client
        else:
            await vul_token_aan(client.config.credentials)
        return client


def _app_id(claims_identity: ClaimsIdentity | None) -> str | None:
    """The bot's app id as the SDK reads it from the claims (audience, else appid)."""
    if claims_identity is None:
        return None
    app_id = claims_identity.get_claim_value(AuthenticationConstants.AUDIENCE_CLAIM)
    return app_id if app_id is not None else claims_identity.get_claim_value(AuthenticationConstants.APP_ID_CLAIM)


class RecenteFouten:
    """Which conversations failed on their previous turn (in this process, bounded, short-lived)."""

    VENSTER = timedelta(minutes=10)
    MAX = 10_000

    def __init__(self) -> None:
        self._laatst: dict[str, datetime] = {}

    def opnieuw_mis(self, sleutel: str) -> bool:
        """Record a failure; True when the same conversation also failed within the window."""
        nu = datetime.now(UTC)
        vorige = self._laatst.pop(sleutel, None)
        if vorige is not None and nu - vorige < self.VENSTER:
            return True
        if len(self._laatst) >= self.MAX:
            self._laatst.clear()
        self._laatst[sleutel] = nu
        return False


async def _meld(turn_context: TurnContext, tekst: str) -> None:
    if turn_context.activity.type not in (ActivityTypes.message, ActivityTypes.invoke):
        return
    try:
        await turn_context.send_activity(tekst)
    except Exception:  # noqa: BLE001 — the channel may be unreachable; the cause is logged already
        log.warning("Melding kon niet naar de gebruiker worden gestuurd")
