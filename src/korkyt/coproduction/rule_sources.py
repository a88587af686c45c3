# ruff: noqa: E501  (each source is one message, as the rule book writes it)
"""The sources the rule book cites for its checks (the articles and clauses of each instrument), in the
reader's language: the rule book (korkyt.treaties' TOML files, its JSON and CLI output) keeps them in English;
pages and the dossier show them translated, marked with the language they are shown in. A source with no
translation (a web address, one added to the rule book since) is shown as the rule book writes it, in English.
A test checks that every source of the rule book is listed here. Their "%" are percentages, not format
directives (``xgettext:no-python-format``): nothing is interpolated into them."""

from __future__ import annotations

from django.utils.translation import get_language, gettext, gettext_noop

from korkyt.core.translations import Text

# fmt: off
SOURCES = frozenset((
    # xgettext:no-python-format
    gettext_noop("Appendix I (application procedure): the documents each co-producer files with its competent authority"),
    # xgettext:no-python-format
    gettext_noop("CETS 220, Appendix II (documentary works: weighed by the competent authorities)"),
    # xgettext:no-python-format
    gettext_noop("CETS 220, Appendix II §1–2 (fiction: 16 of 21 points; below that the authorities may still grant status after consultation)"),
    # xgettext:no-python-format
    gettext_noop("CETS 220, Appendix II §3–4 (animation: 15 of 23 points; below that the authorities may still grant status after consultation)"),
    # xgettext:no-python-format
    gettext_noop("CETS 220, Art. 2 (scope) and Art. 3 (definitions)"),
    # xgettext:no-python-format
    gettext_noop("CETS 220, Art. 6 (proportion of contributions): bilateral 10–90 %"),
    # xgettext:no-python-format
    gettext_noop("CETS 220, Art. 6 (proportion of contributions): multilateral 5–80 %"),
    # xgettext:no-python-format
    gettext_noop("CETS 220, Art. 9 (co-producers from non-party states): at most 30 % combined"),
    # xgettext:no-python-format
    gettext_noop("CETS 220, Art. 9 (financial co-productions): minority finance-only share 10–25 %"),
    # xgettext:no-python-format
    gettext_noop("ETS 147, Appendix II (15 of 19 points; below that the authorities may still grant status after consultation)"),
    # xgettext:no-python-format
    gettext_noop("ETS 147, Art. 2 (scope): multilateral co-productions; bilateral ones only where no bilateral agreement exists"),
    # xgettext:no-python-format
    gettext_noop("ETS 147, Art. 6(1) (multilateral: 10–70 % each)"),
    # xgettext:no-python-format
    gettext_noop("ETS 147, Art. 6(1): a multilateral co-production has at least three co-producers from three parties"),
    # xgettext:no-python-format
    gettext_noop("ETS 147, Art. 6(2) (co-producers from non-party states: at most 30 % combined)"),
    # xgettext:no-python-format
    gettext_noop("ETS 147, Art. 9 (financial co-productions: minority share 10–25 %)"),
    # xgettext:no-python-format
    gettext_noop("Eurimages co-production support regulations: co-producers from at least two member states"),
    # xgettext:no-python-format
    gettext_noop("Eurimages: at least 50 % of the financing in each co-producing country confirmed when applying"),
    # xgettext:no-python-format
    gettext_noop("Eurimages: bilateral majority at most 80 %, minority at least 20 % (90 % and 10 % when the budget exceeds €5M)"),
    # xgettext:no-python-format
    gettext_noop("Eurimages: feature films of at least 70 minutes"),
    # xgettext:no-python-format
    gettext_noop("Eurimages: multilateral majority at most 70 %, minority at least 10 %"),
    # xgettext:no-python-format
    gettext_noop("Eurimages: support at most €500,000; for fiction and animation at most 17 % of the production cost, 25 % with one or more female directors attached"),
    # xgettext:no-python-format
    gettext_noop("Italy–Türkiye agreement (2006): 20–80 % each; a minority share may be 10 % with both authorities' approval (three or more producers: the others stay within 80 %)"),
    # xgettext:no-python-format
    gettext_noop("Italy–Türkiye agreement (2006): co-productions between Italian and Turkish producers"),
    # xgettext:no-python-format
    gettext_noop("Law No. 212-VI, definition of a national film: Kazakh producers; a co-production only under a ratified international treaty"),
    # xgettext:no-python-format
    gettext_noop("Law No. 212-VI, definition of a national film: at most 50 % of the authors foreign"),
    # xgettext:no-python-format
    gettext_noop("Law No. 212-VI: films produced by Kazakh producers"),
    # xgettext:no-python-format
    gettext_noop("Memoranda signed in Aktau, October 2025 (press release)"),
    # xgettext:no-python-format
    gettext_noop("Regulation of 15 October 2019: application at least two months before shooting starts"),
    # xgettext:no-python-format
    gettext_noop("Regulation of 15 October 2019: bilateral co-production, at least 10 % each"),
    # xgettext:no-python-format
    gettext_noop("Regulation of 15 October 2019: co-productions of a Turkish producer with foreign producers"),
    # xgettext:no-python-format
    gettext_noop("Regulation of 15 October 2019: multilateral co-production, 5–80 % each"),
    # xgettext:no-python-format
    gettext_noop("Regulation of 15 October 2019: the application file to the General Directorate of Cinema"),
))
# fmt: on


def source_text(source: str) -> Text:
    """``source`` as the rule book cites it, in the active language when it has a translation."""
    if source not in SOURCES:
        return Text(source, "en")
    words = gettext(source)
    language = get_language() or "en"
    if words == source and not language.startswith("en"):
        return Text(source, "en")
    return Text(words, language)
