from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class AccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.AccessTokenAuthentication"
    name = "personligNyckel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "En personlig API-nyckel (rsp_…) som skapas under API-nycklar i Revisionsspår.",
        }


class BrowserSessionScheme(SessionScheme):
    target_class = "api.authentication.SessionAuthentication"
