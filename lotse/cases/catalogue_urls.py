"""The catalogue pages under /kataloge/ (issue 3 item 5), for the administration."""

from django.urls import path

from lotse.cases import catalogue_views

app_name = "catalogues"

urlpatterns = [
    path("", catalogue_views.catalogue_index, name="index"),
    path("<slug:catalogue>/", catalogue_views.catalogue_list, name="list"),
    path("<slug:catalogue>/neu/", catalogue_views.catalogue_create, name="create"),
    path("<slug:catalogue>/<int:pk>/", catalogue_views.catalogue_edit, name="edit"),
    path("<slug:catalogue>/<int:pk>/loeschen/", catalogue_views.catalogue_delete, name="delete"),
    path(
        "<slug:catalogue>/<int:pk>/zusammenfuehren/",
        catalogue_views.catalogue_merge,
        name="merge",
    ),
]
