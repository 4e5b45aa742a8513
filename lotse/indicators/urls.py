from django.urls import path

from lotse.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("bericht.pdf", views.export_pdf, name="export_pdf"),
    path("abschluss/", views.year_close, name="year_close"),
    path("abschluss/<int:pk>/wiedereroeffnen/", views.year_reopen, name="year_reopen"),
    path("vernetzung/", views.network_event_list, name="network_event_list"),
    path("vernetzung/neu/", views.network_event_create, name="network_event_create"),
]
