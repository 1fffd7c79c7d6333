"""Score a parse against a hand-checked expected file (tests/expected/*.json for the samples,
tests/bulletins/*.gold.json for the bulletins written as a held-out set, in the format of the
project's shared gold files): the share of structure checks that hold, and figure
precision/recall/attribute accuracy. The quality gate
pins floors for these numbers so that no change lowers them silently."""

from decimal import Decimal

import regex

WHITESPACE = regex.compile(r"\s+")


def squeeze(text):
    return WHITESPACE.sub("", text or "")


def structure_accuracy(expected, document):
    checks = []
    masthead = document.masthead
    for field, value in expected["masthead"].items():
        checks.append(getattr(masthead, field) == value)
    distribution = squeeze("".join(document.distribution))
    checks += [squeeze(item) in distribution for item in expected["distribution_contains"]]
    checks.append(len(document.reports) == len(expected["reports"]))
    for want, report in zip(expected["reports"], document.reports, strict=False):  # a count that differs is scored above
        byline = report.byline
        checks += [
            squeeze(report.title) == squeeze(want["title"]),
            report.region in want["region_any"] if "region_any" in want else report.region == want["region"],
            (byline.organization if byline else None) == want["byline_org"],
            [squeeze(a) for a in (byline.authors if byline else [])] == [squeeze(a) for a in want["authors"]],
            squeeze(report.lead).startswith(squeeze(want["lead_prefix"])),
        ]
        if "headings" in want:  # absent: the report's enumerations are inline, its points not scored
            checks.append([squeeze(p.heading) for p in report.points] == [squeeze(h) for h in want["headings"]])
        if "sections" in want:  # outline headings, marker included: 一、… (level 1) and （一）… (level 2)
            for level, wanted in (
                (1, [s["heading"] for s in want["sections"]]),
                (2, [h for s in want["sections"] for h in s.get("subsections", [])]),
            ):
                got = [squeeze(s.marker + s.heading) for s in report.sections if s.level == level]
                if wanted or level == 1:
                    checks.append(got == [squeeze(h) for h in wanted])
        if "inline_points" in want:
            checks.append(len(report.inline_points) == want["inline_points"])
    return sum(checks) / len(checks)


def figure_scores(expected, document):
    """Precision, recall and per-field accuracy; a figure matches on its line and surface.
    Structure-only gold (no `figures`) scores 1.0 throughout."""
    if "figures" not in expected:
        return dict.fromkeys(("precision", "recall", "value", "low", "high", "approx", "unit", "kind", "iso", "subject"), 1.0) | {
            "missed": [],
            "spurious": [],
        }
    found = {(f.line, squeeze(f.text)): f for f in document.figures}
    optional = {(f["line"], squeeze(f["text"])) for f in expected["figures"] if f.get("optional")}
    wanted = [f for f in expected["figures"] if not f.get("optional")]
    matched = [(want, found[(want["line"], squeeze(want["text"]))]) for want in wanted if (want["line"], squeeze(want["text"])) in found]
    required = {(w["line"], squeeze(w["text"])) for w in wanted}
    # a figure overlapping an optional one (超过七成 around 七成) is neither required nor spurious
    spurious = [
        key
        for key in found
        if key not in required and not any(line == key[0] and (text in key[1] or key[1] in text) for line, text in optional)
    ]
    fields = {}
    for name in ("value", "low", "high", "approx", "unit", "kind", "iso"):
        agree = [_same(want.get(name), getattr(got, name)) for want, got in matched if name in want or name != "iso"]
        fields[name] = sum(agree) / len(agree) if agree else 1.0
    with_subject = [(want, got) for want, got in matched if want.get("subject")]
    fields["subject"] = (
        sum(
            bool(got.subject) and (squeeze(want["subject"]) in squeeze(got.subject) or squeeze(got.subject) in squeeze(want["subject"]))
            for want, got in with_subject
        )
        / len(with_subject)
        if with_subject
        else 1.0
    )
    return {
        "precision": len(matched) / max(1, len(matched) + len(spurious)),
        "recall": len(matched) / max(1, len(wanted)),
        **fields,
        "missed": [w["text"] for w in wanted if (w["line"], squeeze(w["text"])) not in found],
        "spurious": spurious,
    }


def _same(want, got):
    if isinstance(want, (int, float)) and got is not None:
        return Decimal(str(want)) == got
    return want == got
