"""Safe by construction: YAML read with the safe loader, no pickle for anything a user may receive, corpus
text HTML-escaped in explanations, reports and notebook exports, no network access, and metadata never
turned into output paths."""

from __future__ import annotations

import ast
import json
import os
import pickle
import socket
import uuid
import warnings
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.classify.model import FrameClassifier
from framing.cli import main
from framing.errors import InputError, LexiconError
from framing.features.explain import explain
from framing.features.actors import load_actors
from framing.text.lexicons import check_lexicon, load_lexicon
from framing.report.build import build_report
from framing.features.vader import load_valence_overrides

PACKAGE = Path(framing.__file__).resolve().parent
DEMO = PACKAGE.parent / "corpora" / "demo"


@lru_cache(maxsize=1)
def _package_modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
            for path in sorted(PACKAGE.rglob("*.py"))]


def _dotted(node: ast.AST) -> str:
    """``yaml.load`` for an Attribute chain, ``load`` for a Name, "" otherwise."""
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    return node.id if isinstance(node, ast.Name) else ""


# ---------------------------------------------------------------------------------------------------------
# YAML


UNSAFE_YAML_CALLS = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "yaml.SafeLoader", "yaml.CSafeLoader"}


def test_the_package_reads_yaml_only_with_the_safe_loader():
    found = []
    for path, tree in _package_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "yaml":
                found += [f"{path.name}: from yaml import {a.name}" for a in node.names
                          if a.name in UNSAFE_YAML_CALLS or a.name in {"Loader", "UnsafeLoader", "FullLoader"}]
            if not isinstance(node, ast.Call):
                continue
            name = _dotted(node.func)
            if name.startswith("yaml.") and name.split(".", 1)[1] in UNSAFE_YAML_CALLS:
                found.append(f"{path.name}:{node.lineno}: {name}(")
            for keyword in node.keywords:
                if keyword.arg == "Loader" and _dotted(keyword.value) not in SAFE_LOADERS:
                    found.append(f"{path.name}:{node.lineno}: Loader={_dotted(keyword.value)}")
    assert found == []
    # the scan does see the calls the package makes
    calls = {_dotted(node.func) for _, tree in _package_modules() for node in ast.walk(tree)
             if isinstance(node, ast.Call)}
    assert {"yaml.safe_load", "yaml.compose"} <= calls


def _payload(marker: Path) -> str:
    return f'!!python/object/apply:os.system ["touch {marker}"]'


TAGGED_FILES = [
    # (loader, file name, content with {payload}, line of the tag)
    ("lexicon", "entry.yml",
     'name: evil\nversion: "1"\ncategories:\n  doubt:\n    entries:\n      - alleged\n      - {payload}\n', 7),
    ("lexicon", "description.yml",
     'name: evil\nversion: "1"\ndescription: {payload}\ncategories:\n  doubt:\n    entries: [alleged]\n', 3),
    ("actors", "actors.yml", "Marov: [Marov]\nVess: {payload}\n", 2),
    ("valences", "valences.yml", "valences:\n  calm: 1.5\n  dull: {payload}\n", 3),
    ("valences", "metadata.yml", "name: {payload}\nvalences:\n  calm: 1.5\n", 1),
]
LOADERS = {"lexicon": load_lexicon, "actors": load_actors, "valences": load_valence_overrides}


