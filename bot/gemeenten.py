"""Which gemeenten one deployment serves, and which Teams tenant belongs to which (configuration as data).

`GEMEENTEN=/pad/gemeenten.yaml`:

    gemeenten:
      - id: standaard                 # letters, digits, '-' or '_'; stored with every row
        naam: Gemeente Voorbeeld      # shown to operators (health, logs)
        kennisbank: kennisbank/voorbeeld   # folder; relative to this file
        tenants: [00000000-0000-0000-0000-000000000001]
        herinneringen: ja             # optional (default ja): this gemeente's reminders on or off
        bot:                          # optional: the gemeente's own bot registration (else MicrosoftAppId)
          app_id: 11111111-2222-3333-4444-555555555555
          app_type: SingleTenant      # or UserAssignedMSI (no secret)
          tenant_id: 00000000-0000-0000-0000-000000000001
          app_password_env: GEMEENTE_A_APP_PASSWORD   # or app_password_bestand: /run/secrets/...

The first gemeente is the default one: rows stored before there were gemeenten move into it.
Reminder moments and texts are the gemeente's own through its kennisbank folder (`rapportage.yaml`,
`teksten/`). Without GEMEENTEN there is one gemeente, `standaard`, from KENNISBANK, and every tenant
(or none) is accepted, as before. Mistakes are reported in Dutch with file and line (`ConfiguratieFout`).
A `bot:` block gives the gemeente its own app registration (`Gemeente.instellingen`): its adapter
accepts only tokens for that app id, and sends with it. The secret is never in the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import ConfiguratieFout, Settings
from db.gemeente import STANDAARD_GEMEENTE
from kennisbank.meldingen import Melding, rapport, suggestie
from kennisbank.yaml_lezen import Regels, bestandsreden, lees_yaml

if TYPE_CHECKING:
    from botbuilder.schema import Activity

GELDIG_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
VELDEN = {"id", "naam", "kennisbank", "tenants", "herinneringen", "bot"}
BOT_VELDEN = {"app_id", "app_type", "tenant_id", "app_password_env", "app_password_bestand"}
BOT_APP_TYPES = ("SingleTenant", "UserAssignedMSI")
_JA_NEE = {"ja": True, "nee": False}


@dataclass(frozen=True)
class BotRegistratie:
    """A gemeente's own Azure Bot registration (SingleTenant app or user-assigned managed identity)."""

    app_id: str
    app_type: str
    tenant_id: str
    app_password: str = field(default="", repr=False)
    """Read from the variable or file the configuration names; empty for UserAssignedMSI."""


@dataclass(frozen=True)
class Gemeente:
    id: str
    naam: str
    kennisbank: Path
    tenants: frozenset[str]
    """Lower-case tenant ids; empty only in a single-gemeente installation (then any tenant)."""
    herinneringen: bool = True
    bot: BotRegistratie | None = None
    """Its own registration; None: the global MicrosoftAppId settings."""

    def instellingen(self, settings: Settings) -> Settings:
        """The settings this gemeente's bot runs with: the global ones, with its own registration."""
        if self.bot is None:
            return settings
        return replace(
            settings,
            app_id=self.bot.app_id,
            app_password=self.bot.app_password,
            app_type=self.bot.app_type,
            app_tenant_id=self.bot.tenant_id,
        )


@dataclass(frozen=True)
class Gemeenten:
    """The configured gemeenten, the first being the default."""

    lijst: tuple[Gemeente, ...]
    elke_tenant: bool = False
    """Single-gemeente installation without GEMEENTEN: every activity belongs to the one gemeente."""

    @property
    def standaard(self) -> Gemeente:
        return self.lijst[0]

    def bij_tenant(self, tenant_id: str | None) -> Gemeente | None:
        """The gemeente of this tenant, or None when the tenant is not configured."""
        if self.elke_tenant:
            return self.standaard
        if not tenant_id:
            return None
        tenant = tenant_id.strip().lower()
        return next((g for g in self.lijst if tenant in g.tenants), None)

    def anoniem(self, settings: Settings) -> bool:
        """Some gemeente runs without channel authentication (no own registration, no MicrosoftAppId)."""
        return any(g.instellingen(settings).lokaal for g in self.lijst)


def gemeenten_uit(settings: Settings) -> Gemeenten:
    """From GEMEENTEN when set, else the one default gemeente from KENNISBANK."""
    if settings.gemeenten is None:
        return Gemeenten((Gemeente(STANDAARD_GEMEENTE, "", settings.kennisbank, frozenset()),), elke_tenant=True)
    return laad_gemeenten(settings.gemeenten, globale_app_id=settings.app_id)


