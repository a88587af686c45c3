"""Each instrument's rules on hand-built projects with known answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from korkyt.treaties import apply_changes, evaluate, from_dict

from .conftest import build, project_dict


def _failed(verdict):
    return [(c.rule, c.subject) for c in verdict.checks if not c.ok and not c.pending]


# --- CETS 220 --------------------------------------------------------------------------------------------


def test_cets_220_does_not_apply_when_kazakhstan_is_not_a_party() -> None:
    p = build([("kz", "KZ", "600000", "EUR"), ("nl", "NL", "400000", "EUR")], elements="NL")
    v = evaluate(p).verdict("cets-220")
    assert not v.applies and not v.eligible
    assert v.reason == "CETS 220 does not apply: Kazakhstan is not a party; only Netherlands is a party"
    assert v.checks == () and v.advice == ()


def test_cets_220_bilateral_between_parties_with_full_points_is_the_basis() -> None:
    p = build([("nl", "NL", "600000", "EUR"), ("ro", "RO", "400000", "EUR")], elements="NL")
    ev = evaluate(p)
    v = ev.verdict("cets-220")
    assert v.applies and v.eligible, v.reason
    assert "bilateral" in v.reason
    assert v.points is not None and (v.points.scored, v.points.of, v.points.needed) == (21, 21, 16)
    shares = {c.subject: (c.value, c.min, c.max) for c in v.checks if c.rule == "share"}
    assert shares == {
        "nl": (Decimal(60), Decimal(10), Decimal(90)),
        "ro": (Decimal(40), Decimal(10), Decimal(90)),
    }
    assert ev.basis == "cets-220"


def test_cets_220_bilateral_limit_is_90_percent_and_advice_names_the_amount() -> None:
    p = build([("nl", "NL", "950000", "EUR"), ("ro", "RO", "50000", "EUR")], elements="NL")
    v = evaluate(p).verdict("cets-220")
    assert _failed(v) == [("share", "nl"), ("share", "ro")]
    by_subject = {a.subject: a for a in v.advice}
    # Romania to 10 %: (0.1 × 1,000,000 − 50,000) / 0.9 = 55,555.56 → 55,556 EUR.
    assert by_subject["ro"].message.startswith("raise the Romanian share (ro) from 5 % to 10 %: + 55,556 EUR")
    assert by_subject["ro"].changes[0].amount == Decimal(55556)
    # The Netherlands to 90 %: (950,000 − 900,000) / 0.1 = 500,000 EUR less.
    assert by_subject["nl"].changes[0].amount == Decimal(-500000)
    fixed = apply_changes(p, by_subject["ro"].changes)
    assert evaluate(fixed).verdict("cets-220").eligible


def test_cets_220_multilateral_limits_are_5_to_80_percent() -> None:
    p = build(
        [("nl", "NL", "810000", "EUR"), ("ro", "RO", "140000", "EUR"), ("ua", "UA", "50000", "EUR")],
        elements="RO",
    )
    v = evaluate(p).verdict("cets-220")
    assert "multilateral" in v.reason
    assert _failed(v) == [("share", "nl")]
    check = next(c for c in v.checks if c.subject == "ua")
    assert (check.value, check.min, check.max, check.ok) == (Decimal(5), Decimal(5), Decimal(80), True)


def test_cets_220_caps_non_party_coproducers_at_30_percent_together() -> None:
    p = build(
        [("nl", "NL", "400000", "EUR"), ("ro", "RO", "250000", "EUR"), ("kz", "KZ", "350000", "EUR")],
        elements="NL",
    )
    v = evaluate(p).verdict("cets-220")
    assert v.applies and "Kazakhstan is not" in v.reason
    cap = next(c for c in v.checks if c.rule == "non_party_cap")
    assert (cap.value, cap.max, cap.ok) == (Decimal(35), Decimal(30), False)
    [advice] = [a for a in v.advice if a.rule == "non_party_cap"]
    # (350,000 − 0.3 × 1,000,000) / 0.7 = 71,428.57 → 71,429 EUR less from the Kazakh partner.
    assert advice.changes[0].target == "kz" and advice.changes[0].amount == Decimal(-71429)
    assert evaluate(apply_changes(p, advice.changes)).verdict("cets-220").eligible


def test_cets_220_finance_only_partner_must_stay_within_10_to_25_percent() -> None:
    p = build(
        [("nl", "NL", "500000", "EUR"), ("ro", "RO", "200000", "EUR"), ("ua", "UA", "300000", "EUR", True)],
        elements="NL",
    )
    v = evaluate(p).verdict("cets-220")
    check = next(c for c in v.checks if c.subject == "ua")
    assert (check.rule, check.value, check.min, check.max, check.ok) == (
        "finance_only",
        Decimal(30),
        Decimal(10),
        Decimal(25),
        False,
    )
    [advice] = v.advice
    assert advice.message.startswith("lower the Ukrainian finance-only share (ua) from 30 % to 25 %")
    assert evaluate(apply_changes(p, advice.changes)).verdict("cets-220").eligible


def test_cets_220_points_below_threshold_are_flagged_discretionary_with_the_cheapest_fix() -> None:
    elements = dict.fromkeys(
        ["director", "scriptwriter", "director_of_photography", "sound", "editor", "shooting_location"], "NL"
    )
    elements.update(composer="KZ", production_designer="KZ", vfx_location="KZ", post_production_location="NL")
    # Roles ranked by days: the KZ lead (40 days) is first, then NL (30), NL (10): 4+3+1+1+1+1+1 + 2+1 = 15.
    p = build(
        [("nl", "NL", "600000", "EUR"), ("ro", "RO", "400000", "EUR")],
        elements=elements,
        roles=[("NL", 10), ("KZ", 40), ("NL", 30)],
    )
    v = evaluate(p).verdict("cets-220")
    assert v.points is not None and (v.points.scored, v.points.needed) == (15, 16)
    assert v.points.discretionary
    [check] = [c for c in v.checks if c.rule == "points"]
    assert check.discretionary and not check.ok
    assert "below threshold: discretionary" in v.reason
    [advice] = v.advice
    assert "one more point needed: a composer from a party state (Netherlands" in advice.message
    assert advice.changes[0].op == "set_element" and advice.changes[0].target == "composer"
    assert evaluate(apply_changes(p, advice.changes)).verdict("cets-220").eligible


def test_cets_220_ranks_roles_by_days_worked() -> None:
    elements = dict.fromkeys(
        ["director", "scriptwriter", "composer", "director_of_photography", "sound", "editor"], "NL"
    )
    p = build(
        [("nl", "NL", "600000", "EUR"), ("ro", "RO", "400000", "EUR")],
        elements=elements,
        roles=[("KZ", 5), ("RO", 50), ("KZ", 20)],
    )
    v = evaluate(p).verdict("cets-220")
    assert v.points is not None
    assert "first role" in v.points.scored_by and "second role" in v.points.missing


def test_cets_220_party_dates_decide_applicability() -> None:
    p = build(
        [("nl", "NL", "600000", "EUR"), ("ua", "UA", "400000", "EUR")], elements="NL", date="2023-05-01"
    )
    v = evaluate(p).verdict("cets-220")
    assert not v.applies
    assert "Ukraine only from 2024-10-01" in v.reason
    assert evaluate(p, on=date(2025, 1, 1)).verdict("cets-220").applies


# --- ETS 147 ---------------------------------------------------------------------------------------------


def test_ets_147_yields_to_the_bilateral_italy_turkiye_agreement() -> None:
    p = build([("it", "IT", "600000", "EUR"), ("tr", "TR", "400000", "EUR")], elements="IT")
    v = evaluate(p).verdict("ets-147")
    assert not v.applies and "IT–TR 2006 applies" in v.reason


def test_ets_147_is_replaced_by_cets_220_between_its_parties() -> None:
    p = build([("nl", "NL", "600000", "EUR"), ("ro", "RO", "400000", "EUR")], elements="NL")
    v = evaluate(p).verdict("ets-147")
    assert not v.applies and "CETS 220" in v.reason


def test_ets_147_multilateral_needs_three_party_states_and_advice_adds_one() -> None:
    p = build(
        [("it", "IT", "500000", "EUR"), ("tr", "TR", "300000", "EUR"), ("kz", "KZ", "200000", "EUR")],
        elements="IT",
    )
    v = evaluate(p).verdict("ets-147")
    assert v.applies
    check = next(c for c in v.checks if c.rule == "coproducers.min")
    assert (check.value, check.min, check.ok) == (2, 3, False)
    [advice] = [a for a in v.advice if a.rule == "coproducers.min"]
    assert advice.changes[0].op == "add_partner"
    after = evaluate(apply_changes(p, advice.changes)).verdict("ets-147")
    assert next(c for c in after.checks if c.rule == "coproducers.min").ok


def test_ets_147_fiction_needs_15_of_19_points() -> None:
    p = build(
        [("it", "IT", "400000", "EUR"), ("tr", "TR", "300000", "EUR"), ("ro", "RO", "300000", "EUR")],
        elements="IT",
    )
    v = evaluate(p).verdict("ets-147")
    assert v.eligible, v.reason
    assert v.points is not None and (v.points.scored, v.points.of, v.points.needed) == (19, 19, 15)


# --- Eurimages -------------------------------------------------------------------------------------------


def test_eurimages_bilateral_minority_needs_20_percent_and_70_minutes() -> None:
    p = build([("it", "IT", "850000", "EUR"), ("tr", "TR", "150000", "EUR")], elements="IT", runtime=65)
    v = evaluate(p).verdict("eurimages")
    assert set(_failed(v)) == {("share", "it"), ("share", "tr"), ("running_time", "project")}
    runtime = next(a for a in v.advice if a.rule == "running_time")
    assert runtime.changes[0].value == 70
    assert not v.eligible and evaluate(p).basis != "eurimages"


def test_eurimages_bilateral_majority_may_reach_90_percent_over_5_million_euro() -> None:
    small = build([("it", "IT", "850000", "EUR"), ("tr", "TR", "150000", "EUR")], elements="IT")
    big = build([("it", "IT", "8500000", "EUR"), ("tr", "TR", "1500000", "EUR")], elements="IT")
    small_it = next(c for c in evaluate(small).verdict("eurimages").checks if c.subject == "it")
    big_it = next(c for c in evaluate(big).verdict("eurimages").checks if c.subject == "it")
    assert (small_it.max, small_it.ok) == (Decimal(80), False)
    assert (big_it.max, big_it.ok) == (Decimal(90), True)


def test_eurimages_confers_no_status_so_it_is_never_the_basis() -> None:
    data = project_dict([("it", "IT", "600000", "EUR"), ("tr", "TR", "400000", "EUR")], elements="IT")
    data["partners"][0]["contribution"]["confirmed"] = "600000"
    data["partners"][1]["contribution"]["confirmed"] = "200000"
    ev = evaluate(from_dict(data))
    assert ev.verdict("eurimages").eligible
    assert ev.basis == "it-tr-2006"


# --- Türkiye 2019 ----------------------------------------------------------------------------------------


def test_tr_2019_bilateral_minimum_is_10_percent_with_advice_in_the_partner_currency() -> None:
    p = build(
        [("kz", "KZ", "460000000", "KZT"), ("tr", "TR", "1600000", "TRY")],
        currency="USD",
        rates={"KZT": "500", "TRY": "40"},
        elements="KZ",
    )
    v = evaluate(p).verdict("tr-2019")
    # 920,000 USD and 40,000 USD: Türkiye 4.17 %, Kazakhstan 95.83 % (both outside 10–90 %).
    # Türkiye to 10 %: (96,000 − 40,000) / 0.9 = 62,222.2 USD × 40 = 2,488,888.9 → 2,488,889 TRY.
    assert _failed(v) == [("share", "kz"), ("share", "tr")]
    advice = next(a for a in v.advice if a.subject == "tr")
    assert advice.message.startswith("raise the Turkish share (tr) from 4.17 % to 10 %: + 2,488,889 TRY")
    assert evaluate(apply_changes(p, advice.changes)).verdict("tr-2019").eligible


def test_tr_2019_application_two_months_before_shooting() -> None:
    p = build(
        [("kz", "KZ", "600000", "USD"), ("tr", "TR", "400000", "USD")],
        currency="USD",
        elements="TR",
        shooting="2026-04-15",
        applied_on="2026-03-01",
    )
    v = evaluate(p).verdict("tr-2019")
    check = next(c for c in v.checks if c.rule == "deadline")
    assert (check.value, check.max, check.ok) == (date(2026, 3, 1), date(2026, 2, 15), False)
    [advice] = v.advice
    assert advice.changes[0].value == date(2026, 5, 1)
    assert evaluate(apply_changes(p, advice.changes)).verdict("tr-2019").eligible


def test_tr_2019_deadline_handles_month_ends() -> None:
    p = build(
        [("kz", "KZ", "600000", "USD"), ("tr", "TR", "400000", "USD")],
        currency="USD",
        shooting="2026-02-28",
        applied_on="2025-12-31",
    )
    v = evaluate(p).verdict("tr-2019")
    [advice] = v.advice
    # 2026-02-28 would need an application by 2025-12-28; 2026-03-01 needs one by 2026-01-01.
    assert advice.changes[0].value == date(2026, 3, 1)
    assert evaluate(apply_changes(p, advice.changes)).verdict("tr-2019").eligible


def test_tr_2019_is_not_in_force_before_october_2019() -> None:
    p = build(
        [("kz", "KZ", "600000", "USD"), ("tr", "TR", "400000", "USD")], currency="USD", date="2019-06-01"
    )
    v = evaluate(p).verdict("tr-2019")
    assert v.reason == "TR 2019 does not apply: not in force on 2019-06-01 (from 2019-10-15)"


# --- Kazakhstan 2019 -------------------------------------------------------------------------------------


def test_kz_2019_national_film_allows_at_most_half_of_the_authors_foreign() -> None:
    elements = {
        "director": "KZ",
        "scriptwriter": "KZ",
        "director_of_photography": "TR",
        "production_designer": "RU",
        "composer": "TR",
    }
    p = build(
        [("kz1", "KZ", "500000000", "KZT"), ("kz2", "KZ", "100000000", "KZT")],
        currency="KZT",
        elements=elements,
    )
    v = evaluate(p).verdict("kz-2019")
    check = next(c for c in v.checks if c.rule == "authors.foreign")
    assert (check.value, check.max, check.ok) == (Decimal(60), Decimal(50), False)
    [advice] = v.advice
    assert advice.message.endswith("make the composer Kazakh")
    fixed = evaluate(apply_changes(p, advice.changes))
    assert fixed.verdict("kz-2019").eligible and fixed.basis == "kz-2019"


def test_kz_2019_co_production_is_national_only_under_a_ratified_treaty() -> None:
    p = build([("kz", "KZ", "700000", "USD"), ("uz", "UZ", "300000", "USD")], currency="USD", elements="KZ")
    v = evaluate(p).verdict("kz-2019")
    assert v.applies and not v.eligible
    [advice] = v.advice
    assert not advice.actionable and advice.changes == ()
    assert "ratified" in advice.message


# --- Italy–Türkiye 2006 ----------------------------------------------------------------------------------


def test_it_tr_2006_share_between_10_and_20_percent_is_discretionary_with_three_producers() -> None:
    p = build(
        [("it", "IT", "750000", "EUR"), ("tr", "TR", "150000", "EUR"), ("tr2", "TR", "100000", "EUR")],
        elements="IT",
    )
    v = evaluate(p).verdict("it-tr-2006")
    assert v.applies
    for pid in ("tr", "tr2"):
        c = next(c for c in v.checks if c.subject == pid)
        assert (c.ok, c.discretionary) == (False, True)
        assert "from 10 % with both authorities' approval" in c.message


def test_it_tr_2006_two_producers_cannot_use_the_10_percent_window() -> None:
    # 85/15: a minority under 20 % leaves the majority over 80 %, so no approval can make it pass.
    p = build([("it", "IT", "850000", "EUR"), ("tr", "TR", "150000", "EUR")], elements="IT")
    v = evaluate(p).verdict("it-tr-2006")
    tr = next(c for c in v.checks if c.subject == "tr")
    assert (tr.ok, tr.discretionary) == (False, False)
    assert "approval" not in tr.message
    assert _failed(v) == [("share", "it"), ("share", "tr")]


def test_it_tr_2006_does_not_cover_a_third_country() -> None:
    p = build([("it", "IT", "500000", "EUR"), ("tr", "TR", "300000", "EUR"), ("kz", "KZ", "200000", "EUR")])
    v = evaluate(p).verdict("it-tr-2006")
    assert v.reason == (
        "IT–TR 2006 does not apply: it covers Italy–Türkiye co-productions, and Kazakhstan is not covered"
    )


# --- memoranda -------------------------------------------------------------------------------------------


def test_memorandum_applies_but_never_confers_status() -> None:
    p = build([("kz", "KZ", "600000", "USD"), ("kg", "KG", "400000", "USD")], currency="USD", elements="KZ")
    ev = evaluate(p)
    v = ev.verdict("mou")
    assert v.applies and not v.eligible and v.checks == ()
    assert "confers no co-production status" in v.reason
    assert ev.basis is None


def test_memorandum_needs_a_kazakh_partner() -> None:
    p = build([("az", "AZ", "600000", "USD"), ("tr", "TR", "400000", "USD")], currency="USD")
    v = evaluate(p).verdict("mou")
    assert not v.applies and "Kazakhstan" in v.reason


def test_memorandum_is_not_in_force_before_october_2025() -> None:
    p = build(
        [("kz", "KZ", "600000", "USD"), ("kg", "KG", "400000", "USD")], currency="USD", date="2025-09-30"
    )
    assert not evaluate(p).verdict("mou").applies


# --- general ---------------------------------------------------------------------------------------------


def test_instruments_field_limits_the_evaluation() -> None:
    p = build([("it", "IT", "600000", "EUR"), ("tr", "TR", "400000", "EUR")], instruments=["tr-2019", "mou"])
    assert [v.id for v in evaluate(p).verdicts] == ["tr-2019", "mou"]
    assert [v.id for v in evaluate(p, instruments=["eurimages"]).verdicts] == ["eurimages"]


def test_shares_are_exact_and_sum_to_100() -> None:
    p = build(
        [("a", "KZ", "1", "EUR"), ("b", "TR", "1", "EUR"), ("c", "AZ", "1", "EUR")],
    )
    ev = evaluate(p)
    assert all(isinstance(s, Decimal) for s in ev.shares.values())
    assert abs(sum(ev.shares.values()) - 100) < Decimal("1e-20")


def test_two_producers_from_one_country_and_one_from_another_make_a_bilateral_co_production() -> None:
    p = build(
        [("it1", "IT", "500000", "EUR"), ("it2", "IT", "350000", "EUR"), ("tr", "TR", "150000", "EUR")],
        elements="IT",
    )
    v = evaluate(p).verdict("it-tr-2006")
    assert v.applies and v.reason.startswith("IT–TR 2006 applies: a co-production between Italy and Türkiye")
    tr = next(c for c in v.checks if c.subject == "tr")
    assert (tr.min, tr.max, tr.ok, tr.discretionary) == (Decimal(20), Decimal(80), False, True)
    assert "bilateral" in tr.message


def test_non_party_cap_with_party_partners_bringing_nothing_raises_a_party_partner() -> None:
    p = build(
        [("nl", "NL", "0", "EUR"), ("ro", "RO", "0", "EUR"), ("kz", "KZ", "100000", "EUR")], elements="NL"
    )
    v = evaluate(p).verdict("cets-220")
    [advice] = [a for a in v.advice if a.rule == "non_party_cap"]
    # 100,000 / 0.3 − 100,000 = 233,333.33 → 233,334 EUR to the first party partner.
    assert advice.changes[0].target == "nl" and advice.changes[0].amount == Decimal(233334)
    assert "+ 233,334 EUR to nl" in advice.message
    after = evaluate(apply_changes(p, advice.changes)).verdict("cets-220")
    assert next(c for c in after.checks if c.rule == "non_party_cap").ok
