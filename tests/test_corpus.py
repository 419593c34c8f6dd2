"""load_corpus / iter_corpus / corpus_summary: every format, the header forms, encodings, and the gallery of
bad corpora with the exact messages (expected values checked by hand against the fixture files)."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.corpus import readers
from framing.corpus.load import CorpusWarning, corpus_summary, iter_corpus, load_corpus
from framing.errors import CorpusError, InputError
from framing.corpus.readers import parse_txt

DATA = Path(__file__).resolve().parent / "data"
CORPORA = DATA / "corpora"
BAD = DATA / "bad"
CSV_COLUMNS = {"ID": "doc_id", "source": "outlet", "published": "date", "headline": "title", "content": "text"}
T = pd.Timestamp


def load(source, **options) -> tuple[pd.DataFrame, list[str]]:
    """load_corpus, returning the corpus and the messages of the CorpusWarnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(source, **options)
    return corpus, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def stream(source, **options) -> tuple[list[pd.DataFrame], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chunks = list(iter_corpus(source, **options))
    return chunks, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def rows(corpus: pd.DataFrame, *columns: str) -> list[tuple]:
    """(doc_id, *values) per document, NaT/NaN shown as None, for comparing with hand-written tables."""
    out = []
    for doc_id, record in zip(corpus.index, corpus[list(columns)].itertuples(index=False)):
        out.append((doc_id, *(None if (not isinstance(v, (list, np.ndarray)) and pd.isna(v)) else v for v in record)))
    return out


def assert_schema(corpus: pd.DataFrame) -> None:
    assert corpus.index.name == "doc_id"
    assert corpus.index.is_unique
    assert list(corpus.columns[:4]) == ["outlet", "date", "title", "text"]
    assert corpus["date"].dtype == "datetime64[ns]"
    for name in ("outlet", "title", "text"):
        assert pd.api.types.is_string_dtype(corpus[name].dtype)
        assert not corpus[name].isna().any()
    assert all(isinstance(doc_id, str) for doc_id in corpus.index)


# ------------------------------------------------------------------------------------------ .txt headers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("title: A\ndate: 2024-01-02\n\nBody.", {"title": "A", "date": "2024-01-02", "text": "Body."}),
        ("Title: A\nSection Name: Local\nAUTHOR: Bo\n\nBody.\n",
         {"title": "A", "section_name": "Local", "author": "Bo", "text": "Body."}),
        ("date 2024-01-02 Body on the first line.\nMore.",
         {"date": "2024-01-02", "text": "Body on the first line.\nMore."}),
        ("date 2024-01-02\nBody below the date.", {"date": "2024-01-02", "text": "Body below the date."}),
        ("date 2024-1-2 not the compact form", {"text": "date 2024-1-2 not the compact form"}),
        ("dated 2024-01-02 no", {"text": "dated 2024-01-02 no"}),
        # a first paragraph with a colon is text unless every line is a header line with a known key
        ("Riverside: the ferry resumed.\n\nMore.", {"text": "Riverside: the ferry resumed.\n\nMore."}),
        ("title: A\nThis line is prose.\n\nBody.", {"text": "title: A\nThis line is prose.\n\nBody."}),
        ("title: A\ndate: 2024-01-02\nno blank line ends it",
         {"text": "title: A\ndate: 2024-01-02\nno blank line ends it"}),
        ("\ntitle: A\n\nBody.", {"text": "title: A\n\nBody."}),
        ("a_key_that_is_far_too_long_for_a_header_x: 1\ntitle: A\n\nBody.",
         {"text": "a_key_that_is_far_too_long_for_a_header_x: 1\ntitle: A\n\nBody."}),
        ("author: Ana\nauthor: Bo\ntitle: T\n \nBody: with colon.",
         {"author": "Ana; Bo", "title": "T", "text": "Body: with colon."}),
        ("title: T\ntext: summary\n\nThe body.", {"title": "T", "text_header": "summary", "text": "The body."}),
        ("url: https://example.org/a:b\ntitle:\n\nBody.",
         {"url": "https://example.org/a:b", "title": "", "text": "Body."}),
        ("", {"text": ""}),
    ],
)
def test_parse_txt_header_forms(raw, expected):
    assert parse_txt(raw) == expected


# ------------------------------------------------------------------------------------ formats: .txt folder


def test_txt_folder_loads_every_document_with_its_header_and_outlet():
    corpus, messages = load(CORPORA / "txt_folder")
    assert_schema(corpus)
    assert rows(corpus, "outlet", "date", "title") == [
        ("Alpha/one", "Alpha", T("2024-02-01"), "Harbour bridge reopens"),
        ("Alpha/two", "Alpha", T("2024-02-03"), ""),  # compact form
        ("Beta/five", "Beta", None, ""),  # "Riverside: ..." is prose, not a header
        ("Beta/four", "Gamma", T("2024-03-05 01:30"), "Late vote"),  # outlet: header wins; -02:00 -> UTC
        ("Beta/nested/three", "Beta", None, ""),  # outlet = first sub-folder
        ("Beta/six", "Beta", None, "Quiet day"),
        ("root", "", None, ""),  # directly in the root: no outlet
    ]
    assert corpus.loc["Alpha/one", "text"] == (
        "The harbour bridge reopened on Thursday after repairs.\n\nTraffic moved slowly: drivers waited for an hour.")
    assert corpus.loc["Alpha/two", "text"] == (
        "The council met late. It approved the plan.\n\nA second paragraph follows.")
    assert corpus.loc["Beta/nested/three", "text"] == "date: tomorrow\n\nLeading blank line means no header."
    assert list(corpus.columns[4:]) == ["author", "section_name"]
    assert corpus.loc["Alpha/one", ["author", "section_name"]].tolist() == ["Ana Pell", "Local"]
    assert corpus["author"].isna().sum() == 6  # README.md is documentation, not a document
    assert messages == ["1 date could not be parsed and is NaT: 'soon' (doc_id 'Beta/six')"]


