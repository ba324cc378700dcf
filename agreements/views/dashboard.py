"""The home dashboard of staff and managers."""

from django.views.generic import TemplateView

from kemitraan.views import InternalPageMixin


class DashboardView(InternalPageMixin, TemplateView):
    template_name = "dashboard/dashboard.html"
