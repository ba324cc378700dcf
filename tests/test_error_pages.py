"""Error answers speak the user's language and change nothing."""

import pytest
from django.test import override_settings

from agreements.models import Agreement


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_oversized_form_gets_a_plain_indonesian_page(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/kerja-sama/baru/", {"title": "x" * 5000, "category": "ksdpk"})
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()
    assert not Agreement.objects.exists()


@pytest.mark.django_db
def test_missing_page_is_a_translated_404(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/kerja-sama/999999/")
    assert response.status_code == 404
    assert "tidak termasuk wewenang akun Anda" in response.content.decode()
