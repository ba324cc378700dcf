"""OCDS for PPPs (profile 1.0.0-beta4) from public agreements: a release per agreement, and records.

Mapping (docs/decisions/0004-open-data-personal-data.md lists what is left out):
- ocid = OCDS_OCID_PREFIX + "-" + agreement id; the release id adds the agreement's version, so every
  change gives a new release.
- parties: organisations only (an individual appears as "Perseorangan"), no contact points, no
  identifiers. The roles come from a party's place in the agreement, not from its sector: the home
  government is buyer and procuringEntity; a government that is the category's counterpart (another
  region in a KSDD) is a party to the contract, supplier, and named in the award; another government
  party procuringEntity; every other party privateParty — a BUMD in a KPBU is the business entity,
  however public its owner (decision 0053); a party with the funder role is also funder (decision
  0060). A risk borne mostly by the government parties is allocated to publicAuthority.
- planning.project: title, object, location, estimated value; contracts[0]: period, value, signing date,
  status from the stage, public documents, riskAllocation (category → riskCategory where the profile
  has a code for it, the split → riskAllocation).
- What is empty is left out (no `riskAllocation: []`, no empty lists of the extension).
- Our extension (extension/): risk `shares` (percent per party), contract `benefits` with their
  splits, contract `obligations` with the responsible party — only items shared with the parties.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agreements.choices import DocumentType, PartyRole, RiskCategory, Stage
from agreements.models import ProcessRules
from registry.choices import GOVERNMENT_TYPES

from .selectors import public_party_name

CURRENCY = "IDR"
EXTENSION_PATH = "public:ocds_extension"

# No code of the profile's riskCategory list names network connectivity (the networks the project
# depends on) or asset ownership (loss of, damage to or title over the assets): such a risk carries no
# `category`, only its own in `categoryDetails` (decision 0060).
RISK_CATEGORIES = {
    RiskCategory.SITE: "landAvailability",
    RiskCategory.DESIGN_CONSTRUCTION: "construction",
    RiskCategory.SPONSOR: "financeAvailability",
    RiskCategory.FINANCIAL: "inflationAndFx",
    RiskCategory.OPERATIONAL: "availabilityAndQuality",
    RiskCategory.DEMAND: "revenue",
    RiskCategory.INTERFACE: "completion",
    RiskCategory.POLITICAL: "changeInLaw",
    RiskCategory.FORCE_MAJEURE: "forceMajeure",
    RiskCategory.SOCIAL_ENVIRONMENTAL: "environmental",
    RiskCategory.LEGAL: "compliance",
    RiskCategory.REPUTATION: "compliance",
}

DOCUMENT_TYPES = {
    DocumentType.SIGNED_COPY: "contractSigned",
    DocumentType.DRAFT: "contractDraft",
    DocumentType.PROPOSAL: "projectPlan",
    DocumentType.LEGALITY: "eligibilityCriteria",
    DocumentType.MANDATE: "contractArrangements",
    DocumentType.DPRD_APPROVAL: "minutes",
    DocumentType.TKKSD_REVIEW: "evaluationReports",
    DocumentType.EVIDENCE: "physicalProgressReport",
    DocumentType.REPORT: "performanceReport",
    DocumentType.OTHER: "contractAnnexe",
}

CONTRACT_STATUS = {
    Stage.PREPARATION: "pending",
    Stage.SIGNING: "pending",
    Stage.IMPLEMENTATION: "active",
    Stage.EVALUATION: "active",
    Stage.COMPLETED: "terminated",
    Stage.TERMINATED: "terminated",
    Stage.REVOKED: "terminated",
    Stage.REJECTED: "cancelled",
    Stage.CANCELLED: "cancelled",
}

RELEASE_TAGS = {
    Stage.PREPARATION: ["planning"],
    Stage.SIGNING: ["planning"],
    Stage.IMPLEMENTATION: ["contract"],
    Stage.EVALUATION: ["implementation"],
    Stage.COMPLETED: ["contractTermination"],
    Stage.TERMINATED: ["contractTermination"],
    Stage.REVOKED: ["contractTermination"],
    Stage.REJECTED: ["tenderCancellation"],
    Stage.CANCELLED: ["tenderCancellation"],
}


def ocid_prefix() -> str:
    return getattr(settings, "OCDS_OCID_PREFIX", "ocds-kmtrn")


def ocid(agreement) -> str:
    return f"{ocid_prefix()}-{agreement.pk}"


def _amount(value):
    """A JSON number for a Decimal, exact for whole Rupiah."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _money(value):
    return {"amount": _amount(value), "currency": CURRENCY} if value is not None else None


