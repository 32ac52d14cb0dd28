"""Grouped cross-validation of the intent recogniser on its own example sentences (issue 11).

    .venv/bin/python -m bench.herkenning [--folds 5] [--paren 15] [--verpakt] [--typfouten]

Plain k-fold over the examples flatters the classifier: an example and its near-paraphrase ("wie
is AO van X" / "wie is de AO van Y") land in different folds, so the test sentence is almost in
the training set. Here near-paraphrases are *grouped* first and a whole group is held out
together, which is closer to how an unseen user sentence relates to the examples.

Groups: within one intent, two examples belong together when their content words (no Dutch
function words, no digits) overlap by Jaccard ≥ `SAMEN`, or their character n-gram profiles are
nearly the same (cosine ≥ `GELIJK`); groups are the connected components. Whole groups are dealt to
folds (largest first, to the fold with the fewest examples of that intent), so every fold has
every intent. Deterministic: same examples, same folds, same numbers.

Each fold trains a real `Herkenner` (the product's thresholds and out-of-scope policy) on the rest
and recognises the held-out sentences, so out-of-scope decisions count too. The kennisbank's
escalation `voorbeeldvragen` are examples of `escalatie.vraag`, as in the product
(`dialogen.intentiedata.voorbeelden_uit_kennisbank`).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from dialogen.classificatie import Voorspelling
from dialogen.herkenning import BUITEN_BEREIK, Drempels, Herkenner
from dialogen.intentiedata import Intentie, laad_intenties, voorbeelden_uit_kennisbank
from kennisbank.zoeken.normaliseren import STOPWOORDEN, normaliseer

SAMEN = 0.5
"""Jaccard overlap of content words from which two examples are near-paraphrases."""
GELIJK = 0.8
"""Character n-gram cosine from which two examples are near-paraphrases."""
VOORBEELD_KENNISBANK = Path(__file__).resolve().parent.parent / "kennisbank" / "voorbeeld"


@dataclass(frozen=True)
class Uitslag:
    nauwkeurigheid: float
    """Share of held-out examples recognised as their own intent (out-of-scope included)."""
    per_intentie: dict[str, float]
    per_functie: dict[str, float]
    verward: list[tuple[tuple[str, str], int]]
    buiten_bereik_terecht: float
    """Share of out-of-scope examples recognised as out of scope."""
    binnen_als_buiten: float
    """Share of in-scope examples wrongly recognised as out of scope."""
    aantal: int
    groepen: int


def voorbeelden(kennisbank_map: Path | None = VOORBEELD_KENNISBANK) -> dict[str, Intentie]:
    """The product's intents with the example kennisbank's additions (as the running bot has them)."""
    intenties = laad_intenties(kennisbank_map=kennisbank_map)
    if kennisbank_map is not None:
        from kennisbank.laden import laad_kennisbank

        for naam, extra in voorbeelden_uit_kennisbank(laad_kennisbank(kennisbank_map)).items():
            if naam in intenties:
                intenties[naam] = replace(intenties[naam], voorbeelden=intenties[naam].voorbeelden + extra)
    return intenties


def _inhoud(tekst: str) -> frozenset[str]:
    return frozenset(w for w in normaliseer(tekst).split() if w not in STOPWOORDEN and not w.isdigit())


def groepeer(teksten: list[str]) -> list[int]:
    """A group number per text: connected components of near-paraphrases (see module docstring),
    numbered in the order of their first text."""
    inhoud = [_inhoud(t) for t in teksten]
    woorden = sorted(set().union(*inhoud))
    kolom = {w: k for k, w in enumerate(woorden)}
    rijen = [i for i, a in enumerate(inhoud) for _ in a]
    kolommen = [kolom[w] for a in inhoud for w in a]
    bevat = csr_matrix((np.ones(len(rijen)), (rijen, kolommen)), shape=(len(teksten), len(woorden)))
    samen = (bevat @ bevat.T).toarray()  # |a & b|
    grootte = np.array([len(a) for a in inhoud], dtype=np.float64)
    vereniging = grootte[:, None] + grootte[None, :] - samen  # |a | b|
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(vereniging > 0, samen / vereniging, 1.0)
    tekens = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(
        [normaliseer(t) for t in teksten]
    )
    cosinus = (tekens @ tekens.T).toarray()
    _, component = connected_components(csr_matrix((jaccard >= SAMEN) | (cosinus >= GELIJK)), directed=False)
    nummers: dict[int, int] = {}
    return [nummers.setdefault(int(c), len(nummers)) for c in component]


def verdeel(intenties: dict[str, Intentie], folds: int) -> list[tuple[str, str, int, int]]:
    """(text, intent, group id, fold) for every distinct example with at least one word."""
    rijen: list[tuple[str, str, int, int]] = []
    groep_basis = 0
    for naam, intentie in intenties.items():
        teksten = [t for t in dict.fromkeys(intentie.voorbeelden) if normaliseer(t)]
        if not teksten:
            continue
        groepen = groepeer(teksten)
        leden: dict[int, list[str]] = defaultdict(list)
        for tekst, groep in zip(teksten, groepen):
            leden[groep].append(tekst)
        vulling = [0] * folds
        for groep in sorted(leden, key=lambda g: (-len(leden[g]), g)):
            fold = min(range(folds), key=lambda f: (vulling[f], f))
            vulling[fold] += len(leden[groep])
            rijen += [(tekst, naam, groep_basis + groep, fold) for tekst in leden[groep]]
        groep_basis += len(leden)
    return rijen


@dataclass(frozen=True)
class Voorspeld:
    """One held-out example: its intent, the command rule's intent (if one matched) and the classifier's view."""

    naam: str
    regel: str | None
    voorspelling: Voorspelling


KADERS = (
    "Goedemorgen! {}",
    "hoi, snelle vraag: {}",
    "{} Alvast bedankt!",
    "Hallo, ik heb een vraag. {} Groetjes",
    "hey, ik ben nieuw hier. {}",
    "{} kun je me daarmee helpen?",
)
"""Everyday words around a question, as people type in Teams (the last two are not filler the
recogniser drops): `--verpakt` measures the held-out examples wrapped in them, in turn."""


def verpakt(nummer: int, tekst: str) -> str:
    """The `nummer`-th held-out example in one of the `KADERS`."""
    return KADERS[nummer % len(KADERS)].format(tekst)


def met_typfouten(nummer: int, tekst: str) -> str:
    """About a third of the words of 5+ letters with one typo (two letters swapped, one missing or
    one doubled), the same ones every run: `--typfouten`."""
    kans = random.Random(nummer)
    uit = []
    for woord in tekst.split():
        if len(woord) >= 5 and kans.random() < 0.35:
            i, soort = kans.randrange(1, len(woord) - 1), kans.random()
            if soort < 0.4:
                woord = woord[:i] + woord[i + 1] + woord[i] + woord[i + 2 :]
            elif soort < 0.75:
                woord = woord[:i] + woord[i + 1 :]
            else:
                woord = woord[:i] + woord[i] + woord[i:]
        uit.append(woord)
    return " ".join(uit)


def voorspel_uitgehouden(
    intenties: dict[str, Intentie] | None = None,
    folds: int = 5,
    verander: Callable[[int, str], str] | None = None,
    rijen: list[tuple[str, str, int, int]] | None = None,
) -> list[Voorspeld]:
    """Every example, recognised by a `Herkenner` trained on the other folds. With `verander`
    (`verpakt`, `met_typfouten`) the held-out sentence is changed first, and only the substantive
    intents are measured (not greetings, thanks and commands). `rijen`: `verdeel(intenties, folds)`
    when the caller has it already."""
    intenties = voorbeelden() if intenties is None else intenties
    rijen = verdeel(intenties, folds) if rijen is None else rijen
    uit: list[Voorspeld] = []
    for fold in range(folds):
        training: dict[str, list[str]] = defaultdict(list)
        for tekst, naam, _, f in rijen:
            if f != fold:
                training[naam].append(tekst)
        deel = {naam: replace(i, voorbeelden=training[naam]) for naam, i in intenties.items() if training[naam] or i.regels}
        herkenner = Herkenner(deel)
        for i, (tekst, naam, _, f) in enumerate(rijen):
            if f == fold and (verander is None or not naam.startswith("algemeen.")):
                gesteld = verander(i, tekst) if verander else tekst
                commando = herkenner.commando(gesteld)  # what `herken` tries first; `beslis` applies the rest
                regel = commando.intentie if commando is not None else None
                uit.append(Voorspeld(naam, regel, herkenner.voorspel(normaliseer(gesteld))))
    return uit


def beslis(voorspeld: Voorspeld, drempels: Drempels) -> str:
    """The intent the product's policy gives (command rule, classifier, out of scope)."""
    if voorspeld.regel is not None:
        return voorspeld.regel
    naam = voorspeld.voorspelling.intentie
    if naam != BUITEN_BEREIK and Herkenner.buiten_bereik(voorspeld.voorspelling, drempels):
        return BUITEN_BEREIK
    return naam


