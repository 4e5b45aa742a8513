from django.urls import path

from lotse.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.frame_list, name="frame_list"),
    path("neu/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/quoten/", views.round_quotas, name="round_quotas"),
    path("<int:pk>/bekanntgeben/", views.round_announce, name="round_announce"),
    path("kreis/<int:pk>/", views.county_frame, name="county_frame"),
]
