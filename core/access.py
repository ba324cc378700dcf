"""The permission policy that base views and viewsets ask, named by the project's settings.

core is the bottom layer and knows no role. `settings.ACCESS_POLICY` names the module that answers
`can(user, action, obj=None)` and `sees_everything(user)` (accounts.permissions), so the base classes ask
the same module as every page, serializer, template tag and task, without core importing accounts.
"""

from functools import cache
from importlib import import_module

from django.conf import settings


@cache
def policy():
    return import_module(settings.ACCESS_POLICY)


def can(user, action: str, obj=None) -> bool:
    return policy().can(user, action, obj)


def sees_everything(user) -> bool:
    return policy().sees_everything(user)
