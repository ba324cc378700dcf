"""The public register (no login): list with search and filters, detail, CSV/XLSX/JSON downloads and
OCDS."""

import json
from operator import itemgetter
from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from core.exports import export_rows
from core.headers import content_disposition
from registry.register_cache import render_cached_page

from . import ocds
from .filters import PublicAgreementFilterSet
from .selectors import (
    public_agreement_data,
    public_agreements,
    public_agreements_for_ocds,
    public_documents,
)

PAGE_SIZE = 25
EXTENSION_DIR = Path(__file__).resolve().parent / "extension"
EXTENSION_FILES = {"extension.json", "release-schema.json"}


def _filtered(request):
    """The public rows the query asks for. No request is handed to the FilterSet: its choices are then
    judged for an anonymous reader, whoever is logged in — the register is public."""
    filterset = PublicAgreementFilterSet(
        request.GET or None, queryset=public_agreements().order_by("-signed_date", "-pk"), request=None
    )
    return filterset, (filterset.qs if filterset.is_bound else filterset.queryset)


@require_GET
def register(request):
    """The same content for every reader (only what is public), so one cached copy serves them all."""

    def context():
        filterset, rows = _filtered(request)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return {
            "filter": filterset,
            "page_obj": page,
            "rows": [{**public_agreement_data(a), "end": a.end_date} for a in page.object_list],
            "query": query.urlencode(),
        }

    return render_cached_page(
        request,
        "public-register",
        "public/register.html",
        "public/partials/register_content.html",
        context,
        public=True,
    )


@require_GET
def detail(request, pk):
    agreement = get_object_or_404(public_agreements(), pk=pk)
    documents = public_documents().filter(agreement=agreement)
    return render(
        request,
        "public/detail.html",
        {
            "agreement": public_agreement_data(agreement),
            "documents": documents,
            "pk": agreement.pk,
            "start": agreement.start_date,
            "end": agreement.end_date,
            "signed": agreement.signed_date,
        },
    )


COLUMNS = [
    ("number", gettext_lazy("Nomor")),
    ("title", gettext_lazy("Judul")),
    ("category_label", gettext_lazy("Kategori")),
    ("form_label", gettext_lazy("Bentuk")),
    ("parties", gettext_lazy("Para pihak")),
    ("sectors", gettext_lazy("Sektor para pihak")),
    ("object", gettext_lazy("Objek")),
    ("scope", gettext_lazy("Ruang lingkup")),
    ("location", gettext_lazy("Lokasi")),
    ("start_date", gettext_lazy("Tanggal mulai")),
    ("end_date", gettext_lazy("Tanggal berakhir")),
    ("signed_date", gettext_lazy("Tanggal penandatanganan")),
    ("stage_label", gettext_lazy("Tahap")),
    ("estimated_value", gettext_lazy("Perkiraan nilai (Rp)")),
    ("lead_unit", gettext_lazy("Perangkat daerah penanggung jawab")),
]


def _table_rows(rows):
    """The public fields of each row, flat for a table: parties and their sectors joined, dates and the
    value typed (a spreadsheet sorts and sums them; CSV writes them as ISO dates and plain numbers)."""
    for agreement in rows.iterator(chunk_size=500):
        data = public_agreement_data(agreement)
        data["sectors"] = "; ".join(p["sector_label"] for p in data["parties"])
        data["parties"] = "; ".join(p["name"] for p in data["parties"])
        for key in ("start_date", "end_date", "signed_date", "estimated_value"):
            data[key] = getattr(agreement, key)
        yield data


def _download_table(request, fmt):
    """The filtered public rows as CSV or XLSX: the same rows and columns, cells through core.exports."""
    _filterset, rows = _filtered(request)
    columns = [(label, itemgetter(key)) for key, label in COLUMNS]
    return export_rows(_table_rows(rows), columns, fmt, "kerja-sama-publik")


@require_GET
def download_csv(request):
    return _download_table(request, "csv")


@require_GET
def download_xlsx(request):
    return _download_table(request, "xlsx")


@require_GET
def download_json(request):
    _filterset, rows = _filtered(request)
    data = [public_agreement_data(a) for a in rows.iterator(chunk_size=500)]
    response = JsonResponse({"count": len(data), "results": data}, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = content_disposition("kerja-sama-publik.json")
    return response


def _json(data, filename):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(filename, attachment=False)
    return response


@require_GET
def ocds_release_package(request, pk):
    agreement = get_object_or_404(public_agreements_for_ocds(), pk=pk)
    return _json(ocds.release_package(agreement, request), f"{ocds.ocid(agreement)}-release-package.json")


@require_GET
def ocds_record_package(request):
    agreements = public_agreements_for_ocds().order_by("pk")
    return _json(ocds.record_package(agreements, request), "record-package.json")


@require_GET
def ocds_extension(request, name):
    if name not in EXTENSION_FILES:
        raise Http404(_("Berkas tidak ditemukan."))
    response = FileResponse((EXTENSION_DIR / name).open("rb"), content_type="application/json")
    response["Content-Disposition"] = content_disposition(name, attachment=False)
    return response
