"""Production settings, and the documentation of every environment variable the settings read."""

import json
import re
import sys

from .processes import BASE_DIR, clean_env, run

SETTINGS_DIR = BASE_DIR / "kemitraan" / "settings"
# Set by pytest-xdist or by the test settings for their own subprocesses, never by hand.
INTERNAL_VARIABLES = {"PYTEST_XDIST_WORKER", "KEMITRAAN_TEST_TMP"}

READ_PRODUCTION = (
    "import json, importlib;"
    "s = importlib.import_module('kemitraan.settings.production');"
    "print(json.dumps({k: getattr(s, k) for k in"
    " ('DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECRET_KEY')}))"
)


def test_production_refuses_to_load_without_secret_key():
    env = clean_env(DJANGO_SETTINGS_MODULE="kemitraan.settings.production", KEMITRAAN_ENV_FILE="/dev/null")
    env.pop("SECRET_KEY", None)
    result = run([sys.executable, "-c", READ_PRODUCTION], env, timeout=60)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_is_secure_with_a_secret_key():
    env = clean_env(DJANGO_SETTINGS_MODULE="kemitraan.settings.production", SECRET_KEY="x" * 50)
    for name in ("DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        env.pop(name, None)
    result = run([sys.executable, "-c", READ_PRODUCTION], env, timeout=60)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECRET_KEY": "x" * 50,
    }


def variables_read_by_settings() -> set[str]:
    names = set()
    for path in SETTINGS_DIR.glob("*.py"):
        text = path.read_text()
        names |= set(re.findall(r"\benv\.\w+\(\s*\"([A-Z][A-Z0-9_]*)\"", text))
        names |= set(re.findall(r"\bEnv\(\)\.\w+\(\s*\"([A-Z][A-Z0-9_]*)\"", text))
        names |= set(re.findall(r"os\.environ(?:\.get)?[\(\[]\s*\"([A-Z][A-Z0-9_]*)\"", text))
    return names


def test_the_settings_read_the_variables_we_expect():
    # Guards the regular expressions above: if they found nothing, the checks below would pass vacuously.
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "KEMITRAAN_VAR_DIR"} <= (
        variables_read_by_settings()
    )


def test_env_example_lists_every_variable():
    example = (BASE_DIR / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    missing = variables_read_by_settings() - INTERNAL_VARIABLES - listed
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_readme_documents_every_variable():
    readme = (BASE_DIR / "README.md").read_text()
    missing = {name for name in variables_read_by_settings() if f"`{name}`" not in readme}
    assert not missing, f"README.md's configuration table lacks {sorted(missing)}"
