"""Free-text searches travel by POST and are kept in the session under a random key.

A search box may receive a BSN; a BSN must never appear in a URL (browser history, proxy logs,
the Referer header). So a search form posts its text here, the view redirects to
``?zoekopdracht=<key>``, and the page reads the text back from the session.
"""

import secrets

SESSION_KEY = "regie_searches"
PARAM = "zoekopdracht"
MAX_KEPT = 20


def stash(request, text: str) -> str:
    searches = request.session.get(SESSION_KEY, {})
    key = secrets.token_urlsafe(8)
    searches[key] = text[:200]
    if len(searches) > MAX_KEPT:
        for old in list(searches)[: len(searches) - MAX_KEPT]:
            searches.pop(old)
    request.session[SESSION_KEY] = searches
    return key


def recall(request) -> str:
    key = request.GET.get(PARAM, "")
    return request.session.get(SESSION_KEY, {}).get(key, "") if key else ""


def redirect_with_search(request, field: str, keep: tuple[str, ...] = ()):
    """POST handler: move the free text to the session, everything else to the query string."""
    from urllib.parse import urlencode

    from django.shortcuts import redirect

    params = {name: request.POST.get(name) for name in keep if request.POST.get(name)}
    text = (request.POST.get(field) or "").strip()
    if text:
        params[PARAM] = stash(request, text)
    return redirect(f"{request.path}?{urlencode(params)}" if params else request.path)