def test_single_txt_file_uses_its_stem_as_id():
    corpus, messages = load(CORPORA / "txt_folder" / "Alpha" / "one.txt")
    assert rows(corpus, "outlet", "date", "title", "author") == [
        ("one", "", T("2024-02-01"), "Harbour bridge reopens", "Ana Pell")]
    assert messages == []


def test_header_keys_can_be_mapped(tmp_path):
    (tmp_path / "a.txt").write_text("source: North\ntitle: T\n\nBody.\n", encoding="utf-8")
    corpus, _ = load(tmp_path / "a.txt", columns={"source": "outlet"})
    assert rows(corpus, "outlet", "title", "text") == [("a", "North", "T", "Body.")]


@pytest.mark.parametrize(
    ("doc_id", "title", "date", "text"),
    [
        ("bom", "Café opens", T("2024-01-05"), "The café served crème brûlée."),
        ("cp1252", "Price rise", T("2024-01-08"), "“It costs €5,” said the naïve clerk."),
        ("cr", "Old Mac", T("2024-01-07"), "Line one.\nLine two."),
        ("crlf", "Two lines", T("2024-01-06"), "First line.\nSecond line."),
        ("utf16", "Wide", T("2024-01-09"), "Sixteen bits per unit."),
    ],
)
def test_encodings_and_line_endings(doc_id, title, date, text):
    corpus, messages = load(CORPORA / "encodings")
    assert list(corpus.index) == ["bom", "cp1252", "cr", "crlf", "utf16"]
    assert (corpus.loc[doc_id, "title"], corpus.loc[doc_id, "date"], corpus.loc[doc_id, "text"]) == (title, date, text)
    assert messages == [f"{CORPORA / 'encodings' / 'cp1252.txt'}: not valid UTF-8; decoded as cp1252 "
                        "(pass encoding= if that is wrong)"]


def test_forced_encoding_is_used_without_fallback():
    corpus, messages = load(CORPORA / "encodings" / "cp1252.txt", encoding="cp1252")
    assert corpus["text"].tolist() == ["“It costs €5,” said the naïve clerk."]
    assert messages == []


def test_cp1252_bytes_undefined_in_cp1252_still_decode(tmp_path):
    (tmp_path / "odd.txt").write_bytes(b"caf\xe9 \x81 end")
    corpus, messages = load(tmp_path / "odd.txt")
    assert corpus["text"].tolist() == ["café \x81 end"]
    assert len(messages) == 1


# ------------------------------------------------------------------------------- formats: tables and JSON


def test_csv_with_mapping_quotes_newlines_and_dates():
    corpus, messages = load(CORPORA / "articles.csv", columns=CSV_COLUMNS)
    assert_schema(corpus)
    assert rows(corpus, "outlet", "date", "title", "text", "section") == [
        ("c1", "North Post", T("2024-04-01"), "Bridge opens", "The bridge opened, finally.", "local"),
        ("c2", "North Post", T("2024-04-01 12:00"), 'Council "wins" vote', "First line.\nSecond line.", "politics"),
        ("c3", "South Star", None, "No date", "A story without a date.", ""),  # empty date: NaT, no warning
        ("c4", "South Star", T("2024-04-03"), "Late spring", "Rain again.", "weather"),
    ]
    assert messages == []


def test_tsv_without_ids_numbers_rows_and_normalises_crlf():
    corpus, messages = load(CORPORA / "articles.tsv")
    assert rows(corpus, "outlet", "date", "title", "text") == [
        ("row-1", "East Line", T("2024-05-01"), "Port news", "Ships arrived early."),
        ("row-2", "East Line", T("2024-05-02"), "", "Quoted, with a tab\there."),
        ("row-3", "West Wire", T("2024-05-03 08:15"), "Markets", "Shares rose."),
    ]
    assert messages == []


def test_json_list_of_records():
    corpus, messages = load(CORPORA / "articles.json", columns={"id": "doc_id"})
    assert rows(corpus, "outlet", "date", "title", "text", "words") == [
        ("j1", "North Post", T("2024-06-01"), "Fair opens", "The fair opened.", None),
        ("j2", "South Star", None, "", "No title here.", None),  # null title -> ""
        ("3", "South Star", T("2024-06-03"), "", "Numeric id.", 2),  # numeric id -> "3"
    ]
    assert corpus["tags"].tolist()[:2] == [["local", "events"], []]
    assert messages == []