def uitslag(voorspeld: list[Voorspeld], drempels: Drempels = Drempels(), groepen: int = 0) -> Uitslag:
    goed: Counter[str] = Counter()
    totaal: Counter[str] = Counter()
    verward: Counter[tuple[str, str]] = Counter()
    binnen_als_buiten = 0
    for v in voorspeld:
        herkend = beslis(v, drempels)
        totaal[v.naam] += 1
        if herkend == v.naam:
            goed[v.naam] += 1
        else:
            verward[(v.naam, herkend)] += 1
            binnen_als_buiten += v.naam != BUITEN_BEREIK and herkend == BUITEN_BEREIK
    per_functie_goed: Counter[str] = Counter()
    per_functie_totaal: Counter[str] = Counter()
    for naam in totaal:
        functie = naam.split(".", 1)[0]
        per_functie_goed[functie] += goed[naam]
        per_functie_totaal[functie] += totaal[naam]
    binnen = sum(n for naam, n in totaal.items() if naam != BUITEN_BEREIK)
    return Uitslag(
        sum(goed.values()) / sum(totaal.values()),
        {n: goed[n] / totaal[n] for n in sorted(totaal)},
        {f: per_functie_goed[f] / per_functie_totaal[f] for f in sorted(per_functie_totaal)},
        verward.most_common(),
        goed[BUITEN_BEREIK] / totaal[BUITEN_BEREIK] if totaal[BUITEN_BEREIK] else float("nan"),
        binnen_als_buiten / binnen if binnen else 0.0,
        len(voorspeld),
        groepen,
    )


