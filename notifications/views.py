"""The in-app inbox and the notification preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import PreferenceForm
from .models import Notification
from .services import notification_mark_read, preference_for


@login_required
def notification_list(request):
    page = Paginator(
        Notification.objects.visible_to(request.user).order_by("-created_at", "-pk"), 25
    ).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page, "notifications": page.object_list})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark as read, then follow the notification's link (only a link inside this site)."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    notification_mark_read(user=request.user, notification_id=notification.pk)
    if notification.link and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.link)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    notification_mark_read(user=request.user)
    messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    preference = preference_for(request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.save()
        messages.success(request, _("Preferensi notifikasi disimpan."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
