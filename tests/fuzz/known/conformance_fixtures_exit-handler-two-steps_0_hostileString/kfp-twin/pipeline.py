# kfp's own spelling of ../pipeline.ts, compiled by the real kfp in conformance/kubeflow (run.sh)
# into pipeline.yaml; packages/compiler-kubeflow/src/parity.test.ts compares its structure with
# Sluice's output. kfp's exit task is one task, so the two-step `finally` is a pipeline used as
# `exit_task`, named like the group Sluice makes for it.
from kfp import compiler, dsl


@dsl.container_component
def work(fail: bool):
    return dsl.ContainerSpec(image="alpine:3.20", command=["sh", "-c", 'if [ "$0" = "true" ]; then echo failing; exit 1; fi; echo working'], args=[fail])


@dsl.container_component
def cleanup(scratch: str, removed: dsl.OutputPath(int)):
    return dsl.ContainerSpec(image="alpine:3.20", command=["sh", "-c", 'rm -rf "$0"; mkdir -p "$(dirname "$1")"; echo 1 > "$1"'], args=[scratch, removed])


@dsl.container_component
def notify(removed: int):
    return dsl.ContainerSpec(image="alpine:3.20", command=["echo", "removed"], args=[removed])


@dsl.pipeline(name="exit-handler-1-finally")
def finally_block(scratch: str):
    c = cleanup(scratch=scratch)
    notify(removed=c.outputs["removed"])


@dsl.pipeline(name="exit-handler-two-steps")
def exit_handler_two_steps(fail: bool = False, scratch: str = "/tmp/scratch"):
    exit_task = finally_block(scratch=scratch)
    with dsl.ExitHandler(exit_task):
        work(fail=fail)


if __name__ == "__main__":
    import sys
    compiler.Compiler().compile(exit_handler_two_steps, sys.argv[1])
