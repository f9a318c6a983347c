from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from . import auth  # noqa: F401  (registers the token's OpenAPI security scheme)
