"""Times what users run as whole processes (start, read the file, compute, write the result):
the shipped command line (`target/release/sozialatlas`) against a Python script doing the same
with the peer, on the same files in the same run.

- Ward, k = 5, on 20,000 areas x 12 indicators (z-standardised): `sozialatlas cluster --method
  ward --k 5` against fastcluster.linkage_vector(method="ward") + scipy's fcluster, with numpy
  reading and writing the CSV.
- Fisher-Jenks, k = 6, on 100,160 values: `sozialatlas breaks --scheme jenks` (mapclassify's
  FisherJenks does not finish in 120 s on these values; see peers.py).

Usage: python3 processes.py DIR CLI > processes.json (DIR: the inputs of bench_data).
Each timing is the median of 3 runs.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

DIR, CLI = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp(prefix="sozialatlas-processes-")


def keyed(src, dst, names):
    """The headerless matrix of bench_data as a table with a key column and a header."""
    with open(src) as f, open(dst, "w") as out:
        out.write(",".join(["schluessel", *names]) + "\n")
        for i, line in enumerate(f):
            out.write(f"A{i + 1:06d},{line.strip()}\n")


def median_run(cmd, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


inds = [f"ind_{i:02d}" for i in range(1, 13)]
matrix = os.path.join(tmp, "matrix_20000x12.csv")
keyed(f"{DIR}/matrix_20000x12.csv", matrix, inds)
values = os.path.join(tmp, "values_100160.csv")
keyed(f"{DIR}/values_100160.csv", values, ["wert"])

out = {"results": []}
ours = median_run([CLI, "cluster", "--table", matrix, "--key", "schluessel", "--indicators", ",".join(inds),
                   "--method", "ward", "--k", "5"])
peer_code = f"""
import numpy as np, fastcluster
from scipy.cluster.hierarchy import fcluster
keys = np.loadtxt({matrix!r}, delimiter=",", skiprows=1, usecols=0, dtype=str)
X = np.loadtxt({matrix!r}, delimiter=",", skiprows=1, usecols=range(1, 13))
X = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
labels = fcluster(fastcluster.linkage_vector(X, method="ward"), 5, criterion="maxclust")
np.savetxt("/dev/stdout", np.column_stack([keys, labels]), fmt="%s", delimiter=",")
"""
peer = median_run([sys.executable, "-c", peer_code])
out["results"].append({"name": "process_ward_20000x12_k5", "ours": ours, "peer": peer,
                       "peer_name": "python: numpy.loadtxt + fastcluster.linkage_vector(ward) + fcluster"})
ours = median_run([CLI, "breaks", "--table", values, "--key", "schluessel", "--column", "wert",
                   "--scheme", "jenks", "--k", "6"])
out["results"].append({"name": "process_jenks_100160_k6", "ours": ours})
json.dump(out, sys.stdout, indent=2)
