"""What every API view shares: scoping, the permission module, the user's language, error answers.

- Reads start from `Model.objects.visible_to(request.user)` in `ScopedViewSet.get_queryset`, the base of
  every model viewset; outside scope is a 404 like a missing row.
- Writes ask `accounts.permissions.can` (403 when the user sees the row but may not act on it) and
  then call the same services as the pages.
- The schema documents the error answers every operation can give, so clients (and schemathesis)
  know 400/401/403/404 bodies as well as the successful ones.
"""

import json

from django.core.paginator import Paginator
from django.db import connection
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.pagination import PageNumberPagination

from .access import can

ERROR_DETAIL = inline_serializer("ErrorDetail", fields={"detail": serializers.CharField()})
FIELD_ERRORS = inline_serializer(
    "FieldErrors",
    fields={
        "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False),
    },
)
CONFLICT = inline_serializer(
    "VersionConflict",
    fields={"detail": serializers.CharField(), "current_version": serializers.IntegerField(allow_null=True)},
)
GATE_REFUSED = inline_serializer(
    "GateRefused", fields={"reasons": serializers.ListField(child=serializers.CharField())}
)


AGREEMENT_VERSION = inline_serializer(
    "AgreementVersion", fields={"agreement_version": serializers.IntegerField()}
)


class AgreementVersionMixin(serializers.Serializer):
    """The agreement's `version` as the client read it, for optimistic locking.

    The service compares it (a stale one raises ConflictError → 409); here a missing one is a 400
    under `version`. Override `version_required` where a write creates the agreement itself.
    """

    version = serializers.IntegerField(
        required=False,
        write_only=True,
        min_value=1,
        help_text="Versi kerja sama yang dibaca klien; wajib saat mengubah. Versi usang → 409.",
    )

    def version_required(self) -> bool:
        return True

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.version_required() and "version" not in attrs:
            raise serializers.ValidationError({"version": [_("Sertakan versi kerja sama yang Anda ubah.")]})
        return attrs


class AgreementVersionSerializer(AgreementVersionMixin):
    """Only the version: for deletes (as a query parameter) and actions without other input."""


class ErrorAwareAutoSchema(AutoSchema):
    """Adds the error answers of every operation to the auto-generated ones."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        extra = {
            "400": OpenApiResponse(FIELD_ERRORS, description="Masukan tidak valid."),
            "401": OpenApiResponse(ERROR_DETAIL, description="Belum masuk."),
            "403": OpenApiResponse(ERROR_DETAIL, description="Tidak berwenang."),
            "404": OpenApiResponse(ERROR_DETAIL, description="Tidak ditemukan atau di luar cakupan."),
        }
        if self.method in ("PUT", "PATCH", "POST", "DELETE"):
            extra["409"] = OpenApiResponse(CONFLICT, description="Versi kedaluwarsa.")
        for code, response in extra.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses


# An API list counts its rows exactly up to here; past it, the total is PostgreSQL's estimate, marked as
# such (`count_estimated`), so that a page of a million occurrences does not count them all.
EXACT_COUNT_UP_TO = 10_000


class CappedCountPaginator(Paginator):
    """`count` reads at most EXACT_COUNT_UP_TO + 1 rows (a count over a capped subquery: bounded work
    however large the table); past that it is the planner's estimate of the query's rows."""

    estimated = False

    @cached_property
    def count(self):
        rows = self.object_list.order_by()
        capped = rows[: EXACT_COUNT_UP_TO + 1].count()
        if capped <= EXACT_COUNT_UP_TO:
            return capped
        if connection.vendor != "postgresql":
            return rows.count()
        self.estimated = True
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return max(int(plan[0]["Plan"]["Plan Rows"]), capped)


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CappedCountPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_estimated"] = self.page.paginator.estimated
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_estimated"] = {
            "type": "boolean",
            "description": f"count adalah perkiraan (daftar lebih dari {EXACT_COUNT_UP_TO} baris)",
        }
        schema["required"] = [*schema.get("required", []), "count_estimated"]
        return schema


class CanPermission(permissions.BasePermission):
    """Maps a view's action to an action of accounts.permissions via the view's `permission_actions`.

    Actions not listed are reads, open to every authenticated user within their scope.
    """

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        action = getattr(view, "permission_actions", {}).get(getattr(view, "action", None))
        return action is None or can(request.user, action)


class ApiViewMixin:
    """Scoping, permissions, pagination, the user's language and the error-aware schema."""

    # Authentication comes from REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] (the settings name
    # accounts' expiring tokens; core does not import accounts).
    permission_classes = [CanPermission]
    pagination_class = ApiPagination
    schema = ErrorAwareAutoSchema()
    permission_actions: dict = {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Token-authenticated users are known only now, after the middleware ran: speak their language.
        user = request.user
        if user.is_authenticated and not request.COOKIES.get("django_language"):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language


class ScopedViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """The base of every model viewset: reads start from `model.objects.visible_to(request.user)`.

    Subclasses name `model` and refine with `scope_queryset(queryset)` (filters, the screen's named
    queryset, prefetches, ordering); they never read `Model.objects` themselves, so no endpoint can
    forget the scope. A row outside it is a 404, like a missing one.
    """

    model: type

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is drawn without a user or URL
            return self.model._default_manager.none()
        return self.scope_queryset(self.model.objects.visible_to(self.request.user))

    def scope_queryset(self, queryset):
        return queryset

    def scoped(self, model):
        """Another model's rows in the user's scope: for prefetches and the parent in the URL."""
        return model.objects.visible_to(self.request.user)


class ServiceViewSet(ScopedViewSet):
    """The base of every viewset that writes: writes go through services, never `serializer.save()`.

    Subclasses name `create_service`, `update_service` and `delete_service` (`staticmethod(services.…)`)
    and `part`, the services' keyword for the row (`risk_update(risk=…)`). `call` adds the acting user;
    `split_version` separates the version the client read (optimistic locking) from the values.
    """

    create_service = update_service = delete_service = None
    part: str = ""

    def call(self, service, /, **kwargs):
        return service(actor=self.request.user, **kwargs)

    @staticmethod
    def split_version(validated_data) -> tuple[dict, int]:
        values = dict(validated_data)
        return values, values.pop("version")
