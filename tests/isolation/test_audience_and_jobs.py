"""The two reads that once let data through, checked in the isolation world.

- An OPD officer's summary of their own agreement carries the internal items decision 0010 grants them
  (internal obligations, risks, contributions) but never the agreement's internal notes; the
  internal version itself answers them 404, as it does partner users.
- Nobody outside staff sees another user's job: its status and detail pages answer 404, and the
  agreement's summary panel shows nothing of it (once, a partner user read a staff job's error there).
  Staff and managers do see it.
"""

import pytest
from django.test import Client
from django.urls import reverse

from jobs.choices import JobKind, JobStatus
from jobs.models import BackgroundJob
from jobs.summary import summary_make
from tests.pdf.pdftools import pdf_text

from .world import build_world

pytestmark = [pytest.mark.isolation, pytest.mark.django_db]

STAFF_ERROR = "GALAT-PEKERJAAN-STAF-RAHASIA"


@pytest.fixture
def world(db):
    return build_world()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.pdf
def test_an_opd_officer_gets_the_internal_items_but_never_the_internal_notes(world):
    agreement = world.sides["A"].objects["agreement"]
    rows = {row.audience: row for row in summary_make(agreement.pk)}
    officer = _client(world.people["OPD1"][0])
    panel = officer.get(reverse("jobs:summary_panel", args=[agreement.pk])).content.decode()

    internal = officer.get(reverse("jobs:summary_download", args=[rows["internal"].pk]))
    assert internal.status_code == 404
    assert reverse("jobs:summary_download", args=[rows["internal"].pk]) not in panel
    assert reverse("jobs:summary_download", args=[rows["government"].pk]) in panel

    response = officer.get(reverse("jobs:summary_download", args=[rows["government"].pk]))
    assert response.status_code == 200
    text = pdf_text(_body(response))
    for granted in (
        "KEWAJIBAN-A-INTERNAL",
        "RISIKO-A-INTERNAL",
        "KONTRIBUSI-A-INTERNAL",
        "KEWAJIBAN-A-BERSAMA",
    ):
        assert granted in text
    assert "CATATAN-A-INTERNAL" not in text

    # The same version through each reader: a party's user gets only the parties' one.
    partner = _client(world.people["A"][0])
    for audience, expected in (("internal", 404), ("government", 404), ("parties", 200)):
        response = partner.get(reverse("jobs:summary_download", args=[rows[audience].pk]))
        assert response.status_code == expected, audience
    parties = pdf_text(_body(partner.get(reverse("jobs:summary_download", args=[rows["parties"].pk]))))
    assert "KEWAJIBAN-A-BERSAMA" in parties
    assert "KEWAJIBAN-A-INTERNAL" not in parties and "CATATAN-A-INTERNAL" not in parties
    # The internal version is the staff's, internal notes included.
    staff = _client(world.staff)
    internal = pdf_text(_body(staff.get(reverse("jobs:summary_download", args=[rows["internal"].pk]))))
    assert "CATATAN-A-INTERNAL" in internal


def test_the_stored_versions_answer_by_audience(world):
    """The world's stored summaries of agreement A, by reader: the officer of its OPD reads the
    government's and the parties' versions, its partner only the parties', the other OPD none."""
    side = world.sides["A"].objects
    expected = {
        "OPD1": {"internal": 404, "government": 200, "parties": 200},
        "A": {"internal": 404, "government": 404, "parties": 200},
        "OPD2": {"internal": 404, "government": 404, "parties": 404},
        "B": {"internal": 404, "government": 404, "parties": 404},
    }
    for person, answers in expected.items():
        client = _client(world.people[person][0])
        for audience, status in answers.items():
            url = reverse("jobs:summary_download", args=[side[f"summary_{audience}"].pk])
            assert client.get(url).status_code == status, (person, audience)
    staff = _client(world.staff)
    for audience in ("internal", "government", "parties"):
        url = reverse("jobs:summary_download", args=[side[f"summary_{audience}"].pk])
        assert staff.get(url).status_code == 200


def test_nobody_outside_staff_sees_another_users_job(world):
    agreement = world.sides["A"].objects["agreement"]
    job = BackgroundJob.objects.create(
        kind=JobKind.AGREEMENT_SUMMARY,
        parameters={"agreement_id": agreement.pk},
        requested_by=world.staff,
        status=JobStatus.FAILED,
        error=STAFF_ERROR,
    )
    pages = [reverse("jobs:detail", args=[job.pk]), reverse("jobs:status", args=[job.pk])]
    panel = reverse("jobs:summary_panel", args=[agreement.pk])
    # Partner A and the officer of OPD 1 both read agreement A, and neither may see the staff's job.
    for person in ("A", "OPD1"):
        client = _client(world.people[person][0])
        for url in pages:
            assert client.get(url).status_code == 404, (person, url)
        html = client.get(panel).content.decode()
        assert STAFF_ERROR not in html, person
        assert "Permintaan terakhir" not in html, person
    # A user's own job is theirs to see, on the same panel; another reader of the agreement does not.
    own = BackgroundJob.objects.create(
        kind=JobKind.AGREEMENT_SUMMARY,
        parameters={"agreement_id": agreement.pk},
        requested_by=world.people["OPD1"][0],
        status=JobStatus.FAILED,
        error="GALAT-PEKERJAAN-SENDIRI",
    )
    officer = _client(world.people["OPD1"][0])
    assert "GALAT-PEKERJAAN-SENDIRI" in officer.get(panel).content.decode()
    assert officer.get(reverse("jobs:status", args=[own.pk])).status_code == 200
    partner = _client(world.people["A"][0])
    assert "GALAT-PEKERJAAN-SENDIRI" not in partner.get(panel).content.decode()
    assert partner.get(reverse("jobs:status", args=[own.pk])).status_code == 404
    # Staff see every job: the newest on the panel, and each one's pages.
    staff = _client(world.staff)
    assert "GALAT-PEKERJAAN-SENDIRI" in staff.get(panel).content.decode()
    for url in pages:
        assert staff.get(url).status_code == 200
    own.delete()
    assert STAFF_ERROR in staff.get(panel).content.decode()
