"""The OpenAPI schema and its docs page. Swagger UI comes from drf-spectacular-sidecar, served as our own static
files; its start-up script is served as a file of its own (SpectacularSwaggerSplitView) and our template has no
inline style, so the page keeps the site's Content-Security-Policy (script-src 'self', no inline code)."""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer

from rumourtracker.roles import Role

from .views import RoleNamed


class Schema(RoleNamed, SpectacularAPIView):
    """The schema describes the API, not its data: anyone may read it."""

    read_role = Role.PUBLIC
    permission_classes = []  # type: ignore[assignment]
    renderer_classes = [JSONRenderer]


class Docs(RoleNamed, SpectacularSwaggerSplitView):
    read_role = Role.PUBLIC
    permission_classes = []  # type: ignore[assignment]
    template_name = "api/swagger_ui.html"
    url_name = "api_schema"
    title = "RumourTracker API"
