"""Root fixtures. Service discovery (PostgreSQL, Redis) lives in scripts/services.sh; fixtures in tests/fixtures.py."""

pytest_plugins = ["tests.fixtures"]
