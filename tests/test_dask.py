"""Dask: a Dask DataFrame corpus and a cluster give exactly the local results."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import framing  # noqa: E402
from framing.cli import main  # noqa: E402
from framing.scale.dask_runner import analyze as analyze_dask  # noqa: E402
from framing.scale.stream import analyze_to_parquet  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "corpora" / "demo"


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes on loopback, closed after the module's tests."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as local_cluster:
        yield local_cluster


@pytest.fixture()
def client(cluster):
    with distributed.Client(cluster) as connected:
        yield connected



def test_dask_dataframe_on_a_cluster_equals_local(client, demo_corpus, demo_features):
    with dask.config.set({"dataframe.convert-string": False}):  # keep pandas' own string dtype
        ddf = dd.from_pandas(demo_corpus, npartitions=4, sort=False)
        lazy = framing.analyze(ddf)  # delegates to framing.scale.dask_runner.analyze
        computed = lazy.compute()
    pd.testing.assert_frame_equal(computed, demo_features, check_exact=True)
    assert lazy.npartitions == 4
    pd.testing.assert_series_equal(lazy._meta.dtypes, demo_features.dtypes)


def test_declared_metadata_matches_the_partitions(demo_corpus):
    ddf = dd.from_pandas(demo_corpus.iloc[:6], npartitions=2, sort=False)
    lazy = analyze_dask(ddf, features=["size", "frames"])
    with dask.config.set(scheduler="synchronous"):
        computed = lazy.compute()
    assert list(lazy.columns) == list(computed.columns)
    features = ["n_words", "n_sentences", "frame_conflict", "frame_primary"]
    assert lazy._meta[features].dtypes.tolist() == computed[features].dtypes.tolist()
    assert [str(dtype) for dtype in computed[features].dtypes] == ["int64", "int64", "float64", "str"]


def test_default_string_conversion_leaves_the_features_unchanged(demo_corpus, demo_features):
    ddf = dd.from_pandas(demo_corpus, npartitions=3, sort=False)  # dask turns str into string[pyarrow]
    with dask.config.set(scheduler="synchronous"):
        computed = analyze_dask(ddf).compute()
    features = [column for column in demo_features.columns if column not in demo_corpus.columns]
    pd.testing.assert_frame_equal(computed[features].set_axis(demo_features.index), demo_features[features],
                                  check_exact=True)


def test_non_dask_input_is_refused():
    with pytest.raises(framing.InputError, match="Dask DataFrame"):
        analyze_dask(pd.DataFrame({"text": ["x"]}))


def test_streaming_on_a_cluster_equals_local(tmp_path, cluster, demo_features):
    output = tmp_path / "features.parquet"
    result = analyze_to_parquet(DEMO, output, chunksize=16, scheduler=cluster.scheduler_address, progress=False)
    assert (result.documents, result.chunks) == (64, 4)
    pd.testing.assert_frame_equal(pd.read_parquet(output), demo_features, check_exact=True)


def test_cli_dask_engine_on_a_cluster(tmp_path, cluster, capsys, demo_features):
    output = tmp_path / "features.parquet"
    code = main(["analyze", str(DEMO), "-o", str(output), "--engine", "dask", "--scheduler",
                 cluster.scheduler_address, "--chunksize", "20", "--quiet"])
    assert code == 0, capsys.readouterr().err
    assert "wrote 64 documents" in capsys.readouterr().out
    pd.testing.assert_frame_equal(pd.read_parquet(output), demo_features, check_exact=True)


def test_cli_unreachable_scheduler_is_one_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("framing.scale.dask_runner.CONNECT_TIMEOUT", "1s")
    output = tmp_path / "features.parquet"
    code = main(["analyze", str(DEMO), "-o", str(output), "--scheduler", "tcp://127.0.0.1:9", "--quiet"])
    assert code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