def tenant_van(activiteit: Activity) -> str | None:
    """The Teams tenant of an activity (`channelData.tenant.id`, else `conversation.tenantId`);
    `""` when the two disagree (refused like an unknown tenant)."""
    kanaaldata = activiteit.channel_data if isinstance(activiteit.channel_data, Mapping) else {}
    tenant = kanaaldata.get("tenant")
    uit_kanaal = tenant.get("id") if isinstance(tenant, Mapping) and isinstance(tenant.get("id"), str) else None
    uit_gesprek = _gesprekstenant(activiteit)
    if uit_kanaal and uit_gesprek and uit_kanaal.strip().lower() != uit_gesprek.strip().lower():
        return ""
    return uit_kanaal or uit_gesprek


def _gesprekstenant(activiteit: Activity) -> str | None:
    """`conversation.tenantId` as Teams sends it (the SDK's model only maps the spelling `tenantID`)."""
    gesprek = activiteit.conversation
    if gesprek is None:
        return None
    extra = getattr(gesprek, "additional_properties", None) or {}
    for waarde in (getattr(gesprek, "tenant_id", None), extra.get("tenantId")):
        if isinstance(waarde, str) and waarde.strip():
            return waarde
    return None


def laad_gemeenten(pad: Path, omgeving: Mapping[str, str] | None = None, *, globale_app_id: str = "") -> Gemeenten:
    """Read and validate the GEMEENTEN file; `ConfiguratieFout` lists every mistake with its line.
    `omgeving` (default os.environ) holds the secrets named by `app_password_env`; `globale_app_id`
    (MicrosoftAppId) is the registration of every gemeente without a `bot:` block."""
    env = os.environ if omgeving is None else omgeving
    naam = str(pad)
    gelezen, meldingen = lees_yaml(pad, naam)
    if gelezen is None:
        raise ConfiguratieFout(_als_fout(meldingen))
    regels = gelezen.regels
    data = gelezen.data if isinstance(gelezen.data, dict) else {}
    lijst = data.get("gemeenten")
    if not isinstance(lijst, list) or not lijst:
        meldingen.append(
            Melding(naam, regels.regel(("gemeenten",)) or 1, "verwacht 'gemeenten:' met een lijst van minstens één gemeente")
        )
        raise ConfiguratieFout(_als_fout(meldingen))
    for sleutel in data:
        if sleutel != "gemeenten":
            meldingen.append(
                Melding(naam, regels.regel((sleutel,)), f"onbekende sleutel {sleutel!r}; alleen 'gemeenten' hoort hier")
            )
    gemeenten: list[Gemeente] = []
    plekken: list[tuple] = []
    ids: dict[str, int] = {}
    tenants: dict[str, str] = {}
    for nummer, item in enumerate(lijst):
        gemeente = _lees_gemeente(item, ("gemeenten", nummer), regels, naam, pad.parent, env, meldingen)
        if gemeente is None:
            continue
        regel = regels.regel(("gemeenten", nummer, "id"))
        if gemeente.id in ids:
            meldingen.append(Melding(naam, regel, f"id {gemeente.id!r} staat er twee keer in (ook op regel {ids[gemeente.id]})"))
        ids.setdefault(gemeente.id, regel or 0)
        for tenant in sorted(gemeente.tenants):
            if tenant in tenants and tenants[tenant] != gemeente.id:
                meldingen.append(
                    Melding(
                        naam,
                        regels.regel(("gemeenten", nummer, "tenants")),
                        f"tenant {tenant!r} hoort al bij gemeente {tenants[tenant]!r}; een tenant hoort bij één gemeente",
                    )
                )
            tenants.setdefault(tenant, gemeente.id)
        gemeenten.append(gemeente)
        plekken.append(("gemeenten", nummer))
    meldingen += _gedeelde_registraties(list(zip(plekken, gemeenten)), regels, naam, globale_app_id)
    if any(m.is_fout for m in meldingen):
        raise ConfiguratieFout(_als_fout(meldingen))
    return Gemeenten(tuple(gemeenten))


