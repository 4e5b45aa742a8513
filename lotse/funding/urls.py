from django.urls import path

from lotse.funding import grant_views, money_views, views

app_name = "funding"

urlpatterns = [
    path("rechner/", views.calculator, name="calculator"),
    path("rechner/fahrgeldausfall/", views.fare_loss, name="fare_loss"),
    path("rechner/planungsrahmen/", views.planning_frame, name="planning_frame"),
    # Grant files (issue 5 items 3–5)
    path("", grant_views.grant_list, name="grant_list"),
    path("bescheide/neu/", grant_views.decision_create, name="decision_create"),
    path("bescheide/<int:pk>/", grant_views.decision_detail, name="decision_detail"),
    path("bescheide/<int:pk>/bearbeiten/", grant_views.decision_edit, name="decision_edit"),
    path("vertraege/neu/", grant_views.contract_create, name="contract_create"),
    path("vertraege/<int:pk>/", grant_views.contract_detail, name="contract_detail"),
    path("vertraege/<int:pk>/aenderung/", grant_views.contract_amend, name="contract_amend"),
    path("vertraege/<int:pk>/kuendigung/", grant_views.contract_notice, name="contract_notice"),
    path("fassungen/<int:pk>/", grant_views.version_detail, name="version_detail"),
    path("fassungen/<int:pk>/annehmen/", grant_views.proposal_accept, name="proposal_accept"),
    path("fassungen/<int:pk>/verwerfen/", grant_views.proposal_discard, name="proposal_discard"),
    path("stellen/", grant_views.position_list, name="position_list"),
    path("stellen/neu/", grant_views.position_create, name="position_create"),
    path("mittelabrufe/", money_views.request_list, name="request_list"),
    path("mittelabrufe/neu/", money_views.request_create, name="request_create"),
    path("mittelabrufe/<int:pk>/", money_views.request_detail, name="request_detail"),
    path("mittelabrufe/<int:pk>/entscheiden/", money_views.request_decide, name="request_decide"),
    path("mittelabrufe/<int:pk>/auszahlung/", money_views.request_payout, name="request_payout"),
    # Settlement and recovery (issue 5 item 7)
    path("rueckforderungen/<int:pk>/", money_views.claim_detail, name="claim_detail"),
    path("rueckforderungen/<int:pk>/weitergeben/", money_views.claim_pass_on, name="claim_pass_on"),
    path("uebersicht/", money_views.overview, name="overview"),
]
