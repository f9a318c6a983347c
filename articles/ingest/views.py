"""The upload page (pasted text, a link, or several files), the per-item results of an upload with live
progress while the worker tags it, and the editors' feed pages.

Every item of an upload ends as added (with a link), a duplicate of a named article, or rejected with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from rumourtracker.htmx import HtmxHttpRequest, render_partial_or_page
from rumourtracker.roles import Role, role_of, role_required

from ..forms import LANGUAGE_CHOICES
from ..models import Article, ArticleStatus, Feed, Outcome, PartKind, Upload, UploadItem, UploadKind
from ..tasks import articles_enqueue, feed_poll_enqueue, upload_read_enqueue
from .accept import limits_from_settings, outlet_named, upload_progress
from .fetch import AddressRefused, url_address_check, url_check
from .intake import PASTED, Given, upload_receive
from .throttle import upload_throttle_message, upload_throttle_wait

ITEMS_PER_PAGE = 100
FEEDS_PER_PAGE = 50


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.Field):
    """Several files, kept as given: an empty or odd file must reach the readers and get its own reason."""

    widget = MultipleFileInput

    def to_python(self, data: object) -> list[UploadedFile]:
        if not data:
            return []
        return list(data) if isinstance(data, list | tuple) else [data]  # type: ignore[list-item]


class UploadForm(forms.Form):
    title = forms.CharField(max_length=500, required=False)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        label="Article text",
        help_text="Paste one article's text.",
    )
    url = forms.CharField(max_length=1000, required=False, label="URL of the pasted article")
    link = forms.CharField(
        max_length=1000,
        required=False,
        label="Link to an article",
        help_text="We fetch the page and keep only the article's text.",
    )
    documents = FilesField(
        required=False,
        label="Files",
        help_text=".txt, .html, .json, .jsonl, .csv (columns title, text, url, outlet, published, "
        "language) or .zip of those; several at once.",
    )
    outlet = forms.CharField(
        max_length=200,
        required=False,
        help_text="Who published it, e.g. Tuttosport. Also used for files that name none.",
    )
    published = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The publication date of everything in this upload; leave empty to read each article's own.",
    )
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, required=False)

    def clean_link(self) -> str:
        link = self.cleaned_data["link"].strip()
        if link:
            try:
                url_check(link)
            except AddressRefused as exc:
                raise forms.ValidationError(str(exc)) from exc
        return link

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not (data.get("text", "").strip() or data.get("link") or data.get("documents")):
            raise forms.ValidationError("Paste an article, give a link, or choose files: there is nothing to add yet.")
        return data


@role_required(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def upload_new(request: HtmxHttpRequest) -> HttpResponse:
    """One page for every way in. Served as `article_upload`, the first slice's paste form."""
    form = UploadForm(request.POST or None, request.FILES or None)
    wait = upload_throttle_wait(user=request.user) if request.method == "POST" else None
    if wait:
        # Over the hourly limit: nothing is read, and the form comes back as it was sent.
        form.add_error(None, upload_throttle_message(wait))
    elif request.method == "POST" and form.is_valid():
        files = request.FILES.getlist("documents")
        upload = upload_from_form(data=form.cleaned_data, files=files, user=request.user)
        upload_read_enqueue(upload=upload)
        return _after_upload(request, upload)
    recent = Upload.objects.filter(created_by_id=request.user.pk).annotate(item_count=Count("items"))[:5]
    context = {"form": form, "recent": recent, "limits": limits_from_settings()}
    return render(request, "articles/upload_new.html", context, status=429 if wait else 200)


def upload_from_form(
    *,
    data: dict,  # type: ignore[type-arg]
    files: list[UploadedFile],
    user: AbstractBaseUser | AnonymousUser,
) -> Upload:
    """Store what the form was given; a reading task reads it (articles/ingest/intake.py). The API's uploads
    (api/views.py) come this way too, through the same form."""
    names = [PASTED] * bool(data["text"].strip()) + [data["link"]] * bool(data["link"]) + [f.name or "" for f in files]
    return upload_receive(
        given=_given(data, files),
        kind=UploadKind.PAGE,
        label=", ".join(names[:6]) + (" …" if len(names) > 6 else ""),
        user=user,
        outlet=outlet_named(data["outlet"], create=True),
        language=data["language"],
        published=data["published"],
    )


def _given(data: dict, files: list[UploadedFile]) -> Iterator[Given]:  # type: ignore[type-arg]
    """What the form holds, one file's bytes in memory at a time."""
    if data["text"].strip():
        text = data["text"].encode("utf-8")
        yield Given(
            kind=PartKind.TEXT,
            name=PASTED,
            data=text,
            title=data["title"],
            url=data["url"].strip(),
        )
    if data["link"]:
        yield Given(kind=PartKind.LINK, name=data["link"])
    for file in files:
        yield Given(kind=PartKind.FILE, name=file.name or "file", size=file.size or 0, data=_file_bytes(file))


