"""The list of features. A new feature is added here, once."""

from __future__ import annotations

from collections.abc import Callable

from dialogen.feature import Feature
from dialogen.featureservices import FeatureServices

FeatureFactory = Callable[[FeatureServices], list[Feature]]


def maak_features(diensten: FeatureServices) -> list[Feature]:
    from dialogen.bestuursopdracht import BestuursopdrachtFeature
    from dialogen.documenten import DocumentenFeature
    from dialogen.escalatie import EscalatieFeature
    from dialogen.opdrachtgever import OpdrachtgeverFeature
    from dialogen.rapportage import RapportageFeature

    return [
        OpdrachtgeverFeature(diensten),
        BestuursopdrachtFeature(diensten),
        RapportageFeature(diensten),
        EscalatieFeature(diensten),
        DocumentenFeature(diensten),
    ]
