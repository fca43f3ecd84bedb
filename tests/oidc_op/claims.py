from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims, user):
    claims.update(
        given_name=user.first_name, family_name=user.last_name, email=user.email, preferred_username=user.username
    )
    return claims


class GroupsClaims(ScopeClaims):
    info_groups = ("Grupper", "Dina grupper.")

    def scope_groups(self):
        return {"groups": [group.name for group in self.user.groups.all()]}
