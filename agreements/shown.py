"""`Agreement.shown_version`: one counter that rises with every write changing what a page of the
agreement shows, so that rendered sections can be cached under it (agreements/views/cache.py).

Forgetting a bump is made hard by finding the writers rather than listing them:

- every model of every app that reaches Agreement by foreign keys (an `agreement` key, or through an
  obligation, party, instrument, occurrence, risk, benefit, dispute, evaluation, indicator …) gets one
  post_save / post_delete receiver (`connect`, from AgreementsConfig.ready), found by walking the
  models; so does Agreement itself (its save never writes the counter back, see Agreement.save);
- the many-to-many fields of those models, through m2m_changed;
- the models the agreement's pages name but that do not belong to one agreement (a partner's name, an
  OPD's, a cooperation object, a partner's legality checks): `REFERENCED` says which agreements show
  them; their save or delete raises those agreements' counters in one UPDATE;
- the rules in force (`EVERY_AGREEMENT`), read by every agreement's page: all counters rise;
- writes that bypass the signals (QuerySet.update, bulk_create, bulk_update) call `bump` or
  `bump_where` themselves: the daily run's overdue marking, the ended agreements' catch-up, schedule
  regeneration, imports, merging OPDs.

tests/agreements/test_shown_version.py walks the registered models and fails when a model with a path
to Agreement has no receiver, or a model a page names is neither in `REFERENCED` nor left out by name.
"""

from django.apps import apps
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from registry.register_cache import register_changed

MAX_DEPTH = 4

# Models pointed at by an agreement's rows that a page does not show by anything a write changes, or
# that change far more often than they are shown: left out by name, with the reason.
NOT_SHOWN = {
    # A person's name appears beside what they did; a login writes last_login on every visit, and
    # bumping every agreement they ever touched on each login would empty the cache for nothing.
    "accounts.user": "names of people change rarely; last_login changes on every login",
    "auth.user": "names of people change rarely; last_login changes on every login",
    "jobs.backgroundjob": "the summary panel loads its job's status itself (jobs:summary_panel)",
    "notifications.reminderpolicy": "reminder settings are not shown on agreement pages",
}


def _agreement():
    return apps.get_model("agreements", "Agreement")


def bump(agreement_ids) -> int:
    """Raise the counters of these agreements (ids, or a queryset of ids) in one UPDATE."""
    if isinstance(agreement_ids, int):
        return _agreement().objects.filter(pk=agreement_ids).update(shown_version=F("shown_version") + 1)
    return bump_where(Q(pk__in=agreement_ids))


def bump_where(condition: Q) -> int:
    """Raise the counters of the agreements matching `condition`, in one UPDATE; the register pages'
    token changes too (registry/register_cache.py), even when no agreement matched."""
    register_changed()
    return _agreement().objects.filter(condition).update(shown_version=F("shown_version") + 1)


def _is_historical(model) -> bool:
    return hasattr(model, "instance_type")  # simple_history's copies: written alongside their model


def _forward_keys(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is not None
    ]


def agreement_paths(model) -> list[tuple[str, ...]]:
    """Every chain of foreign keys (field names) from `model` to Agreement, shortest first."""
    target = _agreement()
    found, frontier = [], [((), model)]
    for _depth in range(MAX_DEPTH):
        following = []
        for path, current in frontier:
            for field in _forward_keys(current):
                step = (*path, field.name)
                if field.related_model is target:
                    found.append(step)
                elif field.related_model is not current and field.related_model is not model:
                    following.append((step, field.related_model))
        frontier = following
    return found


def belonging_models() -> dict:
    """{model: its paths to Agreement} for every registered model below an agreement."""
    result = {}
    for model in apps.get_models():
        if _is_historical(model) or model is _agreement():
            continue
        paths = agreement_paths(model)
        if paths:
            result[model] = _shortest_per_key(paths)
    return result


def _condition(model, paths, instance) -> Q | None:
    """Which agreement `instance` belongs to, from its own foreign-key values (so it works after a
    delete too): through the first of its keys (shortest path first) that is set — the first hop's id
    itself, or a subquery from the first hop's model. A row belongs to one agreement, whichever key
    leads there."""
    for path in paths:
        first = model._meta.get_field(path[0])
        value = getattr(instance, first.attname)
        if value is None:
            continue
        if len(path) == 1:
            return Q(pk=value)
        rest = "__".join(path[1:])
        return Q(pk__in=first.related_model._base_manager.filter(pk=value).values(rest))
    return None


