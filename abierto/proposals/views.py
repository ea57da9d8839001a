"""Public pages of the proposals app: submit (two steps), confirmation, status, list, detail."""

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from abierto.core import ratelimit
from abierto.core.filters import bounded_int, clean_slug
from abierto.core.forms import add_service_errors
from abierto.core.geo import ProposalScope
from abierto.core.middleware import private
from abierto.core.net import client_ip
from abierto.core.pagecache import shared_page
from abierto.forum.models import Sector
from abierto.plans.models import ActionPlan

from . import selectors, services
from .filters import ProposalListFilter
from .forms import (
    CodeForm,
    FinalStepForm,
    JoinForm,
    ProposalForm,
    RecoverForm,
    ReportForm,
    started_token,
)
from .models import Channel, Proposal, Status
from .uploads import LimitedUploadHandler

#: The tracking code travels from «Enviar» to the confirmation page in this signed cookie.
SENT_COOKIE = "propuesta_enviada"
SENT_SALT = "abierto.proposals.sent"
SENT_SECONDS = 600


def _private(response: HttpResponse) -> HttpResponse:
    """Pages that carry a tracking code or personal data: no referrer leaves the site, no
    search engine, browser or shared cache keeps them (``Cache-Control: private, no-store``).

    ``same-origin`` rather than ``no-referrer``: no other site ever receives a referrer from
    these pages, while the browser still sends ``Origin`` on the site's own forms (language
    switch, sign-out, status look-up), which Django's CSRF check requires; with
    ``no-referrer`` they are posted with ``Origin: null`` and refused. The code itself never
    travels in a URL.
    """
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return private(response)


