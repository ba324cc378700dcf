"""The signed-in user's API identity: who am I, and my API tokens (listed, made, revoked).

A token's key is shown once, in the answer that makes it; afterwards only its name, first characters
and dates are listed. `manage.py api_token_create USER` makes one from the command line.
`token_panel` is the HTML fragment the profile page includes (htmx), using the session.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.forms import ApiTokenForm
from accounts.models import ApiToken
from accounts.roles import roles_of
from accounts.tokens import token_create, token_revoke, token_state, tokens_listed
from accounts.two_factor import two_factor_applies
from core.api_base import ApiViewMixin

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


class ApiTokenSerializer(serializers.ModelSerializer):
    """A token as listed: never its key."""

    state = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "state"]

    def get_state(self, token) -> str:
        return token_state(token)


class NewApiTokenSerializer(ApiTokenSerializer):
    """The answer that makes a token: the only time its key is shown."""

    token = serializers.CharField(read_only=True, help_text="Kunci token; hanya ditampilkan sekali ini.")

    class Meta(ApiTokenSerializer.Meta):
        fields = ["token", *ApiTokenSerializer.Meta.fields]


class ApiTokenRequestSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=100)


def may_create_token(request) -> bool:
    """Where two-step sign-in applies to the user, a new token needs a session that passed it: a
    token (or a password alone) must not be able to make more tokens."""
    if not two_factor_applies(request.user):
        return True
    django_user = getattr(request, "_request", request).user  # the session's user, with django-otp's flag
    return getattr(request, "auth", None) is None and getattr(django_user, "is_verified", lambda: False)()


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
    pagination_class = None

    @extend_schema(responses=ApiTokenSerializer(many=True))
    def get(self, request):
        """The user's tokens that are not revoked (without their keys), newest first."""
        return Response(ApiTokenSerializer(tokens_listed(request.user), many=True).data)

    @extend_schema(request=ApiTokenRequestSerializer, responses={201: NewApiTokenSerializer})
    def post(self, request):
        """Make a new token, valid for API_TOKEN_TTL_DAYS days. Its key is in this answer only.
        Other tokens keep working until they expire or are revoked."""
        if not may_create_token(request):
            raise PermissionDenied(_("Buat token dari sesi yang sudah lolos verifikasi dua langkah."))
        # The declared request serializer reads the body: anything but an object (a list, a string) is
        # refused with its own 400, as the schema says, never read as if it were one.
        body = ApiTokenRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        name = body.validated_data.get("name", "")
        token, key = token_create(user=request.user, name=name)
        token.token = key
        return Response(NewApiTokenSerializer(token).data, status=status.HTTP_201_CREATED)


class MyTokenDetailView(ApiViewMixin, APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        """Revoke one of the user's tokens; it stops working at once."""
        token = get_object_or_404(tokens_listed(request.user), pk=pk)
        token_revoke(token=token, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _panel(request, form=None, new_key=None, refused=False):
    tokens = list(tokens_listed(request.user))
    for token in tokens:
        token.state = token_state(token)
    return render(
        request,
        "accounts/partials/api_token_panel.html",
        {
            "tokens": tokens,
            "form": form or ApiTokenForm(),
            "new_key": new_key,
            "refused": refused,
            "ttl_days": settings.API_TOKEN_TTL_DAYS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_panel(request):
    """The API token panel on the profile page: lists the tokens; POST makes one and shows its key."""
    if request.method == "GET":
        return _panel(request)
    form = ApiTokenForm(request.POST)
    if not may_create_token(request):
        return _panel(request, form=form, refused=True)
    if not form.is_valid():
        return _panel(request, form=form)
    _token, key = token_create(user=request.user, name=form.cleaned_data["name"])
    return _panel(request, new_key=key)


@login_required
@require_POST
def token_panel_revoke(request, pk):
    token = get_object_or_404(tokens_listed(request.user), pk=pk)
    token_revoke(token=token, actor=request.user)
    return _panel(request)