def test_jsonl_skips_blank_lines_and_converts_offsets_to_utc():
    corpus, messages = load(CORPORA / "articles.jsonl")
    assert rows(corpus, "outlet", "date", "title", "text") == [
        ("row-1", "East Line", T("2024-07-01 04:30"), "Talks", "Café talks."),
        ("row-2", "West Wire", T("2024-07-02"), "", "Line\nbreak."),
    ]
    assert messages == []


def test_folder_of_json_objects_uses_mapped_id_else_the_path_and_folder_outlet():
    corpus, messages = load(CORPORA / "json_objects", columns={"ID": "doc_id", "source": "outlet", "content": "text"})
    assert rows(corpus, "outlet", "date", "text", "bias") == [
        ("g-1", "Gamma", T("2024-08-01"), "From the Gamma folder.", 1),  # empty source -> folder
        ("g-2", "Gamma Daily", T("2024-08-02"), "Outlet given by the record.", 0),
        ("solo", "Delta", T("2024-08-03"), "No ID field: the file path is the id.", None),
    ]
    assert messages == []


def _parquet_source() -> pd.DataFrame:
    return pd.DataFrame(
        {"outlet": ["A", "B", "A"],
         "published": pd.to_datetime(["2024-01-01 12:00", "2024-01-02 00:00", None]).tz_localize("Europe/Berlin"),
         "text": ["one", "two", "three"], "score": [1.5, 2.5, 3.5]},
        index=pd.Index(["p1", "p2", "p3"], name="doc_id"),
    )


def test_parquet_keeps_index_as_doc_id_and_converts_aware_dates(tmp_path):
    path = tmp_path / "corpus.parquet"
    _parquet_source().to_parquet(path, row_group_size=2)
    corpus, messages = load(path, columns={"published": "date"})
    assert rows(corpus, "outlet", "date", "title", "text", "score") == [
        ("p1", "A", T("2024-01-01 11:00"), "", "one", 1.5),
        ("p2", "B", T("2024-01-01 23:00"), "", "two", 2.5),
        ("p3", "A", None, "", "three", 3.5),
    ]
    chunks, _ = stream(path, chunksize=2, columns={"published": "date"})
    assert [list(chunk.index) for chunk in chunks] == [["p1", "p2"], ["p3"]]
    pd.testing.assert_frame_equal(pd.concat(chunks), corpus)


def test_parquet_without_index_numbers_rows_across_batches(tmp_path):
    path = tmp_path / "plain.parquet"
    pd.DataFrame({"text": list("abcde")}).to_parquet(path)
    chunks, _ = stream(path, chunksize=2)
    assert [list(chunk.index) for chunk in chunks] == [["row-1", "row-2"], ["row-3", "row-4"], ["row-5"]]


def test_format_overrides_the_extension(tmp_path):
    shutil.copy(CORPORA / "articles.tsv", tmp_path / "export.dat")
    corpus, _ = load(tmp_path / "export.dat", format="tsv")
    assert corpus["text"].tolist() == ["Ships arrived early.", "Quoted, with a tab\there.", "Shares rose."]
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.text").write_text("Plain words.", encoding="utf-8")
    corpus, _ = load(tmp_path / "folder", format="txt")
    assert rows(corpus, "text") == [("a", "Plain words.")]


def test_long_csv_fields_are_read(tmp_path):
    text = "word " * 60_000  # 300,000 characters: more than the csv module's default field limit
    pd.DataFrame({"text": [text.strip()]}).to_csv(tmp_path / "long.csv", index=False)
    corpus, _ = load(tmp_path / "long.csv")
    assert len(corpus.loc["row-1", "text"]) == 299_999


def test_csv_with_bom_crlf_and_an_unnamed_index_column(tmp_path):
    (tmp_path / "export.csv").write_bytes(b"\xef\xbb\xbf,doc_id,text\r\n0,x1,First.\r\n1,x2,\"Two\r\nlines.\"\r\n")
    corpus, _ = load(tmp_path / "export.csv")
    assert rows(corpus, "text", "Unnamed: 0") == [("x1", "First.", "0"), ("x2", "Two\nlines.", "1")]


def test_txt_header_can_carry_the_doc_id(tmp_path):
    (tmp_path / "a.txt").write_text("doc_id: custom-7\ntitle: T\n\nBody.", encoding="utf-8")
    corpus, _ = load(tmp_path)
    assert rows(corpus, "title", "text") == [("custom-7", "T", "Body.")]


# ---------------------------------------------------------------------------------- formats: DataFrames


def test_dataframe_source_is_not_modified_and_maps_columns():
    frame = pd.DataFrame({"source": ["N", "S"], "content": ["a b", "c"], "when": ["2024-01-01T00:00:00+01:00", "bad"]})
    before = frame.copy(deep=True)
    corpus, messages = load(frame, columns={"source": "outlet", "content": "text", "when": "date"})
    pd.testing.assert_frame_equal(frame, before)
    assert rows(corpus, "outlet", "date", "text") == [
        ("row-1", "N", T("2023-12-31 23:00"), "a b"), ("row-2", "S", None, "c")]
    assert messages == ["1 date could not be parsed and is NaT: 'bad' (doc_id 'row-2')"]


