import { Option, type Command } from "commander";
import type { Diagnostic } from "@sluice/core/backend";
import { EXIT_COMPILE_ERRORS, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { printReport } from "../report.js";
import { addBackendFlagsWhenChosen } from "./pipeline-options.js";

/** `sluice submit FILE --target T`: compile in memory, check the params, send, maybe watch. */
export function registerSubmitCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const command = program
    .command("submit")
    .description("compile a pipeline and run it on an orchestrator (argo, kubeflow, airflow); prints the run reference")
    .argument("<file>", "the pipeline file (TypeScript)")
    .addOption(new Option("-t, --target <target>", "where to run it").choices(["argo", "kubeflow", "airflow"]).makeOptionMandatory())
    .option("-p, --param <name=value>", "a pipeline param (repeatable), checked against the pipeline's params", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--watch", "show the tasks' states live until the run ends; exit 0 only if it succeeded")
    .option("--wait", "wait until the run ends, then print its summary; exit 0 only if it succeeded")
    .option("--dry-run", "let the server check everything (its own dry run) and keep nothing")
    .option("--force-conflicts", "when applying a template or schedule, take over fields another manager owns")
    .option("-e, --export <name>", "the exported pipeline to submit (default: the default export)")
    .option("-f, --format <format>", "how to report: text or json", "text")
    .option("--no-git", "do not record the git commit, branch, dirty flag and remote");
  addConnectionOptions(command);
  // The back-end flags load every back end: added only when submit is the command run.
  addBackendFlagsWhenChosen(command);
  command.action(async (file: string, opts: Record<string, unknown>) => {
    const { runSubmit } = await import("./submit-run.js");
    setExitCode(await runSubmit(io, file, opts));
  });
  return command;
}

/** The connection flags of every command that talks to an orchestrator (docs/submit.md). */
export function addConnectionOptions(command: Command): Command {
  return command
    .option("--kubeconfig <file>", "Argo: the kubeconfig (default: KUBECONFIG, ~/.kube/config, in-cluster)")
    .option("--context <name>", "Argo: the kubeconfig context")
    .option("-n, --namespace <name>", "Argo: the namespace (default: the file's, the context's, then default)")
    .option("--airflow-url <url>", "Airflow: the api-server's base URL (or SLUICE_AIRFLOW_URL)")
    .option("--airflow-dags-folder <dir>", "Airflow: the folder the deployment reads DAG files from")
    .option("--airflow-user <name>", "Airflow: the user (Airflow 3: a token is asked for it; 2.10: basic auth; password: SLUICE_AIRFLOW_PASSWORD or a password file)")
    .option("--kfp-url <url>", "Kubeflow: the KFP API's base URL, with or without /pipeline (or KF_PIPELINES_ENDPOINT)")
    .option("--kfp-token <token>", "Kubeflow: a bearer token (prefer KF_PIPELINES_TOKEN or a token file: a flag shows in the process list)")
    .option("--kfp-namespace <name>", "Kubeflow: the profile namespace of a multi-user deployment")
    .option("--experiment <name>", "Kubeflow: the experiment the run goes into (default: the pipeline's name)");
}

/** Prints a failure as diagnostics (text on stderr, or the JSON report) and returns its exit code. */
export function reportFailure(io: CliIo, json: boolean, diagnostics: Diagnostic[], usage: boolean, extra: Record<string, unknown> = {}, projectRoot?: string): number {
  if (json) io.stdout(JSON.stringify({ ok: false, ...extra, diagnostics }, null, 2) + "\n");
  else printReport(io, "text", { ok: false, files: [], diagnostics, projectRoot: projectRoot ?? io.cwd });
  return usage ? EXIT_USAGE : EXIT_COMPILE_ERRORS;
}

export { EXIT_OK };
