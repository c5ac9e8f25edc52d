"""Whether two Kubeflow pipeline files hold the same PipelineSpec (and platform spec) apart from
sdkVersion: `python kfp-spec-equal.py A.yaml B.yaml`, exit 0 when equal, else the first difference."""
import sys
import yaml


# Besides sdkVersion, kfp writes the deprecated float forms of a container's resources next to
# the string forms both write (resourceCpuRequest: 500m and cpuRequest: 0.5); the backend reads
# the string forms first. Sluice writes only those, so the float forms are left out of the
# comparison, and nothing else is.
DEPRECATED_RESOURCES = ("cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit")


def load(path):
    with open(path) as f:
        docs = list(yaml.safe_load_all(f))
    for doc in docs:
        doc.pop("sdkVersion", None)
        for executor in doc.get("deploymentSpec", {}).get("executors", {}).values():
            resources = executor.get("container", {}).get("resources", {})
            for key in DEPRECATED_RESOURCES:
                resources.pop(key, None)
    return docs


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def first_difference(a, b, at="$"):
    # A PipelineSpec number is a protobuf Value, which has one number type: kfp writes 1.0 where
    # Sluice writes 1, and the two parse to the same spec.
    if is_number(a) and is_number(b):
        return None if a == b else f"{at}: {a!r} != {b!r}"
    if type(a) is not type(b):
        return f"{at}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{at}.{key}: only in {'second' if key not in a else 'first'}"
            found = first_difference(a[key], b[key], f"{at}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{at}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{at}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{at}: {a!r} != {b!r}"


if __name__ == "__main__":
    difference = first_difference(load(sys.argv[1]), load(sys.argv[2]))
    if difference:
        print(difference)
        sys.exit(1)