@pytest.mark.parametrize(
    ("index", "expected_ids", "extra_columns"),
    [
        (pd.RangeIndex(2), ["row-1", "row-2"], []),  # a default index carries nothing: rows are numbered
        (pd.Index(["x", "y"], name="doc_id"), ["x", "y"], []),
        (pd.Index([10, 20], name="article"), ["row-1", "row-2"], ["article"]),  # named index kept as a column
        (pd.Index([5, 9]), ["row-1", "row-2"], ["index"]),  # non-default index kept, not silently dropped
    ],
)
def test_dataframe_index_handling(index, expected_ids, extra_columns):
    corpus, _ = load(pd.DataFrame({"text": ["one", "two"]}, index=index))
    assert list(corpus.index) == expected_ids
    assert list(corpus.columns[4:]) == extra_columns


def test_a_corpus_loads_back_unchanged():
    corpus, _ = load(CORPORA / "txt_folder")
    again, messages = load(corpus)
    pd.testing.assert_frame_equal(again, corpus)
    assert messages == []  # the date that did not parse is now NaT: missing, not unparseable


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-01", T("2024-03-01")),
        ("2024-03-01T10:15:00", T("2024-03-01 10:15")),
        ("2024-03-01T10:15:00Z", T("2024-03-01 10:15")),
        ("2024-03-01T10:15:00+02:00", T("2024-03-01 08:15")),
        ("2024-03-01 23:00:00-05:00", T("2024-03-02 04:00")),
        ("March 1, 2024", T("2024-03-01")),
        ("1 Mar 2024", T("2024-03-01")),
        ("03/04/2024", T("2024-03-04")),  # month first
        ("Fri, 01 Mar 2024 10:00:00 GMT", T("2024-03-01 10:00")),
        ("  2024-03-01  ", T("2024-03-01")),
        ("", None), ("NaN", None), ("null", None), ("n/a", None), (None, None),  # missing: no warning
    ],
)
def test_date_parsing(raw, expected):
    corpus, messages = load(pd.DataFrame({"text": ["x"], "date": [raw]}))
    value = corpus["date"].iloc[0]
    assert (None if pd.isna(value) else value) == expected
    assert messages == []


@pytest.mark.parametrize("raw", ["soon", "2024-13-45", "1500-01-01", "3000-01-01"])
def test_unparseable_and_out_of_range_dates_warn(raw):
    corpus, messages = load(pd.DataFrame({"text": ["x"], "date": [raw]}))
    assert corpus["date"].isna().all()
    assert messages == [f"1 date could not be parsed and is NaT: {raw!r} (doc_id 'row-1')"]


def test_datetime_columns_are_converted_to_naive_utc_nanoseconds():
    aware = pd.Series(pd.to_datetime(["2024-06-01 12:00"]).tz_localize("America/New_York"))
    corpus, _ = load(pd.DataFrame({"text": ["x"], "date": aware}))
    assert corpus["date"].dtype == "datetime64[ns]"
    assert corpus["date"].iloc[0] == T("2024-06-01 16:00")


# --------------------------------------------------------------------------------------- the bad gallery


GALLERY = [
    # (path under tests/data/bad, options, exact message; {p} is the path)
    ("malformed_row.csv", {},
     "{p}:4: malformed CSV row: expected 3 fields as in the header, found 4; quote fields that contain commas"),
    ("malformed_row.tsv", {},
     "{p}:3: malformed TSV row: expected 2 fields as in the header, found 3; quote fields that contain tabs"),
    ("unterminated.csv", {},
     "{p}:3: malformed CSV: the quoted field that starts on this line is never closed; add the missing '\"'"),
    ("stray_quote.csv", {}, "{p}:2: malformed CSV row: ',' expected after '\"'"),
    ("malformed.jsonl", {}, "{p}:3: malformed JSON: Expecting property name enclosed in double quotes (column 19)"),
    ("not_object.jsonl", {}, "{p}:2: expected a JSON object, found a list"),
    ("bad.json", {}, "{p}:4: malformed JSON: Expecting ',' delimiter (column 3)"),
    ("lines.json", {}, "{p}:2: malformed JSON: Extra data (column 1); if the file holds one JSON object per line, "
                       "name it .jsonl or pass format='jsonl'"),
    ("empty.json", {}, "{p}: empty file; expected a JSON object or a list of objects"),
    ("scalar.json", {}, "{p}: expected a JSON object or a list of objects, found a string"),
    ("list_with_number.json", {}, "{p}: row 2: expected a JSON object, found a number"),
    ("cp1252.txt", {"encoding": "utf-8"}, "{p}:1: cannot decode as utf-8 (invalid continuation byte); check encoding="),
    ("cp1252.csv", {"encoding": "utf-8"}, "{p}:3: cannot decode as utf-8 (invalid continuation byte); check encoding="),
    ("binary.txt", {}, "{p}: binary file (it contains NUL bytes), not text; convert it to UTF-8 text or remove it"),
    ("binary.jsonl", {}, "{p}: binary file (it contains NUL bytes), not text; convert it to UTF-8 text or remove it"),
    ("no_text.csv", {}, "{p}:1: no 'text' column; columns found: ID, source, content; say which one holds the text "
                        "with columns={'content': 'text'}"),
    ("no_text.jsonl", {}, "{p}:1: no 'text' column; columns found: headline, summary; say which one holds the text "
                          "with columns={'<name>': 'text'}"),
    ("mapping_clash.csv", {"columns": {"content": "text"}},
     "{p}:1: columns= renames 'content' to 'text', but 'text' exists too; map only one of them"),
    ("missing_id.csv", {}, "{p}:3: empty doc_id (column 'doc_id')"),
    ("duplicate_ids.csv", {},
     "{p}:4: duplicate doc_id 'a', first seen at line 2; also 'b' (line 5, first seen at line 3), "
     "'d' (line 9, first seen at line 8); 4 repeats in all; doc_ids must be unique"),
    ("duplicate_files", {}, "{p}/x.txt: duplicate doc_id 'x', first seen at {p}/x.json; doc_ids must be unique"),
    ("unknown_ext", {},
     "{p}: unsupported file type(s): notes.pdf, slides.key; supported: .txt, .csv, .tsv, .json, .jsonl, .parquet "
     "(hidden files, .md documentation and .yml settings are ignored); "
     "move them out of the folder or pass errors='skip'"),
    ("unknown_ext/notes.pdf", {},
     "{p}: unsupported file type '.pdf'; supported: .txt, .csv, .tsv, .json, .jsonl, .parquet "
     "(or pass format= one of txt, csv, tsv, json, jsonl, parquet)"),
    ("only_docs", {}, "{p}: no corpus files in this folder; expected .txt, .csv, .tsv, .json, .jsonl, .parquet files "
                      "(hidden files, .md documentation and .yml settings are ignored)"),
    ("only_unknown", {},
     "{p}: no corpus files in this folder, only unsupported ones: data.xml; expected .txt, .csv, .tsv, "
     ".json, .jsonl, .parquet files (hidden files, .md documentation and .yml settings are ignored)"),
    ("no_such_folder", {}, "{p}: no such file or folder; check the path"),
]


