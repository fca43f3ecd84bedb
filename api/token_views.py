"""The user's own API tokens: make one (its secret shown once), see them, revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import tokens
from .forms import AccessTokenForm
from .models import AccessToken


@never_cache
@login_required
def token_list(request):
    form = AccessTokenForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "schema_url": reverse("api:schema"), "docs_url": reverse("api:docs")}
    if request.method == "POST" and form.is_valid():
        token, secret = tokens.create_token(
            request.user, form.cleaned_data["name"], form.cleaned_data["scope"], form.cleaned_data["valid_days"]
        )
        # Rendered, not redirected: the secret is never stored, not even in the session.
        context.update(new_token=token, secret=secret, form=AccessTokenForm())
    context["tokens"] = AccessToken.objects.filter(user=request.user)
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(AccessToken.objects.filter(user=request.user), pk=pk)
    if tokens.revoke_token(token):
        messages.success(request, f"Nyckeln ”{token.name}” är återkallad och fungerar inte längre.")
    else:
        messages.info(request, f"Nyckeln ”{token.name}” var redan återkallad.")
    return redirect("tokens:list")
