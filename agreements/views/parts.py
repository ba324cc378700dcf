"""Changing the parts of an agreement from its page: instruments (edit, sign, signed copy), documents
(title and visibility — never deleted: a document is evidence) and a benefit's realisations.

Each is a small form page through `part_action`: a POST through the services, allowed by `can(user, …)`,
answered again with what was typed and the reasons when it is refused.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.templatetags.formatting import tanggal

from .. import services
from ..choices import DocumentType
from ..forms import parts as forms
from ..models import Benefit, Document, Instrument
from .actions import INSTRUMENT_PAGE, part_action
from .common import internal_only


@internal_only
def instrument_edit(request, pk):
    def perform(agreement, user, form):
        data, numbers = form.service_data()
        services.instrument_update(instrument=form.part, actor=user, party_numbers=numbers, **data)

    return part_action(
        request,
        Instrument,
        pk,
        form_class=forms.InstrumentEditForm,
        perform=perform,
        title=_lazy("Ubah naskah"),
        **INSTRUMENT_PAGE,
    )


@internal_only
def instrument_sign(request, pk):
    def perform(agreement, user, form):
        services.instrument_sign(instrument=form.part, actor=user, **form.cleaned_data)

    return part_action(
        request,
        Instrument,
        pk,
        permission="agreement.change",
        form_class=forms.InstrumentSignForm,
        perform=perform,
        title=_lazy("Catat penandatanganan naskah"),
        submit=_lazy("Tandai ditandatangani"),
        success=_("Penandatanganan naskah dicatat."),
        anchor="#naskah",
    )


@internal_only
def instrument_signed_copy(request, pk):
    def perform(agreement, user, form):
        data = form.cleaned_data
        try:
            services.document_upload(
                agreement=agreement,
                actor=user,
                upload=data["file"],
                title=data["title"],
                doc_type=DocumentType.SIGNED_COPY,
                visibility=data["visibility"],
                instrument=form.part,
            )
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error

    return part_action(
        request,
        Instrument,
        pk,
        permission="document.upload",
        form_class=forms.SignedCopyForm,
        perform=perform,
        title=_lazy("Unggah naskah bertanda tangan"),
        submit=_lazy("Unggah"),
        success=_("Naskah bertanda tangan diunggah."),
        anchor="#naskah",
    )


@internal_only
def document_edit(request, pk):
    def perform(agreement, user, form):
        if form.changes():
            services.document_update(document=form.part, actor=user, **form.changes())

    return part_action(
        request,
        Document,
        pk,
        permission="document.upload",
        form_class=forms.DocumentEditForm,
        perform=perform,
        title=_lazy("Ubah dokumen"),
        note=_lazy(
            "Dokumen adalah bukti dan tidak dapat dihapus; hanya judul dan visibilitasnya yang dapat diubah."
        ),
        submit=_lazy("Simpan"),
        success=_("Dokumen disimpan."),
        anchor="#dokumen",
    )


def _proof_title(benefit, day):
    return _("Bukti realisasi %(benefit)s, %(date)s") % {"benefit": benefit, "date": tanggal(day)}


@internal_only
def realisation_create(request, pk):
    def perform(agreement, user, form):
        data = dict(form.cleaned_data)
        upload, visibility = data.pop("proof"), data.pop("proof_visibility")
        data["party"] = form.parties.get(data["party"])
        with transaction.atomic():  # the proof and the realisation are stored together or not at all
            if upload:
                try:
                    data["proof"] = services.document_upload(
                        agreement=agreement,
                        actor=user,
                        upload=upload,
                        title=_proof_title(form.part, data["realised_on"]),
                        doc_type=DocumentType.EVIDENCE,
                        visibility=visibility,
                    )
                except ValidationError as error:
                    raise ValidationError({"proof": error.messages}) from error
            try:
                services.realisation_create(benefit=form.part, actor=user, **data)
            except ValidationError:
                if data.get("proof"):
                    data["proof"].file.delete(save=False)  # its row is rolled back; the file must go too
                raise

    return part_action(
        request,
        Benefit,
        pk,
        permission="agreement.change",
        form_class=forms.RealisationForm,
        perform=perform,
        title=_lazy("Catat realisasi manfaat"),
        submit=_lazy("Simpan realisasi"),
        success=_("Realisasi manfaat dicatat."),
        anchor="#manfaat",
    )