@pytest.mark.parametrize(("name", "options", "expected"), GALLERY, ids=[case[0] for case in GALLERY])
def test_gallery_of_bad_corpora(name, options, expected):
    path = BAD / name
    with pytest.raises(CorpusError) as caught:
        load_corpus(path, **options)
    assert str(caught.value) == expected.replace("{p}", str(path))
    assert caught.value.path is not None and caught.value.path.startswith(str(path))


def test_gallery_error_carries_path_and_line():
    with pytest.raises(CorpusError) as caught:
        load_corpus(BAD / "malformed_row.csv")
    assert (caught.value.path, caught.value.line) == (str(BAD / "malformed_row.csv"), 4)
    assert caught.value.reason.startswith("malformed CSV row")


def test_skip_mode_loads_every_good_document_and_lists_every_bad_one():
    corpus, messages = load(BAD / "mixed", errors="skip")
    mixed = BAD / "mixed"
    assert rows(corpus, "outlet", "date", "title", "text") == [
        ("Alpha/good", "Alpha", T("2024-01-01"), "Good one", "A good document."),
        ("l1", "Beta", None, "", "fine line"),
        ("l2", "Beta", None, "", "fine again"),
        ("r1", "Beta", None, "", "fine row"),
        ("r3", "Beta", None, "", "another fine row"),
    ]
    binary = "binary file (it contains NUL bytes), not text; convert it to UTF-8 text or remove it"
    assert corpus.attrs["skipped"] == [
        {"path": f"{mixed}/Alpha/binary.txt", "line": None, "reason": binary},
        {"path": f"{mixed}/Beta/lines.jsonl", "line": 2,
         "reason": "malformed JSON: Expecting property name enclosed in double quotes (column 2)"},
        {"path": f"{mixed}/Beta/lines.jsonl", "line": 4, "reason": "duplicate doc_id 'l1', first seen at line 1"},
        {"path": f"{mixed}/Beta/rows.csv", "line": 3,
         "reason": "malformed CSV row: expected 2 fields as in the header, found 3; quote fields that contain commas"},
        {"path": f"{mixed}/notes.pdf", "line": None,
         "reason": "unsupported file type '.pdf'; supported: .txt, .csv, .tsv, .json, .jsonl, .parquet"},
    ]  # in file order
    assert messages == [
        f"skipped 5 bad files or rows (listed in .attrs['skipped']): {mixed}/Alpha/binary.txt: {binary}; "
        f"{mixed}/Beta/lines.jsonl:2: malformed JSON: Expecting property name enclosed in double quotes (column 2); "
        f"{mixed}/Beta/lines.jsonl:4: duplicate doc_id 'l1', first seen at line 1; and 2 more"]
    assert corpus_summary(corpus)["skipped"] == 5


def test_skip_mode_keeps_rows_before_an_unterminated_quote():
    corpus, _ = load(BAD / "unterminated.csv", errors="skip")
    assert rows(corpus, "outlet", "text") == [("a", "North", "fine")]
    assert [item["line"] for item in corpus.attrs["skipped"]] == [3]


def test_nested_folders_take_the_first_sub_folder_as_outlet():
    corpus, messages = load(BAD / "nested")
    assert rows(corpus, "outlet", "text") == [
        ("Outlet1/2024/01/a", "Outlet1", "Deep file."),
        ("Outlet1/b", "Outlet1", "Shallow file."),
        ("Outlet2/deep/d/row-1", "Outlet2", "Row one."),
        ("Outlet2/deep/d/row-2", "Named", "Row two."),
        ("c", "", "Root file."),
    ]
    assert messages == []


