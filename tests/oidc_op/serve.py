"""Set up the provider from a JSON description on stdin, then serve it.

{"port": 8123, "client_id": "...", "client_secret": "...", "redirect_uri": "...",
 "users": [{"username": "...", "password": "...", "email": "...", "first_name": "...",
            "last_name": "...", "groups": ["..."]}]}
"""

import json
import os
import sys

import django
from django.core.management import call_command


def main():
    config = json.load(sys.stdin)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
    django.setup()
    call_command("migrate", verbosity=0)
    call_command("creatersakey", stdout=open(os.devnull, "w"))

    from django.contrib.auth.models import Group, User
    from oidc_provider.models import Client, ResponseType

    for entry in config["users"]:
        user = User.objects.create_user(
            entry["username"], entry["email"], entry["password"],
            first_name=entry.get("first_name", ""), last_name=entry.get("last_name", ""),
        )
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in entry.get("groups", [])])
    client = Client.objects.create(
        name="Revisionsspår",
        client_type="confidential",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
        _redirect_uris=config["redirect_uri"],
        _scope="openid email profile groups",
    )
    client.response_types.set(ResponseType.objects.filter(value="code"))
    call_command("runserver", f"127.0.0.1:{config['port']}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    main()
