"""The kennisbank's source documents as sections and passages, and a passage search.

Pure domain code (no botbuilder): `lees_documenten` reads and validates a `documenten/` folder,
`passages` splits the sections, `PassageZoeker` finds the passages that answer a question.
"""

from kennisbank.documenten.laden import documenten_van, lees_documenten_van, passagezoeker_van
from kennisbank.documenten.lezen import MAP, lees_documenten
from kennisbank.documenten.model import Brondocument, Passage, Sectie
from kennisbank.documenten.passages import passages
from kennisbank.documenten.zoeker import PassageZoeker, Treffer

__all__ = [
    "MAP",
    "Brondocument",
    "Passage",
    "PassageZoeker",
    "Sectie",
    "Treffer",
    "documenten_van",
    "lees_documenten",
    "lees_documenten_van",
    "passagezoeker_van",
    "passages",
]
