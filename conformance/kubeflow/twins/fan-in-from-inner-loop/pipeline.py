# kfp's spelling of sluice.ir.yaml: dsl.Collected, outside both loops, of a step in nested
# dsl.ParallelFor loops. conformance/kubeflow/check.py recompiles it and compares with pipeline.yaml.
import sys
from typing import List

from kfp import compiler, dsl


@dsl.container_component
def pair(x: int, z: int, y: dsl.OutputPath(int)):
    return dsl.ContainerSpec(image="alpine:3.20", command=["sh"], args=[x, z, y])


@dsl.container_component
def total(ys: List[int]):
    return dsl.ContainerSpec(image="alpine:3.20", command=["sh"], args=[ys])


@dsl.pipeline(name="fan-in-from-inner-loop")
def fan_in_from_inner_loop(xs: List[int] = [1, 5, 9], zs: List[int] = [1, 2]):
    with dsl.ParallelFor(xs) as x:
        with dsl.ParallelFor(zs) as z:
            p = pair(x=x, z=z)
    total(ys=dsl.Collected(p.outputs["y"]))


if __name__ == "__main__":
    compiler.Compiler().compile(fan_in_from_inner_loop, sys.argv[1])
