"""The agreement fields a person edits, in the order the editor shows them.

One list for the HTML editor (forms/editor.py) and the API (api/serializers.py), so a field added to
the agreement is editable in both or in neither.
"""

AGREEMENT_FIELDS = [
    "title",
    "number",
    "category",
    "form",
    "ksdd_nature",
    "initiative",
    "purpose",
    "cooperation_object",
    "object_description",
    "scope",
    "location",
    "financing_sources",
    "estimated_value",
    "lead_unit",
    "related_units",
    "start_date",
    "end_date",
    "is_framework",
    "is_public",
    "burdens_public",
    "outside_budget",
    "internal_notes",
]
