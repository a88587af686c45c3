from django.urls import path

from korkyt.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/export/", views.export, name="export"),
    path("profile/delete/", views.delete, name="delete"),
    path("roles/<str:model>/<int:pk>/", views.scope_roles_page, name="scope_roles"),
    path(
        "roles/<str:model>/<int:pk>/revoke/<int:assignment>",
        views.scope_role_revoke,
        name="scope_role_revoke",
    ),
    path(
        "roles/<str:model>/<int:pk>/invitations/<int:invitation>/revoke",
        views.scope_invitation_revoke,
        name="scope_invitation_revoke",
    ),
    path("invitations/received/<int:pk>/", views.invitation_received, name="invitation_received"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
