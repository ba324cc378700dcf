"""The law's steps for an agreement's category as a checklist, each ticked from its record, with the
regulation it comes from (agreements.rules.sources: an article only where it is certain).

`compliance(agreement)` reads what the agreement page already prefetched (parties with partners,
instruments, documents, reviews, approvals, studies, letters, legal reviews, disputes, handovers) and
the rules in force; it writes nothing.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ..choices import (
    OPERATIONAL_INSTRUMENTS,
    OUTCOMES,
    DisputeOutcome,
    Initiative,
    InstrumentKind,
    InstrumentStatus,
    Stage,
)
from ..legacy import legacy_steps
from ..models import ProcessRules
from . import records, sources
from .approvals import BEFORE_ADDENDUM, approval_needs, need_problem, need_state
from .categories import counterpart_problems

NOT_APPLICABLE = "n/a"


@dataclass
class ComplianceStep:
    code: str
    stage: str
    label: str
    done: bool
    source: sources.Source
    problem: str = ""
    blocking: bool = True  # a gate refuses without it; False: shown, not enforced
    outside: bool = False  # done before the system existed, as its legacy entry records

    @property
    def stage_label(self):
        return dict(Stage.choices).get(self.stage, self.stage)


@dataclass
class Compliance:
    steps: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def done_count(self):
        return sum(1 for s in self.steps if s.done)


def _step(code, stage, label, problem, source, blocking=True):
    return ComplianceStep(code, stage, label, problem is None, source, problem or "", blocking)


def compliance(agreement, rules: ProcessRules | None = None) -> Compliance:
    rules = rules or ProcessRules.current()
    category_source = sources.for_category(agreement.category)
    parties = list(agreement.parties.all())
    instruments = list(agreement.instruments.all())
    result = Compliance()
    add = result.steps.append
    prep, sign, run, evaluate = Stage.PREPARATION, Stage.SIGNING, Stage.IMPLEMENTATION, Stage.EVALUATION

    add(
        _step(
            "identify_object",
            prep,
            _("Identifikasi potensi / objek kerja sama"),
            None
            if (agreement.cooperation_object_id or agreement.object_description)
            else _("Objek belum diisi."),
            category_source,
            blocking=False,
        )
    )
    add(
        _step(
            "initiative_letter",
            prep,
            _("Surat penawaran (prakarsa daerah) atau permohonan (prakarsa mitra) dan jawabannya"),
            records.initiative_letter_problem(agreement),
            category_source,
            blocking=False,
        )
    )
    if agreement.initiative == Initiative.PARTNER:
        add(
            _step(
                "proposal",
                prep,
                _("Proposal / KAK dari mitra"),
                records.proposal_problem(agreement),
                category_source,
            )
        )
    counterpart = counterpart_problems(agreement, parties, rules)
    add(
        _step(
            "parties",
            prep,
            _("Para pihak sesuai kategori (pemerintah daerah dan mitra)"),
            " ".join(counterpart) or None,
            sources.LAW,
        )
    )
    legality = records.legality_problem_list(agreement)
    add(
        _step(
            "partner_legality",
            prep,
            _("Verifikasi legalitas mitra"),
            " ".join(legality) or None,
            category_source,
        )
    )
    if records.benefit_study_required(agreement, rules):
        add(
            _step(
                "benefit_study",
                prep,
                _("Kajian manfaat (beban APBD, pendapatan daerah, manfaat)"),
                records.benefit_study_problem(agreement, rules),
                category_source,
            )
        )
    add(
        _step(
            "tkksd_review",
            prep,
            _("Pembahasan TKKSD: layak / layak dengan catatan"),
            records.tkksd_problem(agreement),
            category_source,
        )
    )
    mous = [i for i in instruments if i.kind == InstrumentKind.MOU]
    if records.mou_first_required(agreement, rules) or agreement.is_framework or mous:
        add(
            _step(
                "draft_mou",
                prep,
                _("Penyusunan kesepakatan bersama"),
                None if mous else _("Belum ada rancangan kesepakatan bersama."),
                category_source,
                blocking=False,
            )
        )
        add(
            _step(
                "sign_mou",
                sign,
                _("Penandatanganan kesepakatan bersama"),
                None if any(m.is_signed for m in mous) else _("Kesepakatan bersama belum ditandatangani."),
                category_source,
                blocking=agreement.is_framework or records.mou_first_required(agreement, rules),
            )
        )
    approvals = list(agreement.approvals.all())
    for need in approval_needs(agreement, rules, instruments):
        state, record = need_state(need, approvals)
        label = need.label
        if need.before == BEFORE_ADDENDUM:
            label = _("%(kind)s untuk adendum") % {"kind": need.label}
        source = sources.FOREIGN if agreement.is_foreign else sources.LAW
        add(
            _step(
                need.code if need.before != BEFORE_ADDENDUM else f"{need.code}_{need.instrument_id}",
                sign,
                label,
                need_problem(need, state, record),
                source,
            )
        )
    add(
        _step(
            "legal_review",
            sign,
            _("Telaah hukum atas rancangan naskah"),
            records.legal_review_problem(agreement),
            category_source,
            blocking=rules.legal_review_required,
        )
    )
    if not agreement.is_framework:
        signed = [i for i in instruments if i.kind in OPERATIONAL_INSTRUMENTS and i.is_signed]
        add(
            _step(
                "sign_operational",
                sign,
                _("Penandatanganan PKS / perjanjian KPBU / perjanjian pemanfaatan aset"),
                None if signed else _("Naskah operasional belum ditandatangani."),
                category_source,
            )
        )
    add(
        _step(
            "validate_signed",
            sign,
            _("Validasi naskah bertanda tangan (paraf, meterai, stempel)"),
            None
            if any(i.status == InstrumentStatus.VALIDATED for i in instruments)
            else _("Belum ada naskah yang divalidasi."),
            sources.Source(str(sources.SYSTEM)),
            blocking=False,
        )
    )
    evaluations = list(agreement.evaluations.all()) if hasattr(agreement, "evaluations") else []
    if agreement.stage in (run, evaluate, *OUTCOMES):
        add(
            _step(
                "monitoring",
                run,
                _("Monitoring dan evaluasi berkala (%(f)s)")
                % {"f": rules.get_evaluation_frequency_display()},
                None if evaluations else _("Belum ada evaluasi."),
                sources.LAW,
                blocking=False,
            )
        )
    disputes = list(agreement.disputes.all())
    if disputes:
        open_disputes = [
            d
            for d in disputes
            if not any(s.outcome == DisputeOutcome.SETTLED for s in d.stages.all())
            and not any(s.kind in ("arbitration", "court") and s.ended_on for s in d.stages.all())
        ]
        add(
            _step(
                "disputes",
                run,
                _("Penyelesaian perselisihan (musyawarah → fasilitasi → arbitrase / pengadilan)"),
                _("%(n)s perselisihan belum selesai.") % {"n": len(open_disputes)} if open_disputes else None,
                sources.LAW,
                blocking=False,
            )
        )
    if agreement.stage in OUTCOMES:
        add(
            _step(
                "closed_on",
                evaluate,
                _("Tanggal dan alasan pengakhiran"),
                None if agreement.closed_on else _("Tanggal pengakhiran belum dicatat."),
                sources.LAW,
                blocking=False,
            )
        )
        if agreement.stage in (Stage.TERMINATED, Stage.REVOKED):
            add(
                _step(
                    "closure_notice",
                    evaluate,
                    _("Surat pemberitahuan pengakhiran"),
                    None if agreement.closure_notice_id else _("Surat pemberitahuan belum dilampirkan."),
                    sources.LAW,
                    blocking=False,
                )
            )
        add(
            _step(
                "handover",
                evaluate,
                _("Serah terima aset (BAST), bila ada aset"),
                None if list(agreement.handovers.all()) else _("Belum ada berita acara serah terima."),
                sources.LAW,
                blocking=False,
            )
        )
    outside = legacy_steps(agreement)
    for step in result.steps:
        if not step.done and step.code in outside:
            step.done, step.outside, step.problem = True, True, ""
    for warning in (records.duration_warning(agreement, rules), *records.mandate_warnings(agreement, rules)):
        if warning:
            result.warnings.append(warning)
    return result
