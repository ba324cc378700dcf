"""docker-compose.yml and the Dockerfile describe the same processes as `make run` (scripts/run.sh).

No Docker engine runs here: the files are parsed and compared, not started."""

import re
import shlex

import pytest
import yaml

from .processes import BASE_DIR

APP_SERVICES = ("migrate", "web", "worker", "worker-documents", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def run_sh_command(name: str) -> list[str]:
    """A NAME_CMD="…" line of scripts/run.sh, split into words."""
    text = (BASE_DIR / "scripts" / "run.sh").read_text()
    match = re.search(rf'^{name}="([^"]+)"$', text, re.MULTILINE)
    assert match, f"{name} not found in scripts/run.sh"
    return shlex.split(match.group(1))


def command(service) -> list[str]:
    value = service["command"]
    return shlex.split(value) if isinstance(value, str) else value


def test_services_exist(compose):
    assert {"postgres", "redis", *APP_SERVICES} <= set(compose["services"])
    assert compose["services"]["postgres"]["image"].startswith("postgres:15")
    assert compose["services"]["redis"]["image"].startswith("redis:7")


def test_web_runs_gunicorn_on_the_wsgi_module(compose):
    assert command(compose["services"]["web"])[:2] == ["gunicorn", "kemitraan.wsgi"]


def test_web_runs_the_images_command_with_the_chosen_workers(compose):
    """One shipped command (bench/load.py starts the Dockerfile's): threaded workers, docs/decisions/0059."""
    import json

    from kemitraan import gunicorn

    cmd = re.search(r"^CMD (\[.*\])$", (BASE_DIR / "Dockerfile").read_text(), re.MULTILINE).group(1)
    assert command(compose["services"]["web"]) == json.loads(cmd)
    assert _option(json.loads(cmd), "--config") == "python:kemitraan.gunicorn"
    assert (gunicorn.worker_class, gunicorn.bind, gunicorn.accesslog) == ("gthread", "0.0.0.0:8000", "-")
    assert gunicorn.workers >= 1 and gunicorn.threads >= 2


@pytest.mark.parametrize(
    ("service", "variable"),
    [("worker", "WORKER_CMD"), ("worker-documents", "DOCUMENTS_WORKER_CMD"), ("beat", "BEAT_CMD")],
)
def test_celery_processes_match_make_run(compose, service, variable):
    assert command(compose["services"][service]) == run_sh_command(variable)


def _option(words, flag):
    return words[words.index(flag) + 1]


def test_run_sh_workers_and_beat_are_the_expected_ones():
    from django.conf import settings

    default, documents = run_sh_command("WORKER_CMD"), run_sh_command("DOCUMENTS_WORKER_CMD")
    for worker in (default, documents):
        assert worker[:4] == ["celery", "-A", "kemitraan", "worker"]
        assert "--pool=solo" in worker
    # Each worker serves one queue under a name of its own: the default one, and the queue the
    # settings route the PDF and report jobs to.
    assert _option(default, "-Q") == settings.CELERY_TASK_DEFAULT_QUEUE
    assert _option(documents, "-Q") == settings.CELERY_TASK_ROUTES["jobs.run_job"]["queue"] == "documents"
    assert _option(default, "-n") != _option(documents, "-n")
    assert "start $DOCUMENTS_WORKER_CMD" in (BASE_DIR / "scripts" / "run.sh").read_text()
    beat = run_sh_command("BEAT_CMD")
    assert beat[:4] == ["celery", "-A", "kemitraan", "beat"]
    assert beat[beat.index("--scheduler") + 1] == "django_celery_beat.schedulers:DatabaseScheduler"
    web = run_sh_command("WEB_CMD")
    assert web[0] == "python" and web[1].endswith("/manage.py") and web[2] == "runserver"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_run_production_settings_on_postgres_and_redis(compose, name):
    service = compose["services"][name]
    environment = service["environment"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "kemitraan.settings.production"
    for variable in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY"):
        assert environment.get(variable), variable
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")
    assert {"postgres", "redis"} <= set(service["depends_on"])
    if name != "migrate":
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_dockerfile_installs_the_locked_runtime(compose):
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.MULTILINE)
    assert "uv sync --frozen --no-dev" in dockerfile
    for package in ("libpango-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"):
        assert package in dockerfile
    for name in APP_SERVICES:
        build = compose["services"][name]["build"]
        assert (build if isinstance(build, str) else build["context"]) == "."
