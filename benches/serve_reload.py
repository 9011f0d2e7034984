#!/usr/bin/env python3
"""Edit-to-reload time of `ithub serve`: the time from saving a case study to the server's
reload event, and to the page a browser has open arriving after it, median over N edits.
Run on demand, never from the tests.

Usage: python3 benches/serve_reload.py ITHUB_BINARY CONTENT_DIR [EDITS] [KIND]
CONTENT_DIR is copied to a scratch folder first, so the original is never edited.
KIND is what each edit does to a case study:
  body  add a sentence (the commonest edit; the default);
  move  change its date within its year, so it moves in every list that shows it;
  add   add a new case study, then delete it on the next edit;
  rename  rename a case study's file, then rename it back on the next edit;
  draft  mark a case study `draft: true`, then publish it again on the next edit;
  template  change the theme's base template (the repository's themes/ is copied beside
        the content), so every page is rendered again.
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary, content = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    kind = sys.argv[4] if len(sys.argv) > 4 else "body"
    scratch = tempfile.mkdtemp(prefix="ithub-reload-")
    work = os.path.join(scratch, "content")
    shutil.copytree(content, work)
    base_template = None
    if kind == "template":
        themes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "themes")
        shutil.copytree(themes, os.path.join(scratch, "themes"))
        base_template = os.path.join(scratch, "themes", "default", "templates", "base.html")
        with open(base_template, encoding="utf-8") as f:
            base_original = f.read()
    port = free_port()
    started = time.monotonic()
    proc = subprocess.Popen([binary, "serve", "--content", work, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    first = proc.stdout.readline()
    print(f"initial build and bind: {time.monotonic() - started:.2f} s ({first.strip()})")
    # The server reports each in-place update:
    # "updated N pages in A ms, search and site-wide files in B ms more".
    search_ms = []
    # Pages rendered after the reload (those not open in a browser), in ms after it.
    rest_ms = []
    # Each edit's last line: "updated ...", or "rebuilt in ..." after a full rebuild.
    finished = threading.Semaphore(0)

    def server_lines():
        for line in proc.stdout:
            m = re.search(r"files in (\d+) ms more", line)
            if m:
                search_ms.append(int(m.group(1)))
                rest = re.search(r", (\d+) more in (\d+) ms", line)
                rest_ms.append(int(rest.group(2)) if rest else 0)
            if m or line.startswith("rebuilt in"):
                finished.release()

    threading.Thread(target=server_lines, daemon=True).start()

    events = []
    cond = threading.Condition()
    folder = os.path.join(work, "case-studies")
    names = sorted(f for f in os.listdir(folder) if f.endswith(".md"))
    target = os.path.join(folder, names[0])
    if kind in ("rename", "draft"):
        # A case study no other file links to: taking a linked one away is an error to fix,
        # which a full build reports, not an edit to apply.
        linked = set()
        for root, _, files in os.walk(work):
            for f in files:
                if f.endswith(".md"):
                    with open(os.path.join(root, f), encoding="utf-8") as fh:
                        linked.update(re.findall(r"([\w-]+\.md)", fh.read()))
        target = os.path.join(folder, next(n for n in names if n not in linked))
    # The page a browser has open while the author edits, subscribed as live.js subscribes:
    # the edited case study's page, or for edits that move case studies through the lists,
    # the list of every case study. After each reload event the bench fetches it, as the
    # browser would: "page" times are until that page has arrived.
    slug = os.path.splitext(os.path.basename(target))[0]
    view = f"/case-studies/{slug}/" if kind == "body" else "/case-studies/"
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(f"GET /__ithub/events?page={view.replace('/', '%2F')} HTTP/1.1\r\n"
                 "Host: localhost\r\n\r\n".encode())

    def reader():
        buf = b""
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.startswith(b"event: "):
                    with cond:
                        events.append(time.monotonic())
                        cond.notify_all()

    threading.Thread(target=reader, daemon=True).start()
    time.sleep(0.5)
    with open(target, encoding="utf-8") as f:
        original = f.read()
    times = []
    page_times = []
    for i in range(edits):
        with cond:
            seen = len(events)
        t0 = time.monotonic()
        if kind == "move":
            # Another day of the same year: it moves through every list that shows it, while
            # the hub's set of years (linked from every list page) stays the same.
            year = re.search(r"(?m)^published: (\d{4})", original).group(1)
            date = f"{year}-{1 + (i * 5) % 12:02d}-{1 + (i * 7) % 28:02d}"
            with open(target, "w", encoding="utf-8") as f:
                f.write(re.sub(r"(?m)^published: .*$", f"published: {date}", original, count=1))
        elif kind == "template":
            with open(base_template, "w", encoding="utf-8") as f:
                f.write(base_original + f"\n{{# edit {i} #}}\n")
        elif kind == "add":
            extra = os.path.join(folder, "bench-added.md")
            if i % 2 == 0:
                with open(extra, "w", encoding="utf-8") as f:
                    f.write(original.replace("title: ", f"title: Added {i} ", 1))
            else:
                os.remove(extra)
        elif kind == "rename":
            renamed = os.path.join(folder, "bench-renamed.md")
            if i % 2 == 0:
                os.rename(target, renamed)
            else:
                os.rename(renamed, target)
        elif kind == "draft":
            with open(target, "w", encoding="utf-8") as f:
                f.write(original.replace("---\n", "---\ndraft: true\n", 1) if i % 2 == 0 else original)
        else:
            with open(target, "w", encoding="utf-8") as f:
                f.write(original + f"\nEdit number {i}.\n")
        with cond:
            if not cond.wait_for(lambda: len(events) > seen, timeout=120):
                print("no reload event", file=sys.stderr)
                break
            times.append(events[seen] - t0)
        with socket.create_connection(("127.0.0.1", port)) as page:
            page.sendall(f"GET {view} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
            while page.recv(65536):
                pass
        page_times.append(time.monotonic() - t0)
        # Let the rest of the update (other pages, search) finish, so each edit starts from a
        # quiet server.
        if not finished.acquire(timeout=120):
            print("the update did not finish", file=sys.stderr)
            break
        time.sleep(0.2)
    proc.terminate()
    proc.wait()
    shutil.rmtree(scratch, ignore_errors=True)
    ms = [t * 1000 for t in times]
    print(f"{kind} edit to reload over {len(ms)} edits: median {statistics.median(ms):.1f} ms, "
          f"min {min(ms):.1f} ms, max {max(ms):.1f} ms (includes the 10 ms debounce)")
    pm = [t * 1000 for t in page_times]
    print(f"{kind} edit to {view} reloaded: median {statistics.median(pm):.1f} ms, "
          f"min {min(pm):.1f} ms, max {max(pm):.1f} ms")
    if rest_ms:
        print(f"then the other pages it changed: median {statistics.median(rest_ms)} ms more")
    if search_ms:
        print(f"then search index, export and site-wide files updated: median {statistics.median(search_ms)} ms "
              f"over {len(search_ms)} edits")


if __name__ == "__main__":
    main()
