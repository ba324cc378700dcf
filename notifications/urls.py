from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/buka/", views.notification_open, name="open"),
    path("tandai-dibaca/", views.notification_read_all, name="read_all"),
    path("preferensi/", views.preferences, name="preferences"),
]
