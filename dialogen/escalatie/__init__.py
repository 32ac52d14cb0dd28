"""Escalation routes in chat (issue 4): "waar moet ik heen met een knelpunt?", "mag ik …?".

`EscalatieFeature` answers a direct question in one turn when it matches one rule, and otherwise
starts `EscalatieDialoog` (situation → optional onderwerp → the route). `antwoord` turns a rule
and its resolved route into the Dutch reply; `keuzes` reads a typed choice.
"""

from dialogen.escalatie.feature import EscalatieFeature

__all__ = ["EscalatieFeature"]
