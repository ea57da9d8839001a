"""Public pages of the content app: home, information pages, document repository."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from abierto.core.filters import bounded_int
from abierto.core.forms import add_service_errors
from abierto.core.manifest import home_figures
from abierto.core.pagecache import shared_page
from abierto.core.permissions import permission_required

from . import selectors, services
from .filters import DocumentFilter
from .forms import DocumentForm, PageForm
from .models import Document, Page

DOCUMENTS_PER_PAGE = 20
#: The OGP co-creation standard asks for a repository updated at least twice a year.
REPOSITORY_STALE_AFTER_DAYS = 183


@require_GET
@shared_page
def home(request: HttpRequest) -> HttpResponse:
    """What is open now first (with days left and one button), then the cycle, the figures
    each app counts (``home_figures`` in its manifest) and the information pages."""
    stage, days_left = selectors.home_open_call()
    return render(
        request,
        "content/home.html",
        {
            "pages": list(selectors.page_list_published()),
            "open_stage": stage,
            "days_left": days_left,
            "figures": home_figures(),
        },
    )


@require_GET
@shared_page
def page_index(request: HttpRequest) -> HttpResponse:
    return render(request, "content/page_index.html", {"pages": selectors.page_list_published()})


@require_GET
@shared_page
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # One query: the published pages are few, and the side menu needs them all anyway.
    pages = list(selectors.page_list_published())
    index = next((i for i, p in enumerate(pages) if p.slug == slug), None)
    if index is None:
        raise Http404
    page = pages[index]
    return render(
        request,
        "content/page_detail.html",
        {
            "page": page,
            "text": page.localized,
            "pages": pages,
            "previous_page": pages[index - 1] if index > 0 else None,
            "next_page": pages[index + 1] if index + 1 < len(pages) else None,
        },
    )


@require_GET
@shared_page
def documents(request: HttpRequest) -> HttpResponse:
    params = DocumentFilter(request.GET)
    filters = params.selector_filters()
    paginator = Paginator(selectors.document_list(filters=filters), DOCUMENTS_PER_PAGE)
    page_obj = paginator.get_page(params.cleaned["pagina"])
    last_updated = selectors.repository_last_updated()
    stale = bool(
        last_updated and (timezone.now() - last_updated).days > REPOSITORY_STALE_AFTER_DAYS
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "content/document_list.html",
        {
            "fields": params.form_fields,
            "ignored": params.ignored,
            "page_obj": page_obj,
            "documents": page_obj.object_list,
            "filtered": params.active,
            "last_updated": last_updated,
            "stale": stale,
            "querystring": query.urlencode(),
        },
    )


@require_GET
@shared_page
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(pk=pk)
    if document is None:
        raise Http404
    return render(request, "content/document_detail.html", {"document": document})


@require_GET
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an uploaded file from private storage as a download with its checked type."""
    document = get_object_or_404(Document, pk=pk)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- Back office (/gestion/contenido/) ------------------------------------------------------


@permission_required("content.manage_pages")
def staff_pages(request: HttpRequest) -> HttpResponse:
    return render(request, "content/staff/page_list.html", {"pages": selectors.page_list_all()})


def _page_form_view(request: HttpRequest, page: Page | None) -> HttpResponse:
    form = PageForm(request.POST or None, instance=page)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PageForm.Meta.fields}
        if "preview" in request.POST:
            preview = Page(**data)
        else:
            try:
                if page is None:
                    saved = services.page_create(actor=request.user, **data)
                    messages.success(request, _("Página creada."))
                else:
                    saved = services.page_update(actor=request.user, page=page, **data)
                    messages.success(request, _("Cambios guardados."))
            except ValidationError as error:
                # A rule the form could not see (e.g. a slug taken meanwhile): show it.
                add_service_errors(form, error)
            else:
                return redirect("staff:content_page_edit", pk=saved.pk)
    elif request.method == "POST" and "preview" in request.POST:
        preview = Page(
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
            title_en=request.POST.get("title_en", ""),
            body_en=request.POST.get("body_en", ""),
        )
    return render(
        request,
        "content/staff/page_form.html",
        {"form": form, "page": page, "preview": preview},
    )


@permission_required("content.manage_pages")
def staff_page_create(request: HttpRequest) -> HttpResponse:
    return _page_form_view(request, None)


@permission_required("content.manage_pages")
def staff_page_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _page_form_view(request, get_object_or_404(Page, pk=pk))


@permission_required("content.manage_documents")
def staff_documents(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.document_list(filters=selectors.DocumentFilters()), 50)
    page_obj = paginator.get_page(bounded_int(request.GET.get("pagina")))
    return render(
        request,
        "content/staff/document_list.html",
        {"page_obj": page_obj, "documents": page_obj.object_list, "querystring": ""},
    )


def _document_form_view(request: HttpRequest, document: Document | None) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in DocumentForm.Meta.fields}
        try:
            if document is None:
                saved = services.document_create(
                    actor=request.user, upload=data.get("upload"), **fields
                )
                messages.success(request, _("Documento publicado en el repositorio."))
            else:
                saved = services.document_update(
                    actor=request.user,
                    document=document,
                    upload=data.get("upload"),
                    remove_file=bool(data.get("remove_file")),
                    **fields,
                )
                messages.success(request, _("Cambios guardados."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("staff:content_document_edit", pk=saved.pk)
    return render(
        request,
        "content/staff/document_form.html",
        {
            "form": form,
            "document": document,
            "file_lost": request.method == "POST" and bool(request.FILES),
        },
    )


@permission_required("content.manage_documents")
def staff_document_create(request: HttpRequest) -> HttpResponse:
    return _document_form_view(request, None)


@permission_required("content.manage_documents")
def staff_document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _document_form_view(request, get_object_or_404(Document, pk=pk))
