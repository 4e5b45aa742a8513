from django.urls import path

from lotse.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("vernetzung/", views.network_event_list, name="network_event_list"),
    path("vernetzung/neu/", views.network_event_create, name="network_event_create"),
]
