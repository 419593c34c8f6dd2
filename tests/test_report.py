"""The comparison tables, figures and the self-contained HTML report (also checked in headless Chromium)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pandas as pd
import pytest

import framing
from framing.report.build import build_report, comparison_figures, run_comparison, write_outputs


@pytest.fixture(scope="module")
def demo(demo_corpus_path):
    corpus = framing.load_corpus(demo_corpus_path)
    features = framing.analyze(corpus, actors=demo_corpus_path / "actors.yml")
    return corpus, features


@pytest.fixture(scope="module")
def comparison(demo):
    corpus, features = demo
    return run_comparison(features, corpus=corpus, n_boot=300)


def test_run_comparison_tables(comparison):
    assert comparison.freq == "M"  # seven months of coverage
    tone = comparison.compare.query("feature == 'tone_mean'").set_index("outlet")
    assert tone["n"].tolist() == [16, 16, 16, 16]
    assert (tone["ci_low"] <= tone["mean"]).all() and (tone["mean"] <= tone["ci_high"]).all()
    assert set(comparison.over_time["feature"]) == {"tone_mean", "loaded_total_per1k"}
    top = comparison.phrases.query("outlet == 'Herald'").iloc[0]
    assert top["category"] == "puffery"
    assert set(comparison.sentences["outlet"]) == {"Meridian", "Clarion", "Ledger", "Herald"}


def test_figures_and_outputs(comparison, tmp_path):
    figures = comparison_figures(comparison)
    assert len(figures) >= 8
    assert {"tone_by_outlet", "frame_profile", "loaded_by_category", "actor_tone", "distinctive_terms"} <= set(figures)
    written = write_outputs(comparison, figures, tmp_path)
    assert {p.name for p in (tmp_path / "figures").iterdir()} >= {"tone_by_outlet.png", "tone_by_outlet.svg"}
    compare_csv = pd.read_csv(tmp_path / "tables" / "compare.csv")
    assert list(compare_csv.columns[:4]) == ["outlet", "feature", "n", "mean"]
    assert (tmp_path / "tables" / "summary.txt").read_text().startswith("Clearest differences")
    assert len(written) == 2 * len(figures) + len(comparison.tables()) + 1


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.scripts, self.handlers = [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag == "script":
            self.scripts += 1
        self.handlers += [name for name in attrs if name.startswith("on")]


def test_report_is_self_contained_and_escapes_corpus_strings(tmp_path):
    hostile = pd.DataFrame({
        "outlet": ["<script>alert(1)</script>", "<script>alert(1)</script>", '"><img src=x onerror=alert(2)>',
                   '"><img src=x onerror=alert(2)>'],
        "date": pd.to_datetime(["2025-01-01", "2025-01-08", "2025-01-02", "2025-01-09"]),
        "title": ["<b>t</b>"] * 4,
        "text": ["A calm and useful meeting. It went well.", "A good day for all.",
                 "The so-called reform is a catastrophic disaster.", "A terrible, horrible week."],
    }, index=pd.Index(["a", "b", "c", "d"], name="doc_id"))
    path = build_report(hostile, tmp_path / "report.html", n_boot=100)
    page = path.read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(page)
    assert parsed.scripts == 0 and parsed.handlers == []
    assert parsed.images and all(src.startswith("data:image/png;base64,") for src in parsed.images)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", page)  # nothing fetched from outside
    with pytest.raises(framing.FramingError, match="already exists"):
        build_report(hostile, path)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


_PROBE = """<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message)));
const original = console.error; console.error = (...a) => { window.__errors.push(a.join(' ')); original(...a); };
window.addEventListener('load', () => {
  const broken = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).length;
  document.documentElement.setAttribute('data-probe',
    JSON.stringify({images: document.images.length, broken: broken, errors: window.__errors}));
});
</script>"""


def test_report_renders_in_headless_chromium(demo_corpus_path, tmp_path):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is missing; .ci/run installs it")
        pytest.skip("chromium not installed (apt-get install chromium)")
    report = build_report(demo_corpus_path, tmp_path / "report.html", actors=demo_corpus_path / "actors.yml",
                          n_boot=200)
    probe = tmp_path / "probe.html"  # a copy with a probe script; the report itself has no scripts
    probe.write_text(report.read_text(encoding="utf-8").replace("<head>", "<head>" + _PROBE, 1), encoding="utf-8")
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000"]
    dom = subprocess.run([*flags, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120)
    match = re.search(r"data-probe=\"([^\"]*)\"", dom.stdout)
    assert match, dom.stderr[-2000:]
    result = json.loads(html.unescape(match.group(1)))
    assert result["errors"] == []
    assert result["images"] >= 8 and result["broken"] == 0
    shot = tmp_path / "report.png"
    subprocess.run([*flags, "--window-size=1200,3000", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
