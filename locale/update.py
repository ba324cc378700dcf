"""Refresh the translation catalogues from the code.

    .venv/bin/python locale/update.py

Runs ``makemessages`` for every language in settings.LANGUAGES with the project's ignore list, then
fills the ``id`` catalogue: Bahasa Indonesia is the source language (the msgids are Indonesian), so
each msgstr is its msgid. New ``en`` entries are left empty for a translator;
tests/test_translations.py fails until they are filled in. Compile with ``manage.py compilemessages``
(``make test`` and ``make run`` do).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LANGUAGE = "id"
LANGUAGES = ("id", "en")
# Folders that hold no product strings (the tests write Indonesian fixtures, not messages).
IGNORE = (".venv", "var", "tests", "bench", "staticfiles", "test-artifacts", "control", "node_modules")
CATALOGUE_HEADER = {
    "Project-Id-Version": "Kemitraan",
    "Report-Msgid-Bugs-To": "",
    "Language-Team": "Kemitraan",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}
PLURAL_FORMS = {"id": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}


def makemessages_command(python=sys.executable, languages=LANGUAGES):
    """The makemessages call that the catalogues are built with (the test reuses it)."""
    command = [python, "manage.py", "makemessages", "--no-obsolete", "--no-wrap", "--add-location=file"]
    # File names without line numbers: translators see where a string lives, and a line moving
    # in the code does not rewrite the catalogues.
    for language in languages:
        command += ["-l", language]
    for folder in IGNORE:
        command += [f"--ignore={folder}"]
    return command


def catalogue_path(language, root=ROOT):
    return Path(root) / "locale" / language / "LC_MESSAGES" / "django.po"


def tidy(po, language):
    """A clean header (not fuzzy) with the language and its plural rule."""
    po.metadata.update(CATALOGUE_HEADER)
    po.metadata["Language"] = language
    po.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    for key in ("Last-Translator", "PO-Revision-Date"):
        po.metadata.pop(key, None)
    po.metadata_is_fuzzy = False
    po.header = f"Kemitraan — {language} catalogue. Regenerate with: .venv/bin/python locale/update.py"


def fill_source_catalogue(po):
    """Source language: every msgstr is its msgid (one plural form in Indonesian)."""
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            # Indonesian nouns do not inflect for number; the plural msgid is the same sentence.
            entry.msgstr_plural = {0: entry.msgid}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None


def main():
    import polib

    subprocess.run(makemessages_command(), cwd=ROOT, check=True)
    for language in LANGUAGES:
        po = polib.pofile(str(catalogue_path(language)), wrapwidth=0)
        tidy(po, language)
        if language == SOURCE_LANGUAGE:
            fill_source_catalogue(po)
        po.save()
        missing = len(po.untranslated_entries()) + len(po.fuzzy_entries())
        print(f"{language}: {len(po)} entries, {missing} to translate")


if __name__ == "__main__":
    main()
