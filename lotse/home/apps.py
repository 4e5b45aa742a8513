from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The composition on top: start page, navigation and the page shell.

    It may import every app; no app imports it (tests/test_layers.py).
    """

    name = "lotse.home"
    label = "home"
    verbose_name = _("Startseite")
