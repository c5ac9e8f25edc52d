// sparkJob({ spark: {...}, args }) -> the IR's sparkJob form (a SparkApplication subset).
import type { ComponentInput, ComponentOutput, SparkJob } from "../../ir/index.js";
import type { FrontendContext } from "../context.js";
import type { Evaluator } from "../evaluate.js";
import { readArgs } from "../args.js";
import { nodeOfProperty, type StepValue } from "../values.js";
import { FieldReader } from "./fields.js";
import { dropUndefined } from "./drop-undefined.js";

const SPARK_KEYS = ["type", "mode", "sparkVersion", "mainApplicationFile", "mainClass", "pythonVersion", "driver", "executor", "dynamicAllocation", "sparkConf", "deps"] as const;
const POD_KEYS = ["cores", "coreLimit", "memory", "memoryOverhead"] as const;
const TYPES = ["Python", "Scala", "Java", "R"] as const;
/** JVM applications start at a class; Python and R at the file. */
const NEEDS_MAIN_CLASS: readonly string[] = ["Scala", "Java"];

export function readSparkJob(ctx: FrontendContext, ev: Evaluator, step: StepValue, inputs: ComponentInput[], outputs: ComponentOutput[]): SparkJob | undefined {
  const def = step.definition;
  const spark = FieldReader.of(ctx, def, "spark", step.node, "spark");
  if (!spark) return def.spark === undefined ? ctx.fail("scaleOutEntry", step.node, "a sparkJob needs `spark: { type, sparkVersion, mainApplicationFile, executor: { instances } }`") : undefined;
  spark.onlyKeys(SPARK_KEYS);
  const type = spark.oneOf("type", TYPES) ?? (spark.has("type") ? undefined : spark.missing("type", "badScaleOut", '`spark` needs `type`: "Python", "Scala", "Java" or "R"'));
  const sparkVersion = spark.string("sparkVersion") ?? (spark.has("sparkVersion") ? undefined : spark.missing("sparkVersion", "badScaleOut", '`spark` needs `sparkVersion`, e.g. "4.0.4" (the version in the image)'));
  const mainApplicationFile = spark.string("mainApplicationFile") ?? (spark.has("mainApplicationFile") ? undefined : spark.missing("mainApplicationFile", "scaleOutEntry", "`spark` needs `mainApplicationFile`, the application to run (e.g. local:///opt/app/job.py)"));
  const mainClass = spark.string("mainClass");
  if (type && NEEDS_MAIN_CLASS.includes(type) && mainClass === undefined && !spark.has("mainClass")) spark.missing("mainClass", "scaleOutEntry", `a ${type} Spark application needs \`mainClass\`, the class its main method is in`);
  const driver = readPod(ctx, spark, "driver", ["serviceAccount"]);
  const executor = readPod(ctx, spark, "executor", ["instances"]);
  if (!spark.has("executor")) spark.missing("executor", "scaleOutCount", "a Spark job needs executors: `executor: { instances: 1 }` or more");
  const args = def.args === undefined ? [] : readArgs(ctx, ev, def.args, "args", inputs, outputs, nodeOfProperty(def, "args", step.node));
  if (!type || !sparkVersion || !mainApplicationFile || !executor || executor.instances === undefined) return undefined;
  return dropUndefined({
    type,
    mode: spark.oneOf("mode", ["cluster", "client"] as const) ?? "cluster",
    sparkVersion,
    mainApplicationFile,
    mainClass,
    pythonVersion: spark.oneOf("pythonVersion", ["2", "3"] as const),
    arguments: args,
    driver: driver ?? {},
    executor: { ...executor, instances: executor.instances as number },
    dynamicAllocation: readDynamicAllocation(ctx, spark),
    sparkConf: spark.stringRecord("sparkConf"),
    deps: readDeps(ctx, spark),
  });
}

type Pod = { cores?: number; coreLimit?: string; memory?: string; memoryOverhead?: string; serviceAccount?: string; instances?: number };

function readPod(ctx: FrontendContext, spark: FieldReader, key: "driver" | "executor", extra: readonly string[]): Pod | undefined {
  const r = FieldReader.of(ctx, spark.obj, key, spark.node, `spark.${key}`);
  if (!r) return undefined;
  r.onlyKeys([...POD_KEYS, ...extra]);
  if (key === "executor" && !r.has("instances")) r.missing("instances", "scaleOutCount", "`spark.executor` needs `instances`, the number of executors (at least 1)");
  return dropUndefined({
    cores: r.integer("cores", 1),
    coreLimit: r.string("coreLimit"),
    memory: r.string("memory"),
    memoryOverhead: r.string("memoryOverhead"),
    ...(extra.includes("serviceAccount") ? { serviceAccount: r.string("serviceAccount") } : {}),
    ...(extra.includes("instances") ? { instances: r.integer("instances", 1) } : {}),
  });
}

function readDynamicAllocation(ctx: FrontendContext, spark: FieldReader): SparkJob["dynamicAllocation"] {
  const r = FieldReader.of(ctx, spark.obj, "dynamicAllocation", spark.node, "spark.dynamicAllocation");
  if (!r) return undefined;
  r.onlyKeys(["enabled", "initialExecutors", "minExecutors", "maxExecutors"]);
  const enabled = r.boolean("enabled") ?? (r.has("enabled") ? undefined : r.missing("enabled", "badScaleOut", "`spark.dynamicAllocation` needs `enabled: true` or `false`"));
  const out = dropUndefined({ enabled: enabled ?? false, initialExecutors: r.integer("initialExecutors", 0), minExecutors: r.integer("minExecutors", 0), maxExecutors: r.integer("maxExecutors", 1) });
  if (out.minExecutors !== undefined && out.maxExecutors !== undefined && out.minExecutors > out.maxExecutors)
    ctx.report("scaleOutCount", r.at("maxExecutors"), `\`spark.dynamicAllocation.maxExecutors\` (${out.maxExecutors}) is below \`minExecutors\` (${out.minExecutors})`);
  return out;
}

function readDeps(ctx: FrontendContext, spark: FieldReader): SparkJob["deps"] {
  const r = FieldReader.of(ctx, spark.obj, "deps", spark.node, "spark.deps");
  if (!r) return undefined;
  r.onlyKeys(["jars", "files", "pyFiles", "packages"]);
  return dropUndefined({ jars: r.strings("jars"), files: r.strings("files"), pyFiles: r.strings("pyFiles"), packages: r.strings("packages") });
}
