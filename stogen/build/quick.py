"""The quick build: the last build's site model, kept in the cache, with the edited Markdown bodies swapped in.

The change a site sees most is an editor's fix to the text of an article. A full build after it loads every
source, plans every page and fingerprints every output (about 2 s at 78 regions x 200 articles) to find the nine
files that change. So a full build of the published site that found no problems keeps what it planned (Keeping):
the site model, its pages (PageJobs), every item's fingerprint and, per item, the pages whose fingerprints include
it. The next build starts from there (restore(), called by stogen/build/pipeline.py) when every file that changed
since (by its stat signature, else by the hash of its bytes: Scan) is a published Markdown file whose front matter
is the same (only its text changed), and nothing else is different: the configuration, the theme, stogen itself,
the output folder, and the site at "now" (no moment at which the site changes with "now" alone lies between the
saved build's "now" and this one's: stogen/model/turns.py). Then the pipeline
- has those files read again and their bodies rendered with the same link table (nothing else can have moved);
- fingerprints the pages that show one of them, and the pages whose template reads the whole site;
- declares the outputs whose bytes can depend on a body's text (feeds, calendars, newsletters, the search index)
  again from the patched model and fingerprints them, as the full build does; the others (pipeline.TEXT_FREE)
  keep their fingerprints, as does every other page;
- makes and writes what is stale as the full build does (pipeline._make), the search index included.
The files are the same, byte for byte, as a full build of the same sources makes (tests/test_quick.py). Whenever
that cannot be shown this cheaply (any other change, a problem in an edited file, a cache that does not match
the output folder), restore() returns None and the full build runs.

The model is saved once per full build (cache entries quick and quick-model), by a process of its own while the
build makes its outputs (Keeping); a quick build saves only the entries it changed (quick-edits), which the next
quick build applies before its own.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
import pickle
import secrets
import select
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from stogen.build.freshness import Fingerprints
from stogen.build.writer import marker_stamp, write_all
from stogen.core.cache import Cache
from stogen.core.problems import Problems
from stogen.model.config import Config
from stogen.model.loader import RACY_NS, cached_entry, load_markdown_file, signature_of
from stogen.model.records import Entry
from stogen.model.site import Body, Item, Site
from stogen.model.turns import same_between
from stogen.outputs import pages
from stogen.outputs.jobs import PageJob, Planner
from stogen.render.bodies import rendered_body
from stogen.render.theme import Theme

INDEX, MODEL, EDITS = "quick", "quick-model", "quick-edits"
# Every file a build reads, as far as the quick build is concerned: a change to any but an item's Markdown file
# means a full build.
FOLDERS = ("content", "regions", "newsletters", "themes")
FILES = ("stogen.yml", "netlify.toml")
# More edited files than this at once: a full build (it fingerprints everything anyway).
MOST = 20

Signature = tuple[int, ...] | None


def signatures(root: Path, trusted_before: int) -> dict[str, Signature]:
    """Every file (and folder) a build can read, by repository-relative path: its stat signature, or None for a
    file changed at or after `trusted_before` (a signature taken so soon after a change might not show the
    next one, as in the loader's cache: stogen/model/loader.py)."""
    found: dict[str, Signature] = {}
    prefix = len(str(root)) + 1
    for name in FILES:
        with contextlib.suppress(OSError):
            found[name] = signature_of(os.stat(root / name), trusted_before)
    stack = [str(root / folder) for folder in FOLDERS if (root / folder).is_dir()]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as it:
                listed = list(it)
        except OSError:  # unreadable: as if changed (the full build reports it)
            found[here[prefix:] + "/"] = None
            continue
        found[here[prefix:] + "/"] = ()
        for e in listed:
            if e.is_dir(follow_symlinks=False):
                stack.append(e.path)
            else:
                try:
                    found[e.path[prefix:]] = signature_of(e.stat(), trusted_before)
                except OSError:  # a symlink to nothing: the build reports it
                    found[e.path[prefix:]] = None
    return found


# What the model knows of a file: its signature when that can be trusted, and a hash of its bytes as the build
# read them (None for a folder, or a file that changed while the build ran). A file whose signature differs
# (every file of a new checkout, as on each Netlify deploy) is the same while its bytes hash the same.
Known = tuple[Signature, bytes | None]


def _hash(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).digest()
    except OSError:
        return None


def known_files(root: Path, found: Iterable[str], started: int, hashed: dict[str, str]) -> dict[str, Known]:
    """What a build that started at `started` (time.time_ns()) read of each file `found` (signatures()'s):
    the hash of its bytes where it has not changed since the start, and its signature where that can be trusted
    now (one too recent at the start may be by now: a site generated or a stogen.yml written just before a build
    is known by the next one). `hashed`: the hashes the build itself took (sha256, hex), by path; the other
    files are read here. Run after the build, by the process that keeps the model (Keeping)."""
    trusted_before = min(started, time.time_ns() - RACY_NS)
    known: dict[str, Known] = {}
    for rel in found:
        if rel.endswith("/"):
            known[rel] = ((), None)
            continue
        path = root / rel
        try:
            before = os.stat(path)
            if rel in hashed:  # the build's own hash, of the bytes it read: they are these while the file is
                digest: bytes | None = bytes.fromhex(hashed[rel])  # unchanged since the start (below)
                after = before
            else:
                digest = _hash(path)
                after = os.stat(path)
        except (OSError, ValueError):
            known[rel] = (None, None)
            continue
        if signature_of(after, started) is None or signature_of(before, started) != signature_of(after, started):
            known[rel] = (None, None)  # changed while the build ran: what it read is not known
        else:
            known[rel] = (signature_of(after, trusted_before), digest)
    return known


def _key(config: Config) -> str:
    """What else the model depends on: every setting (the environment's too, e.g. robots) and stogen.yml's bytes."""
    return hashlib.sha256(repr(config).encode("utf-8")).hexdigest()


def _yield_to_the_build() -> None:
    """The keeping process runs on what the build leaves idle: it has until the next build.

    A niceness alone does not do that on Linux with autogroups (sched_autogroup_enabled, the default of most
    distributions): a process that starts a session of its own (setsid) gets a scheduling group of its own, which
    shares the cores equally with the build's group whatever the niceness of the processes inside it. At 78 x 200
    it took a third of a core from the build's workers, and its planning slowed the build's own from 0.55 to
    1.0-1.2 s. The group's niceness is set too (/proc/self/autogroup), where there is one."""
    with contextlib.suppress(OSError):
        os.nice(19)
    with contextlib.suppress(OSError), open("/proc/self/autogroup", "w") as group:
        group.write("19")


class Keeping:
    """A full build's model, saved for the next build (see the module's docstring) by a process of its own, which
    starts before the build makes its outputs (nothing the build does from then on changes the model) and goes on
    after the build has ended: pickling the model of 78 x 200 and hashing its sources takes about a second. The
    build tells it to keep the model once its output is in place without a problem (keep()), or to drop it
    (drop()); until then nothing of it is used. A build that starts while it is still at work waits for it
    (wait_for_keeper()), so one build's model is never read half written or taken for another's."""

    def __init__(
        self,
        root: Path,
        cache: Cache,
        files: dict[str, Signature],
        started: int,
        site: Site,
        theme: Theme,
        plan: Callable[[], list[PageJob]],
    ) -> None:
        """`files`: the signatures taken at `started`, before the build read anything; `plan()`: the site's
        pages, planned as the build plans them (the keeping process plans them itself, on the core the build's
        own planning leaves idle)."""
        self.root, self.cache, self.files, self.started, self.site = root, cache, files, started, site
        self.token = secrets.token_hex(8)
        self.name = f"{MODEL}-{self.token}"  # its cache entry until it is kept
        self.model = functools.partial(_planned_model, site, theme, plan, cache, self.token)
        self.pipe: int | None = None
        if not FORK:  # saved when kept, in the build's own time
            return
        import fcntl

        wait_for_keeper(cache)  # one at a time
        try:
            cache.folder.mkdir(exist_ok=True)
            lock = os.open(cache.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:  # a cache that cannot be written keeps no model
            self.name = ""
            return
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the keeping process until it ends
        told, tell = os.pipe()
        pid = os.fork()
        if pid == 0:  # forks again at once, so the process that keeps the model is nobody's to wait for
            if os.fork() == 0:
                self._keeper(told, tell)
            os._exit(0)
        os.waitpid(pid, 0)
        os.close(told)
        os.close(lock)
        self.pipe = tell

    def keep(self, manifest: str) -> None:
        """The model becomes the cache's, for the output folder whose manifest has the digest `manifest`."""
        if self.pipe is None:
            if self.name:
                self._keep(manifest, self._save())
            return
        with contextlib.suppress(OSError):  # a keeping process that died keeps nothing
            os.write(self.pipe, manifest.encode("ascii"))
        os.close(self.pipe)
        self.pipe = None

    def drop(self) -> None:
        """The build failed, or had something to report: this model is not kept."""
        if self.pipe is not None:
            os.close(self.pipe)  # told nothing: it removes what it saved
            self.pipe = None

    def _keeper(self, told: int, tell: int) -> None:
        """The keeping process: save the model, then keep or drop it as the build says; never returns."""
        code = 1
        try:
            os.close(tell)
            os.setsid()  # not stopped with the terminal's build: it only writes the cache
            _yield_to_the_build()
            quiet = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):  # nobody waits for its output (subprocess.run(capture_output=True) would)
                os.dup2(quiet, fd)
            known = self._save()
            said = b""
            while chunk := os.read(told, 128):
                said += chunk
            if said:
                self._keep(said.decode("ascii"), known)
            else:
                (self.cache.folder / f"{self.name}.pickle").unlink(missing_ok=True)
            code = 0
        finally:
            os._exit(code)

    def _save(self) -> dict[str, Known]:
        """The model, written under a name of its own; and what the build read of each file."""
        self.cache.save_parts(self.name, self.model())
        site = self.site
        hashed = {item.entry.source.rel: item.entry.source.digest for item in site.every()}
        hashed.update((region.source.rel, region.source.digest) for region in site.regions.values())
        hashed.update((rel, photo.digest) for rel, photo in site.photos.items())
        return known_files(self.root, self.files, self.started, hashed)

    def _keep(self, manifest: str, known: dict[str, Known]) -> None:
        folder = self.cache.folder
        try:
            os.replace(folder / f"{self.name}.pickle", folder / f"{MODEL}.pickle")
        except OSError:
            forget(self.cache)
            return
        site = self.site
        self.cache.save(EDITS, {})
        self.cache.save(
            INDEX,
            {
                "manifest": manifest,
                "model": self.token,
                "key": _key(site.config),
                "now": site.now,
                "turns": site.turns,
                "files": known,
                "entries": frozenset(item.entry.source.rel for item in site.every()),
            },
        )


LOCK = "quick.lock"
FORK = hasattr(os, "fork")  # and with it fcntl: Linux and macOS


def wait_for_keeper(cache: Cache) -> None:
    """Until a model being saved by an earlier build (Keeping) is kept or dropped."""
    if not FORK:
        return
    import fcntl

    try:
        fd = os.open(cache.folder / LOCK, os.O_RDONLY)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    finally:
        os.close(fd)


def _planned_model(site: Site, theme: Theme, plan: Callable[[], list[PageJob]], cache: Cache, token: str) -> list[Any]:
    """The model as _model() keeps it, from the pages planned here (in the keeping process)."""
    return _model(site, plan(), Fingerprints(site, theme, cache), token)


def _model(site: Site, jobs: list[PageJob], fingerprints: Fingerprints, token: str) -> list[Any]:
    """What a quick build starts from: the model and its pages, every item's fingerprint, and per item the pages
    whose fingerprints include it (by their place in `jobs`)."""
    rel_of = {id(item): item.entry.source.rel for item in site.every()}
    items = {id(item) for item in site.items}
    shown: dict[str, list[int]] = {}
    whole: list[int] = []
    own: dict[str, int] = {}
    for n, job in enumerate(jobs):
        found, reads_site = fingerprints.shown(job)
        if reads_site:
            whole.append(n)
        for key in found:
            rel = rel_of.get(key)
            if rel is not None:
                shown.setdefault(rel, []).append(n)
        if job.item is not None and id(job.item) in items and job.url == job.item.url:
            own[job.item.entry.source.rel] = n
    head = {
        "token": token,
        "items": fingerprints.items(),
        "base": fingerprints.base,
        "shown": shown,
        "whole": whole,
        "own": own,
    }
    # The items first, in parts, then what refers to them: a build that finds it cannot use the model stops
    # loading it between parts (Scan).
    step = max(1, -(-len(site.items) // ITEM_PARTS))
    return [head, *(site.items[n : n + step] for n in range(0, len(site.items), step)), site, jobs]


ITEM_PARTS = 4


def forget(cache: Cache) -> None:
    """No model to start from: the last build's was not kept (it found problems, or no model was asked for)."""
    cache.save(INDEX, {})


Changes = tuple[list[str], dict[str, Known], dict[str, Entry]]


class Scan:
    """The sources as a build starts: their signatures (signatures()) and how they differ from what the saved
    model knows (changes()). Taken when asked for, or by a forked process while this one loads the saved model
    (look_ahead()): on two cores the walk over the files costs nothing."""

    def __init__(self, root: Path, started: int) -> None:
        self.root, self.trusted_before = root, started - RACY_NS
        self._found: dict[str, Signature] | None = None
        self._changes: Changes | None = None
        self._compared = False
        self._pipe: int | None = None
        self._pid = 0
        self._hopeful = True
        self._head = b""  # what hopeful() read of the forked process's answer

    def files(self) -> dict[str, Signature]:
        self._collect()
        if self._found is None:
            self._found = signatures(self.root, self.trusted_before)
        return self._found

    def look_ahead(self, *compare: Any) -> None:
        """Start the walk and the comparison (changes()'s arguments) in a forked process."""
        if not FORK or self._found is not None:
            return
        told, tell = os.pipe()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.close(told)
                found = signatures(self.root, self.trusted_before)
                changes = _changes(self.root, found, *compare)
                write_all(tell, (b"Y" if changes is not None else b"N") + pickle.dumps((found, changes), protocol=5))
                code = 0
            finally:
                os._exit(code)
        os.close(tell)
        self._pipe, self._pid = told, pid

    def hopeful(self) -> bool:
        """False once the comparison has found that the model cannot be used (so loading it can stop)."""
        if self._pipe is not None and not self._head and select.select([self._pipe], [], [], 0)[0]:
            self._head = os.read(self._pipe, 1)  # the answer's first byte: Y or N
            self._hopeful = self._head == b"Y"
        return self._hopeful

    def changes(self, *compare: Any) -> Changes | None:
        """The Markdown files that changed (only their text), the files known again under new signatures, and
        the changed files read; None when a full build must run (see _changes())."""
        self._collect()
        if not self._compared:
            self._changes = _changes(self.root, self.files(), *compare)
            self._compared = True
        return self._changes

    def _collect(self) -> None:
        if self._pipe is None:
            return
        pipe, self._pipe = self._pipe, None
        chunks = [self._head]
        while chunk := os.read(pipe, 1 << 20):
            chunks.append(chunk)
        os.close(pipe)
        _, status = os.waitpid(self._pid, 0)
        data = b"".join(chunks)
        if status == 0 and data[:1] in (b"Y", b"N"):
            self._found, self._changes = pickle.loads(data[1:])
            self._compared = True


def _changes(
    root: Path, found: dict[str, Signature], files: dict[str, Known], entries: frozenset[str], earlier: Any
) -> Changes | None:
    """How the sources differ from what the model knows of `files`: None unless every file that changed (by its
    signature, else by its bytes) is one of the model's published `entries`, at most MOST of them, readable
    without a problem and with the front matter it had (`earlier(rel)`: the entry as last read)."""
    if found.keys() != files.keys():
        return None
    changed: list[str] = []
    resigned: dict[str, Known] = {}  # the same bytes under a new signature (a new checkout)
    for rel, signature in found.items():
        was, digest = files[rel]
        if signature is not None and signature == was:
            continue
        if digest is not None and _hash(root / rel) == digest:
            if signature is not None:
                resigned[rel] = (signature, digest)
            continue
        if rel not in entries or len(changed) == MOST:
            return None
        changed.append(rel)
    read: dict[str, Entry] = {}
    for rel in changed:
        entry, was = earlier(rel)
        if entry is None or was is None or not _same_front_matter(entry, was):
            return None
        read[rel] = entry
    return changed, resigned, read


@dataclasses.dataclass
class Restored:
    """The saved model with the edits applied: what a quick build plans from."""

    site: Site
    jobs: list[PageJob]
    again: list[int]  # the jobs whose pages are fingerprinted again (the others keep the manifest's)
    known: dict[str, str]  # item fingerprints that still hold, by source path
    base: str  # the fingerprints' base (freshness.py): the theme, configuration and figures are the same
    edits: dict[str, Any]  # what quick-edits holds after this build
    fresh: dict[str, tuple[Entry, Body]]  # the files this build read again
    files: dict[str, Known]  # what this build learned of files (read again, or the same under a new signature)
    own: dict[str, int]  # the jobs of their own pages, planned again (plan())

    def plan(self, theme: Theme) -> list[PageJob]:
        """The saved pages, with the own page of each edited item planned again (its description may come from
        its text)."""
        planner = Planner(self.site, theme.strings)
        item_of = {item.entry.source.rel: item for item in self.site.items}
        for rel, n in self.own.items():
            self.jobs[n] = pages.item_job(planner, item_of[rel])
        return self.jobs

    def remember(self, cache: Cache, manifest: str) -> None:
        """After the build is in place: the edits so far, on top of the saved model."""
        edits = {
            "base": self.edits["base"],
            "manifest": manifest,
            "files": {**self.edits["files"], **self.files},
            "edits": {**self.edits["edits"], **self.fresh},
        }
        cache.save(EDITS, edits)


def restore(root: Path, config: Config, now: datetime, cache: Cache, scan: Scan) -> Restored | None:
    """The saved model, with every Markdown file changed since read again and its body rendered, or None when
    a full build must run. `scan`: the sources as this build started."""
    wait_for_keeper(cache)
    index = cache.load(INDEX)
    if not index or index.get("key") != _key(config) or not same_between(index["turns"], index["now"], now):
        return None
    edits = cache.load(EDITS)
    if edits.get("base") != index["manifest"]:
        edits = {"base": index["manifest"], "manifest": index["manifest"], "files": {}, "edits": {}}
    if marker_stamp(config.output_path) != edits["manifest"]:  # previous_outputs() checks it is the manifest's
        return None

    def earlier(rel: str) -> tuple[Entry | None, Entry | None]:
        """An edited file read again, and its entry as last read (before the model is loaded: most edits to more
        than the text end there)."""
        was = edits["edits"][rel][0] if rel in edits["edits"] else cached_entry(cache, rel)
        return _read(root, rel, config), was

    compare = ({**index["files"], **edits["files"]}, index["entries"], earlier)
    scan.look_ahead(*compare)
    parts = cache.load_parts(MODEL, scan.hopeful)
    found = scan.changes(*compare)
    if found is None or not parts or parts[0]["token"] != index["model"]:
        return None
    changed, resigned, read = found
    model, site, jobs = parts[0], parts[-2], parts[-1]
    item_of = {item.entry.source.rel: item for item in site.every()}
    for rel, (entry, body) in edits["edits"].items():
        _patch(item_of[rel], entry, body)
    fresh: dict[str, tuple[Entry, Body]] = {}
    for rel, entry in read.items():
        item = item_of[rel]
        if not _same_front_matter(entry, item.entry):  # the model's own entry decides (a check may have
            return None  # read the file since, and put it in the cache)
        assert site.links is not None
        body = rendered_body(entry, site.links)
        if body is None:
            return None
        kept = dataclasses.replace(entry, body="")  # kept as the full build keeps entries: the Body has the text
        fresh[rel] = (kept, body)
        resigned[rel] = (scan.files()[rel], None)  # its bytes as read are not hashed: known by its signature only
        _patch(item, kept, body)
    object.__setattr__(site, "options", dataclasses.replace(site.options, now=now))
    object.__setattr__(site, "fresh", frozenset(changed))
    again = set(model["whole"])
    for rel in changed:
        again.update(model["shown"].get(rel, ()))
    gone = set(edits["edits"]) | set(fresh)
    known = {rel: fp for rel, fp in model["items"].items() if rel not in gone}
    own = {rel: model["own"][rel] for rel in changed if rel in model["own"]}
    again.update(own.values())
    return Restored(site, jobs, sorted(again), known, model["base"], edits, fresh, resigned, own)


def _read(root: Path, rel: str, config: Config) -> Entry | None:
    """An edited file read again; None when it has a problem (the full build reports it)."""
    problems = Problems(root)
    entry = load_markdown_file(root, rel, config.tz, problems)
    return None if list(problems) else entry


def _same_front_matter(entry: Entry, earlier: Entry) -> bool:
    """Whether an entry read again says what it said (an entry as a build keeps it, without its body): where it
    is shown, and how, is then the same."""
    return dataclasses.replace(entry, body="", source=earlier.source) == earlier


def _patch(item: Item, entry: Entry, body: Body) -> None:
    """Give a thawed item its edited entry and body. Items are frozen for the build that uses them; this runs on
    the model just loaded, before anything has seen it."""
    object.__setattr__(item, "entry", entry)
    object.__setattr__(item, "body", body)