def _file_bytes(file: UploadedFile) -> bytes:
    """The file's bytes, unless it is over the per-file limit: then it is recorded, refused, and not kept."""
    return b"" if (file.size or 0) > settings.INGEST_MAX_FILE_BYTES else file.read()


def _after_upload(request: HttpRequest, upload: Upload) -> HttpResponse:
    messages.success(request, "Received. A worker reads it now; its articles appear below as they are read.")
    return redirect("upload_detail", pk=upload.pk)


@role_required(Role.MEMBER)
@require_GET
@vary_on_headers("HX-Request")
def upload_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(uploads_visible_to(request.user), pk=pk)
    items = upload.items.select_related("article")
    outcome = request.GET.get("outcome", "")
    if outcome in Outcome.values:
        items = items.filter(outcome=outcome)
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"upload": upload, "page": page, "progress": upload_progress(upload), "outcome": outcome}
    return render_partial_or_page(request, "articles/upload_detail.html", context, "upload-live")


@role_required(Role.MEMBER)
@require_GET
def upload_list(request: HtmxHttpRequest) -> HttpResponse:
    uploads = (
        uploads_visible_to(request.user)
        .select_related("created_by", "feed")
        .annotate(
            item_count=Count("items"),
            added=Count("items", filter=Q(items__outcome=Outcome.ADDED)),
            duplicates=Count("items", filter=Q(items__outcome=Outcome.DUPLICATE)),
            rejected=Count("items", filter=Q(items__outcome=Outcome.REJECTED)),
        )
    )
    page = Paginator(uploads, 25).get_page(request.GET.get("page"))
    return render(request, "articles/upload_list.html", {"page": page})


@role_required(Role.MEMBER)
@require_POST
def upload_retry(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Queue again every article of the upload that failed."""
    upload = get_object_or_404(uploads_visible_to(request.user), pk=pk)
    failed = Article.objects.filter(upload_items__upload=upload, status=ArticleStatus.FAILED).distinct()
    with transaction.atomic():
        retried = [article.pk for article in failed if article.retry()]
        articles_enqueue(article_ids=retried)
    count = len(retried)
    messages.success(request, f"{count} failed article{'s' if count != 1 else ''} queued again.")
    return redirect("upload_detail", pk=pk)


def uploads_visible_to(user: Any) -> QuerySet[Upload]:
    """People see their own uploads; editors see everyone's, feed polls included (the pages and the API)."""
    if role_of(user).is_editor:
        return Upload.objects.all()
    return Upload.objects.filter(created_by_id=user.pk)


# Feeds: editors only.


class FeedForm(forms.Form):
    url = forms.URLField(
        max_length=1000,
        label="Feed URL",
        assume_scheme="https",
        help_text="An RSS or Atom feed, e.g. https://www.example.com/rss.xml",
    )
    outlet = forms.CharField(max_length=200, required=False, help_text="Who publishes it; its items count as theirs.")

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        try:
            url_address_check(url, allow_private=settings.FETCH_ALLOW_PRIVATE)
        except AddressRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        if Feed.objects.filter(url=url).exists():
            raise forms.ValidationError("This feed is already on the list.")
        return url


@role_required(Role.EDITOR)
@require_GET
def feed_list(request: HtmxHttpRequest) -> HttpResponse:
    return _feed_list_render(request, FeedForm())


def _feed_list_render(request: HttpRequest, form: FeedForm) -> HttpResponse:
    feeds = Feed.objects.select_related("outlet").annotate(item_count=Count("items")).order_by("pk")
    page = Paginator(feeds, FEEDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/feed_list.html", {"page": page, "form": form})


@role_required(Role.EDITOR)
@require_POST
def feed_add(request: HtmxHttpRequest) -> HttpResponse:
    form = FeedForm(request.POST)
    if not form.is_valid():
        return _feed_list_render(request, form)
    feed = Feed.objects.create(
        url=form.cleaned_data["url"],
        created_by_id=request.user.pk,
        outlet=outlet_named(form.cleaned_data["outlet"], create=True),
    )
    feed_poll_enqueue(feed_id=feed.pk)
    messages.success(request, "Feed added. Its first poll is queued.")
    return redirect("feed_detail", pk=feed.pk)


@role_required(Role.EDITOR)
@require_GET
def feed_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(Feed.objects.select_related("outlet"), pk=pk)
    items = UploadItem.objects.filter(feed=feed).select_related("article").order_by("-upload__created_at", "-position")
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/feed_detail.html", {"feed": feed, "page": page})


@role_required(Role.EDITOR)
@require_POST
def feed_poll_now(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=pk)
    feed_poll_enqueue(feed_id=feed.pk)
    messages.success(request, "A poll of this feed is queued.")
    return redirect("feed_detail", pk=pk)


@role_required(Role.EDITOR)
@require_POST
def feed_toggle(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=pk)
    feed.active = not feed.active
    feed.save(update_fields=["active"])
    messages.success(request, "Feed resumed." if feed.active else "Feed paused: it is not polled until resumed.")
    return redirect("feed_detail", pk=pk)
