"""Fail when a Spanish catalogue is out of date with the sources or has untranslated entries.

Usage:
  python scripts/check_messages.py                     # untranslated or fuzzy entries only
  python scripts/check_messages.py --sources ARGS...   # also: the msgids the sources use

With --sources, makemessages (ARGS are its options, as `make messages` passes them) runs on a
temporary copy of the project, so the check never rewrites locale/. The key is the set of
(msgctxt, msgid, msgid_plural): headers, line numbers and reference comments are ignored.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = "locale/es/LC_MESSAGES"

Key = tuple[str, str, str]


def _keys(catalogue: polib.POFile) -> dict[Key, polib.POEntry]:
    return {
        (entry.msgctxt or "", entry.msgid, entry.msgid_plural or ""): entry
        for entry in catalogue
        if not entry.obsolete and entry.msgid
    }


def _describe(key: Key) -> str:
    context, msgid, plural = key
    text = repr(msgid) + (f" (plural {plural!r})" if plural else "")
    return f"{text} [context {context!r}]" if context else text


def _project_files() -> list[str]:
    # Tracked files and new ones not yet added, never .venv/ or var/ (.gitignore).
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [name for name in listing.split("\0") if name and (ROOT / name).is_file()]


def catalogue_gaps() -> int:
    """Print every untranslated or fuzzy entry; return how many there are."""
    gaps = 0
    for po_path in sorted(ROOT.glob(f"{CATALOGUES}/*.po")):
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
            gaps += 1
            where = ", ".join(f"{f}:{line}" for f, line in entry.occurrences[:2])
            print(f"{po_path.relative_to(ROOT)}: untranslated or fuzzy: {entry.msgid!r} ({where})")
    return gaps


def stale_entries(makemessages_args: list[str]) -> int:
    """Run makemessages on a copy of the sources; print msgids missing or obsolete."""
    with tempfile.TemporaryDirectory(prefix="crm-messages-") as tmp:
        copy = Path(tmp) / "project"
        for name in _project_files():
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
        # No settings module: makemessages needs none (it finds ./locale), and the development
        # settings would start a database cluster for nothing.
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-v", "0", *makemessages_args],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            print(result.stdout + result.stderr)
            print("makemessages failed (it needs GNU gettext: apt-get install gettext)")
            return 1
        problems = 0
        for po_path in sorted(ROOT.glob(f"{CATALOGUES}/*.po")):
            relative = po_path.relative_to(ROOT)
            committed = _keys(polib.pofile(str(po_path)))
            regenerated = _keys(polib.pofile(str(copy / relative)))
            missing = sorted(set(regenerated) - set(committed))
            obsolete = sorted(set(committed) - set(regenerated))
            for key in missing:
                where = ", ".join(f"{f}:{n}" for f, n in regenerated[key].occurrences[:2])
                print(f"{relative}: missing (used in {where}): {_describe(key)}")
            for key in obsolete:
                print(f"{relative}: obsolete (no longer in the sources): {_describe(key)}")
            problems += len(missing) + len(obsolete)
        return problems


def main(argv: list[str]) -> int:
    """Print every problem and return 1 if there is any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", action="store_true", help="compare with the sources too")
    options, makemessages_args = parser.parse_known_args(argv)
    stale = stale_entries(makemessages_args) if options.sources else 0
    if stale:
        print(f"{stale} msgids differ from the sources: run `make messages` and translate")
    gaps = catalogue_gaps()
    if gaps:
        print(f"{gaps} entries to translate")
    if stale or gaps:
        return 1
    print("Spanish catalogue complete" + (" and up to date" if options.sources else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
