"""The API's settings (Django REST framework and drf-spectacular), plain data read by
config/settings.py: REST_FRAMEWORK and SPECTACULAR_SETTINGS."""


def rest_framework(env):
    return {
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "accreditation.keys.authentication.ApiKeyAuthentication",
            "logistics.core.accounts.authentication.VerifiedSessionAuthentication",
        ],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        # JSON bodies only, and the schema says so (drf-spectacular reads the parsers): an
        # endpoint that takes a file sets its own multipart parser.
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
        "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
        "PAGE_SIZE": 50,
        "DEFAULT_FILTER_BACKENDS": [
            "django_filters.rest_framework.DjangoFilterBackend",
            "rest_framework.filters.SearchFilter",
            "rest_framework.filters.OrderingFilter",
        ],
        "DEFAULT_SCHEMA_CLASS": "config.api_schema.AutoSchema",
        "EXCEPTION_HANDLER": "config.api.exception_handler",
        "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
        # Per API key; a `scan` key far higher (a gate reads hundreds of badges a second);
        # session and anonymous requests per client address. config/throttling.py.
        "DEFAULT_THROTTLE_CLASSES": ["config.throttling.ApiRateThrottle"],
        "DEFAULT_THROTTLE_RATES": {
            "key": env.str("API_RATE_KEY", default="1200/m"),
            "scan": env.str("API_RATE_SCAN", default="60000/m"),
            "address": env.str("API_RATE_ADDRESS", default="600/m"),
        },
    }


SPECTACULAR_SETTINGS = {
    "TITLE": "Accord API",
    "DESCRIPTION": "The host committee's plan, delegations, programme and accreditation.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Any key (a gate's scanner integration reads it too) and any staff member: it describes
    # routes, never data.
    "SERVE_PERMISSIONS": ["logistics.core.api.permissions.StaffOrKey"],
    "COMPONENT_SPLIT_REQUEST": True,
    # The `.json` copies of the routes (format suffixes) are served, not listed: DRF's
    # regular-expression routes left them out by themselves, the path converters' do not.
    "PREPROCESSING_HOOKS": ["drf_spectacular.hooks.preprocess_exclude_path_format"],
    # `<id:pk>` (logistics/core/ids.py): an id from 1 to 2**63 - 1, the largest either
    # database holds.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "format": "int64", "minimum": 1,
                                        "maximum": 9223372036854775807}},
    # Every operation's 400/401/403/404/429 in the one error shape (config/api_schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "config.api_schema.add_error_responses"],
    # Venues run on closed networks: the docs page's assets are served by us, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
