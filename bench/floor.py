"""The floor every page is measured against: what the framework costs for one request.

One agreement read by primary key (the index behind the table's key) and a tiny template, behind the
same middleware and login as every page; its API twin goes through DRF with the same token
authentication as the API. Wired only in bench/urls.py (bench settings), never in the product.
"""

from django.shortcuts import get_object_or_404, render
from rest_framework.response import Response
from rest_framework.views import APIView

from agreements.models import Agreement

FIELDS = ("pk", "number", "title")


def floor(request, pk):
    agreement = get_object_or_404(Agreement.objects.only(*FIELDS), pk=pk)
    return render(request, "bench/floor.html", {"agreement": agreement})


class FloorApi(APIView):
    def get(self, request, pk):
        agreement = get_object_or_404(Agreement.objects.only(*FIELDS), pk=pk)
        return Response({"id": agreement.pk, "number": agreement.number, "title": agreement.title})
