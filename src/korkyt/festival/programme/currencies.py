"""The currencies a ticket may be priced in: the ISO 4217 codes legal tender somewhere today, as the CLDR
(Babel) knows them. Historical codes (SUR) and the funds and test codes (XXX, XTS) are not."""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel.core import get_global
from babel.numbers import get_territory_currencies


@cache
def currencies_in_use() -> frozenset[str]:
    today = dt.date.today()
    territories = get_global("territory_currencies").keys()
    return frozenset(code for t in territories for code in get_territory_currencies(t, today))
