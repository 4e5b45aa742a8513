from django.urls import path

from lotse.documents import views

app_name = "documents"

urlpatterns = [
    # Case documents: no personal data in the URL, only the case id and a language code.
    path("faelle/<int:pk>/einwilligungsformular/", views.consent_form, name="consent_form"),
    path("faelle/<int:pk>/integrationsplan/", views.plan_pdf, name="plan_pdf"),
    path("faelle/<int:pk>/integrationsplan/kurzfassung/", views.plan_summary, name="plan_summary"),
    # Texts, for administrators.
    path("texte/", views.text_list, name="text_list"),
    path("texte/neu/", views.text_create, name="text_create"),
    path("texte/<int:pk>/", views.text_edit, name="text_edit"),
    path("texte/<int:pk>/vorschau/", views.text_preview, name="text_preview"),
]
