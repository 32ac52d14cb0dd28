"""Escalation routes in chat (issue 4): "waar moet ik heen met een knelpunt?", "mag ik …?".

`EscalatieFeature` answers a direct question in one turn when it matches one rule, offers close
rules as a choice (`dialogen.keuzevraag`), and otherwise starts the guided form `EscalatieFormulier`
(group → situation → optional onderwerp → the route, `dialogen.formulier`). `antwoord` turns a rule
and its resolved route into the Dutch reply.
"""

from dialogen.escalatie.feature import EscalatieFeature

__all__ = ["EscalatieFeature"]
