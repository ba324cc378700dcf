"""The parts of an agreement edited from its page: contributions (editor rows), benefit realisations,
instruments (edit, sign, signed copy), documents (title and visibility), and the editor's partner search.

Every write goes through the services; bad input is refused at its field with nothing changed; the
change shows in the page's history.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from agreements import services
from agreements.forms.partners import PARTNER_SELECT_LIMIT, SEARCH_LIMIT
from agreements.models import Agreement, BenefitRealisation, Contribution, Document
from registry.models import Partner
from tests.agreements.builders import furnished_agreement, pdf_upload
from tests.agreements.editor_data import BASIC_FIELDS, editor_data
from tests.agreements.pages import agreement_page
from tests.registry.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def _agreement(actor, parties=2, **fields):
    return services.agreement_create(
        actor=actor,
        title=fields.pop("title", "Uji bagian"),
        category="ksdpk",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        parties=[{"partner": PartnerFactory()} for _ in range(parties)],
        **fields,
    )


def _page(client, agreement):
    """The agreement page's HTML with whitespace collapsed, so history lines read as one."""
    html = agreement_page(client, agreement)
    return re.sub(r"\s+", " ", html)


def _history(kind, model, label):
    return f'{kind}: {model} <em class="text-break">{label}</em>'


# --- contributions: rows of the one-page editor ----------------------------------------------------


def _editor_submission(agreement, contributions, initial_contributions=0):
    parties = list(agreement.parties.order_by("order"))
    return editor_data(
        {**BASIC_FIELDS, "title": agreement.title},
        version=agreement.version,
        parties=[{"id": p.pk, "partner": p.partner_id} for p in parties],
        contributions=contributions,
        initial={"parties": len(parties), "contributions": initial_contributions},
    )


def test_contributions_are_added_edited_and_removed_in_the_editor(client, staff_user):
    agreement = _agreement(staff_user)
    first, second = agreement.parties.order_by("order")
    client.force_login(staff_user)
    url = reverse("agreements:edit", args=[agreement.pk])
    assert 'name="contributions-TOTAL_FORMS"' in client.get(url).content.decode()
    data = _editor_submission(
        agreement,
        [
            {
                "party_partner": first.partner_id,
                "kind": "funds",
                "description": "APBD 2026",
                "estimated_value": "1250000000",
                "shared_with_parties": True,
            },
            {"party_partner": second.partner_id, "kind": "expertise", "description": "Tenaga ahli"},
        ],
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    funds, expertise = Contribution.objects.order_by("pk")
    assert (funds.party, funds.kind, funds.estimated_value, funds.shared_with_parties) == (
        first,
        "funds",
        Decimal("1250000000"),
        True,
    )
    assert (expertise.party, expertise.shared_with_parties) == (second, False)
    page = _page(client, agreement)
    assert "Rp 1.250.000.000" in page and "Tenaga ahli" in page
    assert _history("Ditambahkan", "kontribusi", "APBD 2026") in page

    agreement.refresh_from_db()
    data = _editor_submission(
        agreement,
        [
            {
                "id": funds.pk,
                "party_partner": first.partner_id,
                "kind": "funds",
                "description": "APBD 2026",
                "estimated_value": "1500000000",
                "shared_with_parties": True,
            },
            {
                "id": expertise.pk,
                "party_partner": second.partner_id,
                "kind": "expertise",
                "description": "Tenaga ahli",
                "DELETE": True,
            },
        ],
        initial_contributions=2,
    )
    assert client.post(url, data).status_code == 302
    assert list(Contribution.objects.values_list("pk", "estimated_value")) == [
        (funds.pk, Decimal("1500000000"))
    ]
    page = _page(client, agreement)
    assert "Perkiraan nilai (Rp): 1.250.000.000 → 1.500.000.000" in page
    assert _history("Dihapus", "kontribusi", "Tenaga ahli") in page


def test_contribution_refused_at_its_field_and_nothing_saved(client, staff_user):
    agreement = _agreement(staff_user)
    first = agreement.parties.order_by("order").first()
    outsider = PartnerFactory()
    version = agreement.version
    client.force_login(staff_user)
    url = reverse("agreements:edit", args=[agreement.pk])
    negative = [{"party_partner": first.partner_id, "kind": "funds", "estimated_value": "-5"}]
    response = client.post(url, _editor_submission(agreement, negative))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_contributions-0-estimated_value_error"' in html
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 0." in html
    not_a_party = [{"party_partner": outsider.pk, "kind": "data"}]
    response = client.post(url, _editor_submission(agreement, not_a_party))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_contributions-0-party_partner_error"' in html
    assert "Pilih mitra yang tercantum sebagai pihak." in html
    assert not Contribution.objects.exists()
    assert Agreement.objects.get(pk=agreement.pk).version == version


def test_new_agreement_saves_its_contributions(client, staff_user):
    a, b = PartnerFactory(), PartnerFactory()
    client.force_login(staff_user)
    data = editor_data(
        BASIC_FIELDS,
        parties=[{"partner": a.pk}, {"partner": b.pk}],
        contributions=[{"party_partner": b.pk, "kind": "land_assets", "estimated_value": "300000000"}],
    )
    assert client.post(reverse("agreements:create"), data).status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.party.partner, contribution.kind) == (b, "land_assets")


