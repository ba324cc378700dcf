"""The home dashboard of staff and managers: what waits for a decision, and the portfolio at a glance."""

from django.utils.translation import gettext as _
from django.views import View

from core.charts import bar_chart
from core.views import InternalPageMixin
from registry.register_cache import render_cached_page

from .. import selectors, selectors_decisions


def _context(user):
    data = selectors.dashboard(user)
    data["stage_chart"] = bar_chart(_("Kerja sama per tahap"), data["by_stage"])
    data["category_chart"] = bar_chart(
        _("Kerja sama per kategori"),
        [(label.split(" — ")[0], count) for label, count in data["by_category"]],
    )
    data["total"] = sum(count for _label, count in data["by_stage"])
    data["decisions"] = selectors_decisions.decisions(user)
    return data


class DashboardView(InternalPageMixin, View):
    def get(self, request):
        return render_cached_page(
            request,
            "dashboard",
            "dashboard/dashboard.html",
            "dashboard/partials/dashboard_content.html",
            lambda: _context(request.user),
        )
