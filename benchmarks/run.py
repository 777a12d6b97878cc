"""Benchmark stogen against Hugo (and Pelican) as a site is really built and deployed, side by side, in one run.

    python benchmarks/run.py                      # 78 regions x 200 items, both shapes, everything below
    python benchmarks/run.py --articles 40 --repeat 1 --no-growth --json out.json
    python benchmarks/run.py --photos 60          # also the photo engine against Hugo (benchmarks/photos.py)

For each shape of site (`--shapes`, benchmarks/generate.py: the standard one and a mixed one):
- generation only (search off): stogen cold, stogen incremental after one article is edited, Hugo cold;
- production (search on, as Netlify builds): stogen cold and incremental (cache and public/ kept, as Netlify keeps
  them), against Hugo cold followed by Pagefind over Hugo's output.
Each of these runs --repeat times (3), taking turns, and is reported by its median run; Pelican runs once (the
standard shape, search off). Then: search in headless Chromium (typing a query on /zoeken/ to the first results,
the index in shards as built against one index over the same pages), `stogen serve` (saving a file to the changed
page being served, for six kinds of change), and the growth from 20 to 200 items per region. Reported per run:
wall time, CPU time, peak RSS summed over all processes of the run, pages per second; last the targets as ratios.
Outputs and sites of earlier runs are set aside before a timed run and removed at the end (benchmarks/trash.py:
removing them just before made the cold runs slower by seconds of system time on this machine's disk).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import psutil
from pagefind_bin import get_executable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SHAPES, generate  # noqa: E402
from others import find_hugo, make_hugo_site, make_pelican_site  # noqa: E402
from trash import Trash  # noqa: E402

NOW = "2026-11-28 12:00"


@dataclass
class Run:
    name: str
    wall: float
    cpu: float
    peak_rss_mb: float
    pages: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall if self.wall else 0.0


def measure(name: str, argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command; sample the RSS of its whole process tree every 10 ms."""
    start = time.perf_counter()
    proc = psutil.Popen(
        argv, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                procs = [proc, *proc.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    before = os.times()
    output, _ = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = os.times()
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed ({proc.returncode}):\n{output.decode(errors='replace')[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(name, wall, cpu, peak / 2**20, 0)


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def edit_one_article(site: Path) -> Path:
    region = site / "regions" / "regio-05"
    if not region.is_dir():  # a run with fewer regions
        region = sorted((site / "regions").iterdir())[0]
    target = sorted((region / "nieuws").glob("*.md"))[-1]
    text = target.read_text("utf-8")
    target.write_text(text.replace("\n---\n", "\n---\nEen zin die de redactie toevoegde.\n\n", 1), "utf-8")
    return target


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve_changes(site: Path) -> list[tuple[str, Callable[[], None], str, Callable[[int, str], bool]]]:
    """The six kinds of change: what to save, the page to look at, and how to tell it shows the change. Every
    text written is new to the site (a token of this run), so an earlier run cannot have shown it already."""
    token = f"{time.time_ns() % 10**9:09d}"
    folder = site / "regions" / "regio-07"
    article = sorted((folder / "nieuws").glob("*.md"))[3]
    url = f"/regio/regio-07/nieuws/{re.sub(r'^[0-9]{4}-[0-9]{2}-[0-9]{2}-', '', article.stem)}/"
    new = folder / "nieuws" / f"2026-11-21-nieuw-{token}.md"
    region = folder / "region.yml"

    def edit(path: Path, old: str, new_text: str) -> Callable[[], None]:
        return lambda: path.write_text(path.read_text("utf-8").replace(old, new_text, 1), "utf-8")

    def shows(text: str) -> Callable[[int, str], bool]:
        return lambda status, page: status == 200 and text in page

    date_line = next(line for line in article.read_text("utf-8").splitlines() if line.startswith("date: "))
    day = (date.fromisoformat(date_line[6:16]) - timedelta(days=1)).isoformat()
    return [
        ("body", edit(article, "\n---\n", f"\n---\nZin {token} van de redactie.\n\n"), url, shows(f"Zin {token}")),
        ("title", edit(article, "title: ", f"title: Bijgewerkt {token} "), url, shows(f"Bijgewerkt {token}")),
        ("date", edit(article, date_line, f"date: {day}"), url, shows(f'datetime="{day}')),
        (
            "new file",
            lambda: new.write_text(f"---\ntitle: Nieuw {token}\ndate: 2026-11-21\n---\nTekst.\n", "utf-8"),
            f"/regio/regio-07/nieuws/nieuw-{token}/",
            shows(f"Nieuw {token}"),
        ),
        (
            "deleted file",
            lambda: new.unlink(),
            f"/regio/regio-07/nieuws/nieuw-{token}/",
            lambda status, _: status == 404,
        ),
        (
            "region.yml",
            edit(region, "description: ", f"description: Vernieuwd {token}. "),
            "/regio/regio-07/",
            shows(f"Vernieuwd {token}"),
        ),
    ]


def measure_serve(site: Path) -> dict[str, float]:
    """`stogen serve` on the site: milliseconds from saving a file to the changed page being served, for a body,
    a title, a date, a new file, a deleted file and region.yml. After each change the server first finishes the
    build that brings the files on disk up to date, so the next save is not queued behind it."""
    port = free_port()
    argv = [sys.executable, "-m", "stogen", "serve", "--port", str(port), "--now", NOW]
    env = {**os.environ, "STOGEN_LANG": "en"}  # its progress lines are read below, in English
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("serving"):
            break
    builds: list[str] = []

    def drain() -> None:  # keep the pipe drained, and count the builds that finish
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(("built ", "build failed")):
                builds.append(line)

    threading.Thread(target=drain, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    reloads: list[float] = []
    opened = threading.Event()

    def listen() -> None:
        with urllib.request.urlopen(base + "/_stogen/events", timeout=600) as stream:
            for raw in stream:
                opened.set()
                if raw.startswith(b"data:"):
                    reloads.append(time.perf_counter())

    def fetch(url: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(base + url, timeout=60) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    threading.Thread(target=listen, daemon=True).start()
    opened.wait(30)
    figures: dict[str, float] = {}
    try:
        for name, change, url, done in _serve_changes(site):
            seen, built = len(reloads), len(builds)
            saved = time.perf_counter()
            change()
            # As a browser tab: it reloads on the server's event, and asks again while the page is not the new one.
            while not done(*fetch(url)):
                while len(reloads) == seen and time.perf_counter() - saved < 300:
                    time.sleep(0.001)
                seen = len(reloads)
                if time.perf_counter() - saved > 300:
                    raise SystemExit(f"stogen serve did not show the change ({name}) at {url}")
            figures[f"{name}: save to page served, ms"] = (time.perf_counter() - saved) * 1000
            while len(builds) == built and time.perf_counter() - saved < 600:
                time.sleep(0.05)
            time.sleep(0.5)
    finally:
        proc.terminate()  # the server stops once the build it may be running ends
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            proc.kill()
    return figures


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (of an odd number of runs; the lower middle one of an even number)."""
    return sorted(runs, key=lambda r: r.wall)[(len(runs) - 1) // 2]


def set_search(site: Path, on: bool) -> None:
    """Search on (a production build) or off (generation only) in the site's stogen.yml."""
    config = site / "stogen.yml"
    text = config.read_text("utf-8").replace("search: false\n", "")
    config.write_text(text if on else text + "search: false\n", "utf-8")


def bench_mode(
    site: Path, hugo: Path | None, hugo_bin: str | None, search: bool, repeat: int, trash: Trash
) -> dict[str, Run]:
    """stogen cold, stogen incremental and Hugo cold (with search: Hugo then Pagefind over Hugo's output) `repeat`
    times, taking turns (so a machine that slows down or speeds up during the run weighs on all alike), each
    reported by its median run. The last run's output is set aside before a cold run, not removed (trash.py)."""
    set_search(site, search)
    stogen = [sys.executable, "-m", "stogen", "build", "--now", NOW]
    other = "hugo + pagefind cold" if search else "hugo cold"
    timed: dict[str, list[Run]] = {"stogen cold": [], "stogen incremental": []}
    for _ in range(repeat):
        for leftover in (site / "public", site / ".stogen-cache"):
            trash.discard(leftover)
        timed["stogen cold"].append(measure("stogen cold", stogen, site))
        edit_one_article(site)
        timed["stogen incremental"].append(measure("stogen incremental", stogen, site))
        if hugo_bin and hugo:
            for leftover in (hugo / "public", hugo / "resources"):
                trash.discard(leftover)
            argv = [hugo_bin, "--quiet", "--destination", "public"]
            if search:  # one process tree: Hugo, then Pagefind over what it wrote
                pagefind = [str(get_executable()), "--site", "public", "--silent"]
                argv = ["sh", "-c", " ".join(argv) + " && " + " ".join(pagefind)]
            timed.setdefault(other, []).append(measure(other, argv, hugo))
    runs = {name: median_run(found) for name, found in timed.items()}
    runs["stogen cold"].pages = runs["stogen incremental"].pages = count_pages(site / "public")
    if hugo and other in runs:
        runs[other].pages = count_pages(hugo / "public")
    return runs


def bench_shape(
    work: Path, regions: int, articles: int, shape: str, others: bool, production: bool, repeat: int, pelican: bool
):
    """Generation only and (`production`) production runs of one shape of site; Pelican once (standard shape)."""
    trash = Trash(work)
    site = work / f"site-{shape}-{articles}"
    trash.discard(site)
    generate(site, regions, articles, search=True, shape=shape)
    hugo_bin = find_hugo() if others else None
    trash.discard(work / f"hugo-{shape}-{articles}")
    hugo = make_hugo_site(site, work / f"hugo-{shape}-{articles}", everything=shape != "standard") if hugo_bin else None
    modes = {"generation": bench_mode(site, hugo, hugo_bin, False, repeat, trash)}
    if others and pelican and shape == "standard" and shutil.which("pelican"):
        trash.discard(work / f"pelican-{articles}")
        pelican = make_pelican_site(site, work / f"pelican-{articles}")
        run = measure("pelican cold", ["pelican", "-q", "-s", "pelicanconf.py"], pelican)
        run.pages = count_pages(pelican / "output")
        modes["generation"]["pelican cold"] = run
    if production:
        modes["production"] = bench_mode(site, hugo, hugo_bin, True, repeat, trash)
    return site, modes


def measure_browser(site: Path, work: Path) -> dict[str, float]:
    """Typing a query on /zoeken/ to the first results (median ms, cold cache): the shards as built, and one index
    over the same pages; and how far their top results agree."""
    import browser

    public = site / "public"
    sharded_ms, sharded_top = browser.time_queries(public)
    single = browser.single_index_copy(public, work)
    single_ms, single_top = browser.time_queries(single)
    shards = len(list(public.glob("pagefind*/**/pagefind-entry.json")))
    judged = browser.judged_by_single(browser.result_scores(public), browser.result_scores(single))
    names = browser.NAME_QUERIES
    agree = browser.same_results(browser.result_scores(public, names), browser.result_scores(single, names))
    return {
        "shards": shards,
        "sharded: query to first results, ms (median)": sharded_ms,
        "single index: query to first results, ms (median)": single_ms,
        "top results shared with the single index": browser.overlap(sharded_top, single_top),
        "single index: pages within 1% of its best (median)": judged["ties"],
        "sharded top 5 by single index's score, / best (min)": judged["lowest share"],
        f"name queries with the single index's results (of {len(names)})": agree["same"],
        "name queries: pages only the shards find": agree["extra"],
    }


def table(title: str, runs: dict[str, Run]) -> str:
    lines = [title, f"{'run':<24}{'wall s':>9}{'cpu s':>9}{'peak MB':>10}{'pages':>8}{'pages/s':>10}"]
    for r in runs.values():
        lines.append(
            f"{r.name:<24}{r.wall:>9.2f}{r.cpu:>9.2f}{r.peak_rss_mb:>10.0f}{r.pages:>8}{r.pages_per_second:>10.0f}"
        )
    return "\n".join(lines)


Target = tuple[str, float, float, bool]


def shape_targets(shape: str, modes: dict[str, dict[str, Run]]) -> list[Target]:
    out: list[Target] = []
    gen = modes["generation"]
    if "hugo cold" not in gen:
        return out
    hugo = gen["hugo cold"]
    for name, ratio, limit in (
        ("gen cold / Hugo cold", gen["stogen cold"].wall / hugo.wall, 0.8),
        ("gen incremental / Hugo cold", gen["stogen incremental"].wall / hugo.wall, 0.05),
    ):
        out.append((f"{shape}: {name}", ratio, limit, ratio <= limit))
    prod = modes.get("production")
    if prod and "hugo + pagefind cold" in prod:
        for name, ratio, limit in (
            ("prod incremental / Hugo cold", prod["stogen incremental"].wall / hugo.wall, 0.1),
            ("prod cold / Hugo+Pagefind", prod["stogen cold"].wall / prod["hugo + pagefind cold"].wall, 1.0),
            ("prod peak RSS / Hugo's", prod["stogen cold"].peak_rss_mb / hugo.peak_rss_mb, 1.0),
        ):
            out.append((f"{shape}: {name}", ratio, limit, ratio <= limit))
    return out


def targets(
    shapes: dict[str, dict[str, dict[str, Run]]],
    small: dict[str, Run] | None,
    big: dict[str, Run] | None,
    serve: dict[str, float] | None,
    search: dict[str, float] | None,
) -> list[Target]:
    out = [t for shape, modes in shapes.items() for t in shape_targets(shape, modes)]
    if small is not None and big is not None:
        r = big["stogen cold"].wall / small["stogen cold"].wall
        out.append(("cold wall 200 / 20 per region", r, 11.0, r <= 11.0))
    for name, ms in (serve or {}).items():
        out.append((f"serve {name.split(':')[0]}, ms", ms, 300.0, ms <= 300.0))
    if search:
        r = (
            search["sharded: query to first results, ms (median)"]
            / search["single index: query to first results, ms (median)"]
        )
        out.append(("browser search / single index", r, 1.0, r <= 1.0))
    return out


def _runs_json(runs: dict[str, Run]) -> dict[str, dict[str, float]]:
    return {k: {**asdict(v), "pages_per_second": v.pages_per_second} for k, v in runs.items()}


def bench_photos(work: Path, count: int, no_hugo: bool) -> list[dict[str, object]]:
    """benchmarks/photos.py in its own process (it prints its own table, next to Hugo's); its runs as dicts."""
    out = work / "photos.json"
    argv = [sys.executable, str(HERE / "photos.py"), "--photos", str(count), "--work", str(work / "photos")]
    argv += ["--json", str(out)]
    print(f"\nphotos: {count} phone photos, the engine against Hugo", flush=True)
    subprocess.run([*argv, *(["--no-hugo"] if no_hugo else [])], check=True)
    return json.loads(out.read_text())


def photo_targets(runs: list[dict[str, object]] | None) -> list[tuple[str, float, float, bool]]:
    by_name = {str(r["name"]): r for r in runs or []}
    stogen, hugo = by_name.get("stogen cold, JPEGs only"), by_name.get("Hugo cold, JPEGs only")
    if not stogen or not hugo:
        return []
    r = float(stogen["wall"]) / float(hugo["wall"])  # type: ignore[arg-type]
    return [("photos: cold wall / Hugo cold", r, 1.0, r <= 1.0)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", type=int, default=78)
    parser.add_argument("--articles", type=int, default=200, help="items per region")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="shapes of site, comma-separated (generate.py)")
    parser.add_argument("--no-production", action="store_true", help="skip the runs with the search index")
    parser.add_argument("--no-browser", action="store_true", help="skip search in Chromium")
    parser.add_argument("--no-growth", action="store_true", help="skip the 20-per-region run")
    parser.add_argument("--no-others", action="store_true", help="skip Hugo and Pelican")
    parser.add_argument("--no-pelican", action="store_true", help="skip Pelican (slow, and in no target)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `stogen serve` measurement")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, taking turns (the median is reported)")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--photos", type=int, default=0, help="also run benchmarks/photos.py on this many phone photos (Hugo too)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # stogen runs from its source tree (an editable install). Its bytecode is compiled first, as installing a
    # package compiles it and as Python's first import writes it (unless PYTHONDONTWRITEBYTECODE is set), so no
    # timed run pays for compiling stogen's own modules; Pelican's installed modules are compiled too.
    compileall.compile_dir(str(HERE.parent / "stogen"), quiet=1)
    size = f"{args.regions} regions x {args.articles} items"
    shapes: dict[str, dict[str, dict[str, Run]]] = {}
    sites: dict[str, Path] = {}
    for shape in args.shapes.split(","):
        sites[shape], shapes[shape] = bench_shape(
            args.work,
            args.regions,
            args.articles,
            shape,
            not args.no_others,
            not args.no_production,
            args.repeat,
            not args.no_pelican,
        )
        for mode, runs in shapes[shape].items():
            what = "generation only, search off" if mode == "generation" else "production, search on"
            print(table(f"{shape} shape, {size}: {what}", runs) + "\n", flush=True)
    first = sites[next(iter(sites))]
    search = None
    if not args.no_browser and not args.no_production:  # the last build of the first shape: search on
        search = measure_browser(first, args.work)
        print("search in Chromium (first shape, production build; cold cache, local server)")
        for name, value in search.items():
            print(f"{name:<52}{value:>8.2f}")
        print(flush=True)
    serve = None
    if not args.no_serve:
        serve = measure_serve(first)
        print(f"stogen serve ({next(iter(sites))} shape, {size}, search as in the last build)")
        for name, ms in serve.items():
            print(f"{name:<52}{ms:>8.0f}")
        print(flush=True)
    small = big = None
    if not args.no_growth and args.articles != 20 and "standard" in shapes:
        big = shapes["standard"]["generation"]
        small = bench_shape(args.work, args.regions, 20, "standard", not args.no_others, False, args.repeat, False)[1][
            "generation"
        ]
        print(table(f"standard shape, {args.regions} regions x 20 items: generation only", small) + "\n", flush=True)
    photos = bench_photos(args.work, args.photos, args.no_others) if args.photos else None
    checks = targets(shapes, small, big, serve, search) + photo_targets(photos)
    if checks:
        print(f"{'target':<44}{'ratio':>9}{'limit':>8}  met")
        for name, ratio, limit, ok in checks:
            print(f"{name:<44}{ratio:>9.2f}{limit:>8.2f}  {'yes' if ok else 'NO'}")
    if args.json:
        data = {
            "size": size,
            "shapes": {
                shape: {mode: _runs_json(runs) for mode, runs in modes.items()} for shape, modes in shapes.items()
            },
            "runs_20": _runs_json(small or {}),
            "browser": search or {},
            "serve_ms": serve or {},
            "photos": photos or [],
            "targets": [{"name": n, "ratio": r, "limit": lim, "met": ok} for n, r, lim, ok in checks],
        }
        args.json.write_text(json.dumps(data, indent=2))
    Trash(args.work).empty()  # what the runs set aside, removed once none is timed any more


if __name__ == "__main__":
    main()
