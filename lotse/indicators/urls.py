from django.urls import path

from lotse.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("vernetzung/", views.network_event_list, name="network_event_list"),
    path("vernetzung/neu/", views.network_event_create, name="network_event_create"),
]
