from django.urls import path

from .views import actions, compliance, detail, documents, editor, listing, parts, process, units

app_name = "agreements"
urlpatterns = [
    path("", listing.agreement_list, name="list"),
    path("ekspor/", listing.agreement_export, name="export"),
    path("perangkat-daerah/<int:pk>/pindahkan/", units.unit_transfer, name="unit_transfer"),
    path("baru/", editor.agreement_create, name="create"),
    path("formulir/baris/", editor.editor_row, name="editor_row"),
    path("formulir/mitra/", editor.partner_options, name="partner_options"),
    path("formulir/mitra/baru/", editor.partner_create, name="partner_create"),
    path("<int:pk>/", detail.agreement_detail, name="detail"),
    path("<int:pk>/bagian/<slug:slug>/", detail.agreement_section, name="section"),
    path("kewajiban/<int:pk>/kejadian/", detail.obligation_occurrences, name="obligation_occurrences"),
    path("<int:pk>/ubah/", editor.agreement_edit, name="edit"),
    path("<int:pk>/lanjutkan/", actions.agreement_advance, name="advance"),
    path("<int:pk>/tutup/", actions.agreement_close, name="close"),
    path("<int:pk>/buka-kembali/", actions.agreement_reopen, name="reopen"),
    path("<int:pk>/tetapkan-tahap/", actions.agreement_set_stage, name="set_stage"),
    path("<int:pk>/arsipkan/", actions.agreement_archive, name="archive"),
    path("<int:pk>/pulihkan/", actions.agreement_restore, name="restore"),
    path("<int:pk>/perpanjang/", actions.agreement_renew, name="renew"),
    path("<int:pk>/daftar-periksa/centang/", actions.checklist_tick, name="checklist_tick"),
    path("<int:pk>/daftar-periksa/batal/", actions.checklist_untick, name="checklist_untick"),
    path("<int:pk>/tkksd/", actions.tkksd_review, name="tkksd_review"),
    path("<int:pk>/dprd/", actions.dprd_approval, name="dprd_approval"),
    path("<int:pk>/naskah/baru/", actions.instrument_create, name="instrument_create"),
    path("naskah/<int:pk>/validasi/", actions.instrument_validate, name="instrument_validate"),
    path("naskah/<int:pk>/ubah/", parts.instrument_edit, name="instrument_edit"),
    path("naskah/<int:pk>/tanda-tangan/", parts.instrument_sign, name="instrument_sign"),
    path("naskah/<int:pk>/unggah/", parts.instrument_signed_copy, name="instrument_signed_copy"),
    path("manfaat/<int:pk>/realisasi/baru/", parts.realisation_create, name="realisation_create"),
    path("<int:pk>/dokumen/unggah/", documents.document_upload, name="document_upload"),
    path("dokumen/<int:pk>/unduh/", documents.document_download, name="document_download"),
    path("dokumen/<int:pk>/ubah/", parts.document_edit, name="document_edit"),
    # The law's steps as records (issue 10).
    path("<int:pk>/proses/<slug:kind>/baru/", process.process_record_create, name="process_create"),
    path("proses/<slug:kind>/<int:record_pk>/ubah/", process.process_record_edit, name="process_edit"),
    path(
        "perselisihan/<int:dispute_pk>/tahap/baru/", process.dispute_stage_create, name="dispute_stage_create"
    ),
    path("perselisihan/tahap/<int:stage_pk>/ubah/", process.dispute_stage_edit, name="dispute_stage_edit"),
    path("aturan/", compliance.rules_in_force_page, name="rules"),
    path("belum-sesuai-aturan/", compliance.not_compliant, name="not_compliant"),
]
