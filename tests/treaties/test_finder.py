"""Partner finder: countries and share ranges that make a project qualify."""

from __future__ import annotations

from decimal import Decimal

from korkyt.treaties import evaluate, find_partners, from_dict

from .conftest import project_dict


def test_a_kazakh_producer_alone_can_qualify_under_turkiyes_regulation_with_10_to_90_percent() -> None:
    data = project_dict([("kz", "KZ", "900000", "USD")], currency="USD", elements="KZ")
    found = {(s.instrument, s.country): s for s in find_partners(from_dict(data))}
    s = found[("tr-2019", "TR")]
    assert (s.share_min, s.share_max) == (Decimal(10), Decimal(90))
    # 10 % of the new total: 900,000 / 9 = 100,000 USD; 90 %: 8,100,000 USD.
    assert (s.amount_min, s.amount_max) == (Decimal(100000), Decimal(8100000))
    assert "Türkiye" in s.message and "TR 2019" in s.message
    assert not any(i == "mou" or i == "kz-2019" for i, _ in found)


def test_a_dutch_fiction_finds_parties_to_the_revised_convention() -> None:
    data = project_dict([("nl", "NL", "1000000", "EUR")], elements="NL")
    found = {(s.instrument, s.country) for s in find_partners(from_dict(data), instruments=["cets-220"])}
    assert found == {("cets-220", "RO"), ("cets-220", "UA")}


def test_the_non_party_cap_bounds_the_share_a_party_must_bring() -> None:
    # Kazakhstan (non-party) and the Netherlands: a Romanian partner must bring enough to keep KZ ≤ 30 %.
    data = project_dict([("nl", "NL", "500000", "EUR"), ("kz", "KZ", "500000", "EUR")], elements="NL")
    [s] = [x for x in find_partners(from_dict(data), instruments=["cets-220"]) if x.country == "RO"]
    # KZ's 50 % of the old total must fall to 30 %: the newcomer brings at least 40 %; each old
    # partner must keep at least 5 % (multilateral), so the newcomer's maximum is 80 % (its own cap).
    assert s.share_min == Decimal(40) and s.share_max == Decimal(80)
    extended = dict(data)
    extended["partners"] = [
        *data["partners"],
        {"id": "ro", "country": "RO", "contribution": {"amount": str(s.amount_min), "currency": "EUR"}},
    ]
    assert evaluate(from_dict(extended)).verdict("cets-220").eligible


def test_candidates_can_be_limited() -> None:
    data = project_dict([("kz", "KZ", "900000", "USD")], currency="USD", elements="KZ")
    assert {s.country for s in find_partners(from_dict(data), candidates=["uz", "KG"])} <= {"UZ", "KG"}


def test_suggestions_join_with_a_company_directory() -> None:
    from korkyt.treaties import match_companies

    class Catalogue:
        def __init__(self) -> None:
            self.asked: list[str] = []

        def companies(self, country: str) -> list[str]:
            self.asked.append(country)
            return {"TR": ["Istanbul Film Studio", "Ankara Animation"]}.get(country, [])

    data = project_dict([("kz", "KZ", "900000", "USD")], currency="USD", elements="KZ")
    catalogue = Catalogue()
    matches = match_companies(find_partners(from_dict(data)), catalogue)
    assert [(m.suggestion.instrument, m.suggestion.country) for m in matches] == [("tr-2019", "TR")]
    assert matches[0].companies == ("Istanbul Film Studio", "Ankara Animation")
    assert len(catalogue.asked) == len(set(catalogue.asked))
