from django.urls import path

from lotse.home import views

app_name = "home"

urlpatterns = [
    path("", views.start, name="start"),
]
