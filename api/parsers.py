import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SwedishJSONParser(JSONParser):
    """DRF's JSON parser, telling where the body stops being JSON in Swedish."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError as error:
            cause = error.__context__
            if isinstance(cause, json.JSONDecodeError):
                raise ParseError(f"Kroppen är inte giltig JSON (rad {cause.lineno}, kolumn {cause.colno}).") from None
            raise ParseError("Kroppen är inte giltig JSON i UTF-8.") from None
