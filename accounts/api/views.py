"""The signed-in user's API identity: who am I, and my API token (shown and regenerated).

The token is DRF's authtoken (one per user), so `manage.py drf_create_token USER` gives the same one.
`token_panel` is the HTML fragment the profile page includes (htmx), using the session.
"""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import roles_of
from core.api_base import ApiViewMixin

TOKEN = inline_serializer("ApiToken", fields={"token": serializers.CharField()})
ME = inline_serializer(
    "Me",
    fields={
        "id": serializers.IntegerField(),
        "username": serializers.CharField(),
        "full_name": serializers.CharField(),
        "email": serializers.EmailField(allow_blank=True),
        "preferred_language": serializers.CharField(),
        "roles": serializers.ListField(child=serializers.CharField()),
    },
)


def token_of(user) -> Token:
    return Token.objects.get_or_create(user=user)[0]


@transaction.atomic
def token_regenerate(user) -> Token:
    """A new key at once; the old one stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


class MeView(ApiViewMixin, APIView):
    @extend_schema(responses=ME)
    def get(self, request):
        """The signed-in user and their roles."""
        user = request.user
        return Response(
            {
                "id": user.pk,
                "username": user.username,
                "full_name": user.get_full_name(),
                "email": user.email,
                "preferred_language": user.preferred_language,
                "roles": sorted(roles_of(user)),
            }
        )


class MyTokenView(ApiViewMixin, APIView):
    @extend_schema(request=None, responses=TOKEN)
    def get(self, request):
        """The user's API token (created on first use)."""
        return Response({"token": token_of(request.user).key})

    @extend_schema(request=None, responses=TOKEN)
    def post(self, request):
        """Regenerate the token; the old one is revoked immediately."""
        return Response({"token": token_regenerate(request.user).key})


@login_required
@require_http_methods(["GET", "POST"])
def token_panel(request):
    """The API token panel on the profile page: shows the token, POST regenerates it."""
    regenerated = request.method == "POST"
    token = token_regenerate(request.user) if regenerated else token_of(request.user)
    return render(
        request, "accounts/partials/api_token_panel.html", {"token": token, "regenerated": regenerated}
    )