def test_empty_and_whitespace_texts_are_kept_with_one_warning():
    corpus, messages = load(BAD / "empty_text")  # blank.txt is a zero-byte file
    assert rows(corpus, "text") == [("blank", ""), ("full", "Has words."), ("spaces", "")]
    assert messages == ["2 documents with empty or whitespace-only text (kept): 'blank', 'spaces'"]


def test_duplicate_texts_are_reported_and_dedupe_drops_later_ones():
    corpus, messages = load(BAD / "duplicate_texts.jsonl")
    assert len(corpus) == 4
    assert messages == ["2 documents repeat the exact text of an earlier document: 'row-3' (same as 'row-1'), "
                        "'row-4' (same as 'row-1'); pass dedupe=True to drop them"]
    corpus, messages = load(BAD / "duplicate_texts.jsonl", dedupe=True)
    assert rows(corpus, "text") == [("row-1", "Same words."), ("row-2", "Other words.")]
    assert messages == ["dropped 2 documents whose text repeats an earlier document's (dedupe=True): "
                        "'row-3' (same as 'row-1'), 'row-4' (same as 'row-1')"]


def test_bad_dates_give_one_warning_with_three_examples():
    corpus, messages = load(BAD / "bad_dates.csv")
    assert corpus["date"].tolist()[0] == T("2024-01-01")
    assert corpus["date"].isna().sum() == 5
    assert messages == ["4 dates could not be parsed and are NaT: 'soon' (doc_id 'd2'), '31/31/2024' (doc_id 'd3'), "
                        "'yesterday' (doc_id 'd5') and 1 more"]


def test_cp1252_files_are_decoded_with_a_warning_naming_them():
    corpus, messages = load(BAD / "cp1252.csv")
    assert corpus["text"].tolist() == ["plain", "naïve café"]
    assert messages == [f"{BAD / 'cp1252.csv'}: not valid UTF-8; decoded as cp1252 (pass encoding= if that is wrong)"]


def test_several_cp1252_files_give_one_warning(tmp_path):
    for name in "abcd":
        (tmp_path / f"{name}.txt").write_bytes(b"caf\xe9 " + name.encode())
    _, messages = load(tmp_path)
    assert messages == [f"4 files are not valid UTF-8 and were decoded as cp1252 (pass encoding= if that is wrong): "
                        f"{tmp_path}/a.txt, {tmp_path}/b.txt, {tmp_path}/c.txt and 1 more"]


def test_duplicate_ids_in_a_dataframe_name_the_rows():
    message = r"^row 3: duplicate doc_id 'a', first seen at row 1; doc_ids must be unique$"
    with pytest.raises(CorpusError, match=message):
        load_corpus(pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["x", "y", "z"]}))


def test_missing_text_column_in_a_dataframe():
    with pytest.raises(CorpusError) as caught:
        load_corpus(pd.DataFrame({"body": ["x"], "who": ["y"]}))
    assert str(caught.value) == ("no 'text' column; columns found: body, who; say which one holds the text "
                                 "with columns={'body': 'text'}")


def test_dataframe_with_several_column_levels():
    frame = pd.DataFrame([["x"]], columns=pd.MultiIndex.from_tuples([("a", "text")]))
    with pytest.raises(CorpusError, match="^columns with several levels are not supported; flatten them first$"):
        load_corpus(frame)


