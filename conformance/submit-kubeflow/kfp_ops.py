"""The kfp SDK's side of the differential test: the real `kfp.Client` (pinned venv) does, against
the emulator, what `sluice submit` / `status` / `cancel` do, the way a kfp user would write it.

Usage: python kfp_ops.py HOST TOKEN STEPS_JSON
STEPS_JSON is a list of steps, each {"op": ..., ...}; results (ids) are printed as one JSON line.
A step may refer to an earlier result with "$name" strings.
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")
import kfp  # noqa: E402


def equals_filter(key, value):
    return json.dumps({"predicates": [{"operation": 1, "key": key, "stringValue": value}]})


def main():
    host, token, steps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    client = kfp.Client(host=host, existing_token=token)
    results = {}

    def arg(value):
        return results[value[1:]] if isinstance(value, str) and value.startswith("$") else value

    for step in steps:
        op = step["op"]
        a = {k: arg(v) for k, v in step.items() if k != "op"}
        if op == "submit":
            # What `sluice submit` does for a run or a schedule.
            pipeline_id = client.get_pipeline_id(a["name"])
            if pipeline_id is None:
                pipeline = client.upload_pipeline(a["package"], pipeline_name=a["name"], description=a.get("description"))
                pipeline_id = pipeline.pipeline_id
                versions = client.list_pipeline_versions(pipeline_id, sort_by="created_at desc", page_size=1)
                version_id = versions.pipeline_versions[0].pipeline_version_id
            else:
                version = client.upload_pipeline_version(a["package"], a["version_name"], pipeline_id=pipeline_id, description=a.get("description"))
                version_id = version.pipeline_version_id
            experiment = client.create_experiment(a["experiment"])
            if "cron" in a:
                old = client.list_recurring_runs(experiment_id=experiment.experiment_id, filter=equals_filter("display_name", a["name"]))
                for r in old.recurring_runs or []:
                    client.delete_recurring_run(r.recurring_run_id)
                recurring = client.create_recurring_run(
                    experiment_id=experiment.experiment_id,
                    job_name=a["name"],
                    description=a.get("description"),
                    cron_expression=a["cron"],
                    max_concurrency=a["max_concurrency"],
                    no_catchup=a["no_catchup"],
                    params=a.get("params", {}),
                    pipeline_id=pipeline_id,
                    version_id=version_id,
                    enabled=True,
                    service_account=a.get("service_account"),
                )
                results[step.get("as", "recurring")] = recurring.recurring_run_id
            else:
                run = client.run_pipeline(
                    experiment.experiment_id,
                    a["name"] + " run",
                    params=a.get("params", {}),
                    pipeline_id=pipeline_id,
                    version_id=version_id,
                    service_account=a.get("service_account"),
                )
                results[step.get("as", "run")] = run.run_id
        elif op == "wait":
            # What `sluice submit --wait` / `--watch` does after the submit.
            run = client.wait_for_run_completion(a["run"], timeout=60, sleep_duration=0)
            results["state"] = run.state
        elif op == "get":
            results["state"] = client.get_run(a["run"]).state
        elif op == "terminate":
            client.terminate_run(a["run"])
        elif op == "health":
            # What `sluice submit --dry-run` does: health, then the two lookups, nothing written.
            client.get_kfp_healthz()
            client.get_pipeline_id(a["name"])
            try:
                client.get_experiment(experiment_name=a["experiment"])
            except ValueError:
                pass
        else:
            raise SystemExit(f"unknown step {op}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
