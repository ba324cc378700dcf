"""Partners, OPDs and cooperation objects as the API shows and accepts them."""

from rest_framework import serializers

from accounts.permissions import can
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
        # The sector follows from the partner type (decision 0053): shown, never written.
        read_only_fields = ["sector", "is_home_government", "archived_at", "created_at", "updated_at"]
        fields = ["id", *PARTNER_FIELDS, *read_only_fields]
        # Uniqueness (NIB, NPWP) is checked by the model's constraints inside the service, in one place.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        for name in ("nib", "npwp"):
            fields[name].validators = [v for v in fields[name].validators if not hasattr(v, "queryset")]
        return fields


# What anyone who shares an agreement with a partner reads of it: what the portal shows (decision 0004's
# spirit — disclose what the page shows), never its identifiers, contacts or verification.
PARTNER_BRIEF_FIELDS = ["id", "name", "short_name", "sector", "partner_type", "is_home_government"]


class PartnerBriefSerializer(serializers.ModelSerializer):
    """A partner as its co-parties and OPD officers read it: name, short name, sector and type."""

    class Meta:
        model = Partner
        fields = PARTNER_BRIEF_FIELDS
        read_only_fields = PARTNER_BRIEF_FIELDS


class PartnerForPortalSerializer(PartnerBriefSerializer):
    """For readers who do not see every partner (partner users, OPD officers): a partner's full record
    where the permission module allows it (a partner user's own organisation), the brief one otherwise."""

    def to_representation(self, instance):
        request = self.context.get("request")
        if request is not None and can(request.user, "partner.details", instance):
            return PartnerSerializer(instance, context=self.context).data
        return super().to_representation(instance)


class CooperationObjectSerializer(serializers.ModelSerializer):
    organisation_unit = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CooperationObject
        fields = [
            "id",
            "name",
            "government_affair",
            "government_affairs",
            "description",
            "location",
            "organisation_unit",
            "is_active",
        ]
