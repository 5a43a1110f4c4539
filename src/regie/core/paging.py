"""Pagination for UI lists (ux.md §4): page numbers with gaps, count line, unknown page -> 1."""

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
