from django.urls import path

from lotse.funding import views

app_name = "funding"

urlpatterns = [
    path("rechner/", views.calculator, name="calculator"),
    path("rechner/fahrgeldausfall/", views.fare_loss, name="fare_loss"),
    path("rechner/planungsrahmen/", views.planning_frame, name="planning_frame"),
]
