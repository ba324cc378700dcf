"""What the records say about each step the law names: one function per step, returning the problem in
words (None when the step is done). The lifecycle gates refuse with these words; the compliance
checklist ticks a step when its function has nothing to say."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.templatetags.formatting import tanggal
from registry.legality import legality_problems

from ..choices import (
    OPERATIONAL_INSTRUMENTS,
    DocumentType,
    Initiative,
    InstrumentKind,
    LegalReviewResult,
    StudyRecommendation,
    TkksdDecision,
)
from ..models import ProcessRules

FEASIBLE = {TkksdDecision.FEASIBLE, TkksdDecision.FEASIBLE_WITH_NOTES}


def _latest(rows, *dates):
    rows = list(rows)
    if not rows:
        return None
    return max(rows, key=lambda r: (*(getattr(r, d) for d in dates), r.pk))


def tkksd_problem(agreement) -> str | None:
    """The latest TKKSD review must say layak or layak dengan catatan."""
    latest = _latest(agreement.tkksd_reviews.all(), "review_date")
    if latest is None:
        return _("Belum ada pembahasan TKKSD dengan rekomendasi layak.")
    if latest.decision in FEASIBLE:
        return None
    if latest.decision == TkksdDecision.NOT_FEASIBLE:
        return _("TKKSD menyatakan tidak layak pada %(date)s; kerja sama tidak dapat dilanjutkan.") % {
            "date": tanggal(latest.review_date)
        }
    return _("Pembahasan TKKSD terakhir (%(date)s) meminta revisi; bahas ulang setelah diperbaiki.") % {
        "date": tanggal(latest.review_date)
    }


def legality_problem_list(agreement, on=None) -> list[str]:
    """Every party but the home government needs its legality verified and still valid."""
    on = on or timezone.localdate()
    problems = []
    for party in agreement.parties.all():
        if party.partner.is_home_government:
            continue
        problem = legality_problems(party.partner, on)
        if problem:
            problems.append(problem)
    return problems


def proposal_problem(agreement) -> str | None:
    """When the partner took the initiative, its proposal / KAK is on file."""
    if agreement.initiative != Initiative.PARTNER:
        return None
    if any(d.doc_type == DocumentType.PROPOSAL for d in agreement.documents.all()):
        return None
    return _("Prakarsa mitra memerlukan proposal / KAK dari mitra; unggah dokumen berjenis Proposal / KAK.")


def benefit_study_required(agreement, rules: ProcessRules) -> bool:
    return agreement.category in rules.benefit_study_categories


def benefit_study_problem(agreement, rules: ProcessRules) -> str | None:
    if not benefit_study_required(agreement, rules):
        return None
    latest = _latest(agreement.benefit_studies.all(), "study_date")
    if latest is None:
        return _("Belum ada kajian manfaat (beban APBD, perkiraan pendapatan, manfaat, rekomendasi).")
    if latest.recommendation == StudyRecommendation.NOT_RECOMMENDED:
        return _("Kajian manfaat terakhir (%(date)s) tidak merekomendasikan kerja sama ini.") % {
            "date": tanggal(latest.study_date)
        }
    return None


def initiative_letter_problem(agreement) -> str | None:
    """The offer (region's initiative) or request (partner's) and its answer."""
    letters = list(agreement.initiative_letters.all())
    if not letters:
        return _("Belum ada surat penawaran atau permohonan kerja sama.")
    if not any(letter.answer == "accepted" for letter in letters):
        return _("Surat penawaran / permohonan belum dijawab dengan persetujuan.")
    return None


def mou_first_required(agreement, rules: ProcessRules) -> bool:
    return not agreement.is_framework and agreement.category in rules.mou_before_operational


def mou_first_problem(agreement, rules: ProcessRules) -> str | None:
    """A signed MoU (kesepakatan bersama) before the operational text, where the rules ask for one."""
    if not mou_first_required(agreement, rules):
        return None
    instruments = list(agreement.instruments.all())
    mous = [i for i in instruments if i.kind == InstrumentKind.MOU and i.is_signed and i.signing_date]
    if not mous:
        return _("Kesepakatan bersama harus ditandatangani sebelum PKS untuk kategori %(c)s.") % {
            "c": agreement.get_category_display()
        }
    first_mou = min(m.signing_date for m in mous)
    operational = [
        i for i in instruments if i.kind in OPERATIONAL_INSTRUMENTS and i.is_signed and i.signing_date
    ]
    if operational and min(i.signing_date for i in operational) < first_mou:
        return _("PKS ditandatangani sebelum kesepakatan bersama (%(date)s); urutannya harus sebaliknya.") % {
            "date": tanggal(first_mou)
        }
    return None


def legal_review_problem(agreement) -> str | None:
    latest = _latest(agreement.legal_reviews.all(), "review_date")
    if latest is None:
        return _("Belum ada telaah hukum atas rancangan naskah.")
    if latest.result != LegalReviewResult.NO_OBJECTION:
        return _("Telaah hukum terakhir (%(date)s): %(result)s.") % {
            "date": tanggal(latest.review_date),
            "result": latest.get_result_display(),
        }
    return None


def duration_warning(agreement, rules: ProcessRules) -> str | None:
    """A term longer than the cap the rules set for the category: a warning, never a refusal."""
    cap = rules.duration_caps_years.get(agreement.category)
    if not cap or not (agreement.start_date and agreement.end_date):
        return None
    years = (agreement.end_date - agreement.start_date).days / 365.25
    if years <= cap:
        return None
    return _("Jangka waktu %(y).1f tahun melebihi batas %(cap)s tahun untuk kategori ini.") % {
        "y": years,
        "cap": cap,
    }


def mandate_warnings(agreement, rules: ProcessRules) -> list[str]:
    """The home government's signatory needs a mandate letter (surat kuasa) unless the title is one
    the rules name (the head of region)."""
    exempt = {t.strip().lower() for t in rules.mandate_exempt_titles}
    warnings = []
    for party in agreement.parties.all():
        if not party.partner.is_home_government or not party.signatory_title:
            continue
        if party.signatory_title.strip().lower() not in exempt and not party.mandate_reference:
            warnings.append(
                _("Penandatangan %(name)s (%(title)s) memerlukan surat kuasa dari kepala daerah.")
                % {"name": party.signatory_name or "—", "title": party.signatory_title}
            )
    return warnings


def final_evaluation_problem(agreement) -> str | None:
    """Completion — and, where the rules say so, renewal — needs a final evaluation."""
    if agreement.evaluations.filter(period_type="final").exists():
        return None
    return _("Belum ada evaluasi akhir.")


def renewal_problem(agreement, rules: ProcessRules) -> str | None:
    """A renewal needs the final evaluation of the agreement it continues when the rules in force say so
    (`renewal_requires_final_evaluation`): the successor should follow from its recommendation."""
    if not rules.renewal_requires_final_evaluation or final_evaluation_problem(agreement) is None:
        return None
    return _(
        "Kerja sama ini belum dapat diperpanjang: aturan yang berlaku mensyaratkan evaluasi akhir, "
        "dan evaluasi akhirnya belum dicatat."
    )
