from django.urls import path

from welfarelab.administration import invitations, views

urlpatterns = [
    path("administration/", views.staff_list, name="staff"),
    path("administration/users/invite/", views.staff_invite, name="staff_invite"),
    path("administration/users/<int:pk>/", views.staff_member, name="staff_member"),
    path("administration/users/<int:pk>/end/", views.staff_end, name="staff_end"),
    path("administration/users/<int:pk>/unlock/", views.staff_unlock, name="staff_unlock"),
    path("administration/users/<int:pk>/invite-again/", views.staff_invite_again, name="staff_invite_again"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_edit, name="organisation_new"),
    path("organisations/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("administration/life-areas/", views.life_area_list, name="life_areas"),
    path("administration/life-areas/new/", views.life_area_edit, name="life_area_new"),
    path("administration/life-areas/<int:pk>/", views.life_area_edit, name="life_area_edit"),
    path("administration/life-areas/<int:pk>/move/", views.life_area_move, name="life_area_move"),
    path("administration/services/", views.service_list, name="services"),
    path("administration/services/new/", views.service_edit, name="service_new"),
    path("administration/services/<int:pk>/", views.service_edit, name="service_edit"),
    path("administration/settings/", views.municipality_settings, name="municipality_settings"),
    path("invitation/<uidb64>/<token>/", invitations.AcceptInvitation.as_view(), name="invitation"),
]
