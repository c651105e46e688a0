from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "masthead.policies"
    label = "policies"
    verbose_name = "Policies"
