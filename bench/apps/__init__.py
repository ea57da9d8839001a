"""Per-app bench declarations: ``<app label>.py`` registers dataset builders and page families
(see ``bench/families.py``). Loaded only for apps in ``INSTALLED_APPS``."""