def _datetime(value):
    """OCDS dates are date-times: a date becomes local midnight."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    midnight = datetime.datetime.combine(value, datetime.time.min)
    return timezone.make_aware(midnight).isoformat()


def _party_id(party) -> str:
    return f"party-{party.partner_id}"


def _is_public_side(partner) -> bool:
    """The government side of the agreement: the home government and the other government parties."""
    return partner.is_home_government or partner.partner_type in GOVERNMENT_TYPES


def counterpart_government_types(agreement, rules) -> frozenset:
    """The government partner types that are the category's counterpart under the rules in force (in a
    KSDD another region, in a KSDPL a foreign local government, in Sinergi a central-government party)."""
    return frozenset(rules.party_types.get(agreement.category, [])) & GOVERNMENT_TYPES


def _is_counterpart(partner, counterparts) -> bool:
    """Bound by the contract to carry out its share: the business entity, third party or foreign
    institution — and, where the category's counterpart is a government, that government."""
    if partner.is_home_government:
        return False
    return not _is_public_side(partner) or partner.partner_type in counterparts


def _organisation(party, counterparts):
    """A party's roles come from its place in the agreement (decision 0060): the home government is
    buyer and procuringEntity; a counterpart government (another region in a KSDD) is a party to the
    contract, `supplier`; another government party (one that only funds or supports) procuringEntity;
    every other party privateParty."""
    partner = party.partner
    if partner.is_home_government:
        roles = ["buyer", "procuringEntity"]
    elif _is_public_side(partner):
        roles = ["supplier"] if partner.partner_type in counterparts else ["procuringEntity"]
    else:
        roles = ["privateParty"]
    if PartyRole.FUNDER in (party.roles or []):
        roles.append("funder")
    return {
        "id": _party_id(party),
        "name": public_party_name(partner),
        "roles": roles,
        "details": {"sector": partner.sector},
    }


def _compact(data: dict) -> dict:
    """Without the fields that hold nothing: the profile forbids an empty `riskAllocation` (minItems 1)
    and a null or empty value says nothing a reader can use."""
    return {k: v for k, v in data.items() if v is not None and v != [] and v != {}}


def _allocation(risk, parties_by_id) -> str:
    """publicAuthority / privateParty when one side bears more than half; undefined when shared evenly
    or not yet split."""
    public = sum(
        (s.percent for s in risk.shares.all() if _is_public_side(parties_by_id[s.party_id].partner)),
        Decimal(0),
    )
    if not risk.shares.all():
        return "undefined"
    if public > 50:
        return "publicAuthority"
    if public < 50:
        return "privateParty"
    return "undefined"


def _risk(risk, parties_by_id) -> dict:
    return _compact(
        {
            "id": str(risk.pk),
            "category": RISK_CATEGORIES.get(risk.category),
            "description": risk.event or None,
            "allocation": _allocation(risk, parties_by_id),
            "shares": [
                {"partyId": _party_id(s.party), "percent": _amount(s.percent)} for s in risk.shares.all()
            ],
            "categoryDetails": {"code": risk.category, "title": str(risk.get_category_display())},
            "notes": risk.mitigation or None,
        }
    )


def _benefit(benefit) -> dict:
    shares = []
    for share in benefit.shares.all():
        entry = {"partyId": _party_id(share.party)}
        if share.percent is not None:
            entry["percent"] = _amount(share.percent)
        if share.amount is not None:
            entry["value"] = _money(share.amount)
        shares.append(entry)
    data = {
        "id": str(benefit.pk),
        "type": benefit.kind,
        "title": str(benefit.get_kind_display()),
        "splitMethod": benefit.split_method,
        "shares": shares,
    }
    if benefit.description:
        data["description"] = benefit.description
    return data


def _obligation(obligation) -> dict:
    data = {
        "id": str(obligation.pk),
        "title": obligation.title,
        "type": obligation.kind,
        "category": obligation.category,
        "frequency": obligation.frequency,
        "firstDueDate": _datetime(obligation.first_due_date),
        "responsibleParty": {
            "id": _party_id(obligation.party),
            "name": public_party_name(obligation.party.partner),
        },
    }
    if obligation.clause_reference:
        data["clauseReference"] = obligation.clause_reference
    if obligation.responsible_unit_id:
        data["responsibleUnit"] = obligation.responsible_unit.name
    return data


