"""The partner fields a person edits, in the order the form shows them.

One list for the HTML form (forms.py) and the API (api/serializers.py), so a field added to the
partner is editable in both or in neither.
"""

PARTNER_FIELDS = [
    "name",
    "short_name",
    "partner_type",
    "nib",
    "npwp",
    "region_code",
    "other_identifier",
    "country",
    "address",
    "email",
    "phone",
    "website",
    "head_name",
    "head_title",
    "verification_status",
    "is_active",
]
