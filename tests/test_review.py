"""The review page (--html): rendered from the document and its text, checked as HTML, and in a
real browser (headless Chromium) that loads the samples' pages: every figure of the JSON
highlighted exactly once with its text and record, every report outlined.

`UPDATE_SCREENSHOT=1 python -m pytest tests/test_review.py -k screenshot` writes the README's
screenshot of the seed's page, docs/review-seed.png.
"""

import json
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import bulletin_parse
from bulletin_parse import review
from bulletin_parse.pipeline import parse_source, read_source
from in_process import invoke
from paths import ROOT, SAMPLES, SEED

SAMPLE_NAMES = sorted(path.name for path in SAMPLES.glob("*.txt"))
PUBLISHED = ROOT / "tests" / "fixtures" / "published"
CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)
HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars"]  # as root it needs --no-sandbox
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (Debian: apt-get install chromium); .ci/run installs it")


def page_of(path):
    text, source, warnings = read_source(path)
    document = parse_source(text, source, warnings)
    return document, text, review.render_page(document, text)


def record(document):
    """The document as its JSON says it, numbers as exact decimals."""
    return json.loads(document.model_dump_json(), parse_float=Decimal)


def normalised(text):
    """Text as an HTML parser reads it back from serialised markup: CR LF and CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def shown_number(value):
    return "" if value is None else format(Decimal(str(value)), "f")


def check_page(dom, data, exact_text=True):
    """Every figure of `data` (the JSON) highlighted exactly once, with its text and its record;
    inside the outline of its report; every report outlined once, with its title."""
    marks = dom.css("mark.figure")
    assert len(marks) == len(data["figures"])
    by_number = {}
    for mark in marks:
        by_number.setdefault(mark.attributes["data-figure"], []).append(mark)
    for number, figure in enumerate(data["figures"], 1):
        found = by_number.get(str(number), [])
        assert len(found) == 1, (number, figure["text"], len(found))
        mark = found[0]
        shown = mark.text(deep=True, separator="", strip=False)
        assert shown == (figure["text"] if exact_text else normalised(figure["text"])), (number, shown, figure["text"])
        attributes = mark.attributes
        assert attributes["data-value"] == shown_number(figure["value"])
        assert (attributes["data-low"], attributes["data-high"]) == (shown_number(figure["low"]), shown_number(figure["high"]))
        assert attributes["data-kind"] == figure["kind"]
        assert attributes["data-unit"] == (figure["unit"] or "")
        assert attributes["data-subject"] == (figure["subject"] or "")
        assert attributes["data-approx"] == (figure["approx"] or "")
        assert attributes["data-line"] == str(figure["line"])
        holder = mark.parent
        while holder is not None and not (holder.tag == "section" and "report" in (holder.attributes.get("class") or "").split()):
            holder = holder.parent
        held_by = None if holder is None else int(holder.attributes["data-report"])
        assert held_by == figure["report"], (number, figure["text"])
    rows = dom.css("table.figures tbody tr[data-figure]")
    assert sorted(int(row.attributes["data-figure"]) for row in rows) == list(range(1, len(data["figures"]) + 1))
    outlines = [node for node in dom.css("section.report") if "cont" not in node.attributes["class"].split()]
    assert [int(node.attributes["data-report"]) for node in outlines] == [report["index"] for report in data["reports"]]
    for node, report in zip(outlines, data["reports"], strict=True):
        head = node.css_first("header.report-head")
        assert head.css_first("h2").text() == (report["title"] or "(no title)")
        if report["region"]:
            assert head.css_first(".region").text() == report["region"]
        if report["byline"]:
            assert head.css_first(".by").text().startswith(report["byline"]["raw"])
        assert node.attributes["id"] == f"report-{report['index']}"
        assert len(node.css("table.figures tbody tr")) == sum(figure["report"] == report["index"] for figure in data["figures"])


# the page as HTML -----------------------------------------------------------------------------


PUBLISHED_NAMES = ["a1-page.html", "b1-two-column.pdf", "hangzhou-a5.pdf", "special-report.docx", "special-report.pdf"]


@pytest.mark.parametrize("name", SAMPLE_NAMES + PUBLISHED_NAMES)
def test_every_figure_is_marked_once_and_every_report_outlined(name):
    document, _, page = page_of(SAMPLES / name if name in SAMPLE_NAMES else PUBLISHED / name)
    dom = LexborHTMLParser(page)
    check_page(dom, record(document), exact_text=True)


@pytest.mark.parametrize("name", SAMPLE_NAMES + PUBLISHED_NAMES)
def test_the_page_holds_the_source_text_with_its_line_numbers(name):
    _, text, page = page_of(SAMPLES / name if name in SAMPLE_NAMES else PUBLISHED / name)
    source = LexborHTMLParser(page).css_first("main.source")
    for decoration in source.css("header.report-head, aside"):
        decoration.decompose()
    assert source.text(deep=True, separator="", strip=False) == text  # every character, in order, once
    numbers = [int(node.attributes["data-n"]) for node in source.css("span.ln")]
    assert numbers == list(range(1, text.count("\n") + 1 + (not text.endswith("\n"))))


def test_tokens_cut_the_text_without_losing_a_character():
    document, text, _ = page_of(SAMPLES / "special-report.txt")
    tokens = review.tokens(text, review.marks(document, text, review.figure_rows(document)))
    assert "".join(token.text for token in tokens) == text
    depth = 0
    for token in tokens:
        depth += (token.kind == "open") - (token.kind == "close")
        assert depth >= 0
    assert depth == 0


def test_everything_from_the_source_is_escaped():
    text = (
        "<script>alert(1)</script>市：“<b>加强</b>”监督&amp;\n"
        '<img src=x onerror=alert(2)>区人大常委会开展监督，收集意见"30"条，增长5%。\n'
        "一是<i>强化</i>措施。完成项目12个。\n"
        '（"><script>alert(3)</script>办公室）\n'
    )
    document = bulletin_parse.parse(text, path='<b>"x".txt')
    page = review.render_page(document, text)
    dom = LexborHTMLParser(page)
    assert len(dom.css("script")) == 1  # the page's own
    source = dom.css_first("main.source")
    assert not dom.css("img") and not source.css("b") and not source.css("i")
    assert dom.css_first("h1").text() == '<b>"x".txt'
    for decoration in source.css("header.report-head, aside"):
        decoration.decompose()
    assert source.text(deep=True, separator="", strip=False) == text
    check_page(LexborHTMLParser(page), record(document))


def test_carriage_returns_and_lone_surrogates_keep_every_span():
    text = "城区：监督\r\n城区人大常委会收集意见30条，\r增长5%。\r\n多了\ud800一个\n"
    document = bulletin_parse.parse(text)
    page = review.render_page(document, text)
    assert "&#13;" in page and "\r" not in page  # a raw CR would be read back as a newline
    page.encode("utf-8")  # no lone surrogate left
    dom = LexborHTMLParser(page)
    source = dom.css_first("main.source")
    for decoration in source.css("header.report-head, aside"):
        decoration.decompose()
    assert source.text(deep=True, separator="", strip=False) == text.replace("\ud800", "\ufffd")
    check_page(LexborHTMLParser(page), record(document))


def test_crossing_ranges_are_cut_to_nest_and_a_figure_is_never_cut():
    text = "0123456789abcdefghij"
    row = review.FigureRow(1, None, "", "", "", "")  # only its place matters here
    found = [review.Mark(0, 10, "report"), review.Mark(2, 14, "point"), review.Mark(5, 8, "figure", row), review.Mark(6, 12, "inline")]
    found = review._around_figures(found[:2] + found[3:], [found[2]])
    inline = next(mark for mark in found if mark.kind == "inline")
    assert (inline.start, inline.end) == (5, 12)  # its start moved out of the figure
    nested = review.nest(found)
    spans = [(mark.kind, mark.start, mark.end, mark.part) for mark in nested]
    assert ("figure", 5, 8, 1) in spans
    assert ("point", 2, 10, 1) in spans and ("point", 10, 14, 2) in spans
    assert ("inline", 5, 10, 1) in spans and ("inline", 10, 12, 2) in spans
    tokens = review.tokens(text, found)
    assert "".join(token.text for token in tokens) == text
    stack = []
    for token in tokens:  # every close closes the innermost open element
        if token.kind == "open":
            stack.append(token.mark)
        elif token.kind == "close":
            assert stack.pop() is token.mark
    assert not stack


def test_the_page_loads_nothing_from_the_network():
    _, _, page = page_of(SEED)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page


def test_index_lists_every_bulletin():
    rows = [
        review.IndexRow(
            "a/<x>.txt", page="a/%3Cx%3E.html", json="a/%3Cx%3E.json", masthead="人大信息 第3期", reports=2, figures=5, warnings=1
        ),
        review.IndexRow("b.txt", error="is empty"),
    ]
    dom = LexborHTMLParser(review.render_index(rows))
    body = dom.css("tbody tr")
    assert len(body) == 2 and "failed" in body[1].attributes["class"]
    assert body[0].css_first("a").attributes["href"] == "a/%3Cx%3E.html" and body[0].css_first("a").text() == "a/<x>.txt"
    assert review.link(Path("/out/g/\udcbc.html"), Path("/out")) == "g/%BC.html"  # a name that is not UTF-8


# the command ----------------------------------------------------------------------------------


def test_html_option_writes_the_page_and_still_prints_the_json(tmp_path):
    page = tmp_path / "page.html"
    result = invoke(SEED, "--html", page)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reports"]
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    to_stdout = invoke(SEED, "--html", "-")
    assert to_stdout.returncode == 0 and to_stdout.stdout.decode() == page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["--html"],
        ["--html", "--view"],
        ["--html", "-", "--view"],
        ["--jsonl", "--html"],
        ["-o", "OUT", "--html", "x.html"],
        ["--figures-csv", "f.csv", "--html"],
    ],
)
def test_html_bad_usage_exits_2(tmp_path, args):
    args = [str(tmp_path / arg) if arg in ("OUT", "f.csv") else arg for arg in args]
    result = invoke(SAMPLES, *args) if "-o" in args or "--jsonl" in args or "--figures-csv" in args else invoke(SEED, *args)
    assert result.returncode == 2, result.stderr
    assert b"Traceback" not in result.stderr


def test_the_page_never_replaces_its_input(tmp_path):
    page = tmp_path / "a1-page.html"
    shutil.copy(PUBLISHED / "a1-page.html", page)
    assert invoke(page, "--html", page).returncode == 2
    assert page.read_bytes() == (PUBLISHED / "a1-page.html").read_bytes()


def test_an_unwritable_page_is_one_line(tmp_path):
    (tmp_path / "file").write_text("")
    result = invoke(SEED, "--html", tmp_path / "file" / "page.html")  # a file where a folder must be
    assert result.returncode == 1
    message = result.stderr.decode()
    assert message.startswith("bulletin-parse: error: ") and "page.html" in message and message.count("\n") == 1


def test_batch_writes_a_page_beside_each_json_and_an_index(tmp_path):
    out = tmp_path / "out"
    (tmp_path / "in").mkdir()
    for name in ("special-report.txt", "pdf-pages.txt"):
        shutil.copy(SAMPLES / name, tmp_path / "in" / name)
    shutil.copy(SAMPLES / "web-copy-crlf.txt", tmp_path / "in" / "index.txt")  # its page must not be the index
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = invoke(tmp_path / "in", "-o", out, "--html")
    assert result.returncode == 1  # empty.txt fails; the others convert
    assert b"index.txt.json" in result.stderr
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "index.html",
        "index.txt.html",
        "index.txt.json",
        "pdf-pages.html",
        "pdf-pages.json",
        "special-report.html",
        "special-report.json",
    ]
    index = LexborHTMLParser((out / "index.html").read_text(encoding="utf-8"))
    rows = index.css("tbody tr")
    assert len(rows) == 4
    failed = [row for row in rows if "failed" in (row.attributes.get("class") or "")]
    assert len(failed) == 1 and "empty.txt" in failed[0].text()
    for row in rows:
        for anchor in row.css("a"):
            assert (out / anchor.attributes["href"]).is_file()
    special = next(row for row in rows if "special-report" in row.text())
    cells = [cell.text() for cell in special.css("td")]
    assert cells[1] == "人大信息 第3期 （总第156期） 2024-03-15" and cells[2:5] == ["4", "18", "0"]
    for name in ("special-report", "pdf-pages", "index.txt"):
        document = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        check_page(LexborHTMLParser((out / f"{name}.html").read_text(encoding="utf-8")), document)
    # resumed: the JSON is up to date, a missing page is written again
    (out / "pdf-pages.html").unlink()
    again = invoke(tmp_path / "in", "-o", out, "--html")
    assert b"0 converted, 3 skipped" in again.stderr
    assert (out / "pdf-pages.html").is_file() and (out / "index.html").is_file()


# in a real browser ----------------------------------------------------------------------------


def chromium(*args, timeout=120):
    """Headless Chromium (as root it needs --no-sandbox), with a profile of its own for each run."""
    import tempfile

    with tempfile.TemporaryDirectory() as profile:
        command = [CHROMIUM, *HEADLESS, f"--user-data-dir={profile}", *args]
        return subprocess.run(command, capture_output=True, timeout=timeout, check=False)


def rendered_pages(tmp_path):
    """The review pages of all samples, written by the command as a user makes them."""
    out = tmp_path / "out"
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = invoke("samples", "-o", out, "--html")  # paths as the README gives them
    finally:
        os.chdir(here)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def sample_pages(tmp_path_factory):
    return rendered_pages(tmp_path_factory.mktemp("pages"))


@needs_chromium
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_browser_shows_every_figure_once_and_outlines_every_report(sample_pages, name):
    stem = name.removesuffix(".txt")
    result = chromium("--virtual-time-budget=3000", "--dump-dom", (sample_pages / f"{stem}.html").as_uri())
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    dom = LexborHTMLParser(result.stdout.decode("utf-8"))
    assert dom.css_first("html").attributes.get("data-ready") == "1"  # its script ran, without an error
    data = json.loads((sample_pages / f"{stem}.json").read_text(encoding="utf-8"))
    check_page(dom, data, exact_text=False)  # the dump writes a CR raw, and reading it back makes it LF


@needs_chromium
def test_browser_index_links_every_page(sample_pages):
    result = chromium("--dump-dom", (sample_pages / "index.html").as_uri())
    dom = LexborHTMLParser(result.stdout.decode("utf-8"))
    links = [anchor.attributes["href"] for anchor in dom.css("tbody a") if anchor.text() != "JSON"]
    assert sorted(links) == sorted(f"{name.removesuffix('.txt')}.html" for name in SAMPLE_NAMES)


@needs_chromium
def test_screenshot_of_the_seed(tmp_path, sample_pages):
    """The README's picture: the seed's page as Chromium draws it, the mouse on a figure."""
    import base64

    shot = tmp_path / "review-seed.png"
    with DevTools() as browser:
        browser.open((sample_pages / "hangzhou-bulletin.html").as_uri())
        browser.send("Emulation.setDeviceMetricsOverride", width=1400, height=1300, deviceScaleFactor=1, mobile=False)
        x, y = browser.evaluate("""(async () => { for (let i = 0; i < 3; i++) await new Promise(r => requestAnimationFrame(r));
            const r = document.getElementById('fig-1').getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; })()""")
        browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        assert browser.evaluate("document.getElementById('tip').hidden") is False
        shot.write_bytes(base64.b64decode(browser.send("Page.captureScreenshot", format="png")["data"]))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("UPDATE_SCREENSHOT"):
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(shot, ROOT / "docs" / "review-seed.png")


@needs_chromium
def test_browser_hover_shows_the_record_and_a_click_sorts(sample_pages):
    """Driven as a person would (mouse moves and clicks, through the DevTools protocol): a
    figure's record appears on hover, and a table sorts by the column clicked."""
    with DevTools() as browser:
        browser.open((sample_pages / "special-report.html").as_uri())
        x, y = browser.centre_of("""document.querySelector('mark.figure[data-subject="意见建议"]')""")
        browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        tip = browser.evaluate("(() => { const t = document.getElementById('tip'); return [t.hidden, t.textContent]; })()")
        assert tip[0] is False
        assert "140余条" in tip[1] and "more_than" in tip[1] and "140–150" in tip[1] and "意见建议" in tip[1] and "count" in tip[1]
        column = """(() => Array.from(document.querySelectorAll('#report-1 table.figures tbody tr'), r => r.cells[2].getAttribute('data-sort') ?? r.cells[2].textContent))()"""
        before = [float(v) if v not in ("", "—") else None for v in browser.evaluate(column)]
        x, y = browser.centre_of("document.querySelectorAll('#report-1 table.figures thead th')[2]")
        for kind in ("mousePressed", "mouseReleased"):
            browser.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
        after = [float(v) if v not in ("", "—") else None for v in browser.evaluate(column)]
        numbers = sorted(v for v in before if v is not None)
        assert after == numbers + [None] * (len(before) - len(numbers))  # ascending, empty cells last
        for kind in ("mousePressed", "mouseReleased"):
            browser.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
        assert [v for v in (float(v) if v not in ("", "—") else None for v in browser.evaluate(column)) if v is not None] == numbers[::-1]
        # every figure's text in the page is the source's exactly, carriage returns included
        texts = browser.evaluate("Array.from(document.querySelectorAll('mark.figure'), m => m.textContent)")
        document = bulletin_parse.parse_file(SAMPLES / "special-report.txt")
        assert texts == [figure.text for figure in document.figures]


