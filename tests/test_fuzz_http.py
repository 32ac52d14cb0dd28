"""Issue 10, "Done when": a fuzz corpus of malformed requests, Teams-shaped and not, posted over
HTTP to the real app. None may give a 5xx, and nothing may be logged as a traceback or at ERROR.

The corpus is generated from seed lists (deterministic, no randomness): every field of a few
Teams-shaped activities replaced by values of the wrong type, huge, deeply nested or odd unicode;
every field removed; raw bodies that are not JSON or not an object; wrong content types; invokes
with junk names and values.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.conftest import TestGesprek
from tests.nep_connector import NepConnector

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


def _diep(n: int) -> Any:
    waarde: Any = "bodem"
    for _ in range(n):
        waarde = {"a": waarde}
    return waarde


VREEMDE_WAARDEN: list[Any] = [
    None,
    0,
    -1,
    10**30,
    1.5,
    True,
    "",
    " ",
    "x" * 5000,
    [],
    {},
    ["a", 1],
    {"a": {"b": []}},
    "\u0000",
    "nul\u0000byte",
    "\ud800",
    "\U0001f600" * 50,
    "\u202erechts-naar-links",
    "<b>&amp;</b>",
    "%s%n{0}{veld}",
    _diep(70),
    [[[[[[[[[[["diep"]]]]]]]]]]],
]

RUWE_BODIES: list[bytes] = [
    b"",
    b"null",
    b"[]",
    b'"tekst"',
    b"1",
    b"{",
    b"}",
    b"{}",
    b'{"type": null}',
    b'{"type": 5}',
    b"\xff\xfe\x00",
    b"\xef\xbb\xbf{}",
    b'{"type": "message", "a": ' + b"9" * 5000 + b"}",
    b"[" * 30000 + b"]" * 30000,
    b'{"type": "message"' + b', "x": 1' * 2000 + b"}",
    b'{"type": "message", "conversation": {"id": "c"}}',
    b"type=message&text=hoi",
    b'{"type": "message", "text": "\\ud800\\udc00\\ud800"}',
    b'{"type": "message", "text": NaN}',
    b'{"type": "message", "text": Infinity}',
    b'{"type": "message", "id": 1e400}',
]

INHOUDSTYPEN = [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json; charset=latin-1",
    "application/xml",
    "",
]

KOPREGELS: list[dict[str, str]] = [
    {"Authorization": "Bearer " + "x" * 120_000},
    {"Authorization": "Bearer"},
    {"Authorization": "Bearer a.b.c"},
    {"Authorization": "Basic Zm9vOmJhcg=="},
    {"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0."},
    {"X-Lang": "y" * 9000},
    {"Content-Length": "5"},
    {"Transfer-Encoding": "chunked"},
]

INVOKE_NAMEN = [
    "adaptiveCard/action",
    "task/fetch",
    "task/submit",
    "fileConsent/invoke",
    "composeExtension/query",
    "signin/verifyState",
    "actionableMessage/executeAction",
    "config/fetch",
    "tab/fetch",
    "healthCheck",
    "",
    "x" * 1000,
    "adaptiveCard/action\u0000",
]

INVOKE_WAARDEN: list[Any] = [
    None,
    "onzin",
    5,
    [],
    ["lijst"],
    {},
    {"action": "x"},
    {"action": {"type": "Action.Execute", "data": "tekst"}},
    {"action": {"type": "Action.Execute", "data": ["a"]}},
    {"action": {"type": "Action.Execute", "data": {"actie": 5}}},
    {"action": {"type": "Action.Execute", "data": {"actie": "bestuursopdracht.beoordeel", "sleutel": [1]}}},
    {"action": {"type": "Action.Submit", "data": {}}},
    {"data": [1, 2], "context": 5},
    {"type": "fileUpload", "action": 7},
]


def _basis(gesprek: TestGesprek) -> list[dict[str, Any]]:
    teams = {"tenant": {"id": "tenant"}, "team": {"id": "19:team", "name": "Team"}, "channel": {"id": "19:kanaal"}}
    return [
        gesprek.activiteit(
            text="wie is opdrachtgever voor de jeugdagenda", entities=[{"type": "mention", "text": "<at>bot</at>"}]
        ),
        gesprek.activiteit(
            type="invoke",
            name="adaptiveCard/action",
            deliveryMode="normal",
            value={"action": {"type": "Action.Execute", "data": {"actie": "escalatie.start"}}},
        ),
        gesprek.activiteit(
            type="conversationUpdate",
            membersAdded=[{"id": "28:sturingsbot"}],
            channelData={**teams, "eventType": "teamMemberAdded"},
        ),
        gesprek.activiteit(
            value={"actie": "rapportage.kaart", "onderwerp_id": "x"},
            text="",
            channelData=teams,
            conversation={"id": gesprek.gesprek_id, "conversationType": "groupChat"},
        ),
    ]


def _paden(waarde: Any, pad: tuple = ()) -> Iterator[tuple]:
    if isinstance(waarde, dict):
        for sleutel, kind in waarde.items():
            yield pad + (sleutel,)
            yield from _paden(kind, pad + (sleutel,))
    elif isinstance(waarde, list):
        for i, kind in enumerate(waarde):
            yield pad + (i,)
            yield from _paden(kind, pad + (i,))


def _met(activiteit: dict, pad: tuple, waarde: Any, *, weg: bool = False) -> dict:
    nieuw = copy.deepcopy(activiteit)
    doel = nieuw
    for stap in pad[:-1]:
        doel = doel[stap]
    if weg:
        del doel[pad[-1]]
    else:
        doel[pad[-1]] = waarde
    return nieuw


def corpus(gesprek: TestGesprek) -> Iterator[tuple[str, bytes, str]]:
    """(description, body, content type) for every malformed request; headers: `KOPREGELS`."""
    json_type = "application/json"
    for nummer, basis in enumerate(_basis(gesprek)):
        paden = list(_paden(basis))
        for p_index, pad in enumerate(paden):
            yield f"{nummer}:{pad} weg", json.dumps(_met(basis, pad, None, weg=True)).encode(), json_type
            # each path gets a few of the odd values, rotating, so all values meet all shapes
            for w_index in range(3):
                waarde = VREEMDE_WAARDEN[(p_index * 3 + w_index + nummer) % len(VREEMDE_WAARDEN)]
                yield f"{nummer}:{pad}={str(waarde)[:30]!r}", json.dumps(_met(basis, pad, waarde)).encode(), json_type
    for ruw in RUWE_BODIES:
        yield f"ruw {ruw[:30]!r}", ruw, json_type
    for inhoudstype in INHOUDSTYPEN:
        yield f"type {inhoudstype!r}", json.dumps(gesprek.activiteit(text="hoi")).encode(), inhoudstype
    for naam in INVOKE_NAMEN:
        for waarde in INVOKE_WAARDEN:
            activiteit = gesprek.activiteit(type="invoke", name=naam, value=waarde, deliveryMode="normal")
            yield f"invoke {naam[:30]!r} {str(waarde)[:30]!r}", json.dumps(activiteit).encode(), json_type


async def test_fuzz_corpus_never_gives_a_5xx_or_a_traceback(bot_client: TestClient, kennisbank, connector: NepConnector, caplog):
    gesprek = TestGesprek(bot_client, kennisbank)
    gesprek.als = "marcel-kossen"
    verzoeken = list(corpus(_met_connector(gesprek, connector)))
    assert len(verzoeken) >= 300
    fouten = []
    statussen: dict[int, int] = {}
    for omschrijving, body, inhoudstype in verzoeken:
        headers = {"Content-Type": inhoudstype} if inhoudstype else {}
        eerder = len(caplog.records)
        antwoord = await bot_client.post("/api/messages", data=body, headers=headers)
        await antwoord.read()
        statussen[antwoord.status] = statussen.get(antwoord.status, 0) + 1
        if antwoord.status >= 500:
            fouten.append((omschrijving, antwoord.status))
        fouten.extend(
            (omschrijving, r.name, r.getMessage()[:150])
            for r in caplog.records[eerder:]
            if r.levelno >= logging.ERROR or (r.exc_info and r.levelno >= logging.WARNING)
        )
    for kopregels in KOPREGELS:  # odd headers, raw over a socket (a client library would refuse some)
        status = await _ruw_verzoek(bot_client, json.dumps(gesprek.activiteit(text="hoi")).encode(), kopregels)
        statussen[status] = statussen.get(status, 0) + 1
        if status >= 500:
            fouten.append((f"kopregels {str(kopregels)[:40]}", status))
    fouten.extend(
        ("kopregels", r.name, r.getMessage()[:150])
        for r in caplog.records
        if r.levelno >= logging.ERROR or (r.exc_info and r.levelno >= logging.WARNING)
    )
    assert not fouten, "\n".join(map(str, fouten))
    print(statussen)
    assert sum(n for status, n in statussen.items() if status < 300) >= 100, statussen  # many reach the turn


async def _ruw_verzoek(client: TestClient, body: bytes, kopregels: dict[str, str]) -> int:
    """POST over a plain socket, headers exactly as given; the status of the answer (400 if none)."""
    import asyncio

    lezer, schrijver = await asyncio.open_connection(client.host, client.port)
    kop = {
        "Host": "localhost",
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        "Connection": "close",
        **kopregels,
    }
    if kop.get("Transfer-Encoding") == "chunked":
        body = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
        kop.pop("Content-Length")
    schrijver.write(
        b"POST /api/messages HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in kop.items()).encode() + b"\r\n" + body
    )
    await schrijver.drain()
    eerste = await asyncio.wait_for(lezer.readline(), 10)
    schrijver.close()
    delen = eerste.split()
    return int(delen[1]) if len(delen) > 1 and delen[1].isdigit() else 400


def _met_connector(gesprek: TestGesprek, connector: NepConnector) -> TestGesprek:
    """Replies of non-expectReplies deliveries go to the fake channel instead of the internet."""
    oorspronkelijk = gesprek.activiteit

    def activiteit(**velden: Any) -> dict[str, Any]:
        return {**oorspronkelijk(**velden), "serviceUrl": connector.url}

    gesprek.activiteit = activiteit  # type: ignore[method-assign]
    return gesprek
