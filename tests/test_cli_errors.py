"""Errors that must be one clear line naming the path and the reason, never a traceback or silence: a missing
path, a database that is not one, files that are not articles, odd file names, folders that cannot be read,
two ingests at once, and a full disk."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, ingest
from test_ingest import GOOD, OTHER, rows, summary, write


def test_a_missing_path_creates_no_database(tmp_path):
    db = tmp_path / "archive.db"
    result = ingest(tmp_path / "nope", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'nope'}: no such file or folder", summary(failed=1),
                                          f"note: nothing to archive: {db} was not created"]
    assert list(tmp_path.iterdir()) == []


def test_a_folder_with_no_articles_creates_no_database(tmp_path):
    write(tmp_path / "in" / "report.docx", b"PK\x03\x04")
    db = tmp_path / "archive.db"
    result = ingest(tmp_path / "in", "--db", db)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [summary(skipped=1),
                                          f"skipped, not articles (1 .docx): {tmp_path / 'in' / 'report.docx'}",
                                          f"note: nothing to archive: {db} was not created"]
    assert not db.exists()


@pytest.mark.parametrize("make,reason", [
    (lambda p: p.write_text("just some notes\n"), "not an SQLite database (the file does not start with SQLite's header): not written into"),
    (lambda p: p.mkdir(), "is a folder, not a database file"),
    (lambda p: None, "folder {parent} does not exist"),
])
def test_a_db_that_cannot_be_an_archive_is_one_line(tmp_path, make, reason):
    write(tmp_path / "in" / "a.txt", GOOD)
    db = tmp_path / "x.db" if "folder {parent}" not in reason else tmp_path / "missing" / "x.db"
    make(db)
    before = db.read_bytes() if db.is_file() else None
    result = ingest(tmp_path / "in", "--db", db)
    assert (result.exit_code, result.stderr) == (1, f"error: {db}: {reason.format(parent=db.parent)}\n")
    assert (db.read_bytes() if db.is_file() else None) == before


def test_a_database_of_something_else_is_not_written_into(tmp_path):
    import sqlite3

    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table expenses (item, amount)")
    write(tmp_path / "in" / "a.txt", GOOD)
    result = ingest(tmp_path / "in", "--db", db)
    assert (result.exit_code, result.stderr) == (
        1, f"error: {db}: an SQLite database that is not a claim archive (it has tables expenses): not written into\n")
    assert rows(db, "select name from sqlite_master") == [("expenses",)]


def test_files_that_are_not_articles_are_counted_and_listed(tmp_path):
    folder = tmp_path / "in"
    write(folder / "a.txt", GOOD)
    write(folder / "a.yml", "publisher: Example\n")  # the article's sidecar: used, not skipped
    write(folder / "notes" / "report.docx", b"PK\x03\x04")
    write(folder / "notes" / "scan.pdf", b"%PDF-1.7")
    write(folder / "orphan.yml", "title: nothing beside me\n")
    write(folder / ".DS_Store", b"\x00\x00")
    write(folder / ".git" / "HEAD", "ref: refs/heads/main\n")
    db = tmp_path / "archive.db"
    result = ingest(folder, "--db", db)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        summary(ingested=1, skipped=5),
        f"skipped, not articles (2 hidden, 1 .yml, 1 .docx, 1 .pdf): {folder / '.git'}, {folder / '.DS_Store'}, "
        f"{folder / 'orphan.yml'}, {folder / 'notes' / 'report.docx'}, {folder / 'notes' / 'scan.pdf'}"]
    verbose = ingest(folder, "--db", db, "--verbose")
    assert verbose.stderr.splitlines() == [
        f"unchanged: {folder / 'a.txt'}",
        f"skipped: {folder / '.git'}: hidden folder: not walked",
        f"skipped: {folder / '.DS_Store'}: hidden file",
        f"skipped: {folder / 'orphan.yml'}: a sidecar or claims file with no article of the same name",
        f"skipped: {folder / 'notes' / 'report.docx'}: not an article ('.docx' files are not read)",
        f"skipped: {folder / 'notes' / 'scan.pdf'}: not an article ('.pdf' files are not read)",
        summary(unchanged=1, skipped=5)]


def test_names_with_newlines_and_terminal_escapes_are_printed_quoted(tmp_path):
    folder = tmp_path / "in"
    evil = write(folder / "bad\nname\x1b[31m.txt", b"")
    write(folder / "fine.txt", GOOD)
    result = ingest(folder, "--db", tmp_path / "archive.db")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {str(evil)!r}: empty file", summary(ingested=1, failed=1)]
    assert "\x1b" not in result.stderr


def without_root_powers(tmp_path: Path) -> tuple[list[str], Path]:
    """A command prefix under which file permissions apply (root reads every file, so as root the ingest runs
    without the capabilities that override them), and a folder to work in."""
    if os.geteuid() != 0:
        return [], tmp_path
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root without setpriv: cannot test as another user")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    closed = tmp_path / "closed"
    closed.mkdir(mode=0)
    probe = subprocess.run([*prefix, sys.executable, "-c", f"import os; os.listdir({str(closed)!r})"],
                           capture_output=True)
    closed.rmdir()
    if probe.returncode == 0:
        pytest.skip("dropping the capabilities did not take effect here")
    return prefix, tmp_path


def test_folders_that_cannot_be_read_are_errors_and_the_rest_goes_in(tmp_path):
    prefix, base = without_root_powers(tmp_path)
    try:
        news = base / "news"
        write(news / "ok.txt", GOOD)
        write(news / "locked" / "secret.txt", OTHER)
        write(news / "listonly" / "visible.txt", OTHER.replace("Library", "Museum"))
        write(news / "listonly" / "inner" / "deep.txt", OTHER.replace("Library", "Pool"))
        for path in [news, *news.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
        (news / "locked").chmod(0o000)
        (news / "listonly").chmod(0o444)  # names can be listed, entries not opened
        db = base / "archive.db"
        result = subprocess.run([*prefix, sys.executable, str(ROOT / "ingest.py"), str(news), "--db", str(db),
                                 "--model", "blank", "--workers", "1"], capture_output=True, text=True, timeout=120)
    finally:
        for path in (base / "news" / "locked", base / "news" / "listonly"):
            path.chmod(0o755)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert sorted(result.stderr.splitlines()[:-1]) == [
        f"error: {news / 'listonly' / 'inner'}: folder cannot be read: permission denied",
        f"error: {news / 'listonly' / 'visible.txt'}: permission denied",
        f"error: {news / 'locked'}: folder cannot be read: permission denied",
    ]
    assert result.stderr.splitlines()[-1] == summary(ingested=1, failed=3)
    assert rows(db, "select path from articles") == [("news/ok.txt",)]


def test_two_ingests_started_at_once_on_a_new_database_both_succeed(tmp_path):
    for n in range(6):
        write(tmp_path / "in" / f"{n}.txt", GOOD.replace("12,000", f"{n + 1},000"))
    db = tmp_path / "archive.db"
    command = [sys.executable, str(ROOT / "ingest.py"), str(tmp_path / "in"), "--db", str(db), "--model", "blank",
               "--workers", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for run in runs:
        run.stderr.close()
        run.stdout.close()
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert all("Traceback" not in err for _, err in results)
    ingested = sum(int(err.split(" ingested")[0].split()[-1]) for _, err in results)
    assert ingested == 6  # each file archived once, by whichever run came first
    reference = tmp_path / "reference.db"
    assert ingest(tmp_path / "in", "--db", reference).exit_code == 0
    content = "select a.path, c.start, c.[end], c.text from claims c join articles a on a.id = c.article_id order by 1, 2"
    assert rows(db, content) == rows(reference, content)
    assert rows(db, "select count(*) from article_files") == [(6,)]


def in_small_disk(tmp_path: Path, script: str, size: str) -> subprocess.CompletedProcess:
    """Run a shell script with DISK mounted as a tmpfs of the given size, in a mount namespace of its own
    (as root, or as a user mapped to root): a real full disk, gone when the script ends."""
    unshare = shutil.which("unshare")
    if not unshare:
        pytest.skip("no unshare: cannot mount a small disk")
    disk = tmp_path / "disk"
    disk.mkdir()
    flags = ["--mount"] if os.geteuid() == 0 else ["--mount", "--map-root-user"]
    probe = subprocess.run([unshare, *flags, "sh", "-c", f"mount -t tmpfs -o size={size} tmpfs {disk}"],
                           capture_output=True, text=True)
    if probe.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {probe.stderr.strip()}")
    return subprocess.run([unshare, *flags, "sh", "-c", f"mount -t tmpfs -o size={size} tmpfs {disk} && {script}"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "DISK": str(disk)})


def test_a_full_disk_stops_the_run_with_one_line_and_keeps_what_was_committed(tmp_path):
    folder = tmp_path / "in"
    for n in range(30):
        write(folder / f"{n:02d}.txt", (GOOD + "\n" + "More words about the bridge and its repairs. " * 300)
              .replace("12,000", f"{n + 1},000"))
    out = tmp_path / "out"
    out.mkdir()
    python = sys.executable
    script = (f"{python} {ROOT / 'ingest.py'} {folder} --db $DISK/archive.db --model blank --workers 1 --batch 2 "
              f"2> {out}/stderr; echo $? > {out}/rc; cp $DISK/archive.db* {out}/ 2>/dev/null; true")
    done = in_small_disk(tmp_path, script, "1500k")
    assert done.returncode == 0, done.stderr
    stderr = (out / "stderr").read_text()
    assert (out / "rc").read_text().strip() == "1", stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    stop = [line for line in lines if "the run stopped" in line]
    assert stop == [line for line in lines if line.startswith(f"error: {tmp_path / 'disk' / 'archive.db'}: cannot be written: "
                                                              "database or disk is full; the run stopped with ")], stderr
    assert len(stop) == 1 and "files not reached" in stop[0], stderr
    assert lines[-1].endswith("skipped") and " failed, " in lines[-1]
    archived = int(lines[-1].split(" ingested")[0])
    assert 0 < archived < 30, stderr
    db = out / "archive.db"
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, "select count(*) from articles") == [(archived,)]
    # what went in is whole: the same rows as a run with room for everything gives those files
    reference = tmp_path / "reference.db"
    ingest(folder, "--db", reference)
    content = ("select f.path, c.start, c.[end], c.text from claims c join articles a on a.id = c.article_id "
               "join article_files f on f.article_id = a.id where f.path = ? order by 2")
    for (path,) in rows(db, "select path from article_files"):
        name = Path(path).name
        assert [r[1:] for r in rows(db, content, path)] == \
            [r[1:] for r in rows(reference, content, f"in/{name}")], name
