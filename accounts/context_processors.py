from .roles import Role, roles_of


def roles(request):
    """Exposes the user's roles to templates as `roles` (a set of names) and `Role`."""
    return {"roles": roles_of(getattr(request, "user", None)), "Role": Role}
