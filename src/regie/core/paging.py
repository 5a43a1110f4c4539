"""Pagination for UI lists: page numbers with gaps, count line, unknown page -> 1."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, per_page: int = 25):
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(request.GET.get("pagina", 1))
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(1)
    query = request.GET.copy()
    query.pop("pagina", None)
    base = query.urlencode()
    numbers = []
    last = paginator.num_pages
    for n in range(1, last + 1):
        if n in (1, last) or abs(n - page.number) <= 1:
            numbers.append(n)
        elif numbers and numbers[-1] != "…":
            numbers.append("…")
    return {
        "page": page,
        "paginator": paginator,
        "numbers": numbers,
        "base_query": base,
        "first_index": page.start_index(),
        "last_index": page.end_index(),
    }


def keyset(request, queryset, *, order=("due_date", "id"), per_page: int = 25, param="na"):
    """Keyset ("seek") pagination for long work lists: the next page starts after the last row
    shown (``?na=<values>``), so a page costs the same at row 10 or 100,000 and rows that are
    finished meanwhile do not shift the rest. ``order`` names ascending, non-null fields ending
    in a unique one. An unreadable cursor starts at the first page."""
    from django.core.exceptions import ValidationError
    from django.db.models import Q

    model = queryset.model
    fields = [
        model._meta.pk if name in ("id", "pk") else model._meta.get_field(name) for name in order
    ]
    queryset = queryset.order_by(*order)
    after = None
    raw = request.GET.get(param, "")
    if raw:
        parts = raw.split("~")
        try:
            if len(parts) == len(fields):
                after = [f.to_python(v) for f, v in zip(fields, parts, strict=True)]
        except (ValidationError, ValueError, TypeError):
            after = None
    if after is not None:
        seek = Q()
        for i, name in enumerate(order):
            step = Q(**{f"{name}__gt": after[i]})
            for j in range(i):
                step &= Q(**{order[j]: after[j]})
            seek |= step
        queryset = queryset.filter(seek)
    rows = list(queryset[: per_page + 1])
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    query = request.GET.copy()
    query.pop(param, None)
    first_query = query.urlencode()
    next_query = None
    if has_next:
        last = rows[-1]
        query[param] = "~".join(str(getattr(last, name)) for name in order)
        next_query = query.urlencode()
    return {
        "rows": rows,
        "is_first": after is None,
        "first_query": first_query,
        "next_query": next_query,
    }
