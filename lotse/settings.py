"""Lotse's one settings module, driven by LOTSE_* environment variables.

Two modes: production (the default) demands its secrets and hosts and refuses to
start without them; demo or debug mode (LOTSE_DEMO=1 / LOTSE_DEBUG=1) runs on
plain http with a generated key. See docs/operations.md for every variable.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lotse.core.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("LOTSE_DATA_DIR") or Path.cwd() / "var").resolve()

DEBUG = envbool("LOTSE_DEBUG")
# Demo mode never switches itself on: only LOTSE_DEMO=1 does.
LOTSE_DEMO = envbool("LOTSE_DEMO")
LOTSE_TESTING = envbool("LOTSE_TESTING")
# Plain-http local use: relaxed cookies, generated secret key, no HSTS.
LOCAL_MODE = DEBUG or LOTSE_DEMO
LOTSE_DEMO_PASSWORD = "Lotse-Demo-2026!"


def _local_secret_key() -> str:
    key_file = DATA_DIR / "keys" / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


_missing: list[str] = []
SECRET_KEY = envstr("LOTSE_SECRET_KEY") or ""
if not SECRET_KEY:
    if LOCAL_MODE:
        SECRET_KEY = _local_secret_key()
    else:
        _missing.append("LOTSE_SECRET_KEY")

ALLOWED_HOSTS = envlist("LOTSE_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if LOCAL_MODE:
        ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
    else:
        _missing.append("LOTSE_ALLOWED_HOSTS")

if _missing:
    raise ImproperlyConfigured(
        "Lotse startet nicht: im Produktionsbetrieb fehlen die Einstellungen "
        + ", ".join(_missing)
        + ". Bitte als Umgebungsvariablen setzen (siehe docs/operations.md) oder für eine "
        "lokale Vorführung LOTSE_DEMO=1 setzen. / Lotse cannot start: missing required "
        "settings in production mode."
    )

CSRF_TRUSTED_ORIGINS = envlist("LOTSE_CSRF_TRUSTED_ORIGINS")

# --- Database: SQLite in the data dir unless LOTSE_DATABASE_URL says otherwise ---
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = envstr("LOTSE_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'lotse.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=envint("LOTSE_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a writer takes the lock at BEGIN, so read-then-write
        # transactions (the audit chain) never interleave.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",
    "lotse.core",
    "lotse.organisations",
    "lotse.accounts",
    "lotse.privacy",
    "lotse.cases",
    "lotse.funding",
    "lotse.staff",
    "lotse.deadlines",
    "lotse.planning",
    "lotse.proofs",
    "lotse.indicators",
    "lotse.api",
    "lotse.demo",
    "lotse.documents",
    "lotse.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lotse.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lotse.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lotse.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lotse.core.middleware.PrivateResponseMiddleware",
    # Axes must come last: it turns lockouts raised further up into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "lotse.home.context_processors.shell",
            ],
        },
    }
]

# --- Accounts, login, second factor ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if LOTSE_TESTING:
    # Argon2 is deliberately slow; the suite creates hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:start"
LOGOUT_REDIRECT_URL = "accounts:login"
OTP_TOTP_ISSUER = "Lotse"

# Lockout after repeated failures (django-axes), per user name.
AXES_FAILURE_LIMIT = envint("LOTSE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOTSE_LOGIN_LOCKOUT_MINUTES", 15))
# Lock a user name attacked from anywhere, and an address trying many names.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lotse.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "lotse.core.middleware.client_ip"

# Idle timeout: the session cookie is renewed on every request and dies after
# LOTSE_SESSION_IDLE_MINUTES without one.
LOTSE_SESSION_IDLE_MINUTES = envint("LOTSE_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = LOTSE_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "lotse_session"
SESSION_COOKIE_SECURE = not LOCAL_MODE
CSRF_COOKIE_SECURE = not LOCAL_MODE
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "lotse.core.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = not LOCAL_MODE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Case work (issue 3): referrals without a result after this many weeks go on the
# worklist (KIM §3(2)d).
LOTSE_REFERRAL_OUTCOME_WEEKS = envint("LOTSE_REFERRAL_OUTCOME_WEEKS", 6)
# Re-assessment every so many months (KIM §3(2)c).
LOTSE_REASSESSMENT_MONTHS = envint("LOTSE_REASSESSMENT_MONTHS", 6)
# Counts below this are shown as "<N" to the coordinating office (SPEC §5).
LOTSE_SMALL_COUNT_THRESHOLD = envint("LOTSE_SMALL_COUNT_THRESHOLD", 5)
# Indicator catalogue for units without a county key (issue 6): "bw-im" or "kim-nrw".
LOTSE_INDICATOR_PROGRAMME = envstr("LOTSE_INDICATOR_PROGRAMME") or "bw-im"

# API bearer tokens
LOTSE_API_TOKEN_HOURS = envint("LOTSE_API_TOKEN_HOURS", 8)

# Optional single sign-on with OpenID Connect, switched on by its client id.
LOTSE_OIDC_ENABLED = bool(envstr("LOTSE_OIDC_CLIENT_ID"))
if LOTSE_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("lotse.accounts.oidc.LotseOIDCBackend")
    OIDC_RP_CLIENT_ID = envstr("LOTSE_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = envstr("LOTSE_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = envstr("LOTSE_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = envstr("LOTSE_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = envstr("LOTSE_OIDC_USERINFO_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = envstr("LOTSE_OIDC_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = envstr("LOTSE_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    # Users and their roles are kept in Lotse; the identity provider only proves who it is.
    OIDC_CREATE_USER = False
    LOTSE_OIDC_USERNAME_CLAIM = envstr("LOTSE_OIDC_USERNAME_CLAIM", "preferred_username")
    # Most municipal identity providers enforce their own second factor.
    LOTSE_OIDC_COUNTS_AS_SECOND_FACTOR = envbool("LOTSE_OIDC_COUNTS_AS_SECOND_FACTOR", True)
    LOGIN_REDIRECT_URL_FAILURE = "/login/"
    _missing_oidc = [
        name
        for name in (
            "LOTSE_OIDC_CLIENT_SECRET",
            "LOTSE_OIDC_AUTHORIZATION_ENDPOINT",
            "LOTSE_OIDC_TOKEN_ENDPOINT",
            "LOTSE_OIDC_USERINFO_ENDPOINT",
            "LOTSE_OIDC_JWKS_ENDPOINT",
        )
        if not envstr(name)
    ]
    if _missing_oidc:
        raise ImproperlyConfigured(
            "Single Sign-on ist eingeschaltet (LOTSE_OIDC_CLIENT_ID), aber es fehlen: "
            + ", ".join(_missing_oidc)
        )

# --- Case work (SPEC §2, §6) ---
# AES-GCM key for health, disability and free-text notes (base64, 32 bytes).
# Without it, lotse.core.encryption generates DATA_DIR/keys/field_key: back it up.
LOTSE_FIELD_KEY = envstr("LOTSE_FIELD_KEY") or ""
# BW 4.1.5 lists reasons after "insbesondere": an "other" reason is offered only if on.
LOTSE_EXTENSION_OTHER_REASON = envbool("LOTSE_EXTENSION_OTHER_REASON", False)

# --- Staff and qualification (SPEC §3, issue 4) ---
# Days ahead in which a staff deadline (supplementary qualification, annual
# training, background check, coverage) shows on the worklist as due.
LOTSE_STAFF_REMINDER_DAYS = envint("LOTSE_STAFF_REMINDER_DAYS", 60)

# --- Deadlines and reminders (issue 5 item 9) ---
# Days before a grant deadline on which `lotse remind` e-mails the grants officers.
LOTSE_REMINDER_DAYS = [int(day) for day in envlist("LOTSE_REMINDER_DAYS", "30,7")]
# The deadline list looks this far ahead by default, and keeps open deadlines this long.
LOTSE_DEADLINE_HORIZON_DAYS = envint("LOTSE_DEADLINE_HORIZON_DAYS", 90)
LOTSE_DEADLINE_LOOKBACK_DAYS = envint("LOTSE_DEADLINE_LOOKBACK_DAYS", 365)
LOTSE_DEADLINE_SOON_DAYS = envint("LOTSE_DEADLINE_SOON_DAYS", 14)
# Links in e-mails point here (the address people open Lotse at).
LOTSE_BASE_URL = envstr("LOTSE_BASE_URL") or "http://127.0.0.1:8000"

# --- E-mail (Django's SMTP settings); local mode prints mails to the console ---
EMAIL_HOST = envstr("LOTSE_EMAIL_HOST") or ""
EMAIL_PORT = envint("LOTSE_EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("LOTSE_EMAIL_USER") or ""
EMAIL_HOST_PASSWORD = envstr("LOTSE_EMAIL_PASSWORD") or ""
EMAIL_USE_TLS = envbool("LOTSE_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = envstr("LOTSE_EMAIL_FROM") or "lotse@localhost"
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if LOCAL_MODE and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend"
)

# --- Security headers ---
SECURE_SSL_REDIRECT = envbool("LOTSE_SSL_REDIRECT", not LOCAL_MODE)
LOTSE_BEHIND_PROXY = envbool("LOTSE_BEHIND_PROXY", not LOCAL_MODE)
if LOTSE_BEHIND_PROXY:
    # nginx terminates TLS and says so in X-Forwarded-Proto (docs/operations.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies append to X-Forwarded-For (lotse.core.middleware.client_ip).
LOTSE_TRUSTED_PROXY_COUNT = envint("LOTSE_TRUSTED_PROXY_COUNT", 1 if LOTSE_BEHIND_PROXY else 0)
SECURE_HSTS_SECONDS = 0 if LOCAL_MODE else envint("LOTSE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("LOTSE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("LOTSE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Language and time ---
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

# --- Files ---
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "uploads"  # private: never served by the web server directly
# Signed consent forms (PDF or image); larger uploads are refused with a message.
LOTSE_UPLOAD_MAX_BYTES = envint("LOTSE_UPLOAD_MAX_MB", 10) * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOCAL_MODE or LOTSE_TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Locally, serve assets straight from the source tree without collectstatic.
WHITENOISE_USE_FINDERS = LOCAL_MODE or LOTSE_TESTING

# --- Mail (reminders come in a later issue; configured here once) ---
EMAIL_HOST = envstr("LOTSE_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("LOTSE_EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("LOTSE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = envstr("LOTSE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("LOTSE_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = envstr("LOTSE_EMAIL_FROM", "lotse@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

NINJA_PAGINATION_PER_PAGE = 50

# Logs carry request ids and record ids, never names or other personal data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lotse.core.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": envstr("LOTSE_LOG_LEVEL", "INFO")},
    "loggers": {
        # Axes would log user names and addresses of failed logins.
        "axes": {"level": "ERROR"},
        "django.request": {"level": "ERROR"},
        # WeasyPrint and fontTools report every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
