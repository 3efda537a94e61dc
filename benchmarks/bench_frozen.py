"""The frozen application (PyInstaller, one folder) against the pip-installed one: its size on
disk and packed, and how long a fresh process takes.

    bash packaging/dev.sh frozen && bash packaging/linux/build_deb.sh
    .venv/bin/python benchmarks/bench_frozen.py [DATABASE] [--runs 7]

Sizes: every file of ``dist/holdmetight`` added up, the largest parts of it, and the ``.deb``
in ``dist/`` when there is one. Times: as ``bench_startup.py`` measures a fresh process, with
the database copied into a temporary folder, offscreen, after one unmeasured run of each (which
compiles the pip-installed code into a folder of the benchmark's own). A frozen program runs no
code of ours before its own, so the window cannot be watched for its first paint here;
``selftest`` as a whole process is measured instead (it opens the database and shows and paints
the main window, then checks the catalogs, programmes and Qt's translations), with ``courses``
(the data layer without Qt) and ``--version`` (the interpreter and the command line alone). Without
a DATABASE the demo data is used.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_startup import Runs, run_child
from timing import fresh_process_env

REPO = Path(__file__).resolve().parent.parent
FROZEN = REPO / "dist" / "holdmetight"
COMMANDS = {"--version": ["--version"], "courses": ["courses"], "selftest": ["selftest"]}


def files_of(folder: Path) -> list[Path]:
    """The files in ``folder``; PyInstaller links some libraries to a second place, and a
    link takes no room of its own."""
    return [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in files_of(folder))


def print_sizes() -> None:
    program = FROZEN / "holdmetight"
    if not program.is_file():
        raise SystemExit(f"no frozen application in {FROZEN}: run packaging/dev.sh frozen")
    total = folder_size(FROZEN)
    print(f"frozen folder: {total / 1e6:.0f} MB in {len(files_of(FROZEN))} files")
    inside = FROZEN / "_internal"
    parts = {
        path.name: folder_size(path) if path.is_dir() else path.stat().st_size
        for path in inside.iterdir()
        if not path.is_symlink()
    }
    parts["(the program, with the Python code)"] = program.stat().st_size
    for name, size in sorted(parts.items(), key=lambda item: -item[1])[:8]:
        print(f"  {size / 1e6:6.1f} MB  {name}")
    for deb in sorted((REPO / "dist").glob("holdmetight_*.deb")):
        print(f"{deb.name}: {deb.stat().st_size / 1e6:.0f} MB")


def measure(database: Path | None, runs: int) -> list[Runs]:
    folder = Path(tempfile.mkdtemp(prefix="bench-frozen-"))
    try:
        env = fresh_process_env(folder)
        copy = folder / "office.sqlite3"
        pip_installed = [sys.executable, "-m", "holdmetight", "--db", str(copy)]
        if database is None:
            subprocess.run([*pip_installed, "demo"], env=env, check=True, capture_output=True)
        else:
            shutil.copyfile(database, copy)
        frozen = [str(FROZEN / "holdmetight"), "--db", str(copy)]
        ways = {
            f"{where}: {name}": [*program, *arguments]
            for name, arguments in COMMANDS.items()
            for where, program in (("pip-installed", pip_installed), ("frozen", frozen))
        }
        results = {name: Runs(name) for name in ways}
        for argv in ways.values():
            run_child(argv, env)
        for _ in range(runs):
            for name, argv in ways.items():
                seconds, _report, peak_mb = run_child(argv, env)
                results[name].seconds.append(seconds)
                results[name].peak_mb.append(peak_mb)
        return list(results.values())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path, nargs="?", help="a database file (it is copied)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each (default 7)")
    args = parser.parse_args()
    print_sizes()
    print(f"{args.database or 'demo data'}, {args.runs} runs each, offscreen")
    results = measure(args.database, args.runs)
    print(f"{'':<26}{'median':>8}{'min':>8}{'max':>8}{'':>6}{'MB max':>8}")
    for result in results:
        print(result.line())
    medians = {result.name: statistics.median(result.seconds) for result in results}
    for name in COMMANDS:
        ratio = medians[f"frozen: {name}"] / medians[f"pip-installed: {name}"]
        print(f"frozen / pip-installed, {name}: {ratio:.2f}")


if __name__ == "__main__":
    main()