def test_htmx_contribution_row(client, staff_user):
    client.force_login(staff_user)
    html = client.get(
        reverse("agreements:editor_row"), {"prefix": "contributions", "contributions-TOTAL_FORMS": "2"}
    ).content.decode()
    assert 'name="contributions-2-estimated_value"' in html and 'value="3"' in html


# --- instruments: edit, sign, signed copy --------------------------------------------------------


def _instrument(actor, agreement, **fields):
    parties = list(agreement.parties.order_by("order"))
    return services.instrument_create(
        agreement=agreement,
        actor=actor,
        **{"kind": "mou", "title": "MoU awal", **fields},
        party_numbers=[{"party": parties[0], "number": "MOU/1"}],
    )


def _instrument_post(instrument, **changes):
    parties = list(instrument.agreement.parties.order_by("order"))
    data = {
        "kind": instrument.kind,
        "parent": instrument.parent_id or "",
        "title": instrument.title,
        "signing_date": instrument.signing_date or "",
        "signing_place": instrument.signing_place,
        "signing_method": instrument.signing_method,
        "start_date": instrument.start_date or "",
        "end_date": instrument.end_date or "",
        "new_end_date": instrument.new_end_date or "",
    }
    numbers = {n.party_id: n.number for n in instrument.party_numbers.all()}
    data.update({f"number_{p.pk}": numbers.get(p.pk, "") for p in parties})
    data.update(changes)
    return data


def test_instrument_edit_changes_fields_and_numbers_with_history(client, staff_user):
    agreement = _agreement(staff_user)
    first, second = agreement.parties.order_by("order")
    instrument = _instrument(staff_user, agreement)
    client.force_login(staff_user)
    url = reverse("agreements:instrument_edit", args=[instrument.pk])
    form = client.get(url).content.decode()
    assert 'value="MOU/1"' in form and 'name="status"' not in form
    assert f'<option value="{instrument.pk}"' not in form  # not its own parent
    data = _instrument_post(
        instrument,
        title="MoU pengelolaan sampah",
        signing_place="Semarang",
        **{f"number_{first.pk}": "", f"number_{second.pk}": "B/7/2026"},
    )
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("#naskah")
    instrument.refresh_from_db()
    assert (instrument.title, instrument.signing_place) == ("MoU pengelolaan sampah", "Semarang")
    assert list(instrument.party_numbers.values_list("party", "number")) == [(second.pk, "B/7/2026")]
    page = _page(client, agreement)
    assert "Judul: MoU awal → MoU pengelolaan sampah" in page
    assert _history("Ditambahkan", "nomor naskah pihak", "B/7/2026") in page
    assert _history("Dihapus", "nomor naskah pihak", "MOU/1") in page


