"""Response headers Django's own middleware does not send."""

from django.conf import settings


def permissions_policy(features: dict[str, list[str]]) -> str:
    """`camera=(), geolocation=(self)` from {"camera": [], "geolocation": ["self"]}."""
    return ", ".join(f"{name}=({' '.join(origins)})" for name, origins in features.items())


class PermissionsPolicyMiddleware:
    """Sends `Permissions-Policy` from settings.PERMISSIONS_POLICY: the browser features no page of the
    registry needs (camera, microphone, geolocation, payment, …) are switched off for it and for
    anything it might be tricked into embedding."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
