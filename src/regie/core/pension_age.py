"""The age bounds of the duty: from 16 up to the state-pension age (*pensioengerechtigde leeftijd*).

The duty runs from the age of 16 up to the pension age; most people only become obliged at 18,
because compulsory schooling (leerplicht, kwalificatieplicht) comes first (Schulinck,
"Minderjarige vreemdelingen"; the article of the Wet inburgering 2021 that says so was not read:
UNCONFIRMED).

The pension age is set per **calendar year in which it is reached** (Algemene Ouderdomswet art.
7a lid 1, text read in an older consolidation that lists 2013–2021; the current text, changed by
the Wet temporisering verhoging AOW-leeftijd (2019) and by the yearly determinations, was not
read). The years from 2019 come from secondary sources (SVB/rijksoverheid as reported by
hls-pensioen.nl, CBS 2022, syfers.nl for 2031), so the table is UNCONFIRMED and shown with the
*Niet bevestigd* badge. A year after the table uses its last value ("at least").

This is a table by year, not a rule-set value per valid-from date, so it is kept here and not in
``core.ruleset.RULES`` (whose values are one number per version); see docs/decisions.md.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta

MIN_AGE_YEARS = 16
MIN_AGE_SOURCE = (
    "Wet inburgering 2021 (artikeltekst niet gelezen); Schulinck, Minderjarige vreemdelingen"
)
MIN_AGE_UNCONFIRMED = True

# calendar year -> (years, months) of the pension age in that year
PENSION_AGE_BY_YEAR: dict[int, tuple[int, int]] = {
    2012: (65, 0),
    2013: (65, 1),
    2014: (65, 2),
    2015: (65, 3),
    2016: (65, 6),
    2017: (65, 9),
    2018: (66, 0),
    2019: (66, 4),
    2020: (66, 4),
    2021: (66, 4),
    2022: (66, 7),
    2023: (66, 10),
    2024: (67, 0),
    2025: (67, 0),
    2026: (67, 0),
    2027: (67, 0),
    2028: (67, 3),
    2029: (67, 3),
    2030: (67, 3),
    2031: (67, 3),
}
PENSION_AGE_SOURCE = (
    "Algemene Ouderdomswet art. 7a (leeftijd per kalenderjaar; huidige artikeltekst niet "
    "gelezen); jaren vanaf 2019 volgens SVB/Rijksoverheid zoals weergegeven door "
    "hls-pensioen.nl en CBS; na 2031 ten minste de laatste waarde"
)
PENSION_AGE_UNCONFIRMED = True


def _age_in(year: int) -> tuple[int, int]:
    first, last = min(PENSION_AGE_BY_YEAR), max(PENSION_AGE_BY_YEAR)
    return PENSION_AGE_BY_YEAR[min(max(year, first), last)]


def pension_date(born: dt.date) -> dt.date:
    """The day a person born on ``born`` reaches the pension age: the first calendar year whose
    pension age, added to the birth date, falls in that year."""
    year = born.year + 60
    while True:
        years, months = _age_in(year)
        reached = born + relativedelta(years=years, months=months)
        if reached.year <= year:
            return reached
        year += 1


def sixteenth_birthday(born: dt.date) -> dt.date:
    return born + relativedelta(years=MIN_AGE_YEARS)


def age_on(born: dt.date, day: dt.date) -> int:
    return relativedelta(day, born).years
