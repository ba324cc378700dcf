"""`make run` builds the links that leave the site (e-mails, calendar feeds, OCDS) on the host and
port it serves on: KEMITRAAN_PORT sets SITE_URL, which the settings then read."""

import subprocess

from .processes import BASE_DIR, clean_env


def _site_url(**env) -> str:
    script = (
        ". scripts/serve_env.sh && python manage.py shell -c "
        '"from django.conf import settings; print(settings.SITE_URL)"'
    )
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=BASE_DIR,
        env=clean_env(DJANGO_SETTINGS_MODULE="kemitraan.settings.test", **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_served_port_and_host_make_the_site_url():
    assert _site_url(KEMITRAAN_PORT="8123") == "http://127.0.0.1:8123"
    assert _site_url(KEMITRAAN_HOST="0.0.0.0", KEMITRAAN_PORT="9000", SITE_URL="http://evil.test") == (
        "http://0.0.0.0:9000"
    )


def test_run_sh_reads_its_address_from_the_same_place():
    text = (BASE_DIR / "scripts" / "run.sh").read_text()
    assert '. "$ROOT/scripts/serve_env.sh"' in text
    assert "runserver $HOST:$PORT" in text
