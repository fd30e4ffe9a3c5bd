"""Times the tools users would otherwise pick, on exactly the inputs of our criterion benchmarks
(written by `cargo run --release -p sozialatlas-core --example bench_data -- DIR`).

Usage: python3 peers.py DIR > peers.json
Peers: fastcluster.linkage_vector(method="ward") (C++), scikit-learn KMeans(n_init=10),
mapclassify FisherJenks and Quantiles, shapely coverage_union_all (GEOS) per group for the
dissolve, pygeoda maxp_greedy for the population-floor regionalisation. Each timing is the median of repeated runs; a peer that
runs longer than its time limit is reported as not finished. Results are checked where a check
is cheap (merge count, cluster count).
"""
import json
import statistics
import subprocess
import sys
import time

import numpy as np

DIR = sys.argv[1]


def median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def in_subprocess(code, limit):
    """Runs code in a fresh interpreter; returns seconds or None when over the limit."""
    t = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-c", code], check=True, timeout=limit, capture_output=True)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - t


out = {"versions": {}, "results": []}
import fastcluster
import mapclassify
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

out["versions"] = {"fastcluster": fastcluster.__version__, "mapclassify": mapclassify.__version__,
                   "scikit-learn": sklearn.__version__, "numpy": np.__version__}

for n in (1000, 20000):
    X = np.loadtxt(f"{DIR}/matrix_{n}x12.csv", delimiter=",")
    Z = fastcluster.linkage_vector(X, method="ward")
    assert Z.shape == (n - 1, 4)
    out["results"].append({"name": f"ward_{n}x12", "peer": "fastcluster.linkage_vector(ward)",
                           "seconds": median_time(lambda: fastcluster.linkage_vector(X, method="ward"), 5 if n <= 1000 else 3)})
    km = KMeans(n_clusters=5, n_init=10, random_state=0)
    inertias = [float(KMeans(n_clusters=5, n_init=10, random_state=s).fit(X).inertia_) for s in range(5)]
    out["results"].append({"name": f"kmeans_{n}x12_k5", "peer": "sklearn KMeans(n_init=10)",
                           "seconds": median_time(lambda: km.fit(X), 5 if n <= 1000 else 3),
                           "inertia": statistics.median(inertias), "inertia_seeds_0_4": inertias})
    # The same on one core (the browser has one thread; scikit-learn uses OpenMP on all cores).
    with threadpool_limits(limits=1):
        out["results"].append({"name": f"kmeans_{n}x12_k5_one_core", "peer": "sklearn KMeans(n_init=10), 1 thread",
                               "seconds": median_time(lambda: km.fit(X), 5 if n <= 1000 else 3)})

values_file = f"{DIR}/values_100160.csv"
y = np.loadtxt(values_file)
out["results"].append({"name": "quantiles_100160_k6", "peer": "mapclassify.Quantiles",
                       "seconds": median_time(lambda: mapclassify.Quantiles(y, k=6), 5)})
limit = 120
code = f"import numpy as np, mapclassify; y = np.loadtxt('{values_file}'); mapclassify.FisherJenks(y, k=6)"
secs = in_subprocess(code, limit)
out["results"].append({"name": "fisher_jenks_100160_k6", "peer": "mapclassify.FisherJenks",
                       "seconds": secs, "limit_seconds": limit, "finished": secs is not None})
# Dissolve: 100,160 grid cells into 10,048 groups (blocks of 5 x 2), GEOS coverage union.
import shapely
from shapely.geometry import shape

fc = json.load(open(f"{DIR}/synthetic_100160.geojson"))
geoms = np.array([shape(f["geometry"]) for f in fc["features"]], dtype=object)
groups = np.loadtxt(f"{DIR}/groups_100160.csv", dtype=np.int64)
order = np.argsort(groups, kind="stable")
bounds = np.flatnonzero(np.diff(groups[order])) + 1
parts = np.split(order, bounds)


def dissolve():
    return [shapely.coverage_union_all(geoms[idx]) for idx in parts]


res = dissolve()
assert len(res) == 10048
out["versions"]["shapely"] = shapely.__version__
out["versions"]["geos"] = shapely.geos_version_string
out["results"].append({"name": "dissolve_100160_into_10048", "peer": "shapely.coverage_union_all per group",
                       "seconds": median_time(dissolve, 3)})

# Regionalisation: max-p with a population floor on 10,000 cells (pygeoda reads shapefiles).
try:
    import pygeoda
    import shapefile
    from shapely.geometry.polygon import orient

    mid = json.load(open(f"{DIR}/synthetic_10000.geojson"))
    ind = ["ind_01", "ind_02", "ind_03", "ind_04"]
    base = f"{DIR}/synthetic_10000"
    w = shapefile.Writer(base, shapeType=shapefile.POLYGON)
    for c in ind + ["einwohner"]:
        w.field(c, "N", size=18, decimal=8)
    for f in mid["features"]:
        g = shape(f["geometry"])
        rings = []
        for part in (g.geoms if g.geom_type == "MultiPolygon" else [g]):
            part = orient(part, sign=-1.0)
            rings.append(list(part.exterior.coords))
        w.poly(rings)
        w.record(*[f["properties"][c] for c in ind + ["einwohner"]])
    w.close()
    gda = pygeoda.open(base + ".shp")
    rook = pygeoda.rook_weights(gda)
    data = gda[ind]
    t = time.perf_counter()
    r = pygeoda.maxp_greedy(rook, data, bound_variable=gda["einwohner"], min_bound=20000,
                            iterations=99, random_seed=1, cpu_threads=1)
    out["versions"]["pygeoda"] = pygeoda.__version__
    out["results"].append({"name": "max_p_10000_floor_20000", "peer": "pygeoda.maxp_greedy(iterations=99)",
                           "seconds": time.perf_counter() - t, "regions": len(set(r["Clusters"])),
                           "ratio": r["The ratio of between to total sum of squares"]})
except ImportError as e:
    out["results"].append({"name": "max_p_10000_floor_20000", "peer": "pygeoda", "error": str(e)})

print(json.dumps(out, indent=1))
