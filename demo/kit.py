"""Small helpers that build demo agreements through the services, so every gate and history applies."""

from datetime import timedelta

from agreements import services
from agreements.choices import DocumentType, InstrumentStatus, OccurrenceStatus, Visibility
from evaluations import services as evaluation_services
from evaluations.choices import CRITERIA

from .pdf import demo_pdf


class Kit:
    """Shared context of the demo stories: the world, the users, today and a running number."""

    def __init__(self, world, users, today):
        self.world = world
        self.users = users
        self.today = today
        self.staff = users["staf"]
        self.manager = users["pimpinan"]
        self._number = 0

    def day(self, offset: int):
        """A date relative to today, so reminders are due on a fresh install."""
        return self.today + timedelta(days=offset)

    def partner(self, key):
        return self.world.home if key == "home" else self.world.partners[key]

    def next_number(self, year) -> str:
        self._number += 1
        return f"415.4/{self._number:03d}/35.09.2/{year}"

    def agreement(self, *, parties, lead, related=(), obj=None, numbered=True, **fields):
        """parties: (partner key, roles, signatory name, signatory title) in order."""
        start = fields.get("start_date") or self.today
        return services.agreement_create(
            actor=self.staff,
            number=self.next_number(start.year) if numbered else "",
            lead_unit=self.world.units[lead],
            related_units=[self.world.units[u] for u in related],
            cooperation_object=self.world.objects.get(obj) if obj else None,
            parties=[
                {
                    "partner": self.partner(key),
                    "roles": roles,
                    "signatory_name": name,
                    "signatory_title": title,
                }
                for key, roles, name, title in parties
            ],
            **fields,
        )

    def party(self, agreement, key):
        return agreement.parties.get(partner=self.partner(key))

    def upload(self, agreement, title, doc_type, visibility, **attached):
        filename = title.lower().replace(" ", "-")[:40] + ".pdf"
        return services.document_upload(
            agreement=agreement,
            actor=self.staff,
            upload=demo_pdf(filename, title),
            title=title,
            doc_type=doc_type,
            visibility=visibility,
            **attached,
        )

    def instrument(
        self,
        agreement,
        kind,
        title,
        *,
        signed_on=None,
        start=None,
        end=None,
        visibility=Visibility.PARTIES,
        validate=False,
        **extra,
    ):
        """An instrument; when `signed_on` is given it is signed, numbered and its signed copy uploaded."""
        numbers = []
        if signed_on:
            numbers = [
                {"party": p, "number": f"{kind.upper()}/{agreement.pk}/{p.order}/{signed_on.year}"}
                for p in agreement.parties.all()
            ]
        instrument = services.instrument_create(
            agreement=agreement,
            actor=self.staff,
            kind=kind,
            title=title,
            status=InstrumentStatus.SIGNED if signed_on else InstrumentStatus.DRAFT,
            signing_date=signed_on,
            signing_place="Pendopo Wahyawibawagraha, Jember" if signed_on else "",
            signing_method="ceremonial" if signed_on else "",
            start_date=start,
            end_date=end,
            party_numbers=numbers,
            **extra,
        )
        if signed_on:
            self.upload(
                agreement,
                f"{title} (bertanda tangan)",
                DocumentType.SIGNED_COPY,
                visibility,
                instrument=instrument,
            )
        if validate:
            services.instrument_validate(instrument=instrument, actor=self.staff)
        return instrument

    def risk(self, agreement, category, event, likelihood, impact, split, *, shared=True, mitigation=""):
        """split: (party key, percent) pairs totalling 100, or empty for a risk not split yet."""
        return services.risk_create(
            agreement=agreement,
            actor=self.staff,
            category=category,
            event=event,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            shared_with_parties=shared,
            shares=[{"party": self.party(agreement, k), "percent": p} for k, p in split],
        )

    def benefit(self, agreement, kind, description, *, percent=(), amount=(), shared=True):
        return services.benefit_create(
            agreement=agreement,
            actor=self.staff,
            kind=kind,
            description=description,
            split_method="amount" if amount else "percent",
            shared_with_parties=shared,
            shares=[{"party": self.party(agreement, k), "percent": p} for k, p in percent]
            + [{"party": self.party(agreement, k), "amount": a} for k, a in amount],
        )

    def contribution(self, agreement, key, kind, description, value=None):
        return services.contribution_create(
            agreement=agreement,
            actor=self.staff,
            party=self.party(agreement, key),
            kind=kind,
            description=description,
            estimated_value=value,
        )

    def obligation(self, agreement, key, title, frequency, first_due, *, unit=None, **extra):
        return services.obligation_create(
            agreement=agreement,
            actor=self.staff,
            party=self.party(agreement, key),
            responsible_unit=self.world.units[unit] if unit else None,
            title=title,
            frequency=frequency,
            first_due_date=first_due,
            **extra,
        )

    def settle(self, obligation, *, fulfilled=0, submitted=0, waived=0, by=None):
        """Past occurrences, oldest first: some waived, some fulfilled (evidence verified), some submitted.

        Whatever past occurrence is left stays overdue, as the services left it.
        """
        by = by or self.staff
        past = list(obligation.occurrences.filter(due_date__lt=self.today).order_by("due_date"))
        for occurrence in past[:waived]:
            services.occurrence_set_status(
                occurrence=occurrence,
                actor=self.staff,
                status=OccurrenceStatus.WAIVED,
                note="Dibebaskan berdasarkan kesepakatan rapat koordinasi.",
            )
        for index, occurrence in enumerate(past[waived : waived + fulfilled + submitted]):
            services.occurrence_submit(
                occurrence=occurrence,
                actor=by,
                note="Laporan dan bukti pelaksanaan terlampir.",
                files=[demo_pdf(f"bukti-{occurrence.pk}.pdf", f"Bukti {obligation.title}")],
            )
            if index < fulfilled:
                services.occurrence_verify(occurrence=occurrence, actor=self.staff, note="Bukti lengkap.")

    def tkksd(self, agreement, offset, decision, notes=""):
        return services.tkksd_review_record(
            agreement=agreement,
            actor=self.manager,
            review_date=self.day(offset),
            decision=decision,
            notes=notes,
        )

    def study(self, agreement, offset, cost=None, revenue=None, benefits="", recommendation="recommended"):
        """The benefit study (kajian) the law asks for before signing."""
        return services.benefit_study_create(
            agreement=agreement,
            actor=self.staff,
            study_date=self.day(offset),
            prepared_by="Bagian Kerja Sama Setda",
            yearly_apbd_cost=cost,
            expected_local_revenue=revenue,
            non_financial_benefits=benefits,
            recommendation=recommendation,
        )

    def approval(self, agreement, kind, submitted, decided=None, result="approved", letter=""):
        """An approval (DPRD, ministries) asked for `submitted` days from today and decided `decided`."""
        return services.approval_create(
            agreement=agreement,
            actor=self.staff,
            kind=kind,
            submitted_on=self.day(submitted),
            decided_on=self.day(decided) if decided is not None else None,
            result=result,
            letter_number=letter,
        )

    def evaluate(self, agreement, period_type, label, offset, role, score, recommendation, **extra):
        """An evaluation scoring every criterion around `score` (1–5)."""
        scores = {name: max(1, min(5, score + (i % 3) - 1)) for i, (name, _l) in enumerate(CRITERIA)}
        return evaluation_services.evaluation_create(
            agreement=agreement,
            actor=self.manager,
            period_type=period_type,
            period_label=label,
            evaluated_on=self.day(offset),
            evaluator_role=role,
            recommendation=recommendation,
            **scores,
            **extra,
        )

    def indicator(self, agreement, name, unit, baseline, target, observations=(), *, shared=True):
        """observations: (period label, day offset, value)."""
        indicator = evaluation_services.indicator_create(
            agreement=agreement,
            actor=self.staff,
            name=name,
            unit=unit,
            baseline=baseline,
            target=target,
            shared_with_parties=shared,
        )
        for label, offset, value in observations:
            evaluation_services.observation_record(
                indicator=indicator,
                actor=self.staff,
                period_label=label,
                observed_on=self.day(offset),
                value=value,
            )
        return indicator

    def challenge(self, agreement, category, description, offset, *, shared=False, resolution=""):
        challenge = evaluation_services.challenge_create(
            agreement=agreement,
            actor=self.staff,
            category=category,
            description=description,
            reported_on=self.day(offset),
            shared_with_parties=shared,
        )
        if resolution:
            evaluation_services.challenge_update(
                challenge=challenge,
                actor=self.staff,
                status="resolved",
                resolution=resolution,
                resolved_on=self.today,
            )
        return challenge

    def advance(self, agreement, note=""):
        return services.agreement_advance(agreement=agreement, actor=self.staff, note=note)
