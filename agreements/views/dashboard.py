"""The home dashboard of staff and managers: what waits for a decision, and the portfolio at a glance."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.charts import bar_chart
from core.views import InternalPageMixin

from .. import selectors, selectors_decisions


class DashboardView(InternalPageMixin, TemplateView):
    template_name = "dashboard/dashboard.html"

    def get_context_data(self, **kwargs):
        data = selectors.dashboard(self.request.user)
        data["stage_chart"] = bar_chart(_("Kerja sama per tahap"), data["by_stage"])
        data["category_chart"] = bar_chart(
            _("Kerja sama per kategori"),
            [(label.split(" — ")[0], count) for label, count in data["by_category"]],
        )
        data["total"] = sum(count for _label, count in data["by_stage"])
        data["decisions"] = selectors_decisions.decisions(self.request.user)
        return {**super().get_context_data(**kwargs), **data}
