"""Stored fits: computed at the order, read as stored, recomputed only for lines whose inputs changed."""

from __future__ import annotations

import re

from django.test import Client

from korkyt.localization import services
from korkyt.localization.dubbing import fits, selectors
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.dubbing.models import DubbingLine


def _stored(job):
    return {
        line.cue_id: (line.fit_ratio, line.fit_status, line.fit_key)
        for line in DubbingLine.objects.filter(job=job)
    }


def test_the_order_stores_every_lines_fit_as_the_live_check_computes_it(dub_job):
    cues = list(selectors.adaptation_cues(dub_job))
    stored = _stored(dub_job)
    assert all(key for _ratio, _status, key in stored.values())
    for cue in cues:
        live = selectors.cue_fit(
            text=cue.text,
            start_ms=cue.start_ms,
            end_ms=cue.end_ms,
            language="tr",
            speaker=selectors.line_of(cue).speaker,
        )
        ratio, status, _key = stored[cue.pk]
        assert status == live.status and ratio == live.ratio
    assert stored[cues[2].pk][1] == "too long"


def test_only_changed_lines_are_recomputed(dub_job, dub_world, django_assert_num_queries, monkeypatch):
    cues = list(selectors.adaptation_cues(dub_job))
    computed = []
    real = fits.compute
    monkeypatch.setattr(fits, "compute", lambda **kw: computed.append(kw["text"]) or real(**kw))
    with django_assert_num_queries(0):  # everything stored: no computing, no writing
        fits.line_fits("tr", cues)
    assert computed == []

    adapter = dub_world["users"]["adapter"]
    services.cue_save(actor=adapter, cue=cues[2], text="AYŞE: Hava güzel.")
    dubbing.line_set_character(actor=adapter, line=cues[0].dubbing, character=dub_job.characters.last())
    cues = list(selectors.adaptation_cues(dub_job))
    result = fits.line_fits("tr", cues)
    assert sorted(computed) == sorted([cues[0].text, "AYŞE: Hava güzel."])
    assert result[cues[2].pk].status in ("fits", "tight")
    assert _stored(dub_job)[cues[2].pk][1] == result[cues[2].pk].status

    computed.clear()
    fits.line_fits("tr", list(selectors.adaptation_cues(dub_job)))
    assert computed == []


def test_a_stale_stored_fit_is_never_shown(dub_job, dub_world):
    """A fit stored under another digest (say, written by hand) is recomputed, not trusted."""
    cue = selectors.adaptation_cues(dub_job)[2]
    DubbingLine.objects.filter(cue=cue).update(fit_status="fits", fit_ratio=0.5, fit_key="0" * 24)
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    page = client.get(f"/en/localization/dubbing/{dub_job.pk}/adaptation").content.decode()
    assert 'Lines too long: <b class="fit-too-long">1</b>' in page
    lines = client.get(f"/api/dubbing/jobs/{dub_job.pk}/lines").json()
    assert lines[2]["fit"] == "too long"
    assert _stored(dub_job)[cue.pk][1] == "too long"


def test_nothing_spoken_has_no_ratio():
    fit = fits.compute(text="[müzik]", start_ms=0, end_ms=2000, speaker="", language="tr")
    assert fit == fits.StoredFit(None, "")
    fit = fits.compute(text="Evet.", start_ms=2000, end_ms=2000, speaker="", language="tr")
    assert fit.ratio is None and fit.status == "no slot"


def test_the_ratio_is_written_with_the_pages_decimal_mark(dub_job, dub_world):
    """ "×0,83" on a Turkish or Russian page, "×0.83" on an English one: not a decimal point in every language."""
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    ratios = {}
    for language in ("tr", "en"):
        page = client.get(f"/{language}/localization/dubbing/{dub_job.pk}/adaptation").content.decode()
        ratios[language] = re.findall(r'<b class="ratio">×([^<]*)</b>', page)
    assert ratios["en"] and all(re.fullmatch(r"\d+\.\d\d", r) for r in ratios["en"]), ratios
    assert [r.replace(".", ",") for r in ratios["en"]] == ratios["tr"]


def test_the_editor_script_writes_the_ratio_in_the_pages_language():
    from pathlib import Path

    import korkyt.localization

    script = (Path(korkyt.localization.__file__).parent / "static/localization/editor.js").read_text()
    assert "toFixed(2)" not in script and "new Intl.NumberFormat(document.documentElement.lang" in script
