"""Faults: an ingest killed at random moments loses nothing, and a folder full of junk archives only the good."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimarchive.run import ingest
from conftest import ROOT, run_ingest
from test_ingest import dump, rows, write

TOWNS = ["Marlow Bay", "Eastfield", "Port Aster", "Greyholm", "Lindqvist", "North Brandt", "Olvera", "Tamsin Cove"]
PEOPLE = ["Carla Mendes", "Tomas Brek", "Ines Calder", "Yusuf Oran", "Greta Nilsen", "Pavel Ostrov"]
OFFICES = ["the fire service", "the health ministry", "the harbour authority", "local police", "the water board"]


def article(n: int) -> str:
    """A short news article of its own: a headline and three paragraphs with sources and figures."""
    rng = random.Random(n)
    town, person, office = rng.choice(TOWNS), rng.choice(PEOPLE), rng.choice(OFFICES)
    count = rng.randint(2, 900)
    return (f"Storm Damage Reported in {town} (report {n})\n\n"
            f"High winds tore roofs from {count} homes in {town} on Sunday, {office} said.\n\n"
            f"\u201cWe have never seen gusts like these,\u201d {person} told reporters on Monday. "
            f"About {count * 3} people were without power overnight, according to {office}.\n\n"
            f"Officials said repairs could take {rng.randint(2, 14)} days, and that schools would stay closed.\n")


def corpus(folder: Path, count: int) -> Path:
    for n in range(count):
        write(folder / f"{n:03d}.txt", article(n))
    return folder


def ingest_cmd(*args) -> list[str]:
    return [sys.executable, str(ROOT / "ingest.py"), *map(str, args), "--model", "blank", "--quiet"]


def articles_by_path(db: Path) -> dict[str, tuple]:
    """Per archived path: its article's body, segments and claims, as content (no ids)."""
    out = {}
    with sqlite3.connect(db) as conn:
        if not conn.execute("select 1 from sqlite_master where name = 'articles'").fetchone():
            return out  # killed after the file was made, before its tables were
        for article_id, path, body in conn.execute("select id, path, body from articles"):
            segments = conn.execute("select kind, start, [end] from segments where article_id = ? order by start",
                                    [article_id]).fetchall()
            claims = conn.execute("select start, [end], text, source_text, kind from claims where article_id = ? "
                                  "order by start, [end]", [article_id]).fetchall()
            out[path] = (body, segments, claims)
    return out


KILL_TRIALS = 20