class DevTools:
    """Chromium driven through its DevTools protocol over a pipe (--remote-debugging-pipe: commands
    in on descriptor 3, answers out on 4, each JSON message ended by a NUL)."""

    def __init__(self):
        import tempfile

        self.profile = tempfile.TemporaryDirectory()
        self.number = 0
        self.session = None
        self.buffer = b""

    def __enter__(self):
        import fcntl

        commands_read, self.commands = os.pipe()
        self.answers, answers_write = os.pipe()
        # moved above 4 first, so that putting them on 3 and 4 cannot overwrite one another
        moved = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands_read, answers_write)]
        os.close(commands_read)
        os.close(answers_write)
        commands_read, answers_write = moved

        def on_3_and_4():
            os.dup2(commands_read, 3)
            os.dup2(answers_write, 4)

        self.process = subprocess.Popen(
            [
                CHROMIUM,
                *HEADLESS,
                "--window-size=1300,900",
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=on_3_and_4,
            pass_fds=(3, 4),
        )  # noqa: PLW1509 (the tests start no threads)
        os.close(commands_read)
        os.close(answers_write)
        return self

    def __exit__(self, *exc):
        try:
            self.send("Browser.close", session=False)
        except (OSError, RuntimeError):  # already gone: it is waited for below
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.answers)
        self.profile.cleanup()

    def send(self, method, session=True, **params):
        import select
        import time

        self.number += 1
        message = {"id": self.number, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                answer = json.loads(raw)
                if answer.get("id") == self.number:
                    if "error" in answer:
                        raise RuntimeError(f"{method}: {answer['error']}")
                    return answer.get("result", {})
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.answers], [], [], remaining)[0]:
                raise TimeoutError(f"no answer to {method}")
            chunk = os.read(self.answers, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk

    def open(self, url):
        import time

        target = self.send("Target.createTarget", session=False, url=url)["targetId"]
        self.session = self.send("Target.attachToTarget", session=False, targetId=target, flatten=True)["sessionId"]
        deadline = time.monotonic() + 30
        while not self.evaluate("document.readyState === 'complete' && document.documentElement.dataset.ready === '1'"):
            assert time.monotonic() < deadline, "the page did not finish loading"
            time.sleep(0.1)

    def centre_of(self, element):
        """Where a person points at `element` (a JS expression): scrolled into view, and once the
        scroll is drawn (input is aimed at what is on the screen), the middle of its first box (a
        figure wrapped over two lines has two)."""
        return self.evaluate(f"""(async () => {{ const e = {element}; e.scrollIntoView({{block: 'center'}});
            for (let i = 0; i < 3; i++) await new Promise(r => requestAnimationFrame(r));
            const r = e.getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")
