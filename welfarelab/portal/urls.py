from django.urls import path

from welfarelab.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.door, name="door"),
    path("login/<slug:slug>/", views.start, name="start"),
    path("login/<slug:slug>/done/", views.done, name="done"),
    path("logout/", views.log_out, name="logout"),
    path("agreement/<int:number>/sign/", views.sign, name="sign"),
    path("consents/", views.consents, name="consents"),
    path("consents/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("who-has-looked/", views.looked, name="looked"),
]