def _shortest_per_key(paths):
    chosen = {}
    for path in sorted(paths, key=len):
        chosen.setdefault(path[0], path)
    return sorted(chosen.values(), key=len)


def _belonging_receiver(model, paths):
    def receiver(sender, instance, raw=False, **kwargs):
        if raw:
            return
        condition = _condition(model, paths, instance)
        if condition is not None:
            bump_where(condition)

    return receiver


def _agreement_saved(sender, instance, created=False, raw=False, **kwargs):
    # A new agreement starts at 1 and no page of its id was ever cached (ids are never reused).
    if not raw and not created:
        bump(instance.pk)


def _m2m_receiver(owner_model, paths):
    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        if not reverse:
            if owner_model is _agreement():
                bump(instance.pk)
            elif (condition := _condition(owner_model, paths, instance)) is not None:
                bump_where(condition)
        elif owner_model is _agreement():
            # e.g. unit.agreement_set.add(…): the agreements are the pk_set (None on clear: all of them)
            bump(list(pk_set) if pk_set is not None else [])

    return receiver


def _partner_agreements(pk):
    return Q(parties__partner_id=pk) | Q(ksdd_bordering_regions__id=pk)


def unit_agreements(pk):
    """The agreements that name an OPD: as lead, related unit, or responsible for an obligation."""
    return (
        Q(lead_unit_id=pk)
        | Q(related_units__id=pk)
        | Q(
            pk__in=apps.get_model("agreements", "Obligation")
            .objects.filter(responsible_unit_id=pk)
            .values("agreement_id")
        )
    )


def _by_key(name, lookup):
    """For models reached through a key to another referenced model: (instance) -> the condition."""

    def condition(instance):
        value = getattr(instance, f"{name}_id")
        return lookup(value) if value is not None else None

    return condition


# label -> (instance) -> which agreements show it. Filters by id so they work after a delete.
REFERENCED = {
    "registry.partner": lambda i: _partner_agreements(i.pk),
    "registry.partnerlegality": _by_key("partner", _partner_agreements),
    "registry.contact": _by_key("partner", _partner_agreements),
    "registry.organisationunit": lambda i: unit_agreements(i.pk),
    "registry.cooperationobject": lambda i: Q(cooperation_object_id=i.pk),
    "registry.governmentaffair": lambda i: Q(government_affairs__id=i.pk) | Q(ksdd_affair_id=i.pk),
}


# Read by every agreement's page, not through a key (the rules in force decide the compliance checklist
# and the gates of the stages): a change raises every counter, one UPDATE of all agreements. Rare.
EVERY_AGREEMENT = ("agreements.processrules",)


def _every_agreement(instance):
    return Q()


def _referenced_receiver(condition_of):
    def receiver(sender, instance, raw=False, **kwargs):
        if raw:
            return
        condition = condition_of(instance)
        if condition is not None:
            Agreement = _agreement()
            ids = Agreement.objects.filter(condition).values("pk")
            Agreement.objects.filter(pk__in=ids).update(shown_version=F("shown_version") + 1)
            register_changed()

    return receiver


def referenced_models() -> set:
    """The models outside the agreement's own rows that an agreement or its rows point to."""
    belonging = belonging_models()
    owners = [_agreement(), *belonging]
    referenced = set()
    for owner in owners:
        for field in owner._meta.get_fields():
            if not field.is_relation or field.related_model is None or not field.concrete:
                continue
            if field.many_to_one or field.one_to_one or field.many_to_many:
                related = field.related_model
                if related is not _agreement() and related not in belonging and not _is_historical(related):
                    referenced.add(related)
    return referenced


def _connected_uid(label, signal):
    return f"agreements.shown.{signal}.{label}"


def connect() -> None:
    Agreement = _agreement()
    post_save.connect(_agreement_saved, sender=Agreement, dispatch_uid=_connected_uid("agreement", "save"))
    owners = {Agreement: [()], **belonging_models()}
    for model, paths in owners.items():
        label = model._meta.label_lower
        if model is not Agreement:
            receiver = _belonging_receiver(model, paths)
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=_connected_uid(label, "save"))
            post_delete.connect(
                receiver, sender=model, weak=False, dispatch_uid=_connected_uid(label, "delete")
            )
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_receiver(model, paths),
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=_connected_uid(f"{label}.{field.name}", "m2m"),
            )
    for label, condition_of in [
        *REFERENCED.items(),
        *((label, _every_agreement) for label in EVERY_AGREEMENT),
    ]:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        receiver = _referenced_receiver(condition_of)
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=_connected_uid(label, "save"))
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=_connected_uid(label, "delete"))
