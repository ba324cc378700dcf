"""Template context every page gets from core."""


def csp_nonce(request):
    """The request's Content-Security-Policy nonce as `csp_nonce`, the name django-htmx's
    {% htmx_script %} and the templates look for (django-csp sets it on the request, lazily: only a page
    that uses it puts a nonce in its header). Empty where the CSP middleware has not run."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
