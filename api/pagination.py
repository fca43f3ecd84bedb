from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Pages in the order the rows were made, each the place to go on from: a client that
    keeps the `next` address reads every new row exactly once."""

    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_cursor_message = "Ogiltig sidmarkör."
