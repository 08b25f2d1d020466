from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from welfarelab import views
from welfarelab.access import views as access
from welfarelab.capture import views as capture
from welfarelab.journey import views as journey
from welfarelab.mapping import views as mapping
from welfarelab.money import views as money
from welfarelab.people import views as people
from welfarelab.plans import views as plans
from welfarelab.reports import views as reports

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("referrals/", capture.referral_list, name="referrals"),
    path("referrals/new/", capture.referral_new, name="referral_new"),
    path("referrals/<int:pk>/", capture.referral_detail, name="referral"),
    path("referrals/<int:pk>/take/", capture.referral_take, name="referral_take"),
    path("referrals/<int:pk>/qualification/", capture.qualify, name="qualify"),
    path("referrals/<int:pk>/conversation/", capture.conversation, name="conversation"),
    path("referrals/<int:pk>/joining/", capture.join, name="join"),
    path("participants/", people.participant_list, name="participants"),
    path("participants/<int:pk>/", people.participant_detail, name="participant"),
    path("participants/<int:pk>/persons/<int:pid>/address/", people.person_address, name="person_address"),
    path("participants/<int:pk>/target-group/", people.confirm_target_group, name="target_group"),
    path("participants/<int:pk>/consents/new/", people.consent_new, name="consent_new"),
    path("participants/<int:pk>/consents/<int:consent_pk>/withdraw/", people.withdraw_consent, name="withdraw_consent"),
    path("participants/<int:pk>/team/add/", people.team_add, name="team_add"),
    path("participants/<int:pk>/agreement-scan/", people.scan, name="agreement_scan"),
    path("participants/<int:pk>/meetings/new/", mapping.meeting_edit, name="meeting_new"),
    path("participants/<int:pk>/meetings/<int:mid>/", mapping.sheet_page, name="sheet"),
    path("participants/<int:pk>/meetings/<int:mid>/edit/", mapping.meeting_edit, name="meeting_edit"),
    path("participants/<int:pk>/meetings/<int:mid>/held/", mapping.meeting_finish, name="meeting_finish"),
    path("participants/<int:pk>/meetings/<int:mid>/sheet.pdf", mapping.sheet_pdf, name="sheet_pdf"),
    path("participants/<int:pk>/meetings/<int:mid>/changes/", mapping.sheet_changes, name="sheet_changes"),
    path("participants/<int:pk>/meetings/<int:mid>/notes/", mapping.note_add, name="note_add"),
    path("participants/<int:pk>/meetings/<int:mid>/notes/<int:nid>/", mapping.note_write, name="note_write"),
    path("participants/<int:pk>/meetings/<int:mid>/notes/<int:nid>/remove/", mapping.note_remove, name="note_remove"),
    path("participants/<int:pk>/sheet/", mapping.sheet_now, name="sheet_now"),
    path("participants/<int:pk>/plan/", plans.plan_page, name="plan"),
    path("participants/<int:pk>/plan/situation/", plans.situation, name="plan_situation"),
    path("participants/<int:pk>/plan/goals/new/", plans.goal_edit, name="goal_new"),
    path("participants/<int:pk>/plan/goals/<int:gid>/", plans.goal_edit, name="goal_edit"),
    path("participants/<int:pk>/plan/measures/new/", plans.measure_edit, name="measure_new"),
    path("participants/<int:pk>/plan/measures/<int:mid>/", plans.measure_edit, name="measure_edit"),
    path("participants/<int:pk>/plan/decisions/", plans.decisions, name="decisions"),
    path("participants/<int:pk>/plan/texts-to-review/", plans.texts_to_review, name="family_texts"),
    path("participants/<int:pk>/plan/timeline/", plans.timeline, name="timeline"),
    path("participants/<int:pk>/plan/agreement/new/", plans.agreement_new, name="agreement_new"),
    path("participants/<int:pk>/plan/agreement/compare/", plans.agreement_compare, name="agreement_compare"),
    path("participants/<int:pk>/plan/agreement/<int:number>/", plans.agreement_page, name="agreement"),
    path("participants/<int:pk>/plan/agreement/<int:number>/sign/", plans.agreement_sign, name="agreement_sign"),
    path("participants/<int:pk>/plan/agreement/<int:number>/agreement.pdf", plans.agreement_pdf, name="agreement_pdf"),
    path(
        "participants/<int:pk>/plan/agreement/<int:number>/scan/", plans.agreement_scan, name="agreement_version_scan"
    ),
    path("portfolio/", reports.dashboard, name="portfolio"),
    path("portfolio/report/", reports.report, name="portfolio_report"),
    path("portfolio/export.<str:kind>", reports.export, name="portfolio_export"),
    path("participants/<int:pk>/journey/", journey.journey, name="journey"),
    path("participants/<int:pk>/journey/assessments/new/", journey.assessment_edit, name="assessment_new"),
    path("participants/<int:pk>/journey/unexpected/new/", journey.unexpected_new, name="unexpected_new"),
    path("participants/<int:pk>/journey/assessments/<int:aid>/", journey.assessment_edit, name="assessment_edit"),
    path("participants/<int:pk>/journey/close/", journey.exit_new, {"kind": "closed"}, name="exit_close"),
    path("participants/<int:pk>/journey/left-early/", journey.exit_new, {"kind": "early"}, name="exit_early"),
    path("participants/<int:pk>/journey/reopen/", journey.reopen, name="reopen"),
    path("participants/<int:pk>/plan/goals/<int:gid>/progress/", journey.progress_new, name="progress_new"),
    path("participants/<int:pk>/plan/value/", money.value_page, name="value"),
    path("participants/<int:pk>/plan/value/settings/", money.value_analysis, name="value_analysis"),
    path("participants/<int:pk>/plan/benefits/new/", money.benefit_edit, name="benefit_new"),
    path("participants/<int:pk>/plan/benefits/<int:bid>/", money.benefit_edit, name="benefit_edit"),
    path(
        "participants/<int:pk>/plan/benefits/<int:bid>/realisation/",
        money.benefit_realisation,
        name="benefit_realisation",
    ),
    path("participants/<int:pk>/investment/", money.investment_page, name="investment"),
    path("participants/<int:pk>/investment/new/", money.investment_edit, name="investment_new"),
    path("participants/<int:pk>/investment/<int:iid>/", money.investment_edit, name="investment_edit"),
    path("participants/<int:pk>/team/<int:tid>/leave/", plans.team_leave, name="team_leave"),
    path("participants/<int:pk>/trusted/new/", plans.trusted_new, name="trusted_new"),
    path("participants/<int:pk>/trusted/<int:tid>/leave/", plans.trusted_leave, name="trusted_leave"),
    path("audit/", access.audit_log, name="audit_log"),
    path("audit/export.csv", access.audit_log_export, name="audit_log_export"),
    path("audit/export.pdf", access.audit_log_pdf, name="audit_log_pdf"),
    path("", include("welfarelab.administration.urls")),
    path("admin/", admin.site.urls),
    path("my/", include("welfarelab.portal.urls")),
]
if settings.TEST_ENVIRONMENT:  # the installation's own stand-in for ID-porten (welfarelab.portal.test_idporten)
    urlpatterns.append(path("o/", include("welfarelab.portal.test_idporten")))