@pytest.mark.parametrize(("kind", "name", "content", "line"), TAGGED_FILES, ids=[c[1] for c in TAGGED_FILES])
def test_python_tags_in_yaml_are_refused_and_never_run(tmp_path, kind, name, content, line):
    marker = tmp_path / "pwned"
    path = tmp_path / name
    path.write_text(content.replace("{payload}", _payload(marker)), encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        LOADERS[kind](path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ")
    assert "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'" in message
    if kind == "lexicon":
        assert check_lexicon(path) == [message]
    assert not marker.exists()


def test_the_cli_refuses_a_tagged_actors_file_in_one_line(tmp_path, capsys):
    marker = tmp_path / "pwned"
    (tmp_path / "actors.yml").write_text(f"Marov: {_payload(marker)}\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Marov spoke.", encoding="utf-8")
    code = main(["explain", str(tmp_path / "doc.txt"), "--actors", str(tmp_path / "actors.yml")])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err.startswith(f"framing: error: {tmp_path / 'actors.yml'}:1: not valid YAML: could not "
                                   "determine a constructor")
    assert captured.err.count("\n") == 1
    assert not marker.exists()


# ---------------------------------------------------------------------------------------------------------
# pickle and friends


UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "joblib", "shelve", "marshal", "dill", "cloudpickle"}


def test_the_package_imports_no_pickle_like_module():
    found = []
    for path, tree in _package_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [f"{path.name}: import {a.name}" for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
                found.append(f"{path.name}: from {node.module} import ...")
            elif isinstance(node, ast.Call):
                name = _dotted(node.func)
                if name.endswith(("read_pickle", "to_pickle", "torch.load")):
                    found.append(f"{path.name}:{node.lineno}: {name}(")
                if any(k.arg == "allow_pickle" for k in node.keywords):
                    found.append(f"{path.name}:{node.lineno}: {name}(allow_pickle=...)")
                if (name in {"__import__", "importlib.import_module", "import_module"} and node.args
                        and isinstance(node.args[0], ast.Constant)
                        and str(node.args[0].value).split(".")[0] in UNSAFE_MODULES):
                    found.append(f"{path.name}:{node.lineno}: {name}({node.args[0].value!r})")
    assert found == []


@pytest.fixture(scope="module")
def saved_classifier(tmp_path_factory) -> Path:
    texts = ["Rivals clashed in a bitter feud.", "Prices rose and costs soared.", "The feud between rivals grew.",
             "Costs and prices climbed again."]
    model = FrameClassifier(use_dictionary=False, char_ngram_range=None).fit(texts, ["c", "e", "c", "e"])
    return model.save(tmp_path_factory.mktemp("model") / "frames.json")


def test_a_saved_classifier_is_json_not_pickle(saved_classifier):
    raw = saved_classifier.read_bytes()
    assert not raw.startswith(b"\x80")  # every pickle protocol >= 2 starts with PROTO
    document = json.loads(raw.decode("ascii"))
    assert document["format"] == "framing.FrameClassifier"
    assert set(document) == {"format", "version", "sha256", "payload"}


class _Exploit:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def test_a_pickle_posing_as_a_classifier_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "frames.json"
    path.write_bytes(pickle.dumps(_Exploit(marker)))
    with pytest.raises(InputError, match=r"frames\.json: not a framing classifier file \(not JSON"):
        FrameClassifier.load(path)
    assert not marker.exists()


# ---------------------------------------------------------------------------------------------------------
# HTML escaping


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = "\"'><svg onload=alert(1)>"
PAYLOADS = [SCRIPT, IMG, BREAKOUT]


class _Page(HTMLParser):
    """Every element with its attributes, and the text a browser would show."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def _assert_inert(page: str, *, allowed_tags: set[str], shown: list[str]) -> _Page:
    """No element or attribute came from the payloads, and each payload is shown as text."""
    parsed = _Page(page)
    tags = {tag for tag, _ in parsed.elements}
    assert tags <= allowed_tags, tags - allowed_tags
    for tag, attributes in parsed.elements:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        if tag == "img":
            assert attributes["src"].startswith("data:image/png;base64,")
        if tag == "svg":
            raise AssertionError("an <svg> element: a payload broke out of its attribute")
    text = "".join(parsed.text)
    for payload in shown:
        assert payload in text, payload
    return parsed


EXPLAIN_TAGS = {"style", "div", "h3", "table", "tr", "td", "b", "br", "p", "span"}


def test_explanations_escape_text_title_and_actor_names():
    # Raw tags are markup and are dropped from the text; entity-escaped ones are text and must stay text.
    text = ("Marov said the plan was good. &lt;script&gt;alert(1)&lt;/script&gt; and "
            "&lt;img src=x onerror=alert(1)&gt; and &quot;'&gt;&lt;svg onload=alert(1)&gt; were shown. "
            f"Raw {SCRIPT} {IMG} {BREAKOUT} too. Critics slammed the so-called reform.")
    actors = {SCRIPT: ["Marov"], BREAKOUT: ["Critics"]}
    explanation = explain(text, title=IMG + BREAKOUT, actors=actors)
    page = explanation._repr_html_()
    assert page == explanation.to_html()
    parsed = _assert_inert(page, allowed_tags=EXPLAIN_TAGS, shown=[SCRIPT, IMG, BREAKOUT, IMG + BREAKOUT])
    assert parsed.scripts == []
    tips = " ".join(attributes.get("title", "") for _, attributes in parsed.elements)
    assert f"actor: {SCRIPT}" in tips and f"actor: {BREAKOUT}" in tips  # actor names, escaped in attributes


def _hostile_corpus(root: Path, outlets: list[str]) -> Path:
    """A .txt corpus whose outlet names, titles and texts are hostile, with a hostile actors.yml."""
    for number, outlet in enumerate(outlets):
        folder = root / f"F{number}"
        folder.mkdir(parents=True)
        for day in range(1, 4):
            (folder / f"{day}.txt").write_text(
                f"outlet: {outlet}\ndate: 2024-01-0{day}\ntitle: {PAYLOADS[day - 1]} headline\n\n"
                f"The plan was good, said Marov on day {day} ({number}). Critics slammed the so-called reform. "
                f"&lt;script&gt;alert({day})&lt;/script&gt; {PAYLOADS[number % 3]}\n", encoding="utf-8")
    (root / "actors.yml").write_text(json.dumps({SCRIPT: ["Marov"], "../../evil actor": ["Critics"]}),
                                     encoding="utf-8")
    return root


def _files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The demo's flow (features, comparison tables, figures, report; as run_demo without the notebook and
    with fewer bootstrap draws) on the hostile corpus, with a listing of the files before and after.

    The outlet names try to leave the output folder: '..', '../../x', an absolute path; all are also markup.
    """
    from framing.corpus.output import atomic_path, write_table
    from framing.report.build import comparison_figures, render_report, run_comparison, write_outputs
    from framing.report.tables import write_comparison

    base = tmp_path_factory.mktemp("hostile")
    escape = Path("/tmp") / f"framing-evil-{uuid.uuid4().hex}"
    outlets = [f"../../{SCRIPT}", f"{escape}{IMG}", f"..{BREAKOUT}", "/etc/framing-x", ".."]
    corpus_folder = _hostile_corpus(base / "corpus", outlets)
    out = base / "out"
    before = _files_under(base.parent)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = framing.load_corpus(corpus_folder)
        features = framing.analyze(corpus, actors=corpus_folder / "actors.yml", progress=False)
        write_table(features, out / "features.parquet")
        write_table(features, out / "features.csv")
        comparison = run_comparison(features, corpus=corpus, n_boot=200)
        figures = comparison_figures(comparison)
        write_outputs(comparison, figures, out)
        write_comparison(features, out / "compare", by="outlet", n_boot=200)
        with atomic_path(out / "report.html") as tmp:
            tmp.write_text(render_report(comparison, figures, source=str(corpus_folder)), encoding="utf-8")
    return {"base": base, "escape": escape, "outlets": outlets, "corpus": corpus, "before": before,
            "after": _files_under(base.parent)}


def test_outlet_names_never_become_output_paths(hostile_run):
    base = hostile_run["base"]
    created = hostile_run["after"] - hostile_run["before"]
    assert created and all(path.is_relative_to(base / "out") for path in created), sorted(
        path for path in created if not path.is_relative_to(base / "out"))
    assert not list(hostile_run["escape"].parent.glob(hostile_run["escape"].name + "*"))
    assert not Path("/etc/framing-x").exists()
    names = {path.name for path in created}
    assert {"report.html", "features.parquet", "features.csv", "compare.csv", "tone_by_outlet.png"} <= names
    assert not any(set("<>\"'") & set(name) for name in names)


REPORT_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "h5", "h6", "p", "code", "pre",
               "figure", "img", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "b", "div",
               "span", "br"}


def test_the_report_escapes_outlet_names(hostile_run):
    page = (hostile_run["base"] / "out" / "report.html").read_text(encoding="utf-8")
    parsed = _assert_inert(page, allowed_tags=REPORT_TAGS, shown=hostile_run["outlets"])
    assert parsed.scripts == []


def test_build_report_escapes_corpus_strings(tmp_path):
    rows = [{"doc_id": f"d{i}", "outlet": PAYLOADS[i % 3], "date": f"2024-02-{i + 1:02d}", "title": PAYLOADS[i % 3],
             "text": f"Day {i}: the plan was good, said Marov. Critics slammed it. &lt;script&gt;x({i})&lt;/script&gt;"}
            for i in range(9)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = build_report(pd.DataFrame(rows), tmp_path / "report.html", n_boot=100, progress=False,
                                           actors={BREAKOUT: ["Marov"]}, title=f"Report {SCRIPT}")
    page = path.read_text(encoding="utf-8")
    parsed = _assert_inert(page, allowed_tags=REPORT_TAGS, shown=PAYLOADS + [f"Report {SCRIPT}"])
    assert parsed.scripts == []


def test_notebook_html_exports_keep_corpus_text_escaped():
    import nbformat
    from nbconvert import HTMLExporter

    explanation = explain(f"&lt;script&gt;alert(1)&lt;/script&gt; was good. {BREAKOUT}", title=IMG)
    table = pd.DataFrame({"outlet": PAYLOADS, "tone_mean": [0.1, 0.2, 0.3]})
    cell = nbformat.v4.new_code_cell("explanation; table", outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": explanation._repr_html_(),
                                                     "text/plain": repr(explanation)}),
        nbformat.v4.new_output("execute_result", data={"text/html": table._repr_html_(),
                                                       "text/plain": table.to_string()}, execution_count=1),
        nbformat.v4.new_output("stream", name="stdout", text=f"{SCRIPT} {IMG}\n"),
    ])
    body, _ = HTMLExporter().from_notebook_node(nbformat.v4.new_notebook(cells=[cell]))
    for payload in PAYLOADS:
        assert payload not in body  # nbconvert's own <script> blocks are fine; ours never appear raw
    parsed = _Page(body)
    assert not [tag for tag, _ in parsed.elements if tag == "svg"]
    assert not [(tag, a) for tag, a in parsed.elements for name in a if name.startswith("on")]
    text = "".join(parsed.text)
    assert SCRIPT in text and IMG in text and BREAKOUT in text


# ---------------------------------------------------------------------------------------------------------
# No network


def test_the_demo_pipeline_makes_no_network_connection(monkeypatch, tmp_path):
    attempts = []

    def refuse(kind):
        def blocked(*args, **kwargs):
            attempts.append((kind, args[1:] if kind.startswith("socket.") else args))
            raise OSError(f"network access attempted: {kind}")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = framing.load_corpus(DEMO)
        features = framing.analyze(corpus, actors=DEMO / "actors.yml", progress=False)
        path = build_report(DEMO, tmp_path / "report.html", actors=DEMO / "actors.yml", n_boot=100,
                                           progress=False)
        explain(corpus["text"].iloc[0], actors=DEMO / "actors.yml")._repr_html_()
    assert attempts == []
    assert len(features) == len(corpus) and path.stat().st_size > 10_000