def test_unreadable_parquet(tmp_path):
    (tmp_path / "fake.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"fake\.parquet: not a readable Parquet file \("):
        load_corpus(tmp_path / "fake.parquet")


# ---------------------------------------------------------------------------- file-system cases (tmp_path)


def test_empty_folder(tmp_path):
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path)
    assert str(caught.value) == (f"{tmp_path}: no corpus files in this folder; expected .txt, .csv, .tsv, .json, "
                                 ".jsonl, .parquet files "
                                 "(hidden files, .md documentation and .yml settings are ignored)")


def test_hidden_files_and_documentation_do_not_break_a_folder(tmp_path):
    (tmp_path / "Alpha").mkdir()
    (tmp_path / "Alpha" / "a.txt").write_text("Words.", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Corpus", encoding="utf-8")
    (tmp_path / "PROVENANCE.md").write_text("# Source", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("CC-BY", encoding="utf-8")
    (tmp_path / "actors.yml").write_text("actors: {}", encoding="utf-8")
    (tmp_path / "Alpha" / "a.txt~").write_text("editor backup", encoding="utf-8")
    corpus, messages = load(tmp_path)
    assert rows(corpus, "outlet", "text") == [("Alpha/a", "Alpha", "Words.")]
    assert messages == []


def test_symlink_loops_are_not_followed_but_other_links_are(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "Alpha").mkdir(parents=True)
    outside.mkdir()
    (root / "Alpha" / "a.txt").write_text("Inside.", encoding="utf-8")
    (outside / "b.txt").write_text("Outside.", encoding="utf-8")
    (root / "Alpha" / "loop").symlink_to(root, target_is_directory=True)
    (root / "Beta").symlink_to(outside, target_is_directory=True)
    corpus, messages = load(root)
    assert rows(corpus, "outlet", "text") == [("Alpha/a", "Alpha", "Inside."), ("Beta/b", "Beta", "Outside.")]
    assert messages == [f"{root}/Alpha/loop: not followed: a symlink to a folder that is already read"]


def test_unreadable_file_is_named(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read any file (root)")
        with pytest.raises(CorpusError) as caught:
            load_corpus(tmp_path)
        assert str(caught.value) == f"{path}: cannot read the file (Permission denied)"
    finally:
        path.chmod(0o644)


def test_read_errors_become_corpus_errors(tmp_path, monkeypatch):
    # The same path as above, reachable as root: the reader's OSError becomes a message naming the file.
    (tmp_path / "a.txt").write_text("fine", encoding="utf-8")

    def denied(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "read_bytes", denied)
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'a.txt'}: cannot read the file (Permission denied)"
    corpus, messages = load(tmp_path, errors="skip")
    assert len(corpus) == 0 and list(corpus.columns) == ["outlet", "date", "title", "text"]
    assert corpus.attrs["skipped"] == [{"path": str(tmp_path / "a.txt"), "line": None,
                                        "reason": "cannot read the file (Permission denied)"}]
    assert messages[-1] == f"no documents were read from {tmp_path}"


def test_inputs_are_never_modified():
    def fingerprint(folder: Path) -> dict[str, str]:
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}

    before = fingerprint(DATA)
    load(CORPORA / "txt_folder")
    load(CORPORA / "encodings")
    load(BAD / "mixed", errors="skip")
    assert fingerprint(DATA) == before


# ------------------------------------------------------------------------------------------- streaming


STREAM_SOURCES = [
    (CORPORA / "txt_folder", {}),
    (CORPORA / "encodings", {}),
    (CORPORA / "articles.csv", {"columns": CSV_COLUMNS}),
    (CORPORA / "articles.tsv", {}),
    (CORPORA / "articles.json", {"columns": {"id": "doc_id"}}),
    (CORPORA / "articles.jsonl", {}),
    (CORPORA / "json_objects", {"columns": {"ID": "doc_id", "source": "outlet", "content": "text"}}),
    (BAD / "nested", {}),
    (BAD / "mixed", {"errors": "skip"}),
    (BAD / "duplicate_texts.jsonl", {"dedupe": True}),
]


@pytest.mark.parametrize("chunksize", [1, 2, 3, 1000])
@pytest.mark.parametrize(("source", "options"), STREAM_SOURCES,
                         ids=[str(source.relative_to(DATA)) for source, _ in STREAM_SOURCES])
def test_streaming_gives_the_same_corpus(source, options, chunksize):
    corpus, messages = load(source, **options)
    chunks, streamed_messages = stream(source, chunksize=chunksize, **options)
    assert all(len(chunk) <= chunksize for chunk in chunks)
    assert all(len(chunk) > 0 for chunk in chunks[:-1])
    together = pd.concat(chunks)
    together.attrs = {}
    expected = corpus.copy()
    expected.attrs = {}
    pd.testing.assert_frame_equal(together, expected, check_dtype=False)
    assert [c["date"].dtype for c in chunks] == ["datetime64[ns]"] * len(chunks)
    assert [item for chunk in chunks for item in chunk.attrs["skipped"]] == corpus.attrs["skipped"]
    assert streamed_messages == messages


def test_streaming_chunks_have_the_requested_size():
    chunks, _ = stream(CORPORA / "txt_folder", chunksize=3)
    assert [len(chunk) for chunk in chunks] == [3, 3, 1]
    assert list(chunks[1].index) == ["Beta/four", "Beta/nested/three", "Beta/six"]


def test_streaming_is_lazy_and_checks_the_source_at_once(tmp_path):
    for name in "ab":
        (tmp_path / f"{name}.txt").write_text(f"Document {name}.", encoding="utf-8")
    (tmp_path / "c.json").write_text("{broken", encoding="utf-8")
    chunks = iter_corpus(tmp_path, chunksize=1)
    assert list(next(chunks).index) == ["a"]
    assert list(next(chunks).index) == ["b"]
    with pytest.raises(CorpusError, match=r"c\.json:1: malformed JSON"):
        next(chunks)
    with pytest.raises(CorpusError, match="no such file or folder"):
        iter_corpus(tmp_path / "missing")  # raised by the call, before any chunk is asked for


def test_streaming_raises_at_the_first_repeated_id():
    chunks = iter_corpus(BAD / "duplicate_ids.csv", chunksize=2)
    assert list(next(chunks).index) == ["a", "b"]
    with pytest.raises(CorpusError) as caught:
        next(chunks)
    assert str(caught.value) == (f"{BAD / 'duplicate_ids.csv'}:4: duplicate doc_id 'a', first seen at line 2; "
                                 "doc_ids must be unique")


def test_streaming_skipped_items_after_the_last_document_arrive_in_an_empty_chunk(tmp_path):
    (tmp_path / "a.txt").write_text("Good.", encoding="utf-8")
    (tmp_path / "b.json").write_text("[", encoding="utf-8")
    chunks, messages = stream(tmp_path, errors="skip", chunksize=1)
    assert [len(chunk) for chunk in chunks] == [1, 0]
    assert chunks[1].attrs["skipped"] == [{"path": str(tmp_path / "b.json"), "line": 1,
                                           "reason": "malformed JSON: Expecting value (column 2)"}]
    assert len(messages) == 1


# -------------------------------------------------------------------------------- options and summary


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"format": "xml"}, "format must be one of txt, csv, tsv, json, jsonl, parquet; got 'xml'"),
        ({"errors": "ignore"}, "errors must be 'raise' or 'skip'; got 'ignore'"),
        ({"columns": ["text"]}, "columns= must map source field names to corpus names, e.g. {'content': 'text'}"),
        ({"columns": {"a": "text", "b": "text"}}, "columns= maps both 'a' and 'b' to 'text'; map only one"),
        ({"encoding": "klingon"}, "unknown encoding 'klingon'; use a Python codec name such as 'utf-8' or 'cp1252'"),
    ],
)
def test_bad_options(options, message):
    with pytest.raises(InputError) as caught:
        load_corpus(CORPORA / "articles.tsv", **options)
    assert str(caught.value) == message