def test_instrument_edit_refuses_at_the_field_and_changes_nothing(client, staff_user):
    agreement = _agreement(staff_user)
    instrument = _instrument(staff_user, agreement, status="signed", signing_date=datetime.date(2026, 1, 5))
    before = (instrument.history.count(), Agreement.objects.get(pk=agreement.pk).version)
    client.force_login(staff_user)
    url = reverse("agreements:instrument_edit", args=[instrument.pk])
    response = client.post(url, _instrument_post(instrument, title="Baru", signing_date=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_signing_date_error"' in html
    assert "Naskah yang ditandatangani memerlukan tanggal penandatanganan." in html
    # An addendum must name the instrument it changes: the service's refusal comes back on the page.
    response = client.post(url, _instrument_post(instrument, kind="addendum", title="Baru"))
    assert response.status_code == 400
    assert "Adendum harus menunjuk naskah induk yang diubahnya." in response.content.decode()
    instrument.refresh_from_db()
    assert instrument.title == "MoU awal"
    assert (instrument.history.count(), Agreement.objects.get(pk=agreement.pk).version) == before


def test_signing_an_addendum_moves_the_end_date(client, staff_user):
    agreement = _agreement(staff_user)
    pks = _instrument(staff_user, agreement, kind="pks", title="PKS")
    addendum = services.instrument_create(
        agreement=agreement,
        actor=staff_user,
        kind="addendum",
        parent=pks,
        new_end_date=datetime.date(2028, 6, 30),
    )
    client.force_login(staff_user)
    assert "Tanda tangan" in _page(client, agreement)
    url = reverse("agreements:instrument_sign", args=[addendum.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"signing_date": "", "signing_place": "Solo"})
    assert response.status_code == 400
    assert 'id="id_signing_date_error"' in response.content.decode()
    addendum.refresh_from_db()
    assert addendum.status == "draft"
    future = client.post(url, {"signing_date": "2099-11-01", "signing_place": "Solo"})
    assert future.status_code == 400
    assert "Tanggal tidak boleh setelah hari ini." in future.content.decode()
    response = client.post(
        url, {"signing_date": "2026-11-01", "signing_place": "Solo", "signing_method": "hybrid"}
    )
    assert response.status_code == 302
    addendum.refresh_from_db()
    agreement.refresh_from_db()
    assert (addendum.status, addendum.signing_place) == ("signed", "Solo")
    # The end date moves only once the signed copy of the addendum is attached.
    assert agreement.end_date != datetime.date(2028, 6, 30)
    copy = client.post(
        reverse("agreements:instrument_signed_copy", args=[addendum.pk]),
        {"file": pdf_upload("adendum.pdf"), "title": "Adendum ttd", "visibility": "parties"},
    )
    assert copy.status_code == 302
    agreement.refresh_from_db()
    assert agreement.end_date == datetime.date(2028, 6, 30)
    assert "Status: Draf → Ditandatangani" in _page(client, agreement)


def test_signed_copy_is_uploaded_from_the_instrument_row(client, staff_user):
    agreement = _agreement(staff_user)
    instrument = _instrument(staff_user, agreement, status="signed", signing_date=datetime.date(2026, 1, 5))
    client.force_login(staff_user)
    url = reverse("agreements:instrument_signed_copy", args=[instrument.pk])
    assert url in _page(client, agreement)
    fake = SimpleUploadedFile("mou.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    response = client.post(url, {"file": fake, "title": "MoU ttd", "visibility": "parties"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_file_error"' in html and "Jenis berkas tidak diizinkan" in html
    assert not Document.objects.exists()
    response = client.post(url, {"file": pdf_upload("mou.pdf"), "title": "MoU ttd", "visibility": "parties"})
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.instrument, document.doc_type, document.visibility) == (
        instrument,
        "signed_copy",
        "parties",
    )
    # The signed copy makes validation possible.
    client.post(reverse("agreements:instrument_validate", args=[instrument.pk]))
    instrument.refresh_from_db()
    assert instrument.status == "validated"
    assert _history("Ditambahkan", "dokumen", "MoU ttd") in _page(client, agreement)


# --- documents: title and visibility, never deleted ------------------------------------------------


def test_document_title_and_visibility_change_and_nothing_deletes_it(client, staff_user):
    agreement = _agreement(staff_user)
    document = services.document_upload(
        agreement=agreement,
        actor=staff_user,
        upload=pdf_upload(),
        title="Proposal",
        doc_type="proposal",
        visibility="internal",
    )
    client.force_login(staff_user)
    page = _page(client, agreement)
    assert "Dokumen adalah bukti dan tidak dapat dihapus." in page
    url = reverse("agreements:document_edit", args=[document.pk])
    assert "tidak dapat dihapus" in client.get(url).content.decode()
    version = Agreement.objects.get(pk=agreement.pk).version
    response = client.post(url, {"title": "", "visibility": "nowhere"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_title_error"' in html and 'id="id_visibility_error"' in html
    document.refresh_from_db()
    assert (document.title, document.visibility) == ("Proposal", "internal")
    assert Agreement.objects.get(pk=agreement.pk).version == version
    response = client.post(url, {"title": "Proposal KAK", "visibility": "public"})
    assert response.status_code == 302 and response["Location"].endswith("#dokumen")
    document.refresh_from_db()
    assert (document.title, document.visibility) == ("Proposal KAK", "public")
    page = _page(client, agreement)
    assert "Judul: Proposal → Proposal KAK" in page and "Visibilitas: Internal → Publik" in page
    with pytest.raises(NoReverseMatch):
        reverse("agreements:document_delete", args=[document.pk])
    assert Document.objects.filter(pk=document.pk).exists()


# --- realisations -----------------------------------------------------------------------------------


def _benefit(actor, agreement):
    first, second = agreement.parties.order_by("order")
    return services.benefit_create(
        agreement=agreement,
        actor=actor,
        kind="fixed_contribution",
        shares=[{"party": first, "percent": 60}, {"party": second, "percent": 40}],
    )


def _realisation_counts(agreement):
    return (
        BenefitRealisation.objects.count(),
        Document.objects.count(),
        Agreement.objects.get(pk=agreement.pk).version,
    )


def test_realisation_with_proof_is_recorded_and_shown(client, staff_user):
    agreement = _agreement(staff_user)
    benefit = _benefit(staff_user, agreement)
    second = agreement.parties.get(order=2)
    client.force_login(staff_user)
    url = reverse("agreements:realisation_create", args=[benefit.pk])
    assert url in _page(client, agreement)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "realised_on": "2026-07-01",
            "amount": "75000000",
            "party": second.pk,
            "note": "Setoran semester I",
            "proof": pdf_upload("bukti.pdf"),
            "proof_visibility": "parties",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#manfaat")
    realisation = BenefitRealisation.objects.get()
    assert (realisation.party, realisation.amount, realisation.note) == (
        second,
        Decimal("75000000"),
        "Setoran semester I",
    )
    proof = realisation.proof
    assert (proof.doc_type, proof.visibility, proof.agreement) == ("evidence", "parties", agreement)
    page = _page(client, agreement)
    assert "1 Juli 2026 — Rp 75.000.000" in page
    assert reverse("agreements:document_download", args=[proof.pk]) in page
    assert _history("Ditambahkan", "realisasi manfaat", "Setoran semester I") in page


def test_realisation_without_proof(client, staff_user):
    agreement = _agreement(staff_user)
    benefit = _benefit(staff_user, agreement)
    client.force_login(staff_user)
    url = reverse("agreements:realisation_create", args=[benefit.pk])
    response = client.post(url, {"realised_on": "2026-07-01", "proof_visibility": "internal"})
    assert response.status_code == 302
    assert BenefitRealisation.objects.get().proof is None


def test_bad_realisation_is_refused_at_its_field_and_stores_nothing(client, staff_user):
    agreement = _agreement(staff_user)
    benefit = _benefit(staff_user, agreement)
    other_party = _agreement(staff_user, parties=2, title="Lain").parties.first()
    before = _realisation_counts(agreement)
    client.force_login(staff_user)
    url = reverse("agreements:realisation_create", args=[benefit.pk])
    response = client.post(
        url, {"realised_on": "", "amount": "-1", "party": other_party.pk, "proof_visibility": "internal"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("realised_on", "amount", "party"):
        assert f'id="id_{field}_error"' in html, field
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 0." in html
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    response = client.post(
        url, {"realised_on": "2026-07-01", "amount": "1000", "proof": fake, "proof_visibility": "internal"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_proof_error"' in html and "Jenis berkas tidak diizinkan" in html
    assert _realisation_counts(agreement) == before


# --- who may ----------------------------------------------------------------------------------------


def _part_urls(staff_user):
    agreement = _agreement(staff_user)
    instrument = _instrument(staff_user, agreement)
    document = services.document_upload(
        agreement=agreement, actor=staff_user, upload=pdf_upload(), doc_type="other", visibility="parties"
    )
    benefit = _benefit(staff_user, agreement)
    return [
        reverse("agreements:instrument_edit", args=[instrument.pk]),
        reverse("agreements:instrument_sign", args=[instrument.pk]),
        reverse("agreements:instrument_signed_copy", args=[instrument.pk]),
        reverse("agreements:document_edit", args=[document.pk]),
        reverse("agreements:realisation_create", args=[benefit.pk]),
    ]


def test_managers_are_refused_and_portal_users_see_nothing(client, staff_user, manager_user, partner_user):
    urls = _part_urls(staff_user)
    before = (Document.objects.count(), BenefitRealisation.objects.count())
    client.force_login(manager_user)
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert (
            client.post(url, {"title": "x", "visibility": "public", "realised_on": "2026-01-01"}).status_code
            == 403
        )
    client.force_login(partner_user)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert (Document.objects.count(), BenefitRealisation.objects.count()) == before
    assert Document.objects.get().title == "naskah.pdf"


# --- the editor's partner select: full list when short, a search when long --------------------------


def _many_partners(count=PARTNER_SELECT_LIMIT):
    """Enough partners to turn the search on (bulk: the editor only reads them)."""
    Partner.objects.bulk_create(
        Partner(
            name=f"Koperasi Massal {n:04d}",
            short_name=f"KM{n}",
            nib=f"99{n:08d}",
            sector="private",
            partner_type="cooperative",
        )
        for n in range(count)
    )


def test_short_list_is_a_full_select_with_a_hidden_filter(client, staff_user):
    partners = [PartnerFactory() for _ in range(3)]
    client.force_login(staff_user)
    html = client.get(reverse("agreements:create")).content.decode()
    assert all(f'<option value="{p.pk}">{p.name}</option>' in html for p in partners)
    assert "data-partner-search hidden" in html  # shown by JavaScript as a filter
    assert 'name="_search"' not in html


def test_long_list_offers_a_search_that_works_without_javascript(client, staff_user):
    _many_partners()
    wanted = PartnerFactory(name="Universitas Tunggal", short_name="UT", nib="1234567890123")
    client.force_login(staff_user)
    html = client.get(reverse("agreements:create")).content.decode()
    assert "Koperasi Massal 0001" not in html  # thousands of options are not sent
    assert 'name="_search" value="parties-0"' in html and 'name="parties-0-partner_search"' in html
    data = editor_data(BASIC_FIELDS, parties=[{"partner": ""}, {"partner": ""}])
    data.update({"_search": "parties-1", "parties-1-partner_search": "123456789"})
    before = Agreement.objects.count()
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{wanted.pk}">Universitas Tunggal</option>' in html
    assert 'value="123456789"' in html and "Periksa isian" not in html
    # The partner picked from the search is accepted on save; one outside the user's choices is not.
    other = PartnerFactory(name="Dinas Contoh")
    data = editor_data(BASIC_FIELDS, parties=[{"partner": wanted.pk}, {"partner": other.pk}])
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 302
    assert Agreement.objects.count() == before + 1
    archived = PartnerFactory(name="Mitra Lama", archived_at=timezone.now())
    data = editor_data(BASIC_FIELDS, parties=[{"partner": wanted.pk}, {"partner": archived.pk}])
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 400
    assert 'id="id_parties-1-partner_error"' in response.content.decode()
    assert Agreement.objects.count() == before + 1


def test_edit_page_with_a_long_list_keeps_the_parties_partners(client, staff_user):
    _many_partners()
    agreement = _agreement(staff_user)
    client.force_login(staff_user)
    html = client.get(reverse("agreements:edit", args=[agreement.pk])).content.decode()
    for party in agreement.parties.select_related("partner"):
        assert f'<option value="{party.partner_id}" selected>{party.partner.name}</option>' in html


def test_htmx_partner_options_search_by_name_short_name_and_nib(client, staff_user):
    _many_partners(60)
    unique = PartnerFactory(name="Yayasan Peduli", short_name="YPL", nib="5550001112223")
    client.force_login(staff_user)
    url = reverse("agreements:partner_options")

    def options(query, selected=""):
        response = client.get(
            url,
            {"field": "parties-2-partner", "parties-2-partner_search": query, "parties-2-partner": selected},
        )
        assert response.status_code == 200
        return response.content.decode()

    for query in ("peduli", "YPL", "5550001"):
        assert f'<option value="{unique.pk}">Yayasan Peduli</option>' in options(query), query
    assert options("Koperasi").count('<option value="') == 1 + SEARCH_LIMIT  # empty choice + 50
    kept = options("nothing-matches", selected=str(unique.pk))
    assert f'<option value="{unique.pk}" selected>Yayasan Peduli</option>' in kept
    assert client.get(url, {"field": "risks-0-shares-0-amount"}).status_code == 404


def test_partner_options_are_for_editors_only(client, manager_user, partner_user):
    url = reverse("agreements:partner_options")
    query = {"field": "parties-0-partner", "parties-0-partner_search": "a"}
    assert client.get(url, query).status_code == 302  # to the login page
    client.force_login(manager_user)
    assert client.get(url, query).status_code == 403
    client.force_login(partner_user)
    assert client.get(url, query).status_code == 404


def test_htmx_row_with_a_long_list_offers_the_page_parties(client, staff_user):
    _many_partners()
    a, b = PartnerFactory(name="Pihak A"), PartnerFactory(name="Pihak B")
    client.force_login(staff_user)
    html = client.get(
        reverse("agreements:editor_row"),
        {
            "prefix": "obligations",
            "obligations-TOTAL_FORMS": "0",
            "parties-0-partner": a.pk,
            "parties-1-partner": b.pk,
        },
    ).content.decode()
    assert (
        f'<option value="{a.pk}">Pihak A</option>' in html
        and f'<option value="{b.pk}">Pihak B</option>' in html
    )
    assert "Koperasi Massal" not in html


# --- the editor's query count: constant whatever the size ---------------------------------------


# Session, user, roles, navbar badge; the partner choices; the OPD choices; the agreement form's
# cooperation objects, lead OPD and related OPDs (the select cursors). Editing adds the agreement and one
# query per kind of row (parties, obligations, contributions, risks and shares, benefits and shares) and
# its related OPDs; with a long partner list, the partners the agreement names (none yet when creating).
# The editor also lists the government affairs and, when editing, the funding sources (issue 10), and
# the choices of a KSDD wajib's bordering regions and affair (and, editing, the regions it names).
EDITOR_QUERIES = {("create", False): 12, ("create", True): 12, ("edit", False): 24, ("edit", True): 25}


@pytest.mark.parametrize("many", [False, True], ids=["short-list", "long-list"])
@pytest.mark.parametrize("page", ["create", "edit"])
def test_editor_query_count_is_pinned_and_does_not_grow_with_rows(
    client, staff_user, django_assert_num_queries, page, many
):
    if many:
        _many_partners()
    client.force_login(staff_user)
    for size in (1, 5):
        agreement = furnished_agreement(staff_user, size=size, title=f"Ukuran {size}")
        url = (
            reverse("agreements:create")
            if page == "create"
            else reverse("agreements:edit", args=[agreement.pk])
        )
        with django_assert_num_queries(EDITOR_QUERIES[page, many]):
            assert client.get(url).status_code == 200
