"""An archive's inputs and their outputs' names: which files a batch reads, and where each one's
JSON goes.

Paths are carried as Python has them (a name that is not UTF-8 holds lone surrogates and still
opens the file). A problem is a pair (path, reason): the path as found, the reason one line, and
a message writes them as `files.path_text(path): reason`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from itertools import count
from pathlib import Path

from .files import path_text, unreadable

DEFAULT_GLOB = "*.txt,*.pdf,*.docx,*.doc,*.html,*.htm"  # every form read; --glob narrows it

Problem = tuple[Path | str, str]  # a path not converted (or not written), and why, in one line


@dataclass(frozen=True)
class Job:
    source: Path  # the input file, as found
    output: Path | None  # where its JSON goes in -o mode


# finding the inputs ---------------------------------------------------------------------------


def find_inputs(paths: Iterable[Path], pattern: str, out: Path | None = None) -> tuple[list[tuple[Path, Path]], list[Problem], list[Path]]:
    """Every input file with its path relative to the folder it was found in, in path order;
    problems found on the way (missing paths, folders that cannot be read), and the files in the
    folders that the pattern left out, so that nothing is left out unsaid. Folders are walked
    recursively, following links but never entering the same folder twice (a link loop ends
    there). The pattern (globs parted by commas: *.txt,*.pdf) matches file names
    case-insensitively: archives copied from Windows say .TXT.

    Nothing inside the output folder `out` is read: an OUT inside an input folder is passed over
    (else every run would convert the last run's JSON into OUT/OUT/…), and an input that is OUT
    or lies in it is refused, so that no output can ever be written over an input."""
    found: list[tuple[Path, Path]] = []
    problems: list[Problem] = []
    unmatched: list[Path] = []
    inside_out = _inside(out)
    for path in paths:
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except FileNotFoundError:
            problems.append((path, "does not exist"))
            continue
        except OSError:  # cannot tell (an unsearchable folder above it): reading it will say why
            is_folder = False
        if out is not None and inside_out(path):  # (never inside when there is no `out`)
            problems.append((path, f"is in the output folder {path_text(out)}; nothing there is read as input"))
        elif is_folder:
            walked = _walk(
                path, tuple(part.strip().casefold() for part in pattern.split(",") if part.strip()), inside_out, problems, unmatched
            )
            found += sorted(walked, key=lambda pair: pair[1].parts)
        else:
            found.append((path, Path(path.name)))
    return found, problems, sorted(unmatched)


def _inside(out: Path | None) -> Callable[[Path | str], bool]:
    """A test of whether a path is, or resolves to, the output folder or something in it."""
    if out is None:
        return lambda path: False
    root = os.path.realpath(out)
    prefix = root.rstrip(os.sep) + os.sep
    return lambda path: (real := os.path.realpath(path)) == root or real.startswith(prefix)


def _walk(
    root: Path, patterns: tuple[str, ...], inside_out: Callable[[Path | str], bool], problems: list[Problem], unmatched: list[Path]
) -> Iterator[tuple[Path, Path]]:
    seen: set[tuple[int, int]] = set()

    def unreadable_folder(error: OSError) -> None:
        problems.append((error.filename, unreadable(error)))

    for folder, subfolders, files in os.walk(root, onerror=unreadable_folder, followlinks=True):
        try:
            status = os.stat(folder)
        except OSError as error:
            unreadable_folder(error)
            subfolders[:] = []
            continue
        if (status.st_dev, status.st_ino) in seen or inside_out(folder):
            subfolders[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        for name in files:
            if any(fnmatch(name.casefold(), one) for one in patterns):
                path = Path(folder, name)
                if inside_out(path):  # a link to a file in OUT
                    problems.append((path, "leads into the output folder; nothing there is read as input"))
                else:
                    yield path, path.relative_to(root)
            else:
                unmatched.append(Path(folder, name))


def overwrites_an_input(path: Path, inputs: Iterable[tuple[Path, Path]]) -> bool:
    """Whether writing `path` (the --jsonl or --figures-csv file) would replace an input file.
    Only the same name in the same folder is at risk: the file is written by renaming onto that
    name, so a link or another hard link to the input is never written through."""
    folder = os.path.realpath(path.parent)
    return any(source.name == path.name and os.path.realpath(source.parent) == folder for source, _ in inputs)


# naming the outputs ---------------------------------------------------------------------------


def plan_outputs(
    inputs: list[tuple[Path, Path]], out: Path, reserved: Iterable[str] = ()
) -> tuple[list[Job], list[Problem], list[Problem]]:
    """An output path under `out` for each input: the same relative path with .json for its
    suffix. Names that would collide (x.txt and x.TXT, even on a case-blind disk) keep their
    whole file name instead, and a warning says so; nothing is ever overwritten by a sibling.
    `reserved` names (relative to `out`) are taken from the start: with --html, index.json,
    whose review page would be the index. Returns the jobs, the warnings and the problems
    (inputs refused), each warning and problem a pair (input, message)."""
    jobs: list[Job] = []
    warnings: list[Problem] = []
    problems: list[Problem] = []
    taken: set[str] = {name.casefold() for name in reserved}
    root = out.resolve()
    inside: dict[Path, bool] = {}  # per output folder: does it resolve inside OUT
    for source, relative in inputs:
        wanted = relative.with_suffix(".json")
        target = next(c for c in _output_names(relative) if str(c).casefold() not in taken)
        taken.add(str(target).casefold())
        if target != wanted:
            warnings.append((source, f"output name {path_text(wanted)} is taken; writing {path_text(target)}"))
        destination = out / target
        # defence in depth: never write outside OUT, even through a link already in OUT's tree.
        # Folders are checked (once each); a link in the file's own place is replaced, not followed.
        folder = destination.parent
        if folder not in inside:
            inside[folder] = folder.resolve().is_relative_to(root)
        if not inside[folder]:
            problems.append((source, f"its output {path_text(destination)} would leave {path_text(out)} (a link in it); not converted"))
            continue
        jobs.append(Job(source, destination))
    return jobs, warnings, problems


def _output_names(relative: Path) -> Iterator[Path]:
    """x.txt → x.json, else x.txt.json, else x.txt.2.json, x.txt.3.json …"""
    yield relative.with_suffix(".json")
    yield relative.with_name(relative.name + ".json")
    yield from (relative.with_name(f"{relative.name}.{n}.json") for n in count(2))
