# The Kemitraan image: web (gunicorn), Celery worker and beat all run from it (see docker-compose.yml).
# Debian bookworm: its postgresql-client is version 15, the same as the compose stack's postgres:15, as
# pg_dump and pg_restore (manage.py backup / restore) must be.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint needs Pango and HarfBuzz's subsetter; DejaVu is the only font the PDFs use;
# gettext compiles the translations; postgresql-client brings pg_dump and pg_restore for backups.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
        fonts-dejavu-core gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --python /usr/local/bin/python

COPY . .
# Translations (.mo files are not committed) and static files, with a throwaway key for the build.
RUN export SECRET_KEY=build-only DJANGO_SETTINGS_MODULE=kemitraan.settings.production \
    && if [ -n "$(find . -path ./var -prune -o -type d -name locale -print -quit)" ]; then \
        python manage.py compilemessages --ignore=var; fi \
    && python manage.py collectstatic --noinput

RUN useradd --system --home-dir /app kemitraan \
    && mkdir -p /app/var \
    && chown kemitraan /app/var
USER kemitraan

EXPOSE 8000
CMD ["gunicorn", "kemitraan.wsgi", "--config", "python:kemitraan.gunicorn"]
