# Sourced by scripts/run.sh: where `make run` serves, and the public address links are built on.
# Links that leave the site (e-mails, calendar feeds, OCDS) point at the host and port served here
# (KEMITRAAN_HOST, KEMITRAAN_PORT), never at a request's Host header, which a client chooses.
HOST=${KEMITRAAN_HOST:-127.0.0.1}
PORT=${KEMITRAAN_PORT:-8000}
URL="http://$HOST:$PORT/"
export SITE_URL="http://$HOST:$PORT"