def rate_limited(request, *, what: str) -> HttpResponse:
    _limit, window = ratelimit.limit_for(what)
    response = render(
        request, "proposals/rate_limited.html", {"minutes": max(window // 60, 1)}, status=429
    )
    response["Retry-After"] = str(window)
    return _private(response)


# --- Submission --------------------------------------------------------------------------


def _form_context(plan, stage, **extra) -> dict:
    form = extra.get("form")
    if form is not None and getattr(form, "cleaned_data", None):
        data = form.cleaned_data
        extra["summary"] = {
            "province": dict(ProposalScope.choices).get(data.get("province"), ""),
            "proposer_type": dict(Sector.choices).get(data.get("proposer_type"), ""),
        }
    return {
        "plan": plan,
        "stage": stage,
        "criteria": list(plan.criteria.all()),
        **extra,
    }


def _open_plan(request):
    """The plan whose proposal stage is open today (``?plan=<slug>`` when several are)."""
    slug = clean_slug(request.GET.get("plan") or request.POST.get("plan_slug"))
    if slug:
        plan = ActionPlan.objects.filter(slug=slug).first()
        if plan is not None:
            stage = selectors.open_proposal_stage(plan=plan)
            if stage is not None:
                return stage.plan, stage
    stage = selectors.open_proposal_stage()
    return (stage.plan, stage) if stage else (None, None)


def _closed(request) -> HttpResponse:
    """The form is closed: say so, with the dates of the last and the next reception."""
    plans = list(ActionPlan.objects.order_by("-number"))
    windows = []
    for plan in plans:
        stage = selectors.proposal_stage_for(plan)
        if stage is not None:
            windows.append((plan, stage))
    today = timezone.localdate()
    return render(
        request,
        "proposals/closed.html",
        {
            "windows": windows,
            "today": today,
            "upcoming": any(stage.start_date > today for _plan, stage in windows),
            "plans_url": reverse("plans:list"),
        },
    )


@csrf_exempt
def proposal_new(request):
    """Step 1 (write) -> step 2 (review, attachments, consent) -> send.

    Uploads are read through ``LimitedUploadHandler`` (a file over 10 MB is dropped while it
    arrives, not after); that must be set before anything reads ``request.POST``, so CSRF is
    checked just after, by ``csrf_protect``.
    """
    request.upload_handlers = [LimitedUploadHandler(request)]
    return _proposal_new(request)


@csrf_protect
def _proposal_new(request):
    plan, stage = _open_plan(request)
    if plan is None:
        return _closed(request)
    if request.method == "GET":
        initial = {}
        if request.user.is_authenticated:  # a signed-in citizen need not type these again
            initial = {"contact_name": request.user.full_name, "contact_email": request.user.email}
        form = ProposalForm(plan=plan, initial=initial)
        return render(request, "proposals/form.html", _form_context(plan, stage, form=form))
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])

    step = request.POST.get("paso", "revisar")
    form = ProposalForm(request.POST, plan=plan)
    if step == "corregir":
        form.is_valid()  # keeps what was typed; errors only if there are any
        return render(request, "proposals/form.html", _form_context(plan, stage, form=form))
    if not form.is_valid():
        return render(
            request,
            "proposals/form.html",
            _form_context(plan, stage, form=form),
            status=400 if step == "enviar" else 200,
        )
    data = form.cleaned_data

    def similar():
        return selectors.similar_proposals(
            plan_id=plan.id, title=data["title"], problem=data["problem"]
        )

    if step != "enviar":
        final = FinalStepForm()
        return render(
            request,
            "proposals/review.html",
            _form_context(plan, stage, form=form, final=final, similar=similar()),
        )

    final = FinalStepForm(
        request.POST, request.FILES, oversized=getattr(request, "oversized_uploads", [])
    )
    files_dropped = bool(request.FILES) or bool(getattr(request, "oversized_uploads", []))

    def review_again(*, status: int, **extra):
        """The review page again, with everything written kept (files must be chosen again)."""
        context = _form_context(
            plan, stage, form=form, final=final, similar=similar(), files_dropped=files_dropped
        )
        return render(request, "proposals/review.html", {**context, **extra}, status=status)

    timely = form.check_fill_time()
    if not final.is_valid() or not timely:
        return review_again(status=400, too_fast=not timely)
    # A resent form (double click, reload, twenty at once) is counted once, by its token, and
    # answered below; a limited citizen gets the review page back with everything they wrote.
    if not Proposal.objects.filter(idempotency_token=data["token"]).exists():
        limited = ratelimit.hit_once(
            f"proposals:submit:{data['token']}",
            [
                ("submit_ip", client_ip(request)),
                ("submit_email", ratelimit.email_subject(data["contact_email"])),
            ],
        )
        if limited:
            window = ratelimit.limit_for(limited)[1]
            response = review_again(status=429, limited_minutes=max(window // 60, 1))
            response["Retry-After"] = str(window)
            return _private(response)
    try:
        proposal, _created = services.proposal_submit(
            actor=request.user,
            plan=plan,
            channel=Channel.WEB,
            attachments=final.cleaned_data["attachments"],
            idempotency_token=data["token"],
            **form.proposal_data(),
        )
    except ValidationError as exc:
        if exc.code == "token_reused":
            # A reused token with other content: never hand out someone else's code. The
            # form comes back with a fresh token and everything written.
            post = request.POST.copy()
            post["token"] = str(uuid.uuid4())
            post["started"] = started_token()
            fresh = ProposalForm(post, plan=plan)
            fresh.is_valid()
            add_service_errors(fresh, exc)
            return render(
                request, "proposals/form.html", _form_context(plan, stage, form=fresh), status=409
            )
        # A rule only the service checks (reception closed meanwhile, a foreign axis): the
        # first step again, with the message beside the field and nothing lost.
        add_service_errors(form, exc)
        return render(
            request, "proposals/form.html", _form_context(plan, stage, form=form), status=400
        )
    return remember_sent(proposal)


def remember_sent(proposal: Proposal) -> HttpResponse:
    """The redirect to the confirmation page, handing it the code in a signed cookie that only
    that page receives (its path), for ten minutes at most, and that it deletes when shown.

    Not the session: a visitor's first session is a row written in its own transaction after
    the submission's, and on SQLite each write transaction waits for every other one.
    """
    sent_url = reverse("proposals:sent")  # /en/... when the page is in English
    response = redirect(sent_url)
    response.set_cookie(
        SENT_COOKIE,
        signing.dumps({"id": proposal.pk, "code": proposal.display_code}, salt=SENT_SALT),
        max_age=SENT_SECONDS,
        path=sent_url,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


@never_cache
def proposal_sent(request):
    """The code, shown once: its cookie is deleted here, so a later user of the same browser
    never finds it (the proposer also has it by email, when they left one)."""
    try:
        sent = signing.loads(
            request.COOKIES.get(SENT_COOKIE, ""), salt=SENT_SALT, max_age=SENT_SECONDS
        )
    except signing.BadSignature:
        sent = None
    if not sent:
        response = redirect("proposals:status")
    else:
        proposal = selectors.public_proposal_detail(pk=sent["id"])
        response = _private(
            render(
                request,
                "proposals/sent.html",
                {
                    "code": sent["code"],
                    "code_groups": sent["code"].split("-"),
                    "proposal": proposal,
                },
            )
        )
    if SENT_COOKIE in request.COOKIES:
        response.delete_cookie(SENT_COOKIE, path=request.path, samesite="Strict")
    return response


@require_GET
def similar(request):
    """HTML fragment of proposals like the one being written (for the live hint)."""
    if not ratelimit.hit("similar_ip", client_ip(request)):
        return HttpResponse(status=429)  # the script shows nothing; the review step still will
    results = selectors.similar_proposals(
        plan_id=bounded_int(request.GET.get("plan")),
        title=request.GET.get("titulo", "")[:200],
        problem=request.GET.get("problema", "")[:1000],
    )
    response = render(request, "proposals/_similar.html", {"similar": results, "live": True})
    response["Cache-Control"] = "no-store"
    return response


# --- Status by code ------------------------------------------------------------------------


@never_cache
def proposal_status(request):
    """Look a proposal up by its code (POST: the code never goes into a URL)."""
    proposal = None
    looked_up = False
    withdrawn = False
    if request.method == "POST":
        if not ratelimit.hit("status_ip", client_ip(request)):
            return rate_limited(request, what="status_ip")
        form = CodeForm(request.POST)
        if form.is_valid():
            looked_up = True
            proposal = selectors.proposal_by_code(form.cleaned_data["code"])
            wants_withdrawal = (
                request.POST.get("accion") == "retirar" and request.POST.get("confirmar") == "si"
            )
            if proposal is not None and wants_withdrawal:
                try:
                    proposal = services.proposal_withdraw(proposal=proposal)
                    withdrawn = True
                except ValidationError:
                    pass  # already closed: the page shows its current status
    else:
        form = CodeForm()
    context = {"form": form, "proposal": proposal, "looked_up": looked_up, "withdrawn": withdrawn}
    if proposal is not None:
        context["timeline"] = selectors.proposal_timeline(proposal)
    return _private(render(request, "proposals/status.html", context))


def proposal_recover(request):
    """«¿Perdió su código?»: mail the codes of an address; one answer whether or not it sent any."""
    sent = False
    limited = None
    if request.method == "POST":
        form = RecoverForm(request.POST)
        if not ratelimit.hit("recover_ip", client_ip(request)):
            limited = "recover_ip"
        elif form.is_valid():
            email = form.cleaned_data["email"]
            if not ratelimit.hit("recover_email", ratelimit.email_subject(email)):
                limited = "recover_email"
            else:
                services.proposal_codes_resend(email=email)
                sent = True
                form = RecoverForm()
    else:
        form = RecoverForm()
    context = {"form": form, "sent": sent, "limited": bool(limited)}
    if limited:
        _limit, window = ratelimit.limit_for(limited)
        context["minutes"] = max(window // 60, 1)
        response = render(request, "proposals/recover.html", context, status=429)
        response["Retry-After"] = str(window)
        return _private(response)
    return _private(render(request, "proposals/recover.html", context))


# --- Public list and detail ----------------------------------------------------------------


@shared_page
def proposal_list(request):
    params = ProposalListFilter(request.GET)
    filters = params.selector_filters()
    cleaned = params.cleaned
    page = selectors.public_proposal_page(
        filters,
        after=cleaned["despues"],
        before=cleaned["antes"],
        last=cleaned["ultima"] == "1",
    )
    facets = selectors.proposal_facets(filters)
    for facet in facets:
        facet.param = ProposalListFilter.PARAMS[facet.name]
    base_query = request.GET.copy()
    for key in ("despues", "antes", "ultima"):
        base_query.pop(key, None)
    mesa = None
    if filters.get("mesa"):
        from abierto.mesas.models import Mesa

        mesa = Mesa.objects.filter(pk=filters["mesa"]).only("id", "title").first()
    return render(
        request,
        "proposals/list.html",
        {
            "mesa": mesa,
            "page": page,
            "facets": facets,
            "filters": filters,
            "base_query": base_query.urlencode(),
            "Status": Status,
            "active_filters": params.active,
            "ignored": params.ignored,
            "awaiting_check": selectors.awaiting_check_count(filters),
        },
    )


@shared_page
def proposal_detail(request, pk: int):
    proposal = selectors.public_proposal_detail(pk=pk)
    if proposal is None:
        raise Http404
    return render(
        request,
        "proposals/detail.html",
        {
            "proposal": proposal,
            "timeline": selectors.proposal_timeline(proposal),
            "merged_from": selectors.merged_into_this(proposal),
            "join_form": JoinForm(),
        },
    )


@login_required
def my_proposals(request):
    rows = selectors.my_proposals(user=request.user)
    return _private(render(request, "proposals/mine.html", {"rows": rows}))


# --- «Sumarse» and «Denunciar» -------------------------------------------------------------


def _public_or_404(pk: int) -> Proposal:
    proposal = selectors.public_proposal_detail(pk=pk)
    if proposal is None:
        raise Http404
    return proposal


def _limited(request, template: str, context: dict, what: str) -> HttpResponse:
    _limit, window = ratelimit.limit_for(what)
    response = render(
        request, template, {**context, "limited_minutes": max(window // 60, 1)}, status=429
    )
    response["Retry-After"] = str(window)
    return _private(response)


def proposal_join(request, pk: int):
    """«Sumarse»: a signed-in account counts at once; anyone else confirms by email."""
    proposal = _public_or_404(pk)
    form = (
        JoinForm(request.POST if request.method == "POST" else None)
        if not request.user.is_authenticated
        else None
    )
    context = {"proposal": proposal, "form": form}
    if request.method != "POST":
        return _private(render(request, "proposals/join.html", context))
    if not ratelimit.hit("join_ip", client_ip(request)):
        return _limited(request, "proposals/join.html", context, "join_ip")
    email = ""
    if form is not None:
        if not form.is_valid():
            return _private(render(request, "proposals/join.html", context, status=400))
        email = form.cleaned_data["email"]
        if not ratelimit.hit("join_email", ratelimit.email_subject(email)):
            return _limited(request, "proposals/join.html", context, "join_email")
    try:
        _adhesion, outcome = services.adhesion_join(
            actor=request.user, proposal=proposal, email=email
        )
    except ValidationError as exc:
        if form is not None:
            add_service_errors(form, exc)
        context["refused"] = exc.messages[0] if exc.code == "not_joinable" else ""
        return _private(render(request, "proposals/join.html", context, status=400))
    proposal.refresh_from_db(fields=["adhesion_count"])
    context.update(outcome=outcome, form=None)
    return _private(render(request, "proposals/join.html", context))


def proposal_join_confirm(request, token: str):
    """The emailed link: a page with one button (a link scanner's GET confirms nothing)."""
    adhesion = services.adhesion_from_token(token)
    context: dict = {"adhesion": adhesion, "token": token}
    if adhesion is None:
        return _private(render(request, "proposals/join_confirm.html", context, status=400))
    if request.method == "POST":
        try:
            adhesion, outcome = services.adhesion_confirm(token=token)
            context["outcome"] = outcome
        except ValidationError as exc:
            context["refused"] = exc.messages[0]
            return _private(render(request, "proposals/join_confirm.html", context, status=400))
    context["proposal"] = Proposal.objects.get(pk=adhesion.proposal_id)
    context["adhesion"] = adhesion
    return _private(render(request, "proposals/join_confirm.html", context))


REPORTER_SESSION_KEY = "proposals:reporter"


def _reporter_key(request) -> str:
    """Who reports, as a digest: the account, or a random id kept in this browser's session."""
    import hashlib

    if request.user.is_authenticated:
        raw = f"u:{request.user.pk}"
    else:
        browser = request.session.get(REPORTER_SESSION_KEY)
        if not browser:
            browser = request.session[REPORTER_SESSION_KEY] = uuid.uuid4().hex
        raw = f"b:{browser}"
    return hashlib.sha256(raw.encode()).hexdigest()


def proposal_report(request, pk: int):
    """«Denunciar»: a reason (and optional details) for the Grupo Núcleo to review."""
    proposal = _public_or_404(pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    context = {"proposal": proposal, "form": form}
    if request.method != "POST":
        return _private(render(request, "proposals/report.html", context))
    if not form.is_valid():
        return _private(render(request, "proposals/report.html", context, status=400))
    if not ratelimit.hit("report_ip", client_ip(request)):
        return _limited(request, "proposals/report.html", context, "report_ip")
    try:
        _report, created = services.report_submit(
            proposal=proposal,
            reporter_key=_reporter_key(request),
            **form.cleaned_data,
        )
    except ValidationError:
        raise Http404 from None  # hidden meanwhile: no longer public
    context.update(sent=True, already=not created, form=None)
    return _private(render(request, "proposals/report.html", context))