def test_bad_source_and_chunksize():
    message = "^source must be a path to a folder or file, or a pandas DataFrame; got list$"
    with pytest.raises(InputError, match=message):
        load_corpus(["some text"])
    with pytest.raises(InputError, match="^chunksize must be a whole number of at least 1; got 0$"):
        iter_corpus(CORPORA / "articles.tsv", chunksize=0)


def test_corpus_summary():
    corpus, _ = load(CORPORA / "txt_folder")
    summary = corpus_summary(corpus)
    assert list(summary["outlets"].items()) == [("Beta", 3), ("Alpha", 2), ("", 1), ("Gamma", 1)]  # most first
    assert summary == {
        "documents": 7,
        # one: 8 + 8 words, two: 8 + 4, five: 6 + 6, four: 5, three: 2 + 6, six: 2, root: 6
        "words": 61,
        "outlets": {"Beta": 3, "Alpha": 2, "": 1, "Gamma": 1},
        "date_min": T("2024-02-01"),
        "date_max": T("2024-03-05 01:30"),
        "missing_dates": 4,
        "empty_texts": 0,
        "skipped": 0,
    }


def test_corpus_summary_rejects_other_input():
    with pytest.raises(InputError, match="corpus_summary expects a corpus DataFrame"):
        corpus_summary(pd.DataFrame({"body": ["x"]}))


# ---------------------------------------------------------------------------------- the real AllSides dump


def test_allsides_dump_loads_every_article(shared_data):
    started = time.perf_counter()
    corpus, messages = load(shared_data / "allsides-dev" / "jsons",
                            columns={"ID": "doc_id", "source": "outlet", "content": "text"})
    assert time.perf_counter() - started < 10  # about 0.2 s here; this only catches a pathological slowdown
    assert_schema(corpus)
    assert len(corpus) == 1425
    assert (corpus["outlet"] != "").all()
    assert corpus["date"].notna().all()
    assert 90 <= corpus["outlet"].nunique() <= 110
    assert corpus["date"].min() >= T("2010-01-01") and corpus["date"].max() <= T("2021-01-01")
    assert {"topic", "bias_text", "url", "title"} <= set(corpus.columns)
    assert list(corpus.index) == sorted(corpus.index)  # file order = sorted ids here (ID == file stem)
    assert not any("could not be parsed" in message for message in messages)


def test_bundled_demo_corpus_loads_cleanly():
    demo = Path(__file__).resolve().parents[1] / "corpora" / "demo"
    if not demo.is_dir():
        pytest.skip("the demo corpus is not in this checkout")
    corpus, messages = load(demo)
    assert_schema(corpus)
    assert messages == []
    assert corpus["outlet"].nunique() == 4 and "" not in set(corpus["outlet"])
    assert corpus["date"].notna().all()
    assert not (corpus["text"].str.strip() == "").any()


# Issue #15: outlets whose names differ only in case or surrounding spaces


def test_outlet_variants_warn_naming_them_and_merge_on_request():

    frame = pd.DataFrame({"outlet": ["Fox", "FOX", "Fox", "fox ", "CNN", "cnn", "NPR"], "text": list("abcdefg")})
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(frame)
    message = str(caught[-1].message)
    assert message.startswith("outlet names that differ only in case or surrounding spaces are separate outlets: "
                              "'Fox' / 'FOX' / 'fox '; 'CNN' / 'cnn'; merge them with outlet_map={'FOX': 'Fox'} "
                              "or outlet_map='merge-case'")
    assert corpus["outlet"].nunique() == 6
    merged = load_corpus(frame, outlet_map="merge-case")
    assert merged["outlet"].tolist() == ["Fox", "Fox", "Fox", "Fox", "CNN", "CNN", "NPR"]
    renamed = load_corpus(frame, outlet_map={"FOX": "Fox", "fox ": "Fox", "cnn": "CNN"})
    assert renamed["outlet"].value_counts().to_dict() == {"Fox": 4, "CNN": 2, "NPR": 1}
    assert frame["outlet"].tolist()[1] == "FOX"  # the caller's frame is not changed


def test_iter_corpus_renames_outlets_chunk_by_chunk():
    frame = pd.DataFrame({"outlet": ["Fox", "FOX", "CNN"], "text": ["a", "b", "c"]})
    chunks = list(iter_corpus(frame, chunksize=2, outlet_map={"FOX": "Fox"}))
    assert [chunk["outlet"].tolist() for chunk in chunks] == [["Fox", "Fox"], ["CNN"]]
    with pytest.raises(InputError, match="needs the whole corpus"):
        iter_corpus(frame, outlet_map="merge-case")
