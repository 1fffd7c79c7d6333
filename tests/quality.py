"""Score a parse against a hand-checked expected file (tests/expected/*.json): the share of
structure checks that hold, and figure precision/recall/attribute accuracy. The quality gate
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
    for want, report in zip(expected["reports"], document.reports):
        byline = report.byline
        checks += [
            squeeze(report.title) == squeeze(want["title"]),
            report.region == want["region"],
            (byline.organization if byline else None) == want["byline_org"],
            (byline.authors if byline else []) == want["authors"],
            squeeze(report.lead).startswith(squeeze(want["lead_prefix"])),
            [squeeze(p.heading) for p in report.points] == [squeeze(h) for h in want["headings"]],
        ]
    return sum(checks) / len(checks)


def figure_scores(expected, document):
    """Precision, recall and per-field accuracy; a figure matches on its line and surface."""
    found = {(f.line, squeeze(f.text)): f for f in document.figures}
    optional = {(f["line"], squeeze(f["text"])) for f in expected["figures"] if f.get("optional")}
    wanted = [f for f in expected["figures"] if not f.get("optional")]
    matched = [(want, found[(want["line"], squeeze(want["text"]))]) for want in wanted if (want["line"], squeeze(want["text"])) in found]
    spurious = [key for key in found if key not in optional and key not in {(w["line"], squeeze(w["text"])) for w in wanted}]
    fields = {}
    for name in ("value", "low", "high", "approx", "unit", "kind", "iso"):
        agree = [_same(want.get(name), getattr(got, name)) for want, got in matched if name in want or name != "iso"]
        fields[name] = sum(agree) / len(agree) if agree else 1.0
    with_subject = [(want, got) for want, got in matched if want.get("subject")]
    fields["subject"] = (
        sum(bool(got.subject) and (squeeze(want["subject"]) in squeeze(got.subject) or squeeze(got.subject) in squeeze(want["subject"])) for want, got in with_subject)
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
