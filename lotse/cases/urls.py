from django.urls import path

from lotse.cases import plan_views, views

app_name = "cases"

urlpatterns = [
    path("", views.client_list, name="client_list"),
    path("neu/", views.client_create, name="client_create"),
    path("arbeitsliste/", views.worklist, name="worklist"),
    path("neu-zuweisen/", views.reassign, name="reassign"),
    path("<int:pk>/", views.client_detail, name="client_detail"),
    path("<int:pk>/persoenliche-angaben/", views.client_personal, name="client_personal"),
    path("<int:pk>/einwilligung/neu/", views.consent_create, name="consent_create"),
    path(
        "<int:pk>/einwilligung/<int:consent_pk>/widerruf/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "<int:pk>/einwilligung/<int:consent_pk>/formular/",
        views.consent_download,
        name="consent_download",
    ),
    path("<int:pk>/gespraeche/neu/", views.consultation_create, name="consultation_create"),
    path("<int:pk>/verlaengerung/neu/", views.extension_request, name="extension_request"),
    path(
        "<int:pk>/verlaengerung/<int:extension_pk>/entscheidung/",
        views.extension_decide,
        name="extension_decide",
    ),
    path("<int:pk>/abschluss/", views.closure_create, name="closure_create"),
    path(
        "<int:pk>/abschluss/<int:closure_pk>/wiedereroeffnen/",
        views.closure_reopen,
        name="closure_reopen",
    ),
    # Integration plan (BW 4.1.6) and referrals (BW 4.1.4 c–d, KIM §3(2)d)
    path("<int:pk>/integrationsplan/", plan_views.plan, name="plan"),
    path(
        "<int:pk>/integrationsplan/ziele/neu/", plan_views.plan_goal_create, name="plan_goal_create"
    ),
    path(
        "<int:pk>/integrationsplan/ziele/<int:goal_pk>/",
        plan_views.plan_goal_edit,
        name="plan_goal_edit",
    ),
    path("<int:pk>/integrationsplan/versionen/", plan_views.plan_versions, name="plan_versions"),
    path("<int:pk>/vermittlungen/neu/", plan_views.referral_create, name="referral_create"),
    path(
        "<int:pk>/vermittlungen/<int:referral_pk>/",
        plan_views.referral_detail,
        name="referral_detail",
    ),
    path("<int:pk>/re-assessment/neu/", plan_views.reassessment_create, name="reassessment_create"),
    path("<int:pk>/fallkonferenzen/neu/", plan_views.conference_create, name="conference_create"),
    path("<int:pk>/themen/neu/", plan_views.barrier_create, name="barrier_create"),
    # Counts only, for everyone with aggregates (also the coordinating office).
    path("strukturelle-themen/", plan_views.barrier_report, name="barrier_report"),
    path(
        "<int:pk>/vermittlungen/<int:referral_pk>/wiedereroeffnen/",
        plan_views.referral_reopen,
        name="referral_reopen",
    ),
]
