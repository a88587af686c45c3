"""What TMX and TBX imports do with text too long to keep and with what the memory or glossary already
holds: a pair or a term is never kept cut (it is passed over and counted), importing an exported file
again adds nothing, and a concept is matched by its identifier and updated, not repeated."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from korkyt.core.models import Job, JobStatus
from korkyt.localization import services
from korkyt.localization.models import CUE_TEXT_MAX, GlossaryConcept, GlossaryTerm, MemoryUnit
from korkyt.localization.services import memory as memory_services
from korkyt.localization.tasks import import_memory
from korkyt.mt.memory import Concept, Term, TMUnit, read_tbx, tbx_bytes, tmx_bytes

pytestmark = pytest.mark.django_db

LONG = "ә" * (CUE_TEXT_MAX + 1)


def _run(world, captured, data: bytes, kind: str = "tmx") -> Job:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(f"f.{kind}", data)
    with translation.override("en"), captured(execute=True):  # the job speaks the language it was asked in
        job = services.memory_import_request(actor=world["users"]["kz_editor"], file=upload, kind=kind)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.failure
    return job


def test_a_pair_longer_than_a_cue_is_passed_over_never_kept_cut(world, django_capture_on_commit_callbacks):
    data = tmx_bytes(
        [
            TMUnit("Сәлем", "Merhaba", "kk", "tr"),
            TMUnit(LONG, "uzun", "kk", "tr"),
            TMUnit("ұзын", "u" * (CUE_TEXT_MAX + 1), "kk", "tr"),
        ]
    )
    job = _run(world, django_capture_on_commit_callbacks, data)
    assert list(MemoryUnit.objects.values_list("source_text", flat=True)) == ["Сәлем"]
    assert job.result == {"added": 1, "skipped": {"too_long": 2}}
    assert job.message == "1 memory unit imported. Skipped: 2 pairs longer than 2000 characters."


def test_the_command_line_import_passes_over_a_pair_too_long_as_well(world):
    skipped: Counter[str] = Counter()
    data = tmx_bytes([TMUnit(LONG, "uzun", "kk", "tr"), TMUnit("Бір", "Bir", "kk", "tr")])
    added = services.memory_import(actor=world["users"]["kz_editor"], data=data, skipped=skipped)
    assert added == 1 and skipped == Counter({"too_long": 1})
    assert services.skipped_text(skipped) == "Skipped: 1 pair longer than 2000 characters."


def test_importing_an_exported_memory_again_adds_nothing(world, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    first = tmx_bytes([TMUnit(f"Сәлем {i}", f"Merhaba {i}", "kk", "tr") for i in range(6)])
    _run(world, django_capture_on_commit_callbacks, first)
    assert MemoryUnit.objects.count() == 6
    exported = client.get("/kk/localization/memory/export").getvalue()
    for _ in range(2):
        job = _run(world, django_capture_on_commit_callbacks, exported)
        assert MemoryUnit.objects.count() == 6
        assert job.result == {"added": 0, "skipped": {"duplicate": 6}}
        assert job.message == "0 memory units imported. Skipped: 6 pairs already in the memory."


def test_a_repeated_pair_in_one_file_is_kept_once_and_a_changed_translation_is_added(world):
    MemoryUnit.objects.create(
        source_language="kk-Cyrl", target_language="tr", source_text="Бір", target_text="Bir"
    )
    skipped: Counter[str] = Counter()
    data = tmx_bytes(
        [
            TMUnit("Бір", "Bir", "kk", "tr"),  # already there
            TMUnit("Екі", "İki", "kk", "tr"),
            TMUnit("Екі", "İki", "kk", "tr"),  # twice in the file
            TMUnit("Бір", "Bir tane", "kk", "tr"),  # another translation: a unit of its own
            TMUnit("Бір", "Bir", "kk", "az"),  # another pair
        ]
    )
    added = services.memory_import(actor=world["users"]["kz_editor"], data=data, skipped=skipped)
    assert added == 3 and skipped == Counter({"duplicate": 2})
    assert MemoryUnit.objects.count() == 4


def test_a_unit_of_a_film_is_added_for_that_film_but_not_again(world):
    film = world["film"]
    MemoryUnit.objects.create(
        source_language="kk-Cyrl", target_language="tr", source_text="Бір", target_text="Bir"
    )
    data = tmx_bytes([TMUnit("Бір", "Bir", "kk", "tr")])
    actor = world["users"]["kz_editor"]
    assert services.memory_import(actor=actor, data=data, film=film) == 1  # the film's own unit
    assert services.memory_import(actor=actor, data=data, film=film) == 0
    assert services.memory_import(actor=actor, data=data) == 0  # without a film: the pair is there


def test_a_resumed_import_does_not_count_its_own_committed_units_as_repeats(world, monkeypatch):
    monkeypatch.setattr(memory_services, "UNIT_BATCH", 2)
    data = tmx_bytes([TMUnit(f"Сәлем {i}", f"Merhaba {i}", "kk", "tr") for i in range(5)] * 2)
    job = services.memory_import_request(
        actor=world["users"]["kz_editor"], file=SimpleUploadedFile("u.tmx", data), kind="tmx"
    )
    calls = {"n": 0}
    real = MemoryUnit.objects.bulk_create

    def dying(rows, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("the worker's disk vanished")
        return real(rows, **kwargs)

    monkeypatch.setattr(MemoryUnit.objects, "bulk_create", dying)
    with pytest.raises(OSError):
        import_memory(job.pk, token=Job.objects.get(pk=job.pk).token)
    monkeypatch.setattr(MemoryUnit.objects, "bulk_create", real)
    from korkyt.core.jobs import services as jobs

    jobs.job_retry(actor=world["users"]["kz_editor"], job=job)
    job.refresh_from_db()
    import_memory(job.pk, token=job.token)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result == {"added": 3, "skipped": {"duplicate": 5}}
    assert MemoryUnit.objects.count() == 5


# --- the glossary ------------------------------------------------------------------------------------


def _concept(code: str | None, *terms: tuple[str, str], definition: str | None = None) -> Concept:
    return Concept(terms=tuple(Term(text, lang) for text, lang in terms), id=code, definition=definition)


def test_a_glossary_round_trip_updates_the_concepts_it_already_has(world, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    data = tbx_bytes([_concept("korkyt-ata", ("Қорқыт Ата", "kk"), ("Korkut Ata", "tr"))])
    job = _run(world, django_capture_on_commit_callbacks, data, "tbx")
    assert job.result == {"added": 1, "updated": 0}
    for _ in range(2):
        exported = client.get("/kk/localization/memory/export?kind=tbx").getvalue()
        job = _run(world, django_capture_on_commit_callbacks, exported, "tbx")
        assert job.result == {"added": 0, "updated": 0, "skipped": {"unchanged": 1}}
    assert GlossaryConcept.objects.count() == 1 and GlossaryTerm.objects.count() == 2
    exported = client.get("/kk/localization/memory/export?kind=tbx").getvalue()
    assert exported.count(b'id="korkyt-ata"') == 1
    # a changed definition and a new term: the same concept, updated
    data = tbx_bytes([_concept("korkyt-ata", ("Qorqyt Ata", "kk-Latn"), definition="The bard")])
    job = _run(world, django_capture_on_commit_callbacks, data, "tbx")
    assert job.result == {"added": 0, "updated": 1}
    assert job.message == "0 glossary concepts added, 1 updated."
    concept = GlossaryConcept.objects.get()
    assert concept.definition == "The bard"
    assert sorted(concept.terms.values_list("text", flat=True)) == ["Korkut Ata", "Qorqyt Ata", "Қорқыт Ата"]
    assert [c.id for c in read_tbx(client.get("/kk/localization/memory/export?kind=tbx").getvalue())] == [
        "korkyt-ata"
    ]


def test_the_command_line_glossary_import_matches_by_identifier_too(world):
    actor = world["users"]["kz_editor"]
    data = tbx_bytes([_concept("tengri", ("Тәңір", "kk")), _concept("moon", ("Ай", "kk"))])
    data = data.replace(b' id="moon"', b"")  # a concept without an identifier: nothing to match it by
    assert [c.id for c in read_tbx(data)] == ["tengri", None]
    assert services.glossary_import(actor=actor, data=data) == 2
    assert services.glossary_import(actor=actor, data=data) == 1  # only the concept without an identifier
    assert GlossaryConcept.objects.filter(code="tengri").count() == 1


def test_a_glossary_text_too_long_is_passed_over_never_kept_cut(world, django_capture_on_commit_callbacks):
    data = tbx_bytes(
        [
            _concept("ok", ("Жақсы", "kk"), ("x" * 301, "tr")),
            _concept("d", ("Анықтама", "kk"), definition="y" * 1001),
            _concept("i" * 101, ("Белгі", "kk")),
        ]
    )
    job = _run(world, django_capture_on_commit_callbacks, data, "tbx")
    assert list(GlossaryConcept.objects.values_list("code", flat=True)) == ["ok"]
    assert list(GlossaryTerm.objects.values_list("text", flat=True)) == ["Жақсы"]
    assert job.result == {
        "added": 1,
        "updated": 0,
        "skipped": {"term_too_long": 1, "definition_too_long": 1, "id_too_long": 1},
    }
    assert job.message == (
        "1 glossary concept added, 0 updated. Skipped: 1 term longer than 300 characters; 1 concept with a "
        "definition longer than 1000 characters; 1 concept with an identifier longer than 100 characters."
    )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext is not installed")
def test_makemessages_finds_the_words_of_every_reason():
    out = subprocess.run(
        ["xgettext", "-L", "Python", "--keyword=_", "--from-code=UTF-8", "-o", "-", memory_services.__file__],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for key in memory_services._SKIPPED:
        singular = memory_services._SKIPPED[key](1)
        assert f'msgid "{singular}"' in out, key


def test_a_concept_made_by_hand_refuses_a_term_or_definition_past_its_limit_and_keeps_nothing(world):
    editor = world["users"]["kz_editor"]
    before = GlossaryConcept.objects.count()
    with pytest.raises(ValidationError) as refused:
        memory_services.concept_create(
            actor=editor,
            terms=[
                {"language": "kk", "text": "ә" * (memory_services.TERM_MAX + 1)},
                {"language": "tr", "text": "a"},
            ],
            definition="d" * (memory_services.DEFINITION_MAX + 1),
        )
    assert set(refused.value.message_dict) == {"terms[0].text", "definition"}
    assert GlossaryConcept.objects.count() == before
    concept = memory_services.concept_create(
        actor=editor,
        terms=[{"language": "kk", "text": "ә" * memory_services.TERM_MAX}],
        definition="d" * memory_services.DEFINITION_MAX,
    )
    assert len(concept.definition) == memory_services.DEFINITION_MAX
    assert [len(t.text) for t in concept.terms.all()] == [memory_services.TERM_MAX]
