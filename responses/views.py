from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Response
from .permissions import get_response_for_user


@login_required
def response_list(request):
    responses = Response.objects.visible_to(request.user).select_related(
        "recipient__audit", "recipient__committee"
    )
    return render(request, "responses/response_list.html", {"responses": responses})


@login_required
def response_detail(request, pk):
    response = get_response_for_user(
        request.user,
        pk,
        Response.objects.select_related("recipient__audit", "recipient__committee", "submitted_by"),
    )
    positions = response.positions.select_related("addressee__recommendation")
    return render(
        request,
        "responses/response_detail.html",
        {"response": response, "positions": positions, "attachments": response.attachments.all()},
    )
