from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Pages in the order the rows were made, stable while rows are added: following `next`
    reads every row once (the event feed continues later with ?after=<last id>)."""

    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_cursor_message = "Ogiltig sidmarkör."
