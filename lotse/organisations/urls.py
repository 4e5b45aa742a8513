from django.urls import path

from lotse.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_tree, name="tree"),
    path("neu/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.organisation_edit, name="edit"),
    path("<int:pk>/mitglieder/neu/", views.association_member_add, name="member_add"),
]
