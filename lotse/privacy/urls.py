from django.urls import path

from lotse.privacy import views

app_name = "privacy"

urlpatterns = [
    path("protokoll/", views.audit_log, name="audit_log"),
]