def _gedeelde_registraties(
    gemeenten: list[tuple[tuple, Gemeente]], regels: Regels, naam: str, globale_app_id: str
) -> list[Melding]:
    """One bot registration per gemeente: two `bot:` blocks with one app id (or a block with
    MicrosoftAppId while another gemeente has no block and so uses it) would make one gemeente's
    tokens, replies and Teams app the other's too. Gemeenten that share a registration leave the
    block out and use MicrosoftAppId (docs/deployment.md 5d)."""
    meldingen = []
    eigenaar: dict[str, tuple[str, int | None]] = {}
    zonder_blok = [g.id for _, g in gemeenten if g.bot is None]
    globaal = globale_app_id.strip().lower()
    for plek_in_bestand, gemeente in gemeenten:
        if gemeente.bot is None:
            continue
        app_id = gemeente.bot.app_id.lower()
        plek = regels.regel((*plek_in_bestand, "bot", "app_id")) or regels.regel(plek_in_bestand)
        if app_id in eigenaar:
            meldingen.append(
                Melding(
                    naam,
                    plek,
                    f"app_id {gemeente.bot.app_id} van gemeente {gemeente.id!r} is ook de registratie van gemeente "
                    f"{eigenaar[app_id][0]!r} (regel {eigenaar[app_id][1]}); elke gemeente met een bot-blok heeft een "
                    "eigen registratie. Delen gemeenten "
                    "er één, laat dan bij hen het bot-blok weg en zet die registratie in MicrosoftAppId",
                )
            )
            continue
        eigenaar[app_id] = (gemeente.id, plek)
        if globaal and app_id == globaal and zonder_blok:
            meldingen.append(
                Melding(
                    naam,
                    plek,
                    f"app_id {gemeente.bot.app_id} van gemeente {gemeente.id!r} is ook MicrosoftAppId, de registratie van "
                    f"gemeente {zonder_blok[0]!r} (zonder bot-blok); laat bij {gemeente.id!r} het bot-blok weg of geef "
                    "haar een eigen registratie",
                )
            )
    return meldingen


def _lees_gemeente(
    item: object, plek: tuple, regels: Regels, naam: str, map_: Path, env: Mapping[str, str], meldingen: list[Melding]
) -> Gemeente | None:
    regel = regels.regel(plek)
    if not isinstance(item, dict):
        meldingen.append(Melding(naam, regel, "een gemeente is een blok met id, naam, kennisbank en tenants"))
        return None
    fouten_voor = len(meldingen)

    def fout(veld: str, tekst: str) -> None:
        meldingen.append(Melding(naam, regels.regel((*plek, veld)) or regel, tekst))

    for veld in item:
        if veld not in VELDEN:
            fout(veld, f"onbekend veld {veld!r}{suggestie(veld, VELDEN)}; velden: {', '.join(sorted(VELDEN))}")
    for veld in ("id", "naam", "kennisbank", "tenants"):
        if veld not in item:
            meldingen.append(Melding(naam, regel, f"veld '{veld}' ontbreekt bij deze gemeente"))
    id_ = item.get("id")
    if "id" in item and not (isinstance(id_, str) and GELDIG_ID.fullmatch(id_)):
        fout("id", "id moet uit kleine letters, cijfers, '-' of '_' bestaan (hooguit 100 tekens), bijvoorbeeld 'gemeente-a'")
    weergave = item.get("naam")
    if "naam" in item and not (isinstance(weergave, str) and weergave.strip()):
        fout("naam", "naam moet een tekst zijn, bijvoorbeeld 'Gemeente Voorbeeld'")
    kennisbank = item.get("kennisbank")
    kennisbank_map: Path | None = None
    if "kennisbank" in item:
        if not (isinstance(kennisbank, str) and kennisbank.strip()):
            fout("kennisbank", "kennisbank moet het pad van een kennisbankmap zijn")
        else:
            kennisbank_map = (map_ / kennisbank.strip()).resolve()
            if not kennisbank_map.is_dir():
                fout("kennisbank", f"kennisbankmap {kennisbank_map} bestaat niet")
    lijst = item.get("tenants")
    tenants: set[str] = set()
    if "tenants" in item:
        if not isinstance(lijst, list) or not lijst:
            fout(
                "tenants",
                "tenants moet een lijst met minstens één Teams-tenant-id zijn, bijvoorbeeld [00000000-0000-0000-0000-000000000001]",
            )
        else:
            for nummer, tenant in enumerate(lijst):
                if not (isinstance(tenant, str) and tenant.strip()) or len(tenant) > 100:
                    meldingen.append(
                        Melding(
                            naam,
                            regels.regel((*plek, "tenants", nummer)) or regel,
                            "een tenant-id is een tekst (de Teams-tenant-id, een GUID)",
                        )
                    )
                else:
                    tenants.add(tenant.strip().lower())
    herinneringen = item.get("herinneringen", "ja")
    if isinstance(herinneringen, bool):
        herinneringen = "ja" if herinneringen else "nee"
    if herinneringen not in _JA_NEE:
        fout("herinneringen", "herinneringen moet 'ja' of 'nee' zijn")
    bot = _lees_bot(item["bot"], (*plek, "bot"), regels, naam, map_, env, meldingen) if "bot" in item else None
    if len(meldingen) > fouten_voor or kennisbank_map is None or not isinstance(id_, str) or not isinstance(weergave, str):
        return None
    return Gemeente(id_, weergave.strip(), kennisbank_map, frozenset(tenants), _JA_NEE[herinneringen], bot)


