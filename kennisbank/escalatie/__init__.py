"""Escalation routes: where to go with a situation, and what not to do.

- `model`: the records of `escalatie.yaml` (`EscalatieRegel`, its steps and don'ts), validated at
  load; an `ambtelijk` rule may never route to a bestuurlijke role or body (checked in controles).
- `route`: `route_voor(regel, onderwerp, kennisbank, vrager)` resolves every step to persons and labels.
- `vragen`: `RegelZoeker` matches a typed question to one rule (or to none, never a wrong one);
  `onderwerp_in_tekst` finds an onderwerp named in a direct question.

Import from the submodules; this package itself imports nothing, because `kennisbank.bestanden`
imports `model` while `route` and `vragen` need the loaded `Kennisbank`.
"""
