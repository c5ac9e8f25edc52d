# kfp's spelling of sluice.ir.yaml: dsl.Collected of a step called inside a dsl.If in the loop.
# conformance/kubeflow/check.py recompiles it and compares with pipeline.yaml byte for byte.
import sys
from typing import List

from kfp import compiler, dsl


@dsl.container_component
def big(x: int, y: dsl.OutputPath(int)):
    return dsl.ContainerSpec(image="alpine:3.20", command=["sh"], args=[x, y])


@dsl.container_component
def total(ys: List[int]):
    return dsl.ContainerSpec(image="alpine:3.20", command=["sh"], args=[ys])


@dsl.pipeline(name="fan-in-from-branch")
def fan_in_from_branch(xs: List[int] = [1, 5, 9], limit: int = 4):
    with dsl.ParallelFor(xs) as x:
        with dsl.If(x > limit):
            b = big(x=x)
    total(ys=dsl.Collected(b.outputs["y"]))


if __name__ == "__main__":
    compiler.Compiler().compile(fan_in_from_branch, sys.argv[1])
