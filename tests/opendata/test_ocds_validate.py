"""`manage.py ocds_validate` and the schemas it validates against: kept in the repository, read offline,
and nothing points outside the repository for them."""

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from referencing.exceptions import Unresolvable

from agreements.management.commands import ocds_validate
from agreements.opendata import validation

ROOT = Path(__file__).resolve().parent.parent.parent
NOT_PROJECT = {".venv", ".git", "var", "node_modules", "staticfiles", "test-artifacts", "__pycache__"}


def run(*args):
    out = StringIO()
    call_command("ocds_validate", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def release_package(client, open_world):
    response = client.get(reverse("public:ocds_release_package", args=[open_world["agreement"].pk]))
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_live_release_packages_are_valid(open_world):
    output = run()
    assert output.strip().splitlines() == ["Valid: 1 rilis sesuai skema OCDS."]


@pytest.mark.django_db
def test_live_release_packages_are_built_as_the_endpoint_serves_them(open_world, settings, monkeypatch):
    """The command validates what the public endpoint serves: the same package, on SITE_URL."""
    seen = []

    def validate(package):
        seen.append(package)
        return validation.validate_release_package(package)

    monkeypatch.setattr(ocds_validate, "validate_release_package", validate)
    settings.SITE_URL = "http://testserver"
    run()
    served = Client().get(reverse("public:ocds_release_package", args=[open_world["agreement"].pk])).json()
    seen = json.loads(json.dumps(seen))
    for package in [*seen, served]:
        package.pop("publishedDate")  # the time each was built
    assert seen == [served]


@pytest.mark.django_db
def test_no_public_agreement_is_valid_and_says_so():
    output = run()
    assert "Tidak ada kerja sama publik" in output
    assert "Valid: 0 rilis sesuai skema OCDS." in output


@pytest.mark.django_db
def test_a_valid_file_passes(release_package, tmp_path):
    path = tmp_path / "package.json"
    path.write_text(json.dumps(release_package), encoding="utf-8")
    assert "Valid: 1 rilis sesuai skema OCDS." in run(str(path))


@pytest.mark.django_db
def test_a_broken_release_fails_naming_each_problem(release_package, tmp_path):
    broken = json.loads(json.dumps(release_package))
    release = broken["releases"][0]
    del release["ocid"]
    release["contracts"][0]["riskAllocation"][0]["allocation"] = "shared"
    release["contracts"][0]["riskAllocation"][0]["category"] = "notACode"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match=r"^Tidak valid: 4 kesalahan\.$"):
        call_command("ocds_validate", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert "$.releases[0]: 'ocid' is a required property" in lines
    assert any(
        line.startswith("$.releases[0].contracts[0].riskAllocation[0].allocation: 'shared'") for line in lines
    )
    assert (
        "$.releases[0].contracts[0].riskAllocation[0].category: 'notACode' not in riskCategory.csv" in lines
    )
    assert len(lines) == 4, lines


def test_a_missing_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "tidak-ada.json"
    with pytest.raises(CommandError, match="Berkas tidak ditemukan") as raised:
        run(str(missing))
    assert str(missing) in str(raised.value)


def test_a_directory_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        run(str(tmp_path))


@pytest.mark.parametrize("content", [b'{"releases": [', b"bukan json", b"\xff\xfe\xfa"])
def test_invalid_json_is_a_clear_error(tmp_path, content):
    path = tmp_path / "rusak.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="bukan JSON yang sah") as raised:
        run(str(path))
    assert str(path) in str(raised.value)


def test_json_that_is_no_package_is_invalid_not_a_crash(tmp_path):
    path = tmp_path / "daftar.json"
    path.write_text('[1, {"tag": [{"x": 1}]}]', encoding="utf-8")
    with pytest.raises(CommandError, match="Tidak valid: 1 kesalahan"):
        run(str(path))
    odd = {"releases": [{"tag": [{"x": 1}], "contracts": "no"}, 5]}
    assert validation.validate_release_package(odd)  # schema errors, no TypeError from the codelist walk


def test_the_command_exits_non_zero_when_invalid(tmp_path):
    """From the shell: status 1 and the summary on stderr, no traceback."""
    path = tmp_path / "kosong.json"
    path.write_text("{}", encoding="utf-8")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="kemitraan.settings.test")
    result = subprocess.run(
        [sys.executable, "manage.py", "ocds_validate", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Tidak valid:" in result.stderr
    assert "Traceback" not in result.stderr
    assert "is a required property" in result.stdout


def test_no_reference_is_ever_retrieved():
    """The registry holds the repository's schemas and nothing else: another URI is unresolvable, never
    fetched."""
    resolver = validation.registry().resolver()
    assert resolver.lookup(validation.PPP_RELEASE).contents["id"] == validation.PPP_RELEASE
    with pytest.raises(Unresolvable):
        resolver.lookup("https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json")


def test_schemas_come_from_the_repository():
    for name, path in {
        "SCHEMA_DIR": validation.SCHEMA_DIR,
        "CODELIST_DIR": validation.CODELIST_DIR,
        "EXTENSION_DIR": validation.EXTENSION_DIR,
    }.items():
        assert path.is_dir(), name
        assert path.resolve().is_relative_to(ROOT / "agreements" / "opendata"), name


def _reachable(schema_id, found):
    """The ids a schema refers to, transitively (external $refs only)."""
    if schema_id in found:
        return found
    found.add(schema_id)
    text = json.dumps(validation.schemas()[schema_id])
    for ref in re.findall(r'"\$ref": "(https?://[^"#]+)', text):
        _reachable(ref, found)
    return found


def test_only_the_schema_files_validation_uses_are_kept():
    used = _reachable(validation.PPP_RELEASE_PACKAGE, set()) | _reachable(validation.RECORD_PACKAGE, set())
    assert set(validation.schemas()) == used
    bound = set(re.findall(r'"codelist": "([^"]+)"', json.dumps(validation.ppp_release_schema())))
    assert {p.name for p in validation.CODELIST_DIR.glob("*.csv")} == bound
    for folder in ("ppp-profile", "standard-1.1"):
        assert "Apache License" in (validation.SCHEMA_DIR / folder / "LICENSE").read_text(encoding="utf-8")
    readme = (validation.SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    assert "1.1.5" in readme and "1.0.0-beta4" in readme


# Built from pieces so that this file does not match itself.
OUTSIDE = re.compile(r"\.\./" + "shared" + r"|" + "shared" + r"""["']?\s*[/,]\s*["']?""" + "ocds")


def test_nothing_reads_schemas_from_outside_the_repository():
    """Application code and tests never point at a folder beside the repository for the schemas: a
    clone elsewhere has none."""
    offenders = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in NOT_PROJECT]
        for name in files:
            if name.endswith(".py"):
                path = Path(folder) / name
                text = path.read_text(encoding="utf-8", errors="replace")
                offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in OUTSIDE.finditer(text)]
    assert not offenders, offenders
