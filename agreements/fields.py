"""The agreement fields a person edits, in the order the editor shows them.

One list for the HTML editor (forms/editor.py) and the API (api/serializers.py), so a field added to
the agreement is editable in both or in neither.
"""

AGREEMENT_FIELDS = [
    "title",
    "number",
    "category",
    "form",
    "sector_mix",
    "arrangement",
    "asset_utilisation",
    "depth",
    "formality",
    "ksdd_nature",
    "ksdd_bordering_regions",
    "ksdd_affair",
    "initiative",
    "purpose",
    "cooperation_object",
    "government_affairs",
    "object_description",
    "scope",
    "location",
    "financing_sources",
    "estimated_value",
    "lead_unit",
    "related_units",
    "start_date",
    "end_date",
    "kpbu_stage",
    "kpbu_initiation",
    "kpbu_pjpk",
    "kpbu_government_support",
    "project_phase",
    "is_framework",
    "is_public",
    "burdens_public",
    "internal_notes",
]
