"""Extraction on a Dask cluster: `--scheduler tcp://HOST:8786` (an existing one) or `--scheduler local:N`
(a LocalCluster of N worker processes on this machine).

Only extraction leaves this process. The driver plans the run and reads each file's bytes (and its
companions') where they are, ships them to a worker, which reads them as an article and processes it with
the pipeline its worker plugin loaded once; the Records come back as they complete and are handed, in the
order given, to the one writer (run.py), which writes them exactly as with the local worker pool. Workers
need no access to the files: the driver reads every file's bytes anyway to plan the run (its digest), an
article is kilobytes, and a shared file system would be one more thing every worker machine must mount at
the same path.

A worker that dies takes its tasks with it: the scheduler runs them again elsewhere, and each article is
handed to the writer once, by its place in the run, whichever copy finishes. A task that kills worker after
worker fails its file only. A scheduler that cannot be reached is one ClusterError before anything is written.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import uuid
from typing import Iterator

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from distributed.client import FutureCancelledError
from distributed.scheduler import KilledWorker

from . import __version__
from .files import ArticleFile
from .model import Record
from .pipeline import ready
from .run import ClusterError, Outcome, StopRun, extract, load, sharded
from .shards import ShardsError

IN_FLIGHT_PER_THREAD = 32  # files shipped and not yet written, per worker thread: bounds memory on both sides
MAX_IN_FLIGHT = 1_024  # and at most this many on any cluster: some ten seconds of the one writer's work
CONNECT_SECONDS = 10.0  # how long to try to reach the scheduler
RETRIES = 2  # a task that raised (it should not: extraction catches its errors) is run again this often

class ClusterLost(StopRun):
    """The Dask cluster went away during the run: it stops, what was committed stays."""


class Pipeline(WorkerPlugin):
    """Loads the run's spaCy pipeline once per worker process: on every worker when the run starts, and on
    each worker that joins (or is restarted) during it. Tasks carry only the model's name."""

    def __init__(self, model: str | None):
        self.model = model
        self.name = f"claimarchive-pipeline-{model or 'default'}"

    def setup(self, worker):
        ready(self.model)


def _extract_task(item: ArticleFile, loaded, model: str | None, shards: str | None = None):
    """What runs on a worker: one file's Record or Outcome (run.extract), with the worker's pipeline; with a
    folder of shards, the Record written into its shard there (run.sharded)."""
    return sharded(*extract(item, loaded, ready(model)), shards)


def _worker_version() -> str:
    return __version__


def connect(scheduler: str, timeout: float = CONNECT_SECONDS, model: str | None = None):
    """A dask Client for `tcp://HOST:PORT` or `local:N`; ClusterError naming the scheduler and the reason
    when it cannot be reached or its workers run another release of claimarchive. A LocalCluster's workers
    are forked from this process once it has loaded the pipeline, so they start with it, as the pool's do."""
    cluster = None
    logging.getLogger("distributed").setLevel(logging.CRITICAL)  # a lost or unreachable cluster is our one error
    try:
        if scheduler.startswith("local:"):
            count = scheduler.split(":", 1)[1]
            if not count.isdigit() or not 1 <= int(count) <= 256:
                raise ClusterError("expected local:N, N worker processes (1 to 256), or tcp://HOST:PORT")
            if "fork" in multiprocessing.get_all_start_methods():
                ready(model)
                dask.config.set({"distributed.worker.multiprocessing-method": "fork"})
            cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.CRITICAL)
            client = Client(cluster, timeout=timeout)
        else:
            client = Client(scheduler, timeout=timeout)
    except ClusterError:
        raise
    except Exception as error:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler: {error or type(error).__name__}") \
            from None
    try:
        _check_workers(client, scheduler, timeout)
    except ClusterError:
        close(client)
        raise
    return client


def _check_workers(client, scheduler: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
        versions = client.run(_worker_version)
    except Exception as error:
        raise ClusterError("the Dask scheduler has no worker that can run claimarchive: "
                           f"{error or type(error).__name__}") from None
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise ClusterError(f"its workers run claimarchive {', '.join(other)}, this is "
                           f"{__version__}: install the same release on every worker")


def _writable(folder: str) -> bool:
    return os.path.isdir(folder) and os.access(folder, os.W_OK)


def check_folder(client, folder: str) -> None:
    """ShardsError unless every worker can write into the run's folder of shards at that path (it must be
    shared with them), before anything is written."""
    try:
        seen = client.run(_writable, folder)
    except Exception as error:
        raise ClusterError(f"the Dask cluster failed: {error or type(error).__name__}") from None
    blind = sorted(worker for worker, ok in seen.items() if not ok)
    if blind:
        raise ShardsError(f"{len(blind)} of the cluster's {len(seen)} workers ({', '.join(blind[:3])}"
                          f"{', ...' if len(blind) > 3 else ''}) cannot write into {folder}: give a folder every "
                          "worker sees at the same path")


def close(client) -> None:
    """Close the client, and the LocalCluster it started."""
    cluster = client.cluster
    with contextlib.suppress(Exception):
        client.close()
    if cluster is not None:
        with contextlib.suppress(Exception):
            cluster.close()


def results(client, items: list[ArticleFile], model: str | None, max_bytes: int,
            in_flight: int | None = None, shards: str | None = None) -> Iterator[tuple[ArticleFile, Record | Outcome]]:
    """Each file's Record or Outcome, in the order given, extracted on the cluster: at most `in_flight` files
    (default IN_FLIGHT_PER_THREAD per worker thread, at most MAX_IN_FLIGHT) read and not yet handed on, so a
    slow file holds back at most that many results. With `shards` (a run's folder every worker sees at that
    path), a worker writes each Record into its shard there and hands back a shards.Shard. ClusterLost when
    the scheduler goes away."""
    try:
        client.register_plugin(Pipeline(model))
        window = in_flight or min(MAX_IN_FLIGHT, IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values())))
    except Exception as error:
        raise ClusterLost(f"the Dask cluster failed: {error or type(error).__name__}") from None
    run = uuid.uuid4().hex[:12]
    ready: dict[int, tuple] = {}
    place: dict[str, int] = {}
    futures = as_completed()
    sent = handed = 0
    while handed < len(items):
        while sent < len(items) and sent - handed < window:
            item = items[sent]
            loaded = load(item, max_bytes)
            if isinstance(loaded, Outcome):
                ready[sent] = (item, loaded)
            else:
                key = f"claimarchive-{run}-{sent}"
                place[key] = sent
                futures.add(client.submit(_extract_task, item, loaded, model, shards, key=key, pure=False,
                                          retries=RETRIES))
            sent += 1
        while handed in ready:
            yield ready.pop(handed)
            handed += 1
        if handed < len(items):
            future = next(futures)
            index = place.pop(future.key)
            try:
                ready[index] = future.result()
            except KilledWorker as error:
                ready[index] = (items[index], Outcome(items[index].shown, "failed",
                                                      f"processing failed: it killed Dask workers ({error})"))
            except (FutureCancelledError, OSError, TimeoutError) as error:
                raise ClusterLost(f"the Dask cluster went away: {error or type(error).__name__}") from None
            except Exception as error:  # the task itself failed on the cluster: this file only
                ready[index] = (items[index], Outcome(items[index].shown, "failed",
                                                      f"processing failed on the cluster: {type(error).__name__}: {error}"))
            future.release()
