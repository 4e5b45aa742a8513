from django.urls import path

from lotse.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("erledigt/", views.mark_done, name="mark_done"),
]
