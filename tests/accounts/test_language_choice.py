import pytest
from django.conf import settings


@pytest.mark.django_db
def test_browser_language_does_not_switch_the_registry_to_english(client):
    response = client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"


@pytest.mark.django_db
def test_user_preference_then_explicit_switch(client, staff_user):
    staff_user.preferred_language = "en"
    staff_user.save(update_fields=["preferred_language"])
    client.force_login(staff_user)
    assert client.get("/masuk/")["Content-Language"] == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert client.get("/masuk/")["Content-Language"] == "id"
