"""Moving everything of one OPD to another when OPDs merge or are renamed. It lives with agreements
because most of what moves is agreements and obligations; registry's own rows (cooperation objects, the
OPD itself) move through the same transaction."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.services import apply_changes, refuse
from registry.models import CooperationObject, OrganisationUnit

from ..models import Agreement, Obligation
from ..shown import bump_where, unit_agreements


@transaction.atomic
def organisation_unit_transfer(
    *, source: OrganisationUnit, target: OrganisationUnit, actor, deactivate_source=True
):
    """Move everything of one OPD to another when OPDs merge or are renamed: the agreements it leads
    or is related to, the obligations it is responsible for, and its cooperation objects. One
    transaction; every changed row gets a history record naming the move. Returns the counts moved."""
    if source.pk == target.pk:
        refuse(_("Perangkat daerah asal dan tujuan harus berbeda."))
    if not target.is_active:
        refuse(_("Perangkat daerah tujuan sudah tidak aktif."))
    reason = _("Dipindahkan dari %(source)s ke %(target)s") % {"source": source, "target": target}
    now = timezone.now()

    # The moves below are written in bulk, without signals: every page naming the source OPD changes.
    bump_where(unit_agreements(source.pk) | Q(cooperation_object__organisation_unit_id=source.pk))
    related_ids = Agreement.related_units.through.objects.filter(organisationunit_id=source.pk).values(
        "agreement_id"
    )
    agreements = list(
        Agreement.objects.filter(Q(lead_unit_id=source.pk) | Q(pk__in=related_ids))
        .order_by("pk")
        .select_for_update()
        .prefetch_related("related_units")
    )
    for agreement in agreements:
        agreement._history_user = actor
        if agreement.lead_unit_id == source.pk:
            agreement.lead_unit_id = target.pk
        agreement.version += 1  # open edit forms must not overwrite the move
        agreement.updated_at = now
    bulk_update_with_history(
        agreements,
        Agreement,
        ["lead_unit", "version", "updated_at"],
        default_user=actor,
        default_change_reason=reason,
    )
    for agreement in agreements:
        if any(unit.pk == source.pk for unit in agreement.related_units.all()):
            agreement.related_units.remove(source)
            if agreement.lead_unit_id != target.pk:
                agreement.related_units.add(target)

    obligations = list(
        Obligation.objects.filter(responsible_unit_id=source.pk).order_by("pk").select_for_update()
    )
    for obligation in obligations:
        obligation.responsible_unit_id = target.pk
        obligation.updated_at = now
    bulk_update_with_history(
        obligations,
        Obligation,
        ["responsible_unit", "updated_at"],
        default_user=actor,
        default_change_reason=reason,
    )

    objects = list(
        CooperationObject.objects.filter(organisation_unit_id=source.pk).order_by("pk").select_for_update()
    )
    for cooperation_object in objects:
        cooperation_object.organisation_unit_id = target.pk
        cooperation_object.updated_at = now
    bulk_update_with_history(
        objects,
        CooperationObject,
        ["organisation_unit", "updated_at"],
        default_user=actor,
        default_change_reason=reason,
    )

    if deactivate_source and source.is_active:
        source._change_reason = reason
        apply_changes(source, actor, {"is_active": False})
    return {
        "agreements": len(agreements),
        "obligations": len(obligations),
        "cooperation_objects": len(objects),
    }