def kruisvalideer(intenties: dict[str, Intentie] | None = None, folds: int = 5, drempels: Drempels = Drempels()) -> Uitslag:
    """Grouped k-fold accuracy of the recogniser with the product's policy (see module docstring)."""
    intenties = voorbeelden() if intenties is None else intenties
    rijen = verdeel(intenties, folds)
    groepen = len({g for _, _, g, _ in rijen})
    return uitslag(voorspel_uitgehouden(intenties, folds, rijen=rijen), drempels, groepen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--paren", type=int, default=15, help="hoeveel verwarde paren tonen")
    parser.add_argument("--verpakt", action="store_true", help="meet ook de voorbeelden met alledaagse woorden eromheen")
    parser.add_argument("--typfouten", action="store_true", help="meet ook de voorbeelden met typfouten")
    argumenten = parser.parse_args()
    begin = time.perf_counter()
    gemeten = kruisvalideer(folds=argumenten.folds)
    print(
        f"{gemeten.aantal} voorbeelden in {gemeten.groepen} groepen, {argumenten.folds} folds "
        f"({time.perf_counter() - begin:.1f} s)"
    )
    print(f"gegroepeerde kruisvalidatie: {gemeten.nauwkeurigheid:.1%}")
    print(
        f"buiten bereik terecht herkend: {gemeten.buiten_bereik_terecht:.1%}; "
        f"binnen bereik ten onrechte buiten bereik: {gemeten.binnen_als_buiten:.1%}"
    )
    print("per functie: " + ", ".join(f"{f} {s:.1%}" for f, s in gemeten.per_functie.items()))
    for naam, score in sorted(gemeten.per_intentie.items(), key=lambda x: x[1]):
        print(f"  {naam:48s} {score:6.1%}")
    for gevraagd, verander, wat in (
        (argumenten.verpakt, verpakt, "verpakt in alledaagse woorden"),
        (argumenten.typfouten, met_typfouten, "met typfouten"),
    ):
        if gevraagd:
            anders = uitslag(voorspel_uitgehouden(folds=argumenten.folds, verander=verander))
            print(f"inhoudelijke intenties, {wat}: {anders.nauwkeurigheid:.1%} (buiten bereik: {anders.binnen_als_buiten:.1%})")
    print("meest verwarde paren (echt -> herkend):")
    for (echt, herkend), aantal in gemeten.verward[: argumenten.paren]:
        print(f"  {echt:44s} -> {herkend:32s} {aantal:3d}")


if __name__ == "__main__":
    main()
