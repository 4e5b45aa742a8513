from django.urls import path

from lotse.proofs import settlement_views, views

app_name = "proofs"

urlpatterns = [
    path(
        "bescheide/<int:pk>/abrechnung/",
        settlement_views.settlement_create,
        name="settlement_create",
    ),
    path("", views.proof_list, name="list"),
    path("<int:pk>/", views.proof_detail, name="detail"),
    path("<int:pk>/sachbericht/", views.narrative_edit, name="narrative"),
    path("<int:pk>/aktualisieren/", views.prefill, name="prefill"),
    path("<int:pk>/kosten/", views.cost_add, name="cost_add"),
    path("<int:pk>/belege/", views.receipt_add, name="receipt_add"),
    path("<int:pk>/uebernehmen/", views.costs_adopt, name="costs_adopt"),
    path("<int:pk>/personalnummern/", views.personnel_numbers, name="personnel_numbers"),
    path("<int:pk>/<str:kind>/<int:line>/loeschen/", views.line_delete, name="line_delete"),
    path("<int:pk>/import/bestaetigen/", views.import_confirm, name="import_confirm"),
    path("<int:pk>/import/<str:kind>/", views.upload, name="upload"),
    path("<int:pk>/einreichen/", views.submit, name="submit"),
    path("<int:pk>/berichtigen/", views.correct, name="correct"),
    path("<int:pk>/pruefen/", views.check, name="check"),
    path("<int:pk>/nachweis.pdf", views.download_pdf, name="pdf"),
    path("<int:pk>/nachweis.xlsx", views.download_xlsx, name="xlsx"),
]
