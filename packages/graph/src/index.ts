// @sluice/graph: the task DAG of a pipeline, read from the IR only (never the front end).
export { buildGraph, allClusters, type PipelineGraph, type GraphNode, type GraphEdge, type Cluster, type ClusterType, type EdgeKind } from "./model.js";
export { renderDot } from "./dot.js";
export { renderMermaid } from "./mermaid.js";
export { renderGraph, dotToSvg, svgToPng, pngZoom, GRAPH_FORMATS, type GraphFormat } from "./render.js";
