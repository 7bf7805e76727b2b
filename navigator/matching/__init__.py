"""Semantic matching of a note to the catalog: dense retrieval, lexical evidence, barriers."""

import os

# numpy/scipy's OpenBLAS threads keep spinning after each small product and take the two cores
# torch needs for the query embedding (20 ms became 200 ms to 1 s). Our numpy products are small:
# one BLAS thread, set before numpy loads OpenBLAS (model.py also limits it with threadpoolctl
# when numpy was imported first).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
