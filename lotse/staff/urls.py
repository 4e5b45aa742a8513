from django.urls import path

from lotse.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.compliance, name="compliance"),
    path("export.xlsx", views.compliance_export, name="compliance_export"),
    path("personen/neu/", views.employee_create, name="employee_create"),
    path("personen/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("personen/<int:pk>/bearbeiten/", views.employee_edit, name="employee_edit"),
    path("personen/<int:pk>/gleichwertigkeit/", views.proof_add, name="proof_add"),
    path(
        "personen/<int:pk>/nachqualifizierung/", views.supplementary_add, name="supplementary_add"
    ),
    path("personen/<int:pk>/pruefung/", views.check_add, name="check_add"),
    path("personen/<int:pk>/beschaeftigung/", views.period_create, name="period_create"),
    path("beschaeftigung/<int:pk>/", views.period_edit, name="period_edit"),
    path("beschaeftigung/<int:pk>/unterbrechung/", views.interruption_add, name="interruption_add"),
    path("fortbildungen/", views.training_list, name="training_list"),
    path("fortbildungen/neu/", views.training_create, name="training_create"),
    path("nachweise/<slug:kind>/<int:pk>/", views.document, name="document"),
]
