from django.urls import path

from lotse.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("login/zweiter-faktor/", views.otp_verify, name="otp_verify"),
    path("konto/", views.account, name="account"),
    path("konto/passwort/", views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/zweiter-faktor/", views.otp_setup, name="otp_setup"),
    path("konto/tokens/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
    path("benutzer/", views.user_list, name="user_list"),
    path("benutzer/neu/", views.user_create, name="user_create"),
    path("benutzer/<int:pk>/", views.user_detail, name="user_detail"),
    path("benutzer/<int:pk>/rollen/neu/", views.membership_add, name="membership_add"),
    path(
        "benutzer/<int:pk>/rollen/<int:membership_pk>/beenden/",
        views.membership_end,
        name="membership_end",
    ),
]
