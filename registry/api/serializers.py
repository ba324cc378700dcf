"""Partners, OPDs and cooperation objects as the API shows and accepts them."""

from rest_framework import serializers

from registry.fields import PARTNER_FIELDS
from registry.models import CooperationObject, OrganisationUnit, Partner


class OrganisationUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationUnit
        fields = ["id", "code", "name", "short_name", "is_active"]


class PartnerSerializer(serializers.ModelSerializer):
    """A partner organisation. Written through registry.services (see the view)."""

    class Meta:
        model = Partner
        read_only_fields = ["is_home_government", "archived_at", "created_at", "updated_at"]
        fields = ["id", *PARTNER_FIELDS, *read_only_fields]
        # Uniqueness (NIB, NPWP) is checked by the model's constraints inside the service, in one place.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        for name in ("nib", "npwp"):
            fields[name].validators = [v for v in fields[name].validators if not hasattr(v, "queryset")]
        return fields


class CooperationObjectSerializer(serializers.ModelSerializer):
    organisation_unit = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CooperationObject
        fields = [
            "id",
            "name",
            "government_affair",
            "description",
            "location",
            "organisation_unit",
            "is_active",
        ]
