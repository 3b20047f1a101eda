"""What h5py reads in an HDF5 file, printed as one JSON document (for test/hdf5/h5py.ts).

Usage: /usr/bin/python3 h5py-describe.py FILE.h5 [--modify]

{ "h5py": version, "hdf5": version, "attrs": root attributes, "nodes": { "/path": node } } with a
node { "kind": "group", "attrs" } or { "kind": "dataset", "attrs", "dtype": [[name, numpy type]] or
the numpy type, "shape", "maxshape", "chunks", "filters": {name: options}, "rows", "sha256" of the
elements' bytes as numpy holds them, "first" and "last" element }. Attribute values: text, integers,
floats; a float that is not finite as its text ("nan").

--modify first opens the file read-write and changes it the way kite_app's writer does (a dataset
deleted and written anew, attributes rewritten and added, a group added), then describes the result.
"""
import hashlib
import json
import math
import sys

import h5py
import numpy as np


def plain(v):
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, np.ndarray):
        return [plain(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, tuple):
        return [plain(x) for x in v]
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return v


def attrs(node):
    return {k: plain(v) for k, v in node.attrs.items()}


def element(d, i):
    if d.shape[0] == 0:
        return None
    e = d[i]
    return [plain(x) for x in e] if d.dtype.names else plain(e)


def describe(path):
    with h5py.File(path, "r") as f:
        nodes = {}

        def visit(name, node):
            if isinstance(node, h5py.Dataset):
                data = node[()]
                dtype = [[n, node.dtype.fields[n][0].str] for n in node.dtype.names] if node.dtype.names else node.dtype.str
                nodes["/" + name] = {
                    "kind": "dataset",
                    "attrs": attrs(node),
                    "dtype": dtype,
                    "shape": list(node.shape),
                    "maxshape": list(node.maxshape),
                    "chunks": list(node.chunks) if node.chunks else None,
                    "filters": {k: plain(v) for k, v in node._filters.items()},
                    "rows": int(node.shape[0]) if node.shape else 1,
                    "sha256": hashlib.sha256(np.ascontiguousarray(data).tobytes()).hexdigest(),
                    "first": element(node, 0),
                    "last": element(node, -1),
                }
            else:
                nodes["/" + name] = {"kind": "group", "attrs": attrs(node)}

        f.visititems(visit)
        return {"h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version, "attrs": attrs(f), "nodes": nodes}


def modify(path):
    """Rewrite the first dataset found (deleted, created again from its values and attributes), add attributes and a group."""
    with h5py.File(path, "r+") as f:
        paths = []
        f.visititems(lambda name, node: paths.append(name) if isinstance(node, h5py.Dataset) else None)
        name = paths[0]
        old = f[name]
        data, kept, chunks = old[()], dict(old.attrs), old.chunks
        del f[name]
        new = f.create_dataset(name, data=data, chunks=chunks, compression="gzip", compression_opts=4, shuffle=True)
        for k, v in kept.items():
            new.attrs[k] = v
        new.attrs["rewritten_by"] = "h5py"
        f.attrs["last_updated"] = "2030-01-01T00:00:00.000000"
        f.create_group("/added/by/h5py")


if __name__ == "__main__":
    if "--modify" in sys.argv[2:]:
        modify(sys.argv[1])
    print(json.dumps(describe(sys.argv[1]), allow_nan=False))
