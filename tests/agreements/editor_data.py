"""POST data for the one-page agreement editor, built the way the browser sends it."""


def _formset(prefix, rows, initial=0):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        for key, value in row.items():
            if key == "shares":
                data.update(_formset(f"{prefix}-{index}-shares", value, row.get("_shares_initial", 0)))
            elif key.startswith("_"):
                continue
            elif isinstance(value, list):
                data[f"{prefix}-{index}-{key}"] = value
            elif value is True:
                data[f"{prefix}-{index}-{key}"] = "on"
            elif value is not False and value is not None:
                data[f"{prefix}-{index}-{key}"] = str(value)
    return data


def editor_data(
    fields,
    *,
    parties=(),
    obligations=(),
    contributions=(),
    risks=(),
    benefits=(),
    funding_sources=(),
    initial=None,
    version=None,
):
    """`initial` gives how many rows of each formset already exist (edit page)."""
    initial = initial or {}
    data = {key: str(value) for key, value in fields.items() if value not in (None, False)}
    if version is not None:
        data["version"] = str(version)
    for prefix, rows in (
        ("parties", parties),
        ("obligations", obligations),
        ("contributions", contributions),
        ("risks", risks),
        ("benefits", benefits),
        ("funding_sources", funding_sources),
    ):
        data.update(_formset(prefix, list(rows), initial.get(prefix, 0)))
    return data


BASIC_FIELDS = {
    "title": "Pengelolaan Sampah Terpadu",
    "category": "ksdpk",
    "initiative": "region",
    "start_date": "2026-01-01",
    "end_date": "2027-12-31",
    "estimated_value": "250000000",
}
