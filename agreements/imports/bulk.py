"""The models' own rules, checked in memory for thousands of new rows at once.

A service validates one instance with `full_clean()`, and Django checks each database constraint of
it with a query of its own (`Model.validate_constraints`): fine for a page, 150,000 queries for a file
of 50,000 partners. Here the same rules run without a query per row:

- `problems_of(instance)`: the fields' validators and `clean()` (what `full_clean` runs first), then
  every CheckConstraint's condition evaluated on the instance in Python, with SQL's three-valued logic
  (a CHECK passes when its condition is true *or unknown*, as Django's `Q.check` decides too). A
  condition this evaluator does not know is checked by the constraint itself, with its query.
- `UniqueRows`: every UniqueConstraint over plain fields, against the other rows of the file and
  against the rows already stored (one query per constraint and 5,000 values, not one per row).

The database constraints stay as the backstop (a row written by someone else meanwhile).
"""

import operator
from collections import defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q

CHUNK = 5000


class _Unknown(Exception):
    """A condition the in-memory evaluator does not understand."""


_COMPARE = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _value(instance, name):
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        raise _Unknown(name) from None
    if not getattr(field, "concrete", False) or field.many_to_many:
        raise _Unknown(name)
    return getattr(instance, field.attname)


def _lookup(instance, lookup, expected):
    """True, False or None (SQL's unknown) for one `field__op=value` of a condition."""
    name, _sep, op = lookup.partition("__")
    op = op or "exact"
    actual = _value(instance, name)
    if isinstance(expected, F):
        expected = _value(instance, expected.name)
    elif hasattr(expected, "resolve_expression"):
        raise _Unknown(lookup)
    if op == "isnull":
        return (actual is None) == bool(expected)
    if op == "exact" and expected is None:  # Django turns `field=None` into IS NULL
        return actual is None
    if actual is None or expected is None:
        return None
    if op == "in":
        values = list(expected)
        return actual in values if None not in values or actual in values else None
    if op not in _COMPARE:
        raise _Unknown(lookup)
    return _COMPARE[op](actual, expected)


def holds(condition: Q, instance):
    """A Q condition evaluated on an instance: True, False, or None when SQL would say unknown."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(holds(child, instance))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_lookup(instance, *child))
        else:
            raise _Unknown(child)
    if condition.connector == Q.AND:
        value = False if False in results else (None if None in results else True)
    elif condition.connector == Q.OR:
        value = True if True in results else (None if None in results else False)
    else:
        raise _Unknown(condition.connector)
    if condition.negated:
        value = None if value is None else not value
    return value


def _add(problems, error: ValidationError):
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            problems[None if name == NON_FIELD_ERRORS else name].extend(str(m) for m in messages)
    else:
        problems[None].extend(str(m) for m in error.messages)


def fk_names(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]


def problems_of(instance, *, exclude=()) -> dict:
    """{field name or None: [messages]} for a new instance; empty when it is valid.

    Relations are excluded from the field checks (the caller resolves them, as the services do), the
    constraints are checked only when the fields are clean (one message per mistake, not two)."""
    problems = defaultdict(list)
    model = type(instance)
    try:
        instance.clean_fields(exclude=[*fk_names(model), *exclude])
        instance.clean()
    except ValidationError as error:
        _add(problems, error)
        return dict(problems)
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        try:
            passes = holds(constraint.condition, instance) is not False
        except _Unknown:
            try:
                constraint.validate(model, instance)
                passes = True
            except ValidationError as error:
                _add(problems, error)
                continue
        if not passes:
            problems[None].append(str(constraint.get_violation_error_message()))
    return dict(problems)


class UniqueRows:
    """The UniqueConstraints of a model over plain fields (no relation to a row of the same file),
    checked for new rows against one another and against the stored rows.

    `add(instance)` returns the messages of the constraints the instance breaks (an earlier row of the
    file, or a stored row, already holds its values); the instance is remembered either way, so a third
    row with the same value is refused too.
    """

    def __init__(self, model, instances):
        self.model = model
        self.constraints = [
            c
            for c in model._meta.constraints
            if isinstance(c, models.UniqueConstraint)
            and c.fields
            and not c.expressions
            and all(not model._meta.get_field(name).is_relation for name in c.fields)
        ]
        self.seen = {c.name: set() for c in self.constraints}
        self.stored = {c.name: self._stored(c, instances) for c in self.constraints}

    def _applies(self, constraint, instance) -> bool:
        if constraint.condition is None:
            return True
        try:
            return bool(holds(constraint.condition, instance))
        except _Unknown:
            return True

    def _key(self, constraint, instance):
        return tuple(getattr(instance, self.model._meta.get_field(n).attname) for n in constraint.fields)

    def _stored(self, constraint, instances) -> set:
        keys = {
            self._key(constraint, i)
            for i in instances
            if self._applies(constraint, i) and None not in self._key(constraint, i)
        }
        if not keys:
            return set()
        rows = self.model._base_manager.all()
        if constraint.condition is not None:
            rows = rows.filter(constraint.condition)
        names = list(constraint.fields)
        found = set()
        if len(names) == 1:
            values = sorted(k[0] for k in keys)
            for start in range(0, len(values), CHUNK):
                chunk = values[start : start + CHUNK]
                found.update(
                    (v,) for v in rows.filter(**{f"{names[0]}__in": chunk}).values_list(names[0], flat=True)
                )
        else:
            for start in range(0, len(keys), CHUNK):
                chunk = list(keys)[start : start + CHUNK]
                either = Q()
                for key in chunk:
                    either |= Q(**dict(zip(names, key, strict=True)))
                found.update(tuple(v) for v in rows.filter(either).values_list(*names))
        return found

    def add(self, instance) -> list[str]:
        messages = []
        for constraint in self.constraints:
            if not self._applies(constraint, instance):
                continue
            key = self._key(constraint, instance)
            if None in key:
                continue  # NULLs are distinct
            if key in self.seen[constraint.name] or key in self.stored[constraint.name]:
                messages.append(str(constraint.get_violation_error_message()))
            self.seen[constraint.name].add(key)
        return messages