def wait_for_first_article(db: Path, process: subprocess.Popen, timeout: float) -> None:
    """Return once a reader sees an archived article in db (or the ingest ended, or time ran out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
                if conn.execute("select count(*) from articles").fetchone()[0]:
                    return
        except sqlite3.Error:
            pass  # not created yet
        time.sleep(0.02)


def ingest_killing_a_worker(client, command: list[str], db: Path) -> int:
    """Run the ingest command on the Dask client's cluster, SIGKILL one of its workers once the first article is
    written, and wait for the run to end well (a new worker in the killed one's place): the articles written when
    the worker was killed."""
    before = client.run(os.getpid)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_first_article(db, process, timeout=120)
    assert process.poll() is None, "the ingest ended before a worker could be killed"
    victim = next(iter(before.values()))
    os.kill(victim, signal.SIGKILL)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        written_at_kill = conn.execute("select count(*) from articles").fetchone()[0]
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert victim not in client.run(os.getpid).values()  # it was killed (and its nanny started another)
    return written_at_kill


def test_ingest_killed_at_random_moments_loses_nothing(tmp_path):
    folder = corpus(tmp_path / "in", 40)
    reference = tmp_path / "reference.db"
    started = time.monotonic()
    done = subprocess.run(ingest_cmd(folder, "--db", reference, "--workers", "2", "--batch", "3"),
                          capture_output=True, text=True, timeout=120)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    expected = dump(reference)
    expected_articles = articles_by_path(reference)
    assert len(expected_articles) == 40
    rng = random.Random(5)
    interrupted = partial = trial = 0
    while interrupted < KILL_TRIALS and trial < 2 * KILL_TRIALS:  # a kill after the run ended does not count
        trial += 1
        db = tmp_path / f"killed{trial}.db"
        process = subprocess.Popen(ingest_cmd(folder, "--db", db, "--workers", "2", "--batch", "3"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if trial % 2:  # anywhere: start-up, schema, reading, writing, the end
            time.sleep(rng.uniform(0.1, duration))
        else:  # while the articles are being written: soon after the first commit, read as Datasette would
            wait_for_first_article(db, process, timeout=duration * 3)
            time.sleep(rng.uniform(0, 0.4))
        os.killpg(process.pid, signal.SIGKILL)  # the ingest and its workers, mid-flight
        process.wait()
        interrupted += process.returncode == -signal.SIGKILL
        if db.exists():
            assert rows(db, "pragma integrity_check") == [("ok",)], trial
            assert rows(db, "pragma foreign_key_check") == [], trial
            # every archived article is there whole: its segments and claims exactly as an uninterrupted run made them
            archived = articles_by_path(db)
            for path, content in archived.items():
                assert content == expected_articles[path], (trial, path)
            partial += 0 < len(archived) < len(expected_articles)
            if archived:
                assert rows(db, "select count(*) from article_files where article_id not in "
                                "(select id from articles)") == [(0,)]
        again = ingest([folder], db, model="blank", workers=1)  # in this process: no start-up cost per trial
        assert not again.failed, again.line()
        assert dump(db) == expected, trial
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    assert interrupted == KILL_TRIALS, f"only {interrupted} of {trial} kills landed while the ingest ran"
    assert partial >= 2, "some kills should land between the first and the last article written"


GOOD_TEXTS = {f"good/{n:02d}.txt": article(100 + n) for n in range(10)}


def bad_files(folder: Path) -> dict[str, str]:
    """Write at least 50 bad files under folder; return {relative path: the words its reason must contain}."""
    rng = random.Random(7)
    bad: dict[str, str] = {}

    def put(name: str, content, reason: str) -> None:
        write(folder / name, content)
        bad[name] = reason

    for n, content in enumerate([b"", b" ", b"\n\n\n", b"\t \r\n \n", b"\r\n" * 500]):
        put(f"bad/empty{n}.txt", content, "empty file")
    put("bad/bom-only.txt", b"\xef\xbb\xbf", "no article text")
    for n, header in enumerate([b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n\x00\x01", b"PK\x03\x04\x14\x00",
                                b"\x7fELF\x02\x01\x01\x00", b"\x1f\x8b\x08\x00", b"GIF89a\x01\x00"]):
        put(f"bad/binary{n}.txt", header + bytes(rng.randrange(256) for _ in range(2000)) + b"\x00", "binary file")
    for n in range(6):
        text = article(200 + n).encode()
        at = rng.randrange(len(text))
        put(f"bad/nul{n}.txt", text[:at] + b"\x00" + text[at:], "binary file (contains NUL bytes)")
    for n in range(5):
        put(f"bad/undecodable{n}.txt", bytes(rng.randrange(1, 256) for _ in range(4000)), "binary file")
    put("bad/utf16.txt", article(210).encode("utf-16"), "binary file")
    put("bad/huge.txt", b"Fifty megabytes of words. " * 2_000_000, "too large for an article")
    put("bad/longpara.txt", "".join(f"Line {i} of a paragraph that goes on and on\n" for i in range(10_000)),
        "lines with no blank line between them")
    put("bad/longline.md", "Title\n\n" + "word " * 40_000 + "\n", "characters at offset")
    for n, page in enumerate([
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "<html><head><title>Cookies</title></head><body><div>We use cookies. Accept?</div></body></html>",
        "<html><body></body></html>",
        "<html><body><script>var a = 1;</script><style>p {}</style></body></html>",
        "<!doctype html><html><body><footer>\u00a9 2025 Example</footer></body></html>",
        "<html><body><ul><li>Sports</li><li>Weather</li><li>Contact</li></ul></body></html>",
    ]):
        put(f"bad/page{n}.html", page, "HTML with no main text")
    for n, front in enumerate(["title: [oops", "published: not-a-date", "- a\n- list", "colour: blue",
                               "title: {a: b"]):
        put(f"bad/front{n}.md", f"---\n{front}\n---\n\nSome text of an article that would be fine.\n", "front matter")
    # YAML reads this as a timestamp and fails outside its own errors: still one file, one reason
    put("bad/front-date.md", "---\npublished: 2025-13-45\n---\n\nSome text.\n", "malformed front matter: month must be in 1..12")
    for n, side in enumerate(["title: [broken", "published: yesterday", "just a string", "unknown_field: 1",
                              "author: {a: [", "published: 31/12/2024"]):
        write(folder / f"bad/side{n}.yml", side + "\n")
        put(f"bad/side{n}.txt", article(220 + n), "sidecar side")
    # links: one to itself, two to each other, one out of the ingest root, one to a folder
    for name, target in [("bad/self.txt", "self.txt"), ("bad/ping.txt", "pong.txt"), ("bad/pong.txt", "ping.txt")]:
        os.symlink(target, folder / name)
        bad[name] = "symbolic link that loops"
    outside = write(folder.parent / "outside.txt", article(230))
    os.symlink(outside, folder / "bad/outside.txt")
    bad["bad/outside.txt"] = "symbolic link leading outside"
    os.symlink(".", folder / "bad/folder.txt")
    bad["bad/folder.txt"] = "symbolic link to a folder"
    # unreadable: root reads any file whatever its mode, so a FIFO stands for the file that cannot be read
    for n in range(2):
        os.mkfifo(folder / f"bad/pipe{n}.txt")
        bad[f"bad/pipe{n}.txt"] = "not a regular file (a FIFO)"
    if os.geteuid() != 0:
        put("bad/locked.txt", article(240), "permission denied")
        (folder / "bad/locked.txt").chmod(0)
    return bad


def test_folder_of_junk_archives_the_good_and_reports_each_bad_file_once(tmp_path):
    mixed, clean = tmp_path / "mixed" / "news", tmp_path / "clean" / "news"
    for folder in (mixed, clean):
        for name, text in GOOD_TEXTS.items():
            write(folder / name, text)
        write(folder / "good/copy-of-03.txt", GOOD_TEXTS["good/03.txt"])  # the same content under two names
    bad = bad_files(mixed)
    assert len(bad) >= 50
    clean_db, mixed_db = clean.parent / "archive.db", mixed.parent / "archive.db"
    assert run_ingest(clean, "--db", clean_db, "--model", "blank").returncode == 0
    result = run_ingest(mixed, "--db", mixed_db, "--model", "blank")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    shown = {name: f"error: {mixed / name}: " for name in bad}  # each file named as the user gave it
    wrong = {name: [line for line in errors if line.startswith(shown[name])] for name in bad}
    wrong = {name: lines for name, lines in wrong.items() if len(lines) != 1 or bad[name] not in lines[0]}
    assert not wrong
    assert len(errors) == len(bad), [e for e in errors if not any(e.startswith(shown[n]) for n in bad)]
    assert result.stderr.splitlines()[-1] == \
        f"10 ingested, 0 replaced, 0 updated, 0 unchanged, 1 duplicate, {len(bad)} failed, 0 skipped"
    # nothing but the good files went in, exactly as they go in from a clean folder
    assert dump(mixed_db) == dump(clean_db)
    assert rows(mixed_db, "select path from article_files where article_id = "
                          "(select article_id from article_files where path = 'news/good/03.txt') order by path") \
        == [("news/good/03.txt",), ("news/good/copy-of-03.txt",)]
    assert rows(mixed_db, "pragma integrity_check") == [("ok",)]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can show that mode 000 does not stop root")
def test_as_root_a_mode_000_file_is_read_so_the_fifo_stands_in(tmp_path):
    locked = write(tmp_path / "locked.txt", "text")
    locked.chmod(0)
    assert locked.read_text() == "text"
