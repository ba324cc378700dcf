"""Development on embedded defaults (what `make run` uses)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# The demo logins (seed_demo) sign in with a password only, unless the environment asks for two steps.
KEMITRAAN_REQUIRE_2FA_FOR_STAFF = env.bool("KEMITRAAN_REQUIRE_2FA_FOR_STAFF", default=False)