def _document(document, request) -> dict:
    return {
        "id": str(document.pk),
        "documentType": DOCUMENT_TYPES.get(document.doc_type, "contractAnnexe"),
        "title": document.title,
        "url": request.build_absolute_uri(reverse("agreements:document_download", args=[document.pk])),
        "datePublished": _datetime(document.uploaded_at),
        "format": document.content_type,
    }


def release(agreement, request, rules=None) -> dict:
    """One OCDS release describing the agreement as it stands now, without empty fields. `rules` are
    the process rules in force (read when not given)."""
    rules = rules if rules is not None else ProcessRules.current()
    counterparts = counterpart_government_types(agreement, rules)
    parties = list(agreement.parties.all())
    parties_by_id = {p.pk: p for p in parties}
    buyer = next((p for p in parties if p.partner.is_home_government), None)
    suppliers = [p for p in parties if _is_counterpart(p.partner, counterparts)]
    project = {"id": ocid(agreement), "title": agreement.title}
    description = agreement.object_description or agreement.purpose
    if description:
        project["description"] = description
    if agreement.estimated_value is not None:
        project["totalValue"] = _money(agreement.estimated_value)
    if agreement.location:
        project["locations"] = [{"description": agreement.location}]
    contract = {
        "id": f"{ocid(agreement)}-contract",
        "awardID": f"{ocid(agreement)}-award",
        "title": agreement.title,
        "status": CONTRACT_STATUS[agreement.stage],
        "riskAllocation": [_risk(r, parties_by_id) for r in agreement.risks.all()],
        "benefits": [_benefit(b) for b in agreement.benefits.all()],
        "obligations": [_obligation(o) for o in agreement.obligations.all()],
        "documents": [_document(d, request) for d in agreement.documents.all()],
    }
    if agreement.scope:
        contract["description"] = agreement.scope
    if agreement.start_date or agreement.end_date:
        contract["period"] = {
            k: v
            for k, v in (
                ("startDate", _datetime(agreement.start_date)),
                ("endDate", _datetime(agreement.end_date)),
            )
            if v
        }
    if agreement.estimated_value is not None:
        contract["value"] = _money(agreement.estimated_value)
    if agreement.signed_date:
        contract["dateSigned"] = _datetime(agreement.signed_date)
    award = _compact(
        {
            "id": f"{ocid(agreement)}-award",
            "title": agreement.title,
            "suppliers": [{"id": _party_id(p), "name": public_party_name(p.partner)} for p in suppliers],
        }
    )
    data = {
        "ocid": ocid(agreement),
        "id": f"{ocid(agreement)}-v{agreement.version}",
        "date": _datetime(agreement.updated_at),
        "tag": RELEASE_TAGS[agreement.stage],
        "initiationType": "tender",
        "language": "id",
        "parties": [_organisation(p, counterparts) for p in parties],
        "planning": {"project": project},
        "tender": {"id": f"{ocid(agreement)}-tender", "title": agreement.title},
        "awards": [award],
        "contracts": [_compact(contract)],
    }
    if buyer is not None:
        data["buyer"] = {"id": _party_id(buyer), "name": public_party_name(buyer.partner)}
    return _compact(data)


def _package_meta(request, uri):
    return {
        "uri": request.build_absolute_uri(uri),
        "version": "1.1",
        "publishedDate": timezone.localtime().isoformat(),
        "publisher": {"name": settings.HOME_GOVERNMENT_NAME},
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "publicationPolicy": request.build_absolute_uri(reverse("public:register")),
        "extensions": [request.build_absolute_uri(reverse(EXTENSION_PATH, args=["extension.json"]))],
    }


def release_package(agreement, request) -> dict:
    uri = reverse("public:ocds_release_package", args=[agreement.pk])
    return {**_package_meta(request, uri), "releases": [release(agreement, request)]}


def record_package(agreements, request) -> dict:
    """A record per agreement: its release linked by URL, and the compiled release embedded."""
    records = []
    rules = ProcessRules.current()
    for agreement in agreements:
        current = release(agreement, request, rules)
        package_url = request.build_absolute_uri(reverse("public:ocds_release_package", args=[agreement.pk]))
        records.append(
            {
                "ocid": current["ocid"],
                "releases": [
                    {"url": f"{package_url}#{current['id']}", "date": current["date"], "tag": current["tag"]}
                ],
                "compiledRelease": {**current, "id": f"{current['id']}-compiled", "tag": ["compiled"]},
            }
        )
    return {**_package_meta(request, reverse("public:ocds_record_package")), "records": records}
