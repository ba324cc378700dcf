"""The translation catalogues: complete, faithful to their placeholders, in step with the code, and used.

Bahasa Indonesia is the source language (the msgids), so locale/id is complete by construction and
locale/en carries a real English translation of every message. When a test here fails after you add
or change a string, run ``.venv/bin/python locale/update.py`` and translate the new ``en`` entries.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "locale"))
import update as catalogues  # noqa: E402  (locale/update.py: how the catalogues are built)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Python's %-style (named and positional, including the %% escape) and str.format's {name}.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}")
# Copying the project for makemessages: everything but what it ignores anyway and bulky folders.
NOT_SOURCE = shutil.ignore_patterns(".git", "__pycache__", "*.mo", *catalogues.IGNORE)


def load(language):
    return polib.pofile(str(catalogues.catalogue_path(language)))


def key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_both_languages_have_a_catalogue():
    assert LANGUAGES == ["id", "en"]
    for language in LANGUAGES:
        assert catalogues.catalogue_path(language).is_file(), language


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_is_complete_without_fuzzy_or_obsolete_entries(language):
    po = load(language)
    assert len(po) > 0
    untranslated = [e.msgid for e in po if not all(translations(e))]
    assert not untranslated, (
        f"{language}: untranslated entries (run locale/update.py, then translate):\n"
        + "\n".join(untranslated)
    )
    assert not [e.msgid for e in po.fuzzy_entries()], f"{language}: fuzzy entries"
    assert not [e.msgid for e in po.obsolete_entries()], f"{language}: obsolete entries"
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == language
    assert po.metadata["Plural-Forms"] == catalogues.PLURAL_FORMS[language]


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_translation_keeps_the_placeholders_of_its_msgid(language):
    wrong = []
    for entry in load(language):
        expected = placeholders(entry.msgid_plural or entry.msgid)
        for text in translations(entry):
            if placeholders(text) != expected:
                wrong.append(f"{entry.msgid!r} -> {text!r}")
            if entry.msgid.endswith("\n") != text.endswith("\n"):
                wrong.append(f"{entry.msgid!r} -> {text!r} (trailing newline)")
    assert not wrong, f"{language}: placeholders differ:\n" + "\n".join(wrong)


def test_indonesian_catalogue_is_the_source_text():
    for entry in load("id"):
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid}, entry.msgid
        else:
            assert entry.msgstr == entry.msgid


def test_english_catalogue_is_really_translated():
    """A handful of domain terms from the glossary, so a copied-through catalogue cannot pass."""
    po = load("en")
    expected = {
        "Kerja Sama": "Agreements",
        "Pihak Kesatu": "First Party",
        "Hak dan kewajiban": "Rights and obligations",
        "Jatuh tempo": "Due date",
        "Keadaan Kahar": "Force majeure",
        "Akan Datang": "Upcoming",
        "Terlambat": "Overdue",
        "Dibebaskan": "Waived",
        "Persiapan": "Preparation",
        "Penandatanganan": "Signing",
        "Pelaksanaan": "Implementation",
        "Evaluasi": "Evaluation",
    }
    found = {msgid: po.find(msgid).msgstr for msgid in expected if po.find(msgid)}
    assert found == expected
    same = [e.msgid for e in po if e.msgstr == e.msgid and not e.msgid_plural]
    # Acronyms, names and loanwords are spelled the same in both languages; prose is not.
    assert len(same) < len(po) // 10, same


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_compiles_cleanly(language, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(catalogues.catalogue_path(language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_catalogues_are_in_step_with_the_code(tmp_path):
    """makemessages on a copy of the working tree finds exactly the msgids the catalogues hold."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE, symlinks=True)
    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="kemitraan.settings.test", KEMITRAAN_VAR_DIR=str(tmp_path / "var")
    )
    result = subprocess.run(
        catalogues.makemessages_command(python=sys.executable, languages=["en"]),
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = {key(e) for e in polib.pofile(str(catalogues.catalogue_path("en", root=copy)))}
    for language in LANGUAGES:
        committed = {key(e) for e in load(language)}
        missing = sorted(extracted - committed)
        stale = sorted(committed - extracted)
        assert not missing, (
            f"locale/{language} lacks {len(missing)} message(s) found in the code; run "
            "`.venv/bin/python locale/update.py` and translate them:\n"
            + "\n".join(repr(m[1]) for m in missing)
        )
        assert not stale, (
            f"locale/{language} holds {len(stale)} message(s) no longer in the code; run "
            "`.venv/bin/python locale/update.py`:\n" + "\n".join(repr(m[1]) for m in stale)
        )


@pytest.fixture(scope="module")
def compiled_catalogues():
    """The .mo files are build output (not committed): compile any that are missing or stale, the
    way `make test` and `make run` do, then make Django read them afresh."""
    changed = False
    for language in LANGUAGES:
        po_path = catalogues.catalogue_path(language)
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        partial = mo_path.with_name(f"django.{os.getpid()}.mo")
        subprocess.run(["msgfmt", "--check", "-o", str(partial), str(po_path)], check=True)
        os.replace(partial, mo_path)  # atomic: a parallel test process never reads half a file
        changed = True
    if changed:
        import gettext

        from django.utils.translation import trans_real

        gettext._translations.clear()
        trans_real._translations = {}
        trans_real._default = None


# The navbar labels a staff member sees, in each language (the last one is the notification bell).
NAV = {
    "id": [
        "Dasbor",
        "Kerja Sama",
        "Mitra",
        "Perangkat Daerah",
        "Potensi Daerah",
        "Impor",
        "Antrean Verifikasi",
        "Laporan",
        "Notifikasi",
    ],
    "en": [
        "Dashboard",
        "Agreements",
        "Partners",
        "Regional work units",
        "Regional Potential",
        "Import",
        "Verification Queue",
        "Reports",
        "Notifications",
    ],
}


def nav_labels(html):
    """The link texts of the main navbar (templates/includes/nav_link.html)."""
    start = html.index('<nav class="navbar')
    nav = html[start : html.index("</nav>", start)]
    return [label.strip() for label in re.findall(r'class="nav-link[^"]*"[^>]*>([^<]+)</a>', nav)]


@pytest.mark.django_db
def test_staff_pages_are_in_english_when_english_is_chosen(client, staff_user, compiled_catalogues):
    client.force_login(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("agreements:list"))
    assert page.status_code == 200
    assert page["Content-Language"] == "en"
    assert nav_labels(page.text) == NAV["en"]
    assert "Add agreement" in page.text
    assert "Tambah kerja sama" not in page.text


@pytest.mark.django_db
def test_staff_pages_stay_in_indonesian_by_default(client, staff_user, compiled_catalogues):
    client.force_login(staff_user)
    page = client.get(reverse("agreements:list"))
    assert page["Content-Language"] == "id"
    assert nav_labels(page.text) == NAV["id"]
    assert "Tambah kerja sama" in page.text


@pytest.mark.django_db
def test_english_preference_translates_forms_and_choices(client, staff_user, compiled_catalogues):
    staff_user.preferred_language = "en"
    staff_user.save(update_fields=["preferred_language"])
    client.force_login(staff_user)
    page = client.get(reverse("agreements:list"))
    # Filter labels come from Python (_()), stage names from a TextChoices enumeration.
    for text in ("Search", "Stage", "Preparation", "Implementation"):
        assert text in page.text, text
    assert "Persiapan" not in page.text


@pytest.mark.django_db
def test_login_page_in_english(client, compiled_catalogues):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/masuk/")
    assert page.status_code == 200
    assert "Sign in" in page.text
    assert "Forgot your password?" in page.text
    assert "Lupa kata sandi?" not in page.text
