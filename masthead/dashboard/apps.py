from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "masthead.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
