"""kfp's warm compile, for bench/whole.mjs: `python kfp-warm.py twin.py RUNS OUT.yaml` imports the
twin once, compiles it once uncounted, then RUNS times, and prints the median CPU and wall ms."""
import importlib.util
import json
import statistics
import sys
import time

from kfp import compiler

spec = importlib.util.spec_from_file_location("twin", sys.argv[1])
twin = importlib.util.module_from_spec(spec)
spec.loader.exec_module(twin)
runs, out = int(sys.argv[2]), sys.argv[3]
compiler.Compiler().compile(twin.bench, out)
cpu, wall = [], []
for _ in range(runs):
    c0, w0 = time.process_time(), time.perf_counter()
    compiler.Compiler().compile(twin.bench, out)
    cpu.append((time.process_time() - c0) * 1000)
    wall.append((time.perf_counter() - w0) * 1000)
print(json.dumps({"cpuMs": statistics.median(cpu), "wallMs": statistics.median(wall)}))
