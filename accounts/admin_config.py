from django.contrib.admin.apps import AdminConfig as BaseAdminConfig


class AdminConfig(BaseAdminConfig):
    """Django's admin, on a site that lets only administrators with a second factor in."""

    default_site = "accounts.admin_site.AdminSite"
