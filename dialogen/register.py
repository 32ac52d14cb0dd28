"""The list of features. A new feature is added here, once."""

from __future__ import annotations

from collections.abc import Callable

from dialogen.diensten import Diensten
from dialogen.functie import Functie

FunctieFabriek = Callable[[Diensten], list[Functie]]


def maak_functies(diensten: Diensten) -> list[Functie]:
    from dialogen.bestuursopdracht import BestuursopdrachtFunctie
    from dialogen.documenten import DocumentenFunctie
    from dialogen.escalatie import EscalatieFunctie
    from dialogen.opdrachtgever import OpdrachtgeverFunctie
    from dialogen.rapportage import RapportageFunctie

    return [
        OpdrachtgeverFunctie(diensten),
        BestuursopdrachtFunctie(diensten),
        RapportageFunctie(diensten),
        EscalatieFunctie(diensten),
        DocumentenFunctie(diensten),
    ]