def _lees_bot(
    blok: object, plek: tuple, regels: Regels, naam: str, map_: Path, env: Mapping[str, str], meldingen: list[Melding]
) -> BotRegistratie | None:
    """The `bot:` block: app id, type, tenant and where the secret is (never the secret itself)."""
    regel = regels.regel(plek)
    if not isinstance(blok, dict):
        meldingen.append(
            Melding(
                naam, regel, "bot moet een blok zijn met app_id, app_type, tenant_id en app_password_env of app_password_bestand"
            )
        )
        return None
    fouten_voor = len(meldingen)

    def fout(veld: str, tekst: str) -> None:
        meldingen.append(Melding(naam, regels.regel((*plek, veld)) or regel, tekst))

    for veld in blok:
        if veld == "app_password":
            fout(
                veld,
                "zet het geheim niet in dit bestand: noem de omgevingsvariabele (app_password_env) "
                "of het bestand (app_password_bestand) waarin het staat",
            )
        elif veld not in BOT_VELDEN:
            fout(veld, f"onbekend veld {veld!r}{suggestie(veld, BOT_VELDEN)}; velden: {', '.join(sorted(BOT_VELDEN))}")
    app_type = blok.get("app_type", "SingleTenant")
    if app_type not in BOT_APP_TYPES:
        fout(
            "app_type",
            f"app_type moet {' of '.join(BOT_APP_TYPES)} zijn, niet {app_type!r} (een MultiTenant-"
            "registratie deelt u tussen gemeenten: zet die in MicrosoftAppId)",
        )
    waarden = {}
    for veld in ("app_id", "tenant_id"):
        waarde = blok.get(veld)
        if veld not in blok:
            meldingen.append(Melding(naam, regel, f"veld '{veld}' ontbreekt in het bot-blok"))
        elif not (isinstance(waarde, str) and waarde.strip()) or len(waarde) > 100:
            fout(veld, f"{veld} moet een tekst zijn (een GUID uit Azure), niet {waarde!r}")
        else:
            waarden[veld] = waarde.strip()
    bronnen = [veld for veld in ("app_password_env", "app_password_bestand") if veld in blok]
    geheim = ""
    if app_type == "UserAssignedMSI":
        for veld in bronnen:
            fout(veld, "een beheerde identiteit (UserAssignedMSI) heeft geen geheim; laat dit veld weg")
    elif len(bronnen) != 1:
        meldingen.append(
            Melding(
                naam, regel, "noem het geheim van deze registratie met precies één van app_password_env of app_password_bestand"
            )
        )
    else:
        geheim = _lees_geheim(bronnen[0], blok[bronnen[0]], map_, env, lambda tekst: fout(bronnen[0], tekst))
    if len(meldingen) > fouten_voor:
        return None
    return BotRegistratie(waarden["app_id"], str(app_type), waarden["tenant_id"], geheim)


def _lees_geheim(veld: str, waarde: object, map_: Path, env: Mapping[str, str], fout) -> str:
    """The secret from the named environment variable or file; "" after a message."""
    if not (isinstance(waarde, str) and waarde.strip()):
        fout(f"{veld} moet de naam van een omgevingsvariabele of het pad van een bestand zijn")
        return ""
    if veld == "app_password_env":
        geheim = env.get(waarde.strip(), "").strip()
        if not geheim:
            fout(f"omgevingsvariabele {waarde.strip()} (het geheim van deze registratie) is niet gezet of leeg")
        return geheim
    pad = map_ / waarde.strip()
    try:
        geheim = pad.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as reden:
        fout(f"geheimbestand {pad} is niet te lezen ({bestandsreden(reden) if isinstance(reden, OSError) else 'geen UTF-8'})")
        return ""
    if not geheim:
        fout(f"geheimbestand {pad} is leeg")
    return geheim


def _als_fout(meldingen: list[Melding]) -> str:
    return "Fout in de gemeentenconfiguratie (GEMEENTEN):\n" + rapport(meldingen)
